// Intervision sessions: a pseudonymised copy of a case for reflection among colleagues, its
// review and release, the participants, closing, and publishing a lesson or success story to the
// library (after its own review). The session's own permission scope (canInIntervision) decides
// everything after creation; the source case is only consulted to make the copy, and only the
// audit trail remembers which it was.
//
// The release gate: until the begeleider has resolved every flag of the review and released the
// copy, no participant sees anything of the session (409 on every route, not listed, the room
// refused) and the begeleider can do nothing with it but review, release and add participants.
import type { z } from 'zod';
import type { Db } from '../../db/client';
import {
  addParticipant as insertParticipant,
  closeSession as markClosed,
  deleteStoryDraft,
  findParticipantRole,
  findSession,
  findStoryDraft,
  insertSession,
  insertStory,
  insertStoryDraft,
  type IntervisionRole,
  type IntervisionSessionRow,
  listParticipants,
  listSessionsOfUser,
  listStories,
  listStoryDraftsOf,
  releaseSession as markReleased,
  searchCandidates,
  type StoryDraftRow,
  type SuccessStoryRow,
  updateReview,
  updateStoryDraft,
} from '../../db/queries/intervision';
import { findUserById, type UserRow } from '../../db/queries/users';
import { LAW_KEYS, type LawKey } from '../../shared/laws';
import { can, canInIntervision, type IntervisionAction } from '../../shared/permissions';
import { initIntervisionDoc, isIntervisionDocReady } from '../../shared/plan/intervision';
import { intervisionRoomName } from '../../shared/plan/rooms';
import { FUNCTIES } from '../../shared/roles';
import {
  type AddIntervisionParticipantRequest,
  type CreateIntervisionRequest,
  IntervisionCopy,
  type IntervisionCandidate,
  type IntervisionSession,
  type IntervisionSummary,
  type PublishStoryRequest,
  type ResolveMarksRequest,
  Review,
  type StoryDraft,
  type SuccessStory,
} from '../../shared/schemas';
import { authorizeCase } from '../cases/gate';
import type { Actor, Services } from '../context';
import { commit } from '../domain/commit';
import { todayNl } from '../dates';
import { ApiError, Errors } from '../http/errors';
import { KnownIndex, type KnownIndexJson, prepareCopy, renderedFields, resolveMarks, type ResolveProblem, setPath, storyContext } from '../pseudonymise';
import { dayNumber } from '../pseudonymise/dates';
import { ReviewBuilder } from '../pseudonymise/review';
import { collectSnapshot } from './snapshot';

const notFound = () => new ApiError(404, 'SESSIE_NIET_GEVONDEN', 'Deze intervisiesessie bestaat niet of u neemt er niet aan deel.');
const notReleased = () => Errors.conflict('NIET_VRIJGEGEVEN', 'De begeleider heeft de gepseudonimiseerde kopie van deze sessie nog niet vrijgegeven.');

const FORBIDDEN: Record<IntervisionAction, string> = {
  'intervision.read': 'U neemt niet deel aan deze intervisiesessie.',
  'intervision.write': 'U kunt in deze intervisiesessie niet schrijven.',
  'intervision.participants.manage': 'Alleen de begeleider van de sessie kan deelnemers toevoegen.',
  'intervision.close': 'Alleen de begeleider van de sessie kan de sessie afsluiten.',
  'intervision.publish': 'Alleen deelnemers aan de sessie kunnen een les of succesverhaal publiceren.',
  'intervision.review': 'Alleen de begeleider die de kopie maakte, beoordeelt en geeft haar vrij.',
};

/** What a session allows before its release: the begeleider reviews, releases and invites; nothing else. */
const BEFORE_RELEASE: ReadonlySet<IntervisionAction> = new Set(['intervision.read', 'intervision.review', 'intervision.participants.manage']);

interface SessionAccess {
  session: IntervisionSessionRow;
  role: IntervisionRole;
}

