// The Y.Doc of an intervision session (room `intervisie:<sessionId>`): three reflection notes
// that the participants co-edit, and a working copy of the pseudonymised plan texts that they
// may annotate. The server builds the whole structure when the session is made (from the
// pseudonymised copy only, as fresh Yjs content: nothing of the case's own document, whose
// update history carries its authors' client ids, is ever copied in).
import * as Y from 'yjs';
import { PLAN_SECTIONS, type PlanSectionKey, fragmentToText } from './doc';

export const REFLECTION_PARTS = [
  { key: 'wat_hielp', label: 'Wat hielp', hint: 'Wat werkte in deze casus, en waarom? Denk aan de aanpak, de samenwerking en de ruimte in de regels.' },
  { key: 'wat_hinderde', label: 'Wat hinderde', hint: 'Waar liep het vast: regels die botsten, overdrachten, wachttijden, verwachtingen?' },
  { key: 'lessen', label: 'Lessen', hint: 'Wat nemen we mee naar andere casussen? Een les kan als succesverhaal of les worden gedeeld in de bibliotheek.' },
] as const;
export type ReflectionKey = (typeof REFLECTION_PARTS)[number]['key'];

export function reflectionFragment(doc: Y.Doc, key: ReflectionKey): Y.XmlFragment {
  return doc.getXmlFragment(`reflectie.${key}`);
}

/** The working copy of a plan text: starts as the pseudonymised text, participants may annotate it. */
export function copyFragment(doc: Y.Doc, key: PlanSectionKey): Y.XmlFragment {
  return doc.getXmlFragment(`kopie.${key}`);
}

const meta = (doc: Y.Doc) => doc.getMap<unknown>('intervisie');

export function isIntervisionDocReady(doc: Y.Doc): boolean {
  return meta(doc).get('versie') === 1;
}

function paragraphs(text: string): Y.XmlElement[] {
  const lines = text.split('\n');
  return (lines.length > 0 ? lines : ['']).map((line) => {
    const p = new Y.XmlElement('paragraph');
    if (line) p.insert(0, [new Y.XmlText(line)]);
    return p;
  });
}

/** Builds the session's document. Run by the server only, once, in one transaction. */
export function initIntervisionDoc(doc: Y.Doc, copyTexts: Partial<Record<PlanSectionKey, string>>): void {
  if (isIntervisionDocReady(doc)) return;
  doc.transact(() => {
    for (const s of PLAN_SECTIONS) {
      const text = copyTexts[s.key];
      if (text) copyFragment(doc, s.key).insert(0, paragraphs(text));
    }
    for (const r of REFLECTION_PARTS) reflectionFragment(doc, r.key).insert(0, [new Y.XmlElement('paragraph')]);
    meta(doc).set('versie', 1);
  });
}

/** Every text of the session as plain text (reflection notes and the working copy). */
export function readIntervisionDoc(doc: Y.Doc): { reflection: Record<ReflectionKey, string>; copy: Record<PlanSectionKey, string> } {
  const safe = (f: Y.XmlFragment) => {
    try {
      return fragmentToText(f);
    } catch {
      return '';
    }
  };
  return {
    reflection: Object.fromEntries(REFLECTION_PARTS.map((r) => [r.key, safe(reflectionFragment(doc, r.key))])) as Record<ReflectionKey, string>,
    copy: Object.fromEntries(PLAN_SECTIONS.map((s) => [s.key, safe(copyFragment(doc, s.key))])) as Record<PlanSectionKey, string>,
  };
}
