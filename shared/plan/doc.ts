// The Y.Doc of a household plan: the one place that says where each part lives in the
// document. Client and server read and write it only through these accessors. Anyone with
// edit rights can put anything into a Y.Doc, so every reader here is defensive.
import * as Y from 'yjs';
import { isZrmScore, ZRM_DOMAINS, type ZrmDomain } from '../zrm';

export const PLAN_SECTIONS = [
  { key: 'beeldvorming', label: 'Beeldvorming', hint: 'De situatie van het huishouden: wat speelt er, op welke leefgebieden?' },
  { key: 'wens', label: 'Wat het huishouden wil', hint: 'In de eigen woorden van het huishouden.' },
  { key: 'afspraken', label: 'Afspraken', hint: 'Wie doet wat, wanneer?' },
  {
    key: 'eenvoudig',
    label: 'Voor het huishouden, in eenvoudige taal',
    hint: 'Het plan zoals het huishouden het leest: korte zinnen en gewone woorden (B1). Staat hier tekst, dan ziet het huishouden deze in plaats van de teksten hierboven.',
  },
] as const;
export type PlanSectionKey = (typeof PLAN_SECTIONS)[number]['key'];
/** The section written for the household in plain language; optional, so an empty one is left out of the version text. */
export const PLAIN_SECTION = 'eenvoudig' satisfies PlanSectionKey;
export type ProfessionalSectionKey = Exclude<PlanSectionKey, typeof PLAIN_SECTION>;
export const isProfessionalSection = <T extends { key: PlanSectionKey }>(s: T): s is T & { key: ProfessionalSectionKey } => s.key !== PLAIN_SECTION;

/** The internal room holds one text: notes for municipal staff only. */
export const INTERN_NOTES = { key: 'notities', label: 'Interne notities', hint: 'Alleen zichtbaar voor medewerkers van de gemeente, nooit voor externe partners of het huishouden.' } as const;

export function sectionFragment(doc: Y.Doc, key: PlanSectionKey | typeof INTERN_NOTES.key): Y.XmlFragment {
  return doc.getXmlFragment(`tekst.${key}`);
}

// ---------------------------------------------------------------- household composition

export interface HouseholdMember {
  id: string;
  voornaam: string;
  relatie: string;
  geboortejaar: number | null;
}

const householdArray = (doc: Y.Doc) => doc.getArray<Y.Map<unknown>>('huishouden');

const str = (v: unknown, max = 200) => (typeof v === 'string' ? v.slice(0, max) : '');
const yearOrNull = (v: unknown) => (typeof v === 'number' && Number.isInteger(v) && v >= 1900 && v <= 2100 ? v : null);

export function readHousehold(doc: Y.Doc): HouseholdMember[] {
  return householdArray(doc)
    .toArray()
    .filter((m): m is Y.Map<unknown> => m instanceof Y.Map)
    .map((m) => ({ id: str(m.get('id'), 64), voornaam: str(m.get('voornaam')), relatie: str(m.get('relatie')), geboortejaar: yearOrNull(m.get('geboortejaar')) }))
    .filter((m) => m.id);
}

export function addHouseholdMember(doc: Y.Doc, m: Omit<HouseholdMember, 'id'>, id = crypto.randomUUID()): string {
  const map = new Y.Map<unknown>();
  doc.transact(() => {
    map.set('id', id);
    map.set('voornaam', m.voornaam);
    map.set('relatie', m.relatie);
    map.set('geboortejaar', m.geboortejaar);
    householdArray(doc).push([map]);
  });
  return id;
}

function findIndex(arr: Y.Array<Y.Map<unknown>>, id: string): number {
  return arr.toArray().findIndex((m) => m instanceof Y.Map && m.get('id') === id);
}

export function updateHouseholdMember(doc: Y.Doc, id: string, patch: Partial<Omit<HouseholdMember, 'id'>>): void {
  const arr = householdArray(doc);
  const map = arr.get(findIndex(arr, id));
  if (!(map instanceof Y.Map)) return;
  doc.transact(() => {
    for (const [k, v] of Object.entries(patch)) map.set(k, v);
  });
}

export function removeHouseholdMember(doc: Y.Doc, id: string): void {
  const arr = householdArray(doc);
  const i = findIndex(arr, id);
  if (i >= 0) arr.delete(i, 1);
}

// ---------------------------------------------------------------- ZRM scores over time

export interface ZrmMeting {
  id: string;
  /** YYYY-MM-DD */
  datum: string;
  scores: Partial<Record<ZrmDomain, 1 | 2 | 3 | 4 | 5>>;
}

const zrmArray = (doc: Y.Doc) => doc.getArray<Y.Map<unknown>>('zrm');
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** All measurements, oldest first; the last one is the current picture. */
export function readZrm(doc: Y.Doc): ZrmMeting[] {
  return zrmArray(doc)
    .toArray()
    .filter((m): m is Y.Map<unknown> => m instanceof Y.Map)
    .map((m) => {
      const raw = m.get('scores');
      const scores: ZrmMeting['scores'] = {};
      if (raw instanceof Y.Map) {
        for (const d of ZRM_DOMAINS) {
          const v = raw.get(d.key);
          if (isZrmScore(v)) scores[d.key] = v;
        }
      }
      const datum = str(m.get('datum'), 10);
      return { id: str(m.get('id'), 64), datum: DATE.test(datum) ? datum : '', scores };
    })
    .filter((m) => m.id && m.datum)
    .sort((a, b) => a.datum.localeCompare(b.datum));
}

