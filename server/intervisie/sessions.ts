// Intervision sessions: a pseudonymised copy of a case for reflection among colleagues, the
// participants, closing, and publishing a lesson or success story to the library. The
// session's own permission scope (canInIntervision) decides everything after creation; the
// source case is only consulted to make the copy, and only the audit trail remembers which it was.
import type { z } from 'zod';
import type { Db } from '../../db/client';
import { appendAudit } from '../../db/queries/audit';
import {
  addParticipant as insertParticipant,
  closeSession as markClosed,
  findParticipantRole,
  findSession,
  insertSession,
  insertStory,
  type IntervisionRole,
  type IntervisionSessionRow,
  listParticipants,
  listSessionsOfUser,
  listStories,
  searchCandidates,
  type SuccessStoryRow,
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
  type SuccessStory,
} from '../../shared/schemas';
import { authorizeCase } from '../cases/access';
import type { Actor } from '../cases/commands';
import type { Services } from '../context';
import { todayNl } from '../dates';
import { ApiError, Errors } from '../http/errors';
import { pseudonymiseCase, randomShiftDays, scrubForLibrary, sessionTitle } from '../pseudonymise';
import { collectSnapshot } from './snapshot';

const notFound = () => new ApiError(404, 'SESSIE_NIET_GEVONDEN', 'Deze intervisiesessie bestaat niet of u neemt er niet aan deel.');

const FORBIDDEN: Record<IntervisionAction, string> = {
  'intervision.read': 'U neemt niet deel aan deze intervisiesessie.',
  'intervision.write': 'U kunt in deze intervisiesessie niet schrijven.',
  'intervision.participants.manage': 'Alleen de begeleider van de sessie kan deelnemers toevoegen.',
  'intervision.close': 'Alleen de begeleider van de sessie kan de sessie afsluiten.',
  'intervision.publish': 'Alleen deelnemers aan de sessie kunnen een les of succesverhaal publiceren.',
};

interface SessionAccess {
  session: IntervisionSessionRow;
  role: IntervisionRole;
}

/**
 * The gate in front of every session route: outsiders (also members of the source case, whom
 * the session does not know) get 404; participants get 403 for what their role does not allow,
 * and 409 for what only an open session allows.
 */
function authorizeSession(db: Db, sessionId: string, user: UserRow, action: IntervisionAction): SessionAccess {
  const session = findSession(db, sessionId);
  const role = session ? findParticipantRole(db, session.id, user.id) : null;
  if (!session || !role || !canInIntervision(user.functie, role, true, 'intervision.read')) throw notFound();
  const open = session.closedAt === null;
  if (canInIntervision(user.functie, role, open, action)) return { session, role };
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
  return IntervisionCopy.parse(JSON.parse(row.content));
}

function sessionView(db: Db, row: IntervisionSessionRow, user: UserRow, role: IntervisionRole): IntervisionSession {
  const open = row.closedAt === null;
  const may = (a: IntervisionAction) => canInIntervision(user.functie, role, open, a);
  return {
    id: row.id,
    title: row.title,
    createdAt: row.createdAt,
    closedAt: row.closedAt,
    room: intervisionRoomName(row.id),
    participants: listParticipants(db, row.id).map((p) => ({ id: p.id, name: p.name, functie: p.functie, role: p.role })),
    me: { role, can: { write: may('intervision.write'), manageParticipants: may('intervision.participants.manage'), close: may('intervision.close'), publish: may('intervision.publish') } },
    copy: parseCopy(row),
  };
}

/** A text that still says something once the markers of removed data ("[telefoon]") are left out. */
const meaningful = (s: string) => /\p{L}{2,}/u.test(s.replace(/\[[\p{L}-]+\]/gu, ''));

function storyView(s: SuccessStoryRow): SuccessStory {
  const laws = (JSON.parse(s.laws) as unknown[]).filter((l): l is LawKey => (LAW_KEYS as readonly unknown[]).includes(l));
  return { id: s.id, kind: s.kind, source: s.source, title: s.title, body: s.body, laws, breakthroughType: s.breakthroughType, publishedAt: s.publishedAt };
}

/**
 * The session's document gets its structure when the session is made. Should the server have
 * stopped between storing the session and building its document, the next read builds it.
 */
function ensureDoc(services: Services, row: IntervisionSessionRow): void {
  if (!services.collab) return;
  services.collab.rooms.withDoc(intervisionRoomName(row.id), (room) => {
    if (isIntervisionDocReady(room.doc)) return;
    const copy = parseCopy(row);
    room.changeAs(row.createdBy, (doc) => initIntervisionDoc(doc, Object.fromEntries(copy.sections.map((s) => [s.key, s.text]))));
  });
}

// ---------------------------------------------------------------- commands

