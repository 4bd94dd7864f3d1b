// Breakthrough requests (doorbraakverzoeken): versions and events are append-only; the status
// is derived from the events by server/breakthroughs. The routing configuration sits here too.
import { aliasedTable, and, asc, eq, inArray, isNull } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { newId, nowIso } from '../client';
import { breakthroughAmountLimits, breakthroughEvents, breakthroughKindLevels, breakthroughOutcomes, breakthroughRequests, breakthroughVersions, caseMembers, temporaryAccess, users } from '../schema';
import type { BreakthroughKind } from '../../shared/breakthroughs';
import type { MandateLevel } from '../../shared/laws';

export type RequestRow = typeof breakthroughRequests.$inferSelect;
export type VersionRow = typeof breakthroughVersions.$inferSelect & { submitterName: string };
export type EventRow = typeof breakthroughEvents.$inferSelect & { byName: string; assigneeName: string | null };
export type OutcomeRow = typeof breakthroughOutcomes.$inferSelect & { byName: string };

const creator = aliasedTable(users, 'creator');

export function insertRequest(db: DbOrTx, r: { caseId: string; createdBy: string }): RequestRow {
  const row = { ...r, id: newId(), createdAt: nowIso() };
  db.insert(breakthroughRequests).values(row).run();
  return row;
}

export function insertVersion(db: DbOrTx, v: Omit<typeof breakthroughVersions.$inferInsert, 'id' | 'submittedAt'>): void {
  db.insert(breakthroughVersions).values({ ...v, submittedAt: nowIso() }).run();
}

export function insertEvent(db: DbOrTx, e: Omit<typeof breakthroughEvents.$inferInsert, 'id' | 'at'>): void {
  db.insert(breakthroughEvents).values({ ...e, at: nowIso() }).run();
}

export function insertOutcome(db: DbOrTx, o: Omit<typeof breakthroughOutcomes.$inferInsert, 'id' | 'at'>): void {
  db.insert(breakthroughOutcomes).values({ ...o, at: nowIso() }).run();
}

export function listRequestsOfCase(db: DbOrTx, caseId: string) {
  return db
    .select({ request: breakthroughRequests, creatorName: creator.name })
    .from(breakthroughRequests)
    .innerJoin(creator, eq(creator.id, breakthroughRequests.createdBy))
    .where(eq(breakthroughRequests.caseId, caseId))
    .orderBy(asc(breakthroughRequests.createdAt))
    .all();
}

/** Versions of these requests, oldest first. */
export function listVersions(db: DbOrTx, requestIds: string[]): VersionRow[] {
  if (requestIds.length === 0) return [];
  return db
    .select({ v: breakthroughVersions, submitterName: users.name })
    .from(breakthroughVersions)
    .innerJoin(users, eq(users.id, breakthroughVersions.submittedBy))
    .where(inArray(breakthroughVersions.requestId, requestIds))
    .orderBy(asc(breakthroughVersions.requestId), asc(breakthroughVersions.version))
    .all()
    .map((r) => ({ ...r.v, submitterName: r.submitterName }));
}

/** Events of these requests, oldest first, with the names of who acted and whom it went to. */
export function listEvents(db: DbOrTx, requestIds: string[]): EventRow[] {
  if (requestIds.length === 0) return [];
  const rows = db.select().from(breakthroughEvents).where(inArray(breakthroughEvents.requestId, requestIds)).orderBy(asc(breakthroughEvents.id)).all();
  const ids = [...new Set(rows.flatMap((e) => (e.assigneeId ? [e.byUserId, e.assigneeId] : [e.byUserId])))];
  const names = new Map(usersByIds(db, ids).map((u) => [u.id, u.name]));
  return rows.map((e) => ({ ...e, byName: names.get(e.byUserId) ?? '', assigneeName: e.assigneeId ? (names.get(e.assigneeId) ?? null) : null }));
}