/**
 * The gate in front of every session route: outsiders (also members of the source case, whom
 * the session does not know) get 404; a deelnemer gets 409 until the release; participants get
 * 403 for what their role does not allow, and 409 for what only an open (or released) session allows.
 */
async function authorizeSession(db: Db, sessionId: string, user: UserRow, action: IntervisionAction): Promise<SessionAccess> {
  const session = await findSession(db, sessionId);
  const role = session ? await findParticipantRole(db, session.id, user.id) : null;
  if (!session || !role || !canInIntervision(user.functie, role, true, 'intervision.read')) throw notFound();
  const released = session.releasedAt !== null;
  if (!released && role !== 'begeleider') throw notReleased();
  const open = session.closedAt === null;
  if (canInIntervision(user.functie, role, open, action)) {
    if (!released && !BEFORE_RELEASE.has(action)) throw notReleased();
    if (released && action === 'intervision.review') throw Errors.conflict('AL_VRIJGEGEVEN', 'Deze kopie is al vrijgegeven; de beoordeling is afgerond.');
    return { session, role };
  }
  if (!open && canInIntervision(user.functie, role, true, action)) throw Errors.conflict('SESSIE_GESLOTEN', 'Deze intervisiesessie is afgesloten.');
  throw Errors.forbidden(FORBIDDEN[action]);
}

function requireGlobal(user: UserRow, action: 'intervision.join' | 'successstories.read'): void {
  if (!can(user.functie, action)) {
    throw Errors.forbidden(action === 'intervision.join' ? 'Intervisie is alleen voor medewerkers van de gemeente.' : 'De bibliotheek met succesverhalen is alleen voor medewerkers van de gemeente.');
  }
}

// ---------------------------------------------------------------- views

function parseCopy(row: IntervisionSessionRow): IntervisionCopy {
  return IntervisionCopy.parse(upgradeCopy(JSON.parse(row.content)));
}

type Loose = Record<string, unknown> & { [k: string]: any };
/**
 * Copies made before day numbers held shifted calendar dates. They become day numbers counted
 * from the copy's earliest date (its real start is not known to the session, by design).
 */
function upgradeCopy(raw: Loose): Loose {
  if (!Array.isArray(raw.zrm) || !raw.zrm.some((z: Loose) => 'date' in z) && !(raw.goals ?? []).some((g: Loose) => 'dueDate' in g) && !(raw.deviations ?? []).some((d: Loose) => 'startDate' in d)) return raw;
  const all: string[] = [];
  const collect = (v: unknown) => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}/.test(v) && all.push(v.slice(0, 10));
  raw.zrm.forEach((z: Loose) => collect(z.date));
  for (const g of raw.goals ?? []) (collect(g.dueDate), (g.actions ?? []).forEach((a: Loose) => collect(a.dueDate)));
  for (const v of raw.vraagstukken ?? []) for (const c of v.conclusions ?? []) (collect(c.date), collect(c.reviewDate));
  for (const d of raw.deviations ?? []) (collect(d.startDate), collect(d.endDate), collect(d.reviewDate));
  const anchor = all.sort()[0] ?? '2000-01-01';
  const day = (v: unknown) => (typeof v === 'string' ? dayNumber(v, anchor) : null);
  return {
    ...raw,
    zrm: raw.zrm.map(({ date, ...z }: Loose) => ({ ...z, day: day(date) ?? 0 })),
    goals: (raw.goals ?? []).map(({ dueDate, actions, ...g }: Loose) => ({ ...g, dueDay: day(dueDate), actions: (actions ?? []).map(({ dueDate: due, ...a }: Loose) => ({ ...a, dueDay: day(due) })) })),
    vraagstukken: (raw.vraagstukken ?? []).map((v: Loose) => ({ ...v, conclusions: (v.conclusions ?? []).map(({ date, reviewDate, ...c }: Loose) => ({ ...c, day: day(date) ?? 0, reviewDay: day(reviewDate) })) })),
    deviations: (raw.deviations ?? []).map(({ startDate, endDate, reviewDate, ...d }: Loose) => ({ ...d, startDay: day(startDate) ?? 0, endDay: day(endDate) ?? 0, reviewDay: day(reviewDate) ?? 0 })),
  };
}

