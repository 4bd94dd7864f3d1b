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
  onSchemaBound,
} from '../schema';

export type ConferenceRow = typeof conferences.$inferSelect;
export type TimerEventRow = typeof conferenceTimerEvents.$inferSelect;

let chair = aliasedTable(users, 'chair');
onSchemaBound(() => (chair = aliasedTable(users, 'chair')));
let closer = aliasedTable(users, 'closer');
onSchemaBound(() => (closer = aliasedTable(users, 'closer')));

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

export async function insertConference(db: DbOrTx, c: { caseId: string; chairUserId: string }): Promise<ConferenceRow> {
  const row: ConferenceRow = { id: newId(), caseId: c.caseId, chairUserId: c.chairUserId, startedAt: nowIso(), householdPresent: null, closedAt: null, closedBy: null, minutesText: null, minutesState: null, planVersionNumber: null };
  await db.insert(conferences).values(row);
  return row;
}

/** Newest first. */
export async function listConferencesOfCase(db: DbOrTx, caseId: string): Promise<ConferenceWithNames[]> {
  return await selectWithNames(db).where(eq(conferences.caseId, caseId)).orderBy(desc(conferences.startedAt), desc(conferences.id));
}

export async function findConference(db: DbOrTx, caseId: string, id: string): Promise<ConferenceWithNames | undefined> {
  return (await selectWithNames(db)
    .where(and(eq(conferences.caseId, caseId), eq(conferences.id, id))))[0];
}

/** The closed conference that adopted this plan version, if a conference did. */
export async function findConferenceOfVersion(db: DbOrTx, caseId: string, number: number): Promise<ConferenceWithNames | undefined> {
  return (await selectWithNames(db)
    .where(and(eq(conferences.caseId, caseId), eq(conferences.planVersionNumber, number), isNotNull(conferences.closedAt))))[0];
}

export async function findOpenConference(db: DbOrTx, caseId: string): Promise<ConferenceRow | undefined> {
  return (await db
    .select()
    .from(conferences)
    .where(and(eq(conferences.caseId, caseId), isNull(conferences.closedAt))))[0];
}

export async function setHouseholdPresent(db: DbOrTx, id: string, present: boolean | null): Promise<void> {
  await db.update(conferences).set({ householdPresent: present }).where(eq(conferences.id, id));
}

/** The close: after this the row is frozen (trigger conferences_frozen). */
export async function closeConferenceRow(db: DbOrTx, id: string, c: { closedBy: string; minutesText: string; minutesState: Buffer; planVersionNumber: number }): Promise<void> {
  await db.update(conferences)
    .set({ closedAt: nowIso(), closedBy: c.closedBy, minutesText: c.minutesText, minutesState: c.minutesState, planVersionNumber: c.planVersionNumber })
    .where(and(eq(conferences.id, id), isNull(conferences.closedAt)));
}

// ---------------------------------------------------------------- attendance

export async function listAttendance(db: DbOrTx, conferenceId: string, caseId: string) {
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
    .orderBy(asc(conferenceAttendance.id));
}

/** One row per member per conference, updated in place while the conference is open. */
export async function setMemberAttendance(db: DbOrTx, conferenceId: string, userId: string, present: boolean, by: string): Promise<boolean> {
  const existing = (await db
    .select({ id: conferenceAttendance.id, present: conferenceAttendance.present })
    .from(conferenceAttendance)
    .where(and(eq(conferenceAttendance.conferenceId, conferenceId), eq(conferenceAttendance.userId, userId))))[0];
  if (existing?.present === present) return false;
  if (existing) (await db.update(conferenceAttendance).set({ present, recordedBy: by, recordedAt: nowIso() }).where(eq(conferenceAttendance.id, existing.id)));
  else (await db.insert(conferenceAttendance).values({ conferenceId, userId, present, recordedBy: by, recordedAt: nowIso() }));
  return true;
}

/** Members with no attendance row yet: recorded as absent when the conference closes. */
export async function recordAbsentMembers(db: DbOrTx, conferenceId: string, userIds: string[], by: string): Promise<void> {
  if (userIds.length === 0) return;
  const known = new Set(
    (await db
      .select({ userId: conferenceAttendance.userId })
      .from(conferenceAttendance)
      .where(and(eq(conferenceAttendance.conferenceId, conferenceId), inArray(conferenceAttendance.userId, userIds)))
      )
      .map((r) => r.userId),
  );
  const at = nowIso();
  const missing = userIds.filter((u) => !known.has(u));
  if (missing.length > 0) (await db.insert(conferenceAttendance).values(missing.map((userId) => ({ conferenceId, userId, present: false, recordedBy: by, recordedAt: at }))));
}

export async function insertGuest(db: DbOrTx, conferenceId: string, g: { name: string; role: string }, by: string): Promise<number> {
  return (await db.insert(conferenceAttendance).values({ conferenceId, guestName: g.name, guestRole: g.role, present: true, recordedBy: by, recordedAt: nowIso() }).returning({ id: conferenceAttendance.id }))[0]!.id;
}

