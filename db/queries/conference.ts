// Case conferences (casusoverleg): the conference row (frozen at close by a trigger), its
// attendance (frozen too), the append-only timer events and noted decisions, and what was decided
// elsewhere in the case while it ran.
import { aliasedTable, and, asc, desc, eq, gte, inArray, isNotNull, isNull, lte, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { newId, nowIso } from '../client';
import {
  breakthroughEvents,
  breakthroughRequests,
  breakthroughVersions,
  caseMembers,
  conferenceAttendance,
  conferenceDecisions,
  conferences,
  conferenceTimerEvents,
  deviationEvents,
  deviations,
  users,
  vraagstukDecisions,
  vraagstukken,
} from '../schema';

export type ConferenceRow = typeof conferences.$inferSelect;
export type TimerEventRow = typeof conferenceTimerEvents.$inferSelect;

const chair = aliasedTable(users, 'chair');
const closer = aliasedTable(users, 'closer');

function selectWithNames(db: DbOrTx) {
  return db
    .select({ conference: conferences, chairName: chair.name, closedByName: closer.name })
    .from(conferences)
    .innerJoin(chair, eq(chair.id, conferences.chairUserId))
    .leftJoin(closer, eq(closer.id, conferences.closedBy));
}
export interface ConferenceWithNames {
  conference: ConferenceRow;
  chairName: string;
  closedByName: string | null;
}

export function insertConference(db: DbOrTx, c: { caseId: string; chairUserId: string }): ConferenceRow {
  const row: ConferenceRow = { id: newId(), caseId: c.caseId, chairUserId: c.chairUserId, startedAt: nowIso(), householdPresent: null, closedAt: null, closedBy: null, minutesText: null, minutesState: null, planVersionNumber: null };
  db.insert(conferences).values(row).run();
  return row;
}

/** Newest first. */
export function listConferencesOfCase(db: DbOrTx, caseId: string): ConferenceWithNames[] {
  return selectWithNames(db).where(eq(conferences.caseId, caseId)).orderBy(desc(conferences.startedAt), desc(conferences.id)).all();
}

export function findConference(db: DbOrTx, caseId: string, id: string): ConferenceWithNames | undefined {
  return selectWithNames(db)
    .where(and(eq(conferences.caseId, caseId), eq(conferences.id, id)))
    .get();
}

/** The closed conference that adopted this plan version, if a conference did. */
export function findConferenceOfVersion(db: DbOrTx, caseId: string, number: number): ConferenceWithNames | undefined {
  return selectWithNames(db)
    .where(and(eq(conferences.caseId, caseId), eq(conferences.planVersionNumber, number), isNotNull(conferences.closedAt)))
    .get();
}

export function findOpenConference(db: DbOrTx, caseId: string): ConferenceRow | undefined {
  return db
    .select()
    .from(conferences)
    .where(and(eq(conferences.caseId, caseId), isNull(conferences.closedAt)))
    .get();
}

export function setHouseholdPresent(db: DbOrTx, id: string, present: boolean | null): void {
  db.update(conferences).set({ householdPresent: present }).where(eq(conferences.id, id)).run();
}

/** The close: after this the row is frozen (trigger conferences_frozen). */
export function closeConferenceRow(db: DbOrTx, id: string, c: { closedBy: string; minutesText: string; minutesState: Buffer; planVersionNumber: number }): void {
  db.update(conferences)
    .set({ closedAt: nowIso(), closedBy: c.closedBy, minutesText: c.minutesText, minutesState: c.minutesState, planVersionNumber: c.planVersionNumber })
    .where(and(eq(conferences.id, id), isNull(conferences.closedAt)))
    .run();
}

// ---------------------------------------------------------------- attendance

export function listAttendance(db: DbOrTx, conferenceId: string, caseId: string) {
  return db
    .select({
      id: conferenceAttendance.id,
      userId: conferenceAttendance.userId,
      name: users.name,
      caseRole: caseMembers.caseRole,
      guestName: conferenceAttendance.guestName,
      guestRole: conferenceAttendance.guestRole,
      present: conferenceAttendance.present,
    })
    .from(conferenceAttendance)
    .leftJoin(users, eq(users.id, conferenceAttendance.userId))
    .leftJoin(caseMembers, and(eq(caseMembers.caseId, caseId), eq(caseMembers.userId, conferenceAttendance.userId)))
    .where(eq(conferenceAttendance.conferenceId, conferenceId))
    .orderBy(asc(conferenceAttendance.id))
    .all();
}

/** One row per member per conference, updated in place while the conference is open. */
export function setMemberAttendance(db: DbOrTx, conferenceId: string, userId: string, present: boolean, by: string): boolean {
  const existing = db
    .select({ id: conferenceAttendance.id, present: conferenceAttendance.present })
    .from(conferenceAttendance)
    .where(and(eq(conferenceAttendance.conferenceId, conferenceId), eq(conferenceAttendance.userId, userId)))
    .get();
  if (existing?.present === present) return false;
  if (existing) db.update(conferenceAttendance).set({ present, recordedBy: by, recordedAt: nowIso() }).where(eq(conferenceAttendance.id, existing.id)).run();
  else db.insert(conferenceAttendance).values({ conferenceId, userId, present, recordedBy: by, recordedAt: nowIso() }).run();
  return true;
}

/** Members with no attendance row yet: recorded as absent when the conference closes. */
export function recordAbsentMembers(db: DbOrTx, conferenceId: string, userIds: string[], by: string): void {
  if (userIds.length === 0) return;
  const known = new Set(
    db
      .select({ userId: conferenceAttendance.userId })
      .from(conferenceAttendance)
      .where(and(eq(conferenceAttendance.conferenceId, conferenceId), inArray(conferenceAttendance.userId, userIds)))
      .all()
      .map((r) => r.userId),
  );
  const at = nowIso();
  const missing = userIds.filter((u) => !known.has(u));
  if (missing.length > 0) db.insert(conferenceAttendance).values(missing.map((userId) => ({ conferenceId, userId, present: false, recordedBy: by, recordedAt: at }))).run();
}

export function insertGuest(db: DbOrTx, conferenceId: string, g: { name: string; role: string }, by: string): number {
  return Number(db.insert(conferenceAttendance).values({ conferenceId, guestName: g.name, guestRole: g.role, present: true, recordedBy: by, recordedAt: nowIso() }).run().lastInsertRowid);
}

export function findGuest(db: DbOrTx, conferenceId: string, guestId: number) {
  return db
    .select()
    .from(conferenceAttendance)
    .where(and(eq(conferenceAttendance.conferenceId, conferenceId), eq(conferenceAttendance.id, guestId), isNull(conferenceAttendance.userId)))
    .get();
}

export function setGuestPresent(db: DbOrTx, guestId: number, present: boolean, by: string): void {
  db.update(conferenceAttendance).set({ present, recordedBy: by, recordedAt: nowIso() }).where(eq(conferenceAttendance.id, guestId)).run();
}

// ---------------------------------------------------------------- timer and noted decisions

export function insertTimerEvent(db: DbOrTx, e: Omit<TimerEventRow, 'id' | 'at'>): TimerEventRow {
  const row = { ...e, at: nowIso() };
  const id = Number(db.insert(conferenceTimerEvents).values(row).run().lastInsertRowid);
  return { ...row, id };
}

export function listTimerEvents(db: DbOrTx, conferenceId: string): TimerEventRow[] {
  return db.select().from(conferenceTimerEvents).where(eq(conferenceTimerEvents.conferenceId, conferenceId)).orderBy(asc(conferenceTimerEvents.id)).all();
}

export function insertNotedDecision(db: DbOrTx, conferenceId: string, text: string, by: string): number {
  return Number(db.insert(conferenceDecisions).values({ conferenceId, text, byUserId: by, at: nowIso() }).run().lastInsertRowid);
}

export function listNotedDecisions(db: DbOrTx, conferenceId: string) {
  return db
    .select({ id: conferenceDecisions.id, text: conferenceDecisions.text, byId: users.id, byName: users.name, at: conferenceDecisions.at })
    .from(conferenceDecisions)
    .innerJoin(users, eq(users.id, conferenceDecisions.byUserId))
    .where(eq(conferenceDecisions.conferenceId, conferenceId))
    .orderBy(asc(conferenceDecisions.id))
    .all();
}

// ---------------------------------------------------------------- decided elsewhere, in the window

/** Conclusions and reopenings of vraagstukken of the case between `from` and `to`. */
export function vraagstukDecisionsBetween(db: DbOrTx, caseId: string, from: string, to: string) {
  return db
    .select({ id: vraagstukDecisions.id, title: vraagstukken.title, kind: vraagstukDecisions.kind, outcome: vraagstukDecisions.outcome, byId: vraagstukDecisions.byUserId, byName: vraagstukDecisions.byName, at: vraagstukDecisions.at })
    .from(vraagstukDecisions)
    .innerJoin(vraagstukken, eq(vraagstukken.id, vraagstukDecisions.vraagstukId))
    .where(and(eq(vraagstukken.caseId, caseId), gte(vraagstukDecisions.at, from), lte(vraagstukDecisions.at, to)))
    .orderBy(asc(vraagstukDecisions.at), asc(vraagstukDecisions.id))
    .all();
}

/** Approvals and rejections of deviations of the case between `from` and `to`, with whether the deviation is internal. */
export function deviationDecisionsBetween(db: DbOrTx, caseId: string, from: string, to: string) {
  return db
    .select({ id: deviationEvents.id, rule: deviations.rule, law: deviations.law, internal: deviations.internal, kind: deviationEvents.kind, mandate: deviationEvents.mandate, byId: users.id, byName: users.name, at: deviationEvents.at })
    .from(deviationEvents)
    .innerJoin(deviations, eq(deviations.id, deviationEvents.deviationId))
    .innerJoin(users, eq(users.id, deviationEvents.byUserId))
    .where(and(eq(deviations.caseId, caseId), inArray(deviationEvents.kind, ['goedgekeurd', 'afgewezen']), gte(deviationEvents.at, from), lte(deviationEvents.at, to)))
    .orderBy(asc(deviationEvents.at), asc(deviationEvents.id))
    .all();
}

/** Grants and refusals of breakthrough requests of the case between `from` and `to`, with the proposal as it then read. */
export function breakthroughDecisionsBetween(db: DbOrTx, caseId: string, from: string, to: string) {
  const latestProposal = sql<string>`(select ${breakthroughVersions.proposal} from ${breakthroughVersions} where ${breakthroughVersions.requestId} = ${breakthroughEvents.requestId} and ${breakthroughVersions.submittedAt} <= ${breakthroughEvents.at} order by ${breakthroughVersions.version} desc limit 1)`;
  return db
    .select({ id: breakthroughEvents.id, kind: breakthroughEvents.kind, mandate: breakthroughEvents.mandate, proposal: latestProposal, byId: users.id, byName: users.name, at: breakthroughEvents.at })
    .from(breakthroughEvents)
    .innerJoin(breakthroughRequests, eq(breakthroughRequests.id, breakthroughEvents.requestId))
    .innerJoin(users, eq(users.id, breakthroughEvents.byUserId))
    .where(and(eq(breakthroughRequests.caseId, caseId), inArray(breakthroughEvents.kind, ['toegekend', 'afgewezen']), gte(breakthroughEvents.at, from), lte(breakthroughEvents.at, to)))
    .orderBy(asc(breakthroughEvents.at), asc(breakthroughEvents.id))
    .all();
}