function parseReview(json: string | null): Review | null {
  return json ? Review.parse(JSON.parse(json)) : null;
}

function knownOf(row: IntervisionSessionRow): KnownIndex | undefined {
  return row.known ? KnownIndex.fromJson(JSON.parse(row.known) as KnownIndexJson) : undefined;
}

async function sessionView(db: Db, row: IntervisionSessionRow, user: UserRow, role: IntervisionRole): Promise<IntervisionSession> {
  const open = row.closedAt === null;
  const released = row.releasedAt !== null;
  const may = (a: IntervisionAction) => canInIntervision(user.functie, role, open, a) && (released ? a !== 'intervision.review' : BEFORE_RELEASE.has(a));
  return {
    id: row.id,
    title: row.title,
    createdAt: row.createdAt,
    releasedAt: row.releasedAt,
    closedAt: row.closedAt,
    room: intervisionRoomName(row.id),
    participants: (await listParticipants(db, row.id)).map((p) => ({ id: p.id, name: p.name, functie: p.functie, role: p.role })),
    me: {
      role,
      can: { write: may('intervision.write'), manageParticipants: may('intervision.participants.manage'), close: may('intervision.close'), publish: may('intervision.publish'), review: may('intervision.review') },
    },
    copy: parseCopy(row),
    review: !released && role === 'begeleider' ? parseReview(row.review) : null,
  };
}

/** A text that still says something once the markers of removed data ("[telefoon]") are left out. */
const meaningful = (s: string) => /\p{L}{2,}/u.test(s.replace(/\[[\p{L}: -]+\]/gu, ''));

function storyView(s: SuccessStoryRow): SuccessStory {
  const laws = (JSON.parse(s.laws) as unknown[]).filter((l): l is LawKey => (LAW_KEYS as readonly unknown[]).includes(l));
  return { id: s.id, kind: s.kind, source: s.source, title: s.title, body: s.body, laws, breakthroughType: s.breakthroughType, publishedAt: s.publishedAt };
}

function draftView(d: StoryDraftRow): StoryDraft {
  const review = Review.parse(JSON.parse(d.review));
  const texts = renderedFields(review);
  const laws = (JSON.parse(d.laws) as unknown[]).filter((l): l is LawKey => (LAW_KEYS as readonly unknown[]).includes(l));
  return { id: d.id, kind: d.kind, title: texts.get('title') ?? '', body: texts.get('body') ?? '', laws, breakthroughType: d.breakthroughType, createdAt: d.createdAt, review };
}

/**
 * The session's document gets its structure at the release, from the reviewed copy. Should the
 * server have stopped between the release and building its document, the next read builds it.
 */
async function ensureDoc(services: Services, row: IntervisionSessionRow): Promise<void> {
  if (!services.collab || row.releasedAt === null) return;
  await services.collab.rooms.withDoc(intervisionRoomName(row.id), async (room) => {
    if (isIntervisionDocReady(room.doc)) return;
    const copy = parseCopy(row);
    await room.changeAs(row.createdBy, (doc) => initIntervisionDoc(doc, Object.fromEntries(copy.sections.map((s) => [s.key, s.text]))));
  });
}

const PROBLEMS: Record<ResolveProblem['code'], (p: ResolveProblem) => ApiError> = {
  ONBEKENDE_MARKERING: (p) => Errors.unprocessable('ONBEKENDE_MARKERING', `Markering ${p.markId} bestaat niet in deze beoordeling.`),
  ORIGINEEL_ONBEKEND: () => Errors.unprocessable('ORIGINEEL_ONBEKEND', 'Een vervanging kan niet worden teruggedraaid: het origineel is niet bewaard. Kies een andere tekst of laat de vervanging staan.'),
  TEKST_ONTBREEKT: () => Errors.unprocessable('TEKST_ONTBREEKT', 'Vul de nieuwe tekst in.'),
  BEWERKING_HERKENBAAR: (p) =>
    Errors.unprocessable('BEWERKING_HERKENBAAR', `De nieuwe tekst bevat nog iets dat iemand herkenbaar kan maken (${'found' in p ? `„${p.found}”` : 'onbekend'}). Kies een andere tekst of een plaatsvervanger.`),
};