export async function findGuest(db: DbOrTx, conferenceId: string, guestId: number) {
  return (await db
    .select()
    .from(conferenceAttendance)
    .where(and(eq(conferenceAttendance.conferenceId, conferenceId), eq(conferenceAttendance.id, guestId), isNull(conferenceAttendance.userId))))[0];
}

export async function setGuestPresent(db: DbOrTx, guestId: number, present: boolean, by: string): Promise<void> {
  await db.update(conferenceAttendance).set({ present, recordedBy: by, recordedAt: nowIso() }).where(eq(conferenceAttendance.id, guestId));
}

// ---------------------------------------------------------------- timer and noted decisions

export async function insertTimerEvent(db: DbOrTx, e: Omit<TimerEventRow, 'id' | 'at'>): Promise<TimerEventRow> {
  const row = { ...e, at: nowIso() };
  const id = (await db.insert(conferenceTimerEvents).values(row).returning({ id: conferenceTimerEvents.id }))[0]!.id;
  return { ...row, id };
}

export async function listTimerEvents(db: DbOrTx, conferenceId: string): Promise<TimerEventRow[]> {
  return db.select().from(conferenceTimerEvents).where(eq(conferenceTimerEvents.conferenceId, conferenceId)).orderBy(asc(conferenceTimerEvents.id));
}

export async function insertNotedDecision(db: DbOrTx, conferenceId: string, text: string, by: string): Promise<number> {
  return (await db.insert(conferenceDecisions).values({ conferenceId, text, byUserId: by, at: nowIso() }).returning({ id: conferenceDecisions.id }))[0]!.id;
}

export async function listNotedDecisions(db: DbOrTx, conferenceId: string) {
  return db
    .select({ id: conferenceDecisions.id, text: conferenceDecisions.text, byId: users.id, byName: users.name, at: conferenceDecisions.at })
    .from(conferenceDecisions)
    .innerJoin(users, eq(users.id, conferenceDecisions.byUserId))
    .where(eq(conferenceDecisions.conferenceId, conferenceId))
    .orderBy(asc(conferenceDecisions.id));
}

// ---------------------------------------------------------------- decided elsewhere, in the window

/** Conclusions and reopenings of vraagstukken of the case between `from` and `to`. */
export async function vraagstukDecisionsBetween(db: DbOrTx, caseId: string, from: string, to: string) {
  return db
    .select({ id: vraagstukDecisions.id, title: vraagstukken.title, kind: vraagstukDecisions.kind, outcome: vraagstukDecisions.outcome, byId: vraagstukDecisions.byUserId, byName: vraagstukDecisions.byName, at: vraagstukDecisions.at })
    .from(vraagstukDecisions)
    .innerJoin(vraagstukken, eq(vraagstukken.id, vraagstukDecisions.vraagstukId))
    .where(and(eq(vraagstukken.caseId, caseId), gte(vraagstukDecisions.at, from), lte(vraagstukDecisions.at, to)))
    .orderBy(asc(vraagstukDecisions.at), asc(vraagstukDecisions.id));
}

/** Approvals and rejections of deviations of the case between `from` and `to`, with whether the deviation is internal. */
export async function deviationDecisionsBetween(db: DbOrTx, caseId: string, from: string, to: string) {
  return db
    .select({ id: deviationEvents.id, rule: deviations.rule, law: deviations.law, internal: deviations.internal, kind: deviationEvents.kind, mandate: deviationEvents.mandate, byId: users.id, byName: users.name, at: deviationEvents.at })
    .from(deviationEvents)
    .innerJoin(deviations, eq(deviations.id, deviationEvents.deviationId))
    .innerJoin(users, eq(users.id, deviationEvents.byUserId))
    .where(and(eq(deviations.caseId, caseId), inArray(deviationEvents.kind, ['goedgekeurd', 'afgewezen']), gte(deviationEvents.at, from), lte(deviationEvents.at, to)))
    .orderBy(asc(deviationEvents.at), asc(deviationEvents.id));
}

/** Grants and refusals of breakthrough requests of the case between `from` and `to`, with the proposal as it then read. */
export async function breakthroughDecisionsBetween(db: DbOrTx, caseId: string, from: string, to: string) {
  const latestProposal = sql<string>`(select ${breakthroughVersions.proposal} from ${breakthroughVersions} where ${breakthroughVersions.requestId} = ${breakthroughEvents.requestId} and ${breakthroughVersions.submittedAt} <= ${breakthroughEvents.at} order by ${breakthroughVersions.version} desc limit 1)`;
  return db
    .select({ id: breakthroughEvents.id, kind: breakthroughEvents.kind, mandate: breakthroughEvents.mandate, proposal: latestProposal, byId: users.id, byName: users.name, at: breakthroughEvents.at })
    .from(breakthroughEvents)
    .innerJoin(breakthroughRequests, eq(breakthroughRequests.id, breakthroughEvents.requestId))
    .innerJoin(users, eq(users.id, breakthroughEvents.byUserId))
    .where(and(eq(breakthroughRequests.caseId, caseId), inArray(breakthroughEvents.kind, ['toegekend', 'afgewezen']), gte(breakthroughEvents.at, from), lte(breakthroughEvents.at, to)))
    .orderBy(asc(breakthroughEvents.at), asc(breakthroughEvents.id));
}
