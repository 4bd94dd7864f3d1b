// Breakthrough requests (doorbraakverzoeken): versions and events are append-only; the status
// is derived from the events by server/breakthroughs. The routing configuration sits here too.
import { aliasedTable, and, asc, eq, inArray, isNull } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { newId, nowIso } from '../client';
import { breakthroughAmountLimits, breakthroughEvents, breakthroughKindLevels, breakthroughOutcomes, breakthroughRequests, breakthroughVersions, caseMembers, temporaryAccess, users, onSchemaBound } from '../schema';
import type { BreakthroughKind } from '../../shared/breakthroughs';
import type { MandateLevel } from '../../shared/laws';

export type RequestRow = typeof breakthroughRequests.$inferSelect;
export type VersionRow = typeof breakthroughVersions.$inferSelect & { submitterName: string };
export type EventRow = typeof breakthroughEvents.$inferSelect & { byName: string; assigneeName: string | null };
export type OutcomeRow = typeof breakthroughOutcomes.$inferSelect & { byName: string };

let creator = aliasedTable(users, 'creator');
onSchemaBound(() => (creator = aliasedTable(users, 'creator')));

export async function insertRequest(db: DbOrTx, r: { caseId: string; createdBy: string }): Promise<RequestRow> {
  const row = { ...r, id: newId(), createdAt: nowIso() };
  await db.insert(breakthroughRequests).values(row);
  return row;
}

export async function insertVersion(db: DbOrTx, v: Omit<typeof breakthroughVersions.$inferInsert, 'id' | 'submittedAt'>): Promise<void> {
  await db.insert(breakthroughVersions).values({ ...v, submittedAt: nowIso() });
}

export async function insertEvent(db: DbOrTx, e: Omit<typeof breakthroughEvents.$inferInsert, 'id' | 'at'>): Promise<void> {
  await db.insert(breakthroughEvents).values({ ...e, at: nowIso() });
}

export async function insertOutcome(db: DbOrTx, o: Omit<typeof breakthroughOutcomes.$inferInsert, 'id' | 'at'>): Promise<void> {
  await db.insert(breakthroughOutcomes).values({ ...o, at: nowIso() });
}

export async function listRequestsOfCase(db: DbOrTx, caseId: string) {
  return db
    .select({ request: breakthroughRequests, creatorName: creator.name })
    .from(breakthroughRequests)
    .innerJoin(creator, eq(creator.id, breakthroughRequests.createdBy))
    .where(eq(breakthroughRequests.caseId, caseId))
    .orderBy(asc(breakthroughRequests.createdAt));
}

/** Versions of these requests, oldest first. */
export async function listVersions(db: DbOrTx, requestIds: string[]): Promise<VersionRow[]> {
  if (requestIds.length === 0) return [];
  return (await db
    .select({ v: breakthroughVersions, submitterName: users.name })
    .from(breakthroughVersions)
    .innerJoin(users, eq(users.id, breakthroughVersions.submittedBy))
    .where(inArray(breakthroughVersions.requestId, requestIds))
    .orderBy(asc(breakthroughVersions.requestId), asc(breakthroughVersions.version))
    )
    .map((r) => ({ ...r.v, submitterName: r.submitterName }));
}

/** Events of these requests, oldest first, with the names of who acted and whom it went to. */
export async function listEvents(db: DbOrTx, requestIds: string[]): Promise<EventRow[]> {
  if (requestIds.length === 0) return [];
  const rows = await db.select().from(breakthroughEvents).where(inArray(breakthroughEvents.requestId, requestIds)).orderBy(asc(breakthroughEvents.id));
  const ids = [...new Set(rows.flatMap((e) => (e.assigneeId ? [e.byUserId, e.assigneeId] : [e.byUserId])))];
  const names = new Map((await usersByIds(db, ids)).map((u) => [u.id, u.name]));
  return rows.map((e) => ({ ...e, byName: names.get(e.byUserId) ?? '', assigneeName: e.assigneeId ? (names.get(e.assigneeId) ?? null) : null }));
}