export function listOutcomes(db: DbOrTx, requestIds: string[]): OutcomeRow[] {
  if (requestIds.length === 0) return [];
  return db
    .select({ o: breakthroughOutcomes, byName: users.name })
    .from(breakthroughOutcomes)
    .innerJoin(users, eq(users.id, breakthroughOutcomes.byUserId))
    .where(inArray(breakthroughOutcomes.requestId, requestIds))
    .orderBy(asc(breakthroughOutcomes.id))
    .all()
    .map((r) => ({ ...r.o, byName: r.byName }));
}

/** Ids of requests that were ever routed to this user (the inbox narrows them to those still waiting). */
export function requestIdsAssignedTo(db: DbOrTx, userId: string): string[] {
  return db
    .selectDistinct({ id: breakthroughEvents.requestId })
    .from(breakthroughEvents)
    .where(eq(breakthroughEvents.assigneeId, userId))
    .all()
    .map((r) => r.id);
}

export function requestsByIds(db: DbOrTx, ids: string[]): RequestRow[] {
  if (ids.length === 0) return [];
  return db.select().from(breakthroughRequests).where(inArray(breakthroughRequests.id, ids)).all();
}

export function requestsOfCases(db: DbOrTx, caseIds: string[]): RequestRow[] {
  if (caseIds.length === 0) return [];
  return db.select().from(breakthroughRequests).where(inArray(breakthroughRequests.caseId, caseIds)).all();
}

/** The requests for which this user reads the case through temporary access right now. */
export function openGrantRequestIds(db: DbOrTx, caseId: string, userId: string): string[] {
  return db
    .select({ id: temporaryAccess.requestId })
    .from(temporaryAccess)
    .where(and(eq(temporaryAccess.caseId, caseId), eq(temporaryAccess.userId, userId), isNull(temporaryAccess.endedAt)))
    .all()
    .map((r) => r.id);
}

/** Everyone who ever sat at the case's table, removed members included, with their role there. */
export function everyMemberOf(db: DbOrTx, caseId: string) {
  return db
    .select({ id: users.id, name: users.name, functie: users.functie, caseRole: caseMembers.caseRole })
    .from(caseMembers)
    .innerJoin(users, eq(users.id, caseMembers.userId))
    .where(eq(caseMembers.caseId, caseId))
    .all();
}

export function usersByIds(db: DbOrTx, ids: string[]) {
  if (ids.length === 0) return [];
  return db.select({ id: users.id, name: users.name, functie: users.functie }).from(users).where(inArray(users.id, ids)).all();
}

// ---------------------------------------------------------------- mandate holders

const MANDATE_FUNCTIES = ['teamleider', 'directeur', 'wethouder'] as const;

/** Active accounts with a mandate by their functie; mandate holders need not be case members. */
export function listMandateHolders(db: DbOrTx) {
  return db
    .select({ id: users.id, name: users.name, functie: users.functie, organisation: users.organisation })
    .from(users)
    .where(and(eq(users.active, true), inArray(users.functie, [...MANDATE_FUNCTIES])))
    .orderBy(asc(users.name))
    .all();
}

// ---------------------------------------------------------------- routing configuration

export function listAmountLimits(db: DbOrTx) {
  return db.select().from(breakthroughAmountLimits).all();
}

export function listKindLevels(db: DbOrTx) {
  return db.select().from(breakthroughKindLevels).all();
}

export function setAmountLimit(db: DbOrTx, l: { level: MandateLevel; maxCents: number | null; updatedBy: string }): void {
  const at = nowIso();
  db.insert(breakthroughAmountLimits)
    .values({ ...l, updatedAt: at })
    .onConflictDoUpdate({ target: breakthroughAmountLimits.level, set: { maxCents: l.maxCents, updatedBy: l.updatedBy, updatedAt: at } })
    .run();
}

export function setKindLevel(db: DbOrTx, k: { kind: BreakthroughKind; level: MandateLevel; updatedBy: string }): void {
  const at = nowIso();
  db.insert(breakthroughKindLevels)
    .values({ ...k, updatedAt: at })
    .onConflictDoUpdate({ target: breakthroughKindLevels.kind, set: { level: k.level, updatedBy: k.updatedBy, updatedAt: at } })
    .run();
}