export function createSession(services: Services, actor: Actor, caseId: string, input: z.output<typeof CreateIntervisionRequest>): IntervisionSession {
  const { db } = services;
  authorizeCase(db, caseId, actor.user, 'intervision.create');
  requireGlobal(actor.user, 'intervision.join');
  if (!services.collab) throw Errors.internal();
  const snapshot = collectSnapshot(services, actor, caseId);
  // The offset lives only in this call: it is not stored, logged or returned.
  const opts = { shiftDays: randomShiftDays(), today: todayNl() };
  const copy = IntervisionCopy.parse(pseudonymiseCase(snapshot, opts));
  const title = sessionTitle(snapshot, input.title, opts);
  const row = db.transaction(
    (tx) => {
      const r = insertSession(tx, { title, content: JSON.stringify(copy), createdBy: actor.user.id });
      // The one place where the session and its source case meet: the audit trail, read only inside the municipality.
      appendAudit(tx, { action: 'intervision.created', actorUserId: actor.user.id, caseId, ip: actor.ip, detail: { sessionId: r.id } });
      return r;
    },
    { behavior: 'immediate' },
  );
  ensureDoc(services, row);
  return sessionView(db, row, actor.user, 'begeleider');
}

export function listMySessions(services: Services, actor: Actor): IntervisionSummary[] {
  requireGlobal(actor.user, 'intervision.join');
  return listSessionsOfUser(services.db, actor.user.id).map((s) => ({
    id: s.session.id,
    title: s.session.title,
    createdAt: s.session.createdAt,
    closedAt: s.session.closedAt,
    myRole: s.myRole,
    participants: s.participants,
  }));
}

export function getSession(services: Services, actor: Actor, sessionId: string): IntervisionSession {
  const { session, role } = authorizeSession(services.db, sessionId, actor.user, 'intervision.read');
  ensureDoc(services, session);
  return sessionView(services.db, session, actor.user, role);
}

export function findCandidates(services: Services, actor: Actor, sessionId: string, query: string): IntervisionCandidate[] {
  authorizeSession(services.db, sessionId, actor.user, 'intervision.participants.manage');
  const functies = FUNCTIES.filter((f) => can(f, 'intervision.join'));
  return searchCandidates(services.db, sessionId, functies, query.trim());
}

export function addParticipant(services: Services, actor: Actor, sessionId: string, input: z.output<typeof AddIntervisionParticipantRequest>): IntervisionSession {
  const { db } = services;
  const { session, role } = authorizeSession(db, sessionId, actor.user, 'intervision.participants.manage');
  const target = findUserById(db, input.userId);
  if (!target || !target.active) throw Errors.unprocessable('ONBEKENDE_GEBRUIKER', 'Deze collega bestaat niet of heeft geen actief account.');
  if (!can(target.functie, 'intervision.join')) throw Errors.unprocessable('GEEN_INTERVISIE', 'Alleen medewerkers van de gemeente kunnen aan intervisie deelnemen.');
  if (findParticipantRole(db, sessionId, target.id)) throw Errors.conflict('AL_DEELNEMER', `${target.name} neemt al deel aan deze sessie.`);
  db.transaction(
    (tx) => {
      insertParticipant(tx, { sessionId, userId: target.id, addedBy: actor.user.id });
      appendAudit(tx, { action: 'intervision.participant_added', actorUserId: actor.user.id, ip: actor.ip, detail: { sessionId, userId: target.id } });
    },
    { behavior: 'immediate' },
  );
  return sessionView(db, session, actor.user, role);
}

export function closeSession(services: Services, actor: Actor, sessionId: string): IntervisionSession {
  const { db } = services;
  const { role } = authorizeSession(db, sessionId, actor.user, 'intervision.close');
  db.transaction(
    (tx) => {
      markClosed(tx, sessionId);
      appendAudit(tx, { action: 'intervision.closed', actorUserId: actor.user.id, ip: actor.ip, detail: { sessionId } });
    },
    { behavior: 'immediate' },
  );
  // Everyone in the room reconnects read-only.
  services.collab?.revalidateRooms((r) => r.kind === 'intervisie' && r.sessionId === sessionId);
  return sessionView(db, findSession(db, sessionId)!, actor.user, role);
}

export function publishStory(services: Services, actor: Actor, sessionId: string, input: z.output<typeof PublishStoryRequest>): SuccessStory {
  const { db } = services;
  authorizeSession(db, sessionId, actor.user, 'intervision.publish');
  // The session's copy holds roles only, but a participant may type what they remember.
  const title = scrubForLibrary(input.title).trim();
  const body = scrubForLibrary(input.body).trim();
  if (!meaningful(title) || !meaningful(body)) throw Errors.unprocessable('LEEG_NA_PSEUDONIMISEREN', 'Na het weghalen van persoonsgegevens blijft er geen titel of tekst over.');
  const laws = LAW_KEYS.filter((l) => input.laws.includes(l));
  const story = db.transaction(
    (tx) => {
      const s = insertStory(tx, { title, body, kind: input.kind, source: 'intervisie', laws: JSON.stringify(laws), breakthroughType: input.breakthroughType ?? null, publishedBy: actor.user.id });
      appendAudit(tx, { action: 'successstory.published', actorUserId: actor.user.id, ip: actor.ip, detail: { storyId: s.id, sessionId, kind: s.kind } });
      return s;
    },
    { behavior: 'immediate' },
  );
  return storyView(story);
}

export function listLibrary(services: Services, actor: Actor, filter: { kind?: 'succesverhaal' | 'les' }): SuccessStory[] {
  requireGlobal(actor.user, 'successstories.read');
  return listStories(services.db, filter).map(storyView);
}
