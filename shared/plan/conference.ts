// The Y.Doc of one case conference (room `<caseId>:overleg:<conferenceId>`): the agenda and the
// live minutes, co-edited at the table. What is decided (attendance, the timer, noted decisions,
// the close) is not here: those are server records, announced through the 'overleg' signal.
// The server creates the structure once, when the conference starts (initConference): two
// clients creating the same shared types at the same moment would each make their own.
// Anyone with edit rights can put anything into a Y.Doc, so every reader here is defensive.
import * as Y from 'yjs';
import { fragmentToText } from './doc';

/** A casusoverleg is planned for three quarters of an hour; the standard agenda fills exactly that. */
export const CONFERENCE_MINUTES = 45;

/**
 * The standard agenda of a casusoverleg, pre-filled at the start and editable by the table. Most
 * time goes to the vraagstukken (the reverse test) and the goals in the household's own words;
 * the situation is an update, not the story told again.
 */
export const STANDARD_AGENDA = [
  { title: 'Kennismaking en voorstelronde', minutes: 5 },
  { title: 'Situatie van het huishouden', minutes: 5 },
  { title: 'Vraagstukken en omgekeerde toets', minutes: 15 },
  { title: 'Doelen', minutes: 10 },
  { title: 'Afspraken: wie doet wat', minutes: 5 },
  { title: 'Rondvraag', minutes: 5 },
] as const;

export const MAX_AGENDA_ITEMS = 30;
/** Longest an agenda item can be planned for. (No zod here: the live room's code must not pull in the schemas.) */
export const MAX_ITEM_MINUTES = 180;
export const MAX_TITLE_LENGTH = 200;

export interface AgendaItem {
  id: string;
  title: string;
  /** Planned minutes (1..MAX_ITEM_MINUTES). */
  minutes: number;
}

const meta = (doc: Y.Doc) => doc.getMap<unknown>('overleg');
const agendaArray = (doc: Y.Doc) => doc.getArray<Y.Map<unknown>>('agenda');

/** The live minutes (notulen) as one rich-text fragment. */
export function minutesFragment(doc: Y.Doc): Y.XmlFragment {
  return doc.getXmlFragment('verslag');
}

/** Whether the server has made this conference's structure (also when the table since emptied the agenda). */
export function isInitialised(doc: Y.Doc): boolean {
  return meta(doc).get('aangemaakt') === true;
}

function itemMap(item: Omit<AgendaItem, 'id'>, id: string): Y.Map<unknown> {
  const m = new Y.Map<unknown>();
  m.set('id', id);
  m.set('titel', item.title);
  m.set('minuten', item.minutes);
  return m;
}

/** Creates the structure with the standard agenda. Run by the server only, once. */
export function initConference(doc: Y.Doc, newId: () => string = () => crypto.randomUUID()): void {
  if (isInitialised(doc)) return;
  doc.transact(() => {
    agendaArray(doc).push(STANDARD_AGENDA.map((a) => itemMap(a, newId())));
    minutesFragment(doc);
    meta(doc).set('aangemaakt', true);
  });
}

// ---------------------------------------------------------------- reading, defensively

const ID = /^[A-Za-z0-9-]{1,64}$/;

function clampMinutes(v: unknown): number {
  return typeof v === 'number' && Number.isFinite(v) ? Math.min(MAX_ITEM_MINUTES, Math.max(1, Math.round(v))) : 5;
}

export function readAgenda(doc: Y.Doc): AgendaItem[] {
  const seen = new Set<string>();
  const items: AgendaItem[] = [];
  for (const m of agendaArray(doc).toArray()) {
    if (!(m instanceof Y.Map)) continue;
    const id = m.get('id');
    if (typeof id !== 'string' || !ID.test(id) || seen.has(id)) continue;
    seen.add(id);
    const title = m.get('titel');
    items.push({ id, title: typeof title === 'string' ? title.slice(0, MAX_TITLE_LENGTH) : '', minutes: clampMinutes(m.get('minuten')) });
    if (items.length >= MAX_AGENDA_ITEMS) break;
  }
  return items;
}

export function readMinutesText(doc: Y.Doc): string {
  try {
    return fragmentToText(minutesFragment(doc));
  } catch {
    return '';
  }
}

/** The frozen text of a conference: agenda with planned minutes, then the minutes. */
export function conferenceToText(agenda: AgendaItem[], minutes: string): string {
  const out = ['# Agenda'];
  if (agenda.length === 0) out.push('(geen agendapunten)');
  agenda.forEach((a, i) => out.push(`${i + 1}. ${a.title || '(zonder titel)'} (${a.minutes} min.)`));
  out.push('', '# Verslag', minutes || '(leeg)');
  return out.join('\n');
}

/** Reads agenda and minutes out of a stored Y state (a closed conference's frozen copy). */
export function readFrozen(state: Uint8Array): { agenda: AgendaItem[]; minutes: string } {
  const doc = new Y.Doc();
  try {
    Y.applyUpdate(doc, state);
    return { agenda: readAgenda(doc), minutes: readMinutesText(doc) };
  } catch {
    return { agenda: [], minutes: '' };
  } finally {
    doc.destroy();
  }
}

// ---------------------------------------------------------------- editing (clients with edit rights)

function indexOf(doc: Y.Doc, id: string): number {
  return agendaArray(doc)
    .toArray()
    .findIndex((m) => m instanceof Y.Map && m.get('id') === id);
}

export function addAgendaItem(doc: Y.Doc, item: Omit<AgendaItem, 'id'>, id: string = crypto.randomUUID()): string {
  agendaArray(doc).push([itemMap({ title: item.title.slice(0, MAX_TITLE_LENGTH), minutes: clampMinutes(item.minutes) }, id)]);
  return id;
}

export function updateAgendaItem(doc: Y.Doc, id: string, patch: Partial<Omit<AgendaItem, 'id'>>): void {
  const m = agendaArray(doc).get(indexOf(doc, id));
  if (!(m instanceof Y.Map)) return;
  doc.transact(() => {
    if (patch.title !== undefined) m.set('titel', patch.title.slice(0, MAX_TITLE_LENGTH));
    if (patch.minutes !== undefined) m.set('minuten', clampMinutes(patch.minutes));
  });
}

export function removeAgendaItem(doc: Y.Doc, id: string): void {
  const i = indexOf(doc, id);
  if (i >= 0) agendaArray(doc).delete(i, 1);
}

/** Moves an item one place up (-1) or down (+1). A Y.Map cannot move, so it is re-made with the same id. */
export function moveAgendaItem(doc: Y.Doc, id: string, delta: -1 | 1): void {
  const arr = agendaArray(doc);
  const i = indexOf(doc, id);
  const to = i + delta;
  if (i < 0 || to < 0 || to >= arr.length) return;
  const item = readAgenda(doc).find((a) => a.id === id);
  if (!item) return;
  doc.transact(() => {
    arr.delete(i, 1);
    arr.insert(to, [itemMap(item, id)]);
  });
}