// ---------------------------------------------------------------- commands

export async function createSession(services: Services, actor: Actor, caseId: string, input: z.output<typeof CreateIntervisionRequest>): Promise<IntervisionSession> {
  const { db } = services;
  await authorizeCase(db, actor, caseId, 'intervision.create');
  requireGlobal(actor.user, 'intervision.join');
  if (!services.collab) throw Errors.internal();
  const snapshot = await collectSnapshot(services, actor, caseId);
  const prepared = prepareCopy(snapshot, input.title, { today: todayNl() });
  const copy = IntervisionCopy.parse(prepared.copy);
  const row = await commit(services, actor, async ({ tx, audit }) => {
    const r = await insertSession(tx, { title: prepared.title, content: JSON.stringify(copy), review: JSON.stringify(prepared.review), known: JSON.stringify(prepared.known.toJson()), createdBy: actor.user.id });
    // The one place where the session and its source case meet: the audit trail, read only inside the municipality.
    await audit({ action: 'intervision.created', caseId, detail: { sessionId: r.id, marks: prepared.review.marks.length, open: prepared.review.open } });
    return r;
  });
  return await sessionView(db, row, actor.user, 'begeleider');
}

export async function resolveSessionMarks(services: Services, actor: Actor, sessionId: string, input: z.output<typeof ResolveMarksRequest>): Promise<IntervisionSession> {
  const { db } = services;
  const { session, role } = await authorizeSession(db, sessionId, actor.user, 'intervision.review');
  const review = parseReview(session.review);
  if (!review) throw Errors.conflict('AL_VRIJGEGEVEN', 'Deze kopie is al vrijgegeven; de beoordeling is afgerond.');
  const result = resolveMarks(review, input.resolutions, storyContext(knownOf(session)));
  if ('problem' in result) throw PROBLEMS[result.problem.code](result.problem);
  const copy = parseCopy(session);
  let title = session.title;
  for (const [path, text] of renderedFields(result.review)) {
    if (path === 'title') title = text.trim() || title;
    else setPath(copy, path, text);
  }
  await commit(services, actor, async ({ tx, audit }) => {
    await updateReview(tx, sessionId, { title, content: JSON.stringify(IntervisionCopy.parse(copy)), review: JSON.stringify(result.review) });
    await audit({ action: 'intervision.review_resolved', detail: { sessionId, resolved: input.resolutions.map((r) => [r.markId, r.resolution]), open: result.review.open } });
  });
  return await sessionView(db, (await findSession(db, sessionId))!, actor.user, role);
}

export async function releaseSession(services: Services, actor: Actor, sessionId: string): Promise<IntervisionSession> {
  const { db } = services;
  const { session, role } = await authorizeSession(db, sessionId, actor.user, 'intervision.review');
  const review = parseReview(session.review);
  const open = review?.open ?? 0;
  if (open > 0) {
    throw Errors.conflict('OPEN_MARKERINGEN', open === 1 ? 'Er is nog 1 markering die u moet beoordelen voordat u de kopie vrijgeeft.' : `Er zijn nog ${open} markeringen die u moet beoordelen voordat u de kopie vrijgeeft.`);
  }
  await commit(services, actor, async ({ tx, audit }) => {
    await markReleased(tx, sessionId, { title: session.title, content: session.content, releasedBy: actor.user.id });
    await audit({ action: 'intervision.released', detail: { sessionId, marks: review?.marks.length ?? 0 } });
  });
  const row = (await findSession(db, sessionId))!;
  await ensureDoc(services, row);
  return await sessionView(db, row, actor.user, role);
}