export async function listOutcomes(db: DbOrTx, requestIds: string[]): Promise<OutcomeRow[]> {
  if (requestIds.length === 0) return [];
  return (await db
    .select({ o: breakthroughOutcomes, byName: users.name })
    .from(breakthroughOutcomes)
    .innerJoin(users, eq(users.id, breakthroughOutcomes.byUserId))
    .where(inArray(breakthroughOutcomes.requestId, requestIds))
    .orderBy(asc(breakthroughOutcomes.id))
    )
    .map((r) => ({ ...r.o, byName: r.byName }));
}

/** Ids of requests that were ever routed to this user (the inbox narrows them to those still waiting). */
export async function requestIdsAssignedTo(db: DbOrTx, userId: string): Promise<string[]> {
  return (await db
    .selectDistinct({ id: breakthroughEvents.requestId })
    .from(breakthroughEvents)
    .where(eq(breakthroughEvents.assigneeId, userId))
    )
    .map((r) => r.id);
}

export async function requestsByIds(db: DbOrTx, ids: string[]): Promise<RequestRow[]> {
  if (ids.length === 0) return [];
  return db.select().from(breakthroughRequests).where(inArray(breakthroughRequests.id, ids));
}

export async function requestsOfCases(db: DbOrTx, caseIds: string[]): Promise<RequestRow[]> {
  if (caseIds.length === 0) return [];
  return db.select().from(breakthroughRequests).where(inArray(breakthroughRequests.caseId, caseIds));
}

/** The requests for which this user reads the case through temporary access right now. */
export async function openGrantRequestIds(db: DbOrTx, caseId: string, userId: string): Promise<string[]> {
  return (await db
    .select({ id: temporaryAccess.requestId })
    .from(temporaryAccess)
    .where(and(eq(temporaryAccess.caseId, caseId), eq(temporaryAccess.userId, userId), isNull(temporaryAccess.endedAt)))
    )
    .map((r) => r.id);
}

/** Everyone who ever sat at the case's table, removed members included, with their role there. */
export async function everyMemberOf(db: DbOrTx, caseId: string) {
  return db
    .select({ id: users.id, name: users.name, functie: users.functie, caseRole: caseMembers.caseRole })
    .from(caseMembers)
    .innerJoin(users, eq(users.id, caseMembers.userId))
    .where(eq(caseMembers.caseId, caseId));
}

export async function usersByIds(db: DbOrTx, ids: string[]) {
  if (ids.length === 0) return [];
  return db.select({ id: users.id, name: users.name, functie: users.functie }).from(users).where(inArray(users.id, ids));
}

// ---------------------------------------------------------------- mandate holders

const MANDATE_FUNCTIES = ['teamleider', 'directeur', 'wethouder'] as const;

/** Active accounts with a mandate by their functie; mandate holders need not be case members. */
export async function listMandateHolders(db: DbOrTx) {
  return db
    .select({ id: users.id, name: users.name, functie: users.functie, organisation: users.organisation })
    .from(users)
    .where(and(eq(users.active, true), inArray(users.functie, [...MANDATE_FUNCTIES])))
    .orderBy(asc(users.name));
}

// ---------------------------------------------------------------- routing configuration

export async function listAmountLimits(db: DbOrTx) {
  return db.select().from(breakthroughAmountLimits);
}

export async function listKindLevels(db: DbOrTx) {
  return db.select().from(breakthroughKindLevels);
}

export async function setAmountLimit(db: DbOrTx, l: { level: MandateLevel; maxCents: number | null; updatedBy: string }): Promise<void> {
  const at = nowIso();
  await db.insert(breakthroughAmountLimits)
    .values({ ...l, updatedAt: at })
    .onConflictDoUpdate({ target: breakthroughAmountLimits.level, set: { maxCents: l.maxCents, updatedBy: l.updatedBy, updatedAt: at } });
}

export async function setKindLevel(db: DbOrTx, k: { kind: BreakthroughKind; level: MandateLevel; updatedBy: string }): Promise<void> {
  const at = nowIso();
  await db.insert(breakthroughKindLevels)
    .values({ ...k, updatedAt: at })
    .onConflictDoUpdate({ target: breakthroughKindLevels.kind, set: { level: k.level, updatedBy: k.updatedBy, updatedAt: at } });
}