/** Starts a new dated measurement, copying the latest scores so only changes need entering. */
export function addZrmMeting(doc: Y.Doc, datum: string, id = crypto.randomUUID()): string {
  const previous = readZrm(doc).at(-1);
  doc.transact(() => {
    const map = new Y.Map<unknown>();
    const scores = new Y.Map<unknown>();
    for (const [k, v] of Object.entries(previous?.scores ?? {})) scores.set(k, v);
    map.set('id', id);
    map.set('datum', datum);
    map.set('scores', scores);
    zrmArray(doc).push([map]);
  });
  return id;
}

export function setZrmScore(doc: Y.Doc, metingId: string, domain: ZrmDomain, score: 1 | 2 | 3 | 4 | 5 | null): void {
  const arr = zrmArray(doc);
  const map = arr.get(findIndex(arr, metingId));
  const scores = map instanceof Y.Map ? map.get('scores') : undefined;
  if (!(scores instanceof Y.Map)) return;
  if (score === null) scores.delete(domain);
  else scores.set(domain, score);
}

// ---------------------------------------------------------------- reading the whole plan

type XmlNode = Y.XmlElement | Y.XmlText;
const isXmlNode = (n: unknown): n is XmlNode => n instanceof Y.XmlElement || n instanceof Y.XmlText;
/** Children that are rich-text nodes; anything else a client put there is skipped. */
const xmlChildren = (n: Y.XmlElement | Y.XmlFragment): XmlNode[] => n.toArray().filter(isXmlNode);

/**
 * Plain text of a rich-text fragment: one line per block, list items prefixed. Written for
 * documents that any editor (or a misbehaving client) may have shaped in unexpected ways.
 */
export function fragmentToText(fragment: Y.XmlFragment | Y.XmlElement): string {
  const lines: string[] = [];
  const inline = (node: XmlNode): string => {
    if (node instanceof Y.XmlText) {
      return node
        .toDelta()
        .map((d: { insert?: unknown }) => (typeof d.insert === 'string' ? d.insert : ''))
        .join('');
    }
    if (node.nodeName === 'hardBreak') return '\n';
    return xmlChildren(node).map(inline).join('');
  };
  const block = (node: XmlNode, prefix: string) => {
    if (node instanceof Y.XmlText) {
      lines.push(prefix + inline(node));
      return;
    }
    switch (node.nodeName) {
      case 'bulletList':
      case 'orderedList':
        xmlChildren(node).forEach((item, i) => {
          const marker = prefix + (node.nodeName === 'bulletList' ? '• ' : `${i + 1}. `);
          if (item instanceof Y.XmlText) return block(item, marker);
          xmlChildren(item).forEach((child, j) => block(child, j === 0 ? marker : `${prefix}   `));
        });
        return;
      case 'blockquote':
        xmlChildren(node).forEach((c) => block(c, `${prefix}> `));
        return;
      case 'heading':
        lines.push(`${prefix}## ${inline(node)}`);
        return;
      default:
        lines.push(prefix + inline(node));
    }
  };
  xmlChildren(fragment).forEach((c) => block(c, ''));
  return lines.join('\n').replace(/\n{3,}/g, '\n\n').trim();
}

export interface PlanContent {
  sections: { key: PlanSectionKey; label: string; text: string }[];
  household: HouseholdMember[];
  zrm: ZrmMeting[];
}

/** A section's text; a root that a client filled with some other kind of Yjs type reads as empty. */
function sectionText(doc: Y.Doc, key: PlanSectionKey): string {
  try {
    return fragmentToText(sectionFragment(doc, key));
  } catch {
    return '';
  }
}

export function readPlan(doc: Y.Doc): PlanContent {
  return {
    sections: PLAN_SECTIONS.map((s) => ({ key: s.key, label: s.label, text: sectionText(doc, s.key) })),
    household: readHousehold(doc),
    zrm: readZrm(doc),
  };
}

/** A readable text rendering of a plan, used for versions and their diffs. */
export function planToText(plan: PlanContent): string {
  const out: string[] = [];
  for (const s of plan.sections) {
    // Versions adopted before the plain-language section existed must not look changed.
    if (s.key === PLAIN_SECTION && !s.text) continue;
    out.push(`# ${s.label}`, s.text || '(leeg)', '');
  }
  out.push('# Samenstelling huishouden');
  if (plan.household.length === 0) out.push('(niemand vastgelegd)');
  for (const m of plan.household) out.push(`• ${m.voornaam || '(naam onbekend)'}, ${m.relatie || 'relatie onbekend'}${m.geboortejaar ? `, geboren ${m.geboortejaar}` : ''}`);
  out.push('', '# Zelfredzaamheid (ZRM)');
  const latest = plan.zrm.at(-1);
  if (!latest) out.push('(nog geen meting)');
  else {
    out.push(`Meting van ${latest.datum}:`);
    for (const d of ZRM_DOMAINS) out.push(`• ${d.label}: ${latest.scores[d.key] ?? '–'}`);
  }
  return out.join('\n');
}