export async function listMySessions(services: Services, actor: Actor): Promise<IntervisionSummary[]> {
  requireGlobal(actor.user, 'intervision.join');
  return (await listSessionsOfUser(services.db, actor.user.id)).map((s) => ({
    id: s.session.id,
    title: s.session.title,
    createdAt: s.session.createdAt,
    releasedAt: s.session.releasedAt,
    closedAt: s.session.closedAt,
    myRole: s.myRole,
    participants: s.participants,
  }));
}

export async function getSession(services: Services, actor: Actor, sessionId: string): Promise<IntervisionSession> {
  const { session, role } = await authorizeSession(services.db, sessionId, actor.user, 'intervision.read');
  await ensureDoc(services, session);
  return await sessionView(services.db, session, actor.user, role);
}

export async function findCandidates(services: Services, actor: Actor, sessionId: string, query: string): Promise<IntervisionCandidate[]> {
  await authorizeSession(services.db, sessionId, actor.user, 'intervision.participants.manage');
  const functies = FUNCTIES.filter((f) => can(f, 'intervision.join'));
  return await searchCandidates(services.db, sessionId, functies, query.trim());
}

export async function addParticipant(services: Services, actor: Actor, sessionId: string, input: z.output<typeof AddIntervisionParticipantRequest>): Promise<IntervisionSession> {
  const { db } = services;
  const { session, role } = await authorizeSession(db, sessionId, actor.user, 'intervision.participants.manage');
  const target = await findUserById(db, input.userId);
  if (!target || !target.active) throw Errors.unprocessable('ONBEKENDE_GEBRUIKER', 'Deze collega bestaat niet of heeft geen actief account.');
  if (!can(target.functie, 'intervision.join')) throw Errors.unprocessable('GEEN_INTERVISIE', 'Alleen medewerkers van de gemeente kunnen aan intervisie deelnemen.');
  if (await findParticipantRole(db, sessionId, target.id)) throw Errors.conflict('AL_DEELNEMER', `${target.name} neemt al deel aan deze sessie.`);
  await commit(services, actor, async ({ tx, audit }) => {
    await insertParticipant(tx, { sessionId, userId: target.id, addedBy: actor.user.id });
    await audit({ action: 'intervision.participant_added', detail: { sessionId, userId: target.id } });
  });
  return await sessionView(db, session, actor.user, role);
}

export async function closeSession(services: Services, actor: Actor, sessionId: string): Promise<IntervisionSession> {
  const { db } = services;
  const { role } = await authorizeSession(db, sessionId, actor.user, 'intervision.close');
  await commit(services, actor, async ({ tx, audit, emit }) => {
    await markClosed(tx, sessionId);
    await audit({ action: 'intervision.closed', detail: { sessionId } });
    // Everyone in the room reconnects read-only.
    emit({ type: 'intervision.changed', sessionId });
  });
  return await sessionView(db, (await findSession(db, sessionId))!, actor.user, role);
}

// ---------------------------------------------------------------- the library, with its own review

/**
 * A lesson or story for the library starts as a draft under review: scrubbed with the session's
 * known names (so a household member's first name typed from memory goes too), every
 * replacement marked and every remaining suspicious token flagged. It reaches the library only
 * when its publisher has resolved every flag and releases it.
 */
export async function publishStory(services: Services, actor: Actor, sessionId: string, input: z.output<typeof PublishStoryRequest>): Promise<StoryDraft> {
  const { db } = services;
  const { session } = await authorizeSession(db, sessionId, actor.user, 'intervision.publish');
  const builder = new ReviewBuilder(storyContext(knownOf(session)));
  const title = builder.text('title', 'Titel', input.title).trim();
  const body = builder.text('body', 'Tekst', input.body).trim();
  if (!meaningful(title) || !meaningful(body)) throw Errors.unprocessable('LEEG_NA_PSEUDONIMISEREN', 'Na het weghalen van persoonsgegevens blijft er geen titel of tekst over.');
  const laws = LAW_KEYS.filter((l) => input.laws.includes(l));
  const review = builder.review();
  const draft = await commit(services, actor, async ({ tx, audit }) => {
    const d = await insertStoryDraft(tx, { sessionId, kind: input.kind, laws: JSON.stringify(laws), breakthroughType: input.breakthroughType ?? null, review: JSON.stringify(review), createdBy: actor.user.id });
    await audit({ action: 'successstory.submitted', detail: { draftId: d.id, sessionId, kind: d.kind, marks: review.marks.length, open: review.open } });
    return d;
  });
  return draftView(draft);
}

