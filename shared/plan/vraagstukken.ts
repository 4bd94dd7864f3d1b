// The reverse test (omgekeerde toets) drafts in the plan's Y.Doc: one Y.Map per vraagstuk,
// co-edited live so the whole table sees the same step. What is *decided* (signed verdicts,
// conclusions) is not here: those are server records. The server creates each vraagstuk's
// full structure at once (initVraagstuk), because two clients creating the same nested type
// at the same moment would each make their own and one would be lost.
import * as Y from 'yjs';
import { LAW_KEYS, type LawKey } from '../laws';
import { ZRM_DOMAINS, type ZrmDomain } from '../zrm';
import { fragmentToText } from './doc';
import { isVerdict, TOETS_STEPS, TOETS_TEXTS, type ToetsStep, type ToetsText, type Verdict } from '../vraagstukken';

const root = (doc: Y.Doc) => doc.getMap<unknown>('vraagstukken');

function vraagstukMap(doc: Y.Doc, id: string): Y.Map<unknown> | null {
  const m = root(doc).get(id);
  return m instanceof Y.Map ? m : null;
}

/** Creates the whole structure of a new vraagstuk. Run by the server only. */
export function initVraagstuk(doc: Y.Doc, id: string, laws: readonly LawKey[]): void {
  doc.transact(() => {
    const m = new Y.Map<unknown>();
    root(doc).set(id, m);
    m.set('stap', 1);
    const wetten = new Y.Array<string>();
    m.set('wetten', wetten);
    wetten.push([...laws]);
    m.set('leefgebieden', new Y.Array<string>());
    m.set('artikelen', new Y.Array<string>());
    for (const t of TOETS_TEXTS) m.set(`tekst.${t}`, new Y.XmlFragment());
    const oordelen = new Y.Map<unknown>();
    m.set('oordelen', oordelen);
    for (const law of LAW_KEYS) {
      const o = new Y.Map<unknown>();
      oordelen.set(law, o);
      o.set('oordeel', '');
      o.set('motivering', new Y.XmlFragment());
    }
  });
}

export function hasVraagstuk(doc: Y.Doc, id: string): boolean {
  return vraagstukMap(doc, id) !== null;
}

// ---------------------------------------------------------------- typed access for editors

export function textFragment(doc: Y.Doc, id: string, key: ToetsText): Y.XmlFragment | null {
  const f = vraagstukMap(doc, id)?.get(`tekst.${key}`);
  return f instanceof Y.XmlFragment ? f : null;
}

function oordeelMap(doc: Y.Doc, id: string, law: LawKey): Y.Map<unknown> | null {
  const o = vraagstukMap(doc, id)?.get('oordelen');
  const m = o instanceof Y.Map ? o.get(law) : null;
  return m instanceof Y.Map ? m : null;
}

export function reasoningFragment(doc: Y.Doc, id: string, law: LawKey): Y.XmlFragment | null {
  const f = oordeelMap(doc, id, law)?.get('motivering');
  return f instanceof Y.XmlFragment ? f : null;
}

export function setVerdictDraft(doc: Y.Doc, id: string, law: LawKey, verdict: Verdict | ''): void {
  oordeelMap(doc, id, law)?.set('oordeel', verdict);
}

export function setStep(doc: Y.Doc, id: string, step: ToetsStep): void {
  vraagstukMap(doc, id)?.set('stap', step);
}

function stringArray(doc: Y.Doc, id: string, key: 'wetten' | 'leefgebieden' | 'artikelen'): Y.Array<unknown> | null {
  const a = vraagstukMap(doc, id)?.get(key);
  return a instanceof Y.Array ? a : null;
}

/** Adds or removes one entry of a set kept as a Y.Array (laws in scope, life domains, cited articles). */
export function toggleEntry(doc: Y.Doc, id: string, key: 'wetten' | 'leefgebieden' | 'artikelen', value: string, on: boolean): void {
  const arr = stringArray(doc, id, key);
  if (!arr) return;
  doc.transact(() => {
    // Delete every copy (two people may have added the same law at once), then add one back.
    const items = arr.toArray();
    for (let i = items.length - 1; i >= 0; i--) if (items[i] === value) arr.delete(i, 1);
    if (on) arr.push([value]);
  });
}

// ---------------------------------------------------------------- reading, defensively

export interface VerdictDraft {
  verdict: Verdict | '';
  reasoning: string;
}

export interface VraagstukDraft {
  step: ToetsStep;
  laws: LawKey[];
  lifeDomains: ZrmDomain[];
  citations: string[];
  texts: Record<ToetsText, string>;
  verdicts: Record<LawKey, VerdictDraft>;
}

const isLaw = (v: unknown): v is LawKey => (LAW_KEYS as readonly unknown[]).includes(v);
const isDomain = (v: unknown): v is ZrmDomain => ZRM_DOMAINS.some((d) => d.key === v);
const unique = <T>(xs: T[]) => [...new Set(xs)];

function safeText(f: Y.XmlFragment | null): string {
  if (!f) return '';
  try {
    return fragmentToText(f);
  } catch {
    return '';
  }
}

export function readVraagstukDraft(doc: Y.Doc, id: string): VraagstukDraft | null {
  const m = vraagstukMap(doc, id);
  if (!m) return null;
  const stap = m.get('stap');
  const list = (key: 'wetten' | 'leefgebieden' | 'artikelen') => stringArray(doc, id, key)?.toArray() ?? [];
  return {
    step: (typeof stap === 'number' && TOETS_STEPS.some((s) => s.n === stap) ? stap : 1) as ToetsStep,
    // Catalogue order, so everyone sees the laws in the same order whoever added them.
    laws: LAW_KEYS.filter((k) => list('wetten').filter(isLaw).includes(k)),
    lifeDomains: unique(list('leefgebieden').filter(isDomain)),
    citations: unique(list('artikelen').filter((v): v is string => typeof v === 'string' && v.length > 0 && v.length <= 200)),
    texts: Object.fromEntries(TOETS_TEXTS.map((t) => [t, safeText(textFragment(doc, id, t))])) as Record<ToetsText, string>,
    verdicts: Object.fromEntries(
      LAW_KEYS.map((law) => {
        const v = oordeelMap(doc, id, law)?.get('oordeel');
        return [law, { verdict: isVerdict(v) ? v : '', reasoning: safeText(reasoningFragment(doc, id, law)) }];
      }),
    ) as Record<LawKey, VerdictDraft>,
  };
}

// ---------------------------------------------------------------- signatures against drafts

/** What a signature holds a copy of; compared with the live draft on both sides. */
export interface SignedCopy {
  verdict: string;
  reasoning: string;
  solution: string;
}

/** Whitespace differences (an editor adding an empty line) do not count as a change. */
const norm = (s: string) => s.replace(/\s+/g, ' ').trim();

/** What changed in the draft since it was signed; empty when the signature is still current. */
export function changesSinceSigning(signed: SignedCopy, draft: VraagstukDraft, law: LawKey): ('oordeel' | 'motivering' | 'oplossing')[] {
  const d = draft.verdicts[law];
  const out: ('oordeel' | 'motivering' | 'oplossing')[] = [];
  if (signed.verdict !== d.verdict) out.push('oordeel');
  if (norm(signed.reasoning) !== norm(d.reasoning)) out.push('motivering');
  if (norm(signed.solution) !== norm(draft.texts.oplossing)) out.push('oplossing');
  return out;
}