async function authorizeDraft(db: Db, sessionId: string, draftId: string, user: UserRow): Promise<{ session: IntervisionSessionRow; draft: StoryDraftRow }> {
  const { session } = await authorizeSession(db, sessionId, user, 'intervision.publish');
  const draft = await findStoryDraft(db, draftId);
  if (!draft || draft.sessionId !== sessionId || draft.createdBy !== user.id) throw new ApiError(404, 'CONCEPT_NIET_GEVONDEN', 'Dit concept bestaat niet of is niet van u.');
  return { session, draft };
}

export async function listMyDrafts(services: Services, actor: Actor, sessionId: string): Promise<StoryDraft[]> {
  await authorizeSession(services.db, sessionId, actor.user, 'intervision.publish');
  return (await listStoryDraftsOf(services.db, sessionId, actor.user.id)).map(draftView);
}

export async function resolveStoryMarks(services: Services, actor: Actor, sessionId: string, draftId: string, input: z.output<typeof ResolveMarksRequest>): Promise<StoryDraft> {
  const { db } = services;
  const { session, draft } = await authorizeDraft(db, sessionId, draftId, actor.user);
  const result = resolveMarks(Review.parse(JSON.parse(draft.review)), input.resolutions, storyContext(knownOf(session)));
  if ('problem' in result) throw PROBLEMS[result.problem.code](result.problem);
  await commit(services, actor, async ({ tx, audit }) => {
    await updateStoryDraft(tx, draftId, JSON.stringify(result.review));
    await audit({ action: 'successstory.review_resolved', detail: { draftId, sessionId, resolved: input.resolutions.map((r) => [r.markId, r.resolution]), open: result.review.open } });
  });
  return draftView((await findStoryDraft(db, draftId))!);
}

export async function releaseStory(services: Services, actor: Actor, sessionId: string, draftId: string): Promise<SuccessStory> {
  const { db } = services;
  const { draft } = await authorizeDraft(db, sessionId, draftId, actor.user);
  const view = draftView(draft);
  const open = view.review.open;
  if (open > 0) {
    throw Errors.conflict('OPEN_MARKERINGEN', open === 1 ? 'Er is nog 1 markering die u moet beoordelen voordat het verhaal in de bibliotheek komt.' : `Er zijn nog ${open} markeringen die u moet beoordelen voordat het verhaal in de bibliotheek komt.`);
  }
  if (!meaningful(view.title) || !meaningful(view.body)) throw Errors.unprocessable('LEEG_NA_PSEUDONIMISEREN', 'Na het weghalen van persoonsgegevens blijft er geen titel of tekst over.');
  const story = await commit(services, actor, async ({ tx, audit }) => {
    const s = await insertStory(tx, { title: view.title.trim(), body: view.body.trim(), kind: draft.kind, source: 'intervisie', laws: draft.laws, breakthroughType: draft.breakthroughType, publishedBy: actor.user.id });
    // The draft held the flagged tokens as written: it goes with the release.
    await deleteStoryDraft(tx, draftId);
    await audit({ action: 'successstory.published', detail: { storyId: s.id, sessionId, kind: s.kind, draftId } });
    return s;
  });
  return storyView(story);
}

export async function listLibrary(services: Services, actor: Actor, filter: { kind?: 'succesverhaal' | 'les' }): Promise<SuccessStory[]> {
  requireGlobal(actor.user, 'successstories.read');
  return (await listStories(services.db, filter)).map(storyView);
}
