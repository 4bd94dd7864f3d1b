// What the inbox (postvak) reads: a user's cases and the dated things in them. Each query takes
// the case ids the user may see, so nothing from other cases can slip in.
import { aliasedTable, and, asc, eq, gte, inArray, isNull, lte, notExists } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { caseMembers, cases, deviationEvents, deviations, temporaryAccess, users, vraagstukDecisions, vraagstukken, onSchemaBound } from '../schema';

/** The cases the user is a current member of, with their role there. */
export async function membershipsOf(db: DbOrTx, userId: string) {
  return db
    .select({
      caseId: cases.id,
      title: cases.title,
      status: cases.status,
      regisseurUserId: cases.regisseurUserId,
      caseRole: caseMembers.caseRole,
      access: caseMembers.access,
    })
    .from(caseMembers)
    .innerJoin(cases, eq(cases.id, caseMembers.caseId))
    .where(and(eq(caseMembers.userId, userId), isNull(caseMembers.removedAt)));
}

/** Cases the user reads through an open temporary grant (a request awaits their decision), with the requests granted for. */
export async function temporaryCasesOf(db: DbOrTx, userId: string) {
  const rows = await db
    .select({ caseId: cases.id, title: cases.title, status: cases.status, requestId: temporaryAccess.requestId })
    .from(temporaryAccess)
    .innerJoin(cases, eq(cases.id, temporaryAccess.caseId))
    .where(and(eq(temporaryAccess.userId, userId), isNull(temporaryAccess.endedAt)));
  const byCase = new Map<string, { caseId: string; title: string; status: (typeof rows)[number]['status']; requestIds: string[] }>();
  for (const r of rows) {
    const c = byCase.get(r.caseId) ?? { caseId: r.caseId, title: r.title, status: r.status, requestIds: [] };
    c.requestIds.push(r.requestId);
    byCase.set(r.caseId, c);
  }
  return [...byCase.values()];
}

/** Deviations of these cases with a review date on or before `until`, and all their events. */
export async function deviationsToReview(db: DbOrTx, caseIds: string[], until: string) {
  if (caseIds.length === 0) return { rows: [], events: [] };
  const rows = await db
    .select()
    .from(deviations)
    .where(and(inArray(deviations.caseId, caseIds), lte(deviations.reviewDate, until)))
    .orderBy(asc(deviations.reviewDate));
  const ids = rows.map((r) => r.id);
  const events = ids.length === 0 ? [] : (await db.select().from(deviationEvents).where(inArray(deviationEvents.deviationId, ids)).orderBy(asc(deviationEvents.id)));
  return { rows, events };
}

/** Vraagstukken of these cases with their decisions, oldest first (the latest counts). */
export async function vraagstukDecisionsOf(db: DbOrTx, caseIds: string[]) {
  if (caseIds.length === 0) return [];
  return db
    .select({ vraagstuk: vraagstukken, decision: vraagstukDecisions })
    .from(vraagstukDecisions)
    .innerJoin(vraagstukken, eq(vraagstukken.id, vraagstukDecisions.vraagstukId))
    .where(inArray(vraagstukken.caseId, caseIds))
    .orderBy(asc(vraagstukDecisions.id));
}

/** Approvals and rejections of deviations of these cases since `since` (a timestamp), with who decided. */
export async function deviationDecisionsSince(db: DbOrTx, caseIds: string[], since: string) {
  if (caseIds.length === 0) return [];
  return db
    .select({
      caseId: deviations.caseId,
      deviationId: deviations.id,
      law: deviations.law,
      rule: deviations.rule,
      internal: deviations.internal,
      kind: deviationEvents.kind,
      mandate: deviationEvents.mandate,
      at: deviationEvents.at,
      byUserId: deviationEvents.byUserId,
      byName: users.name,
    })
    .from(deviationEvents)
    .innerJoin(deviations, eq(deviations.id, deviationEvents.deviationId))
    .innerJoin(users, eq(users.id, deviationEvents.byUserId))
    .where(and(inArray(deviations.caseId, caseIds), inArray(deviationEvents.kind, ['goedgekeurd', 'afgewezen']), gte(deviationEvents.at, since)))
    .orderBy(asc(deviationEvents.id));
}

let proposer = aliasedTable(users, 'proposer');
onSchemaBound(() => (proposer = aliasedTable(users, 'proposer')));

/** Proposals of these cases on which nobody decided yet (no event at all), oldest first, with who proposed. */
export async function undecidedDeviationsOf(db: DbOrTx, caseIds: string[]) {
  if (caseIds.length === 0) return [];
  return db
    .select({ deviation: deviations, proposerName: proposer.name })
    .from(deviations)
    .innerJoin(proposer, eq(proposer.id, deviations.proposedBy))
    .where(and(inArray(deviations.caseId, caseIds), notExists(db.select({ one: deviationEvents.id }).from(deviationEvents).where(eq(deviationEvents.deviationId, deviations.id)))))
    .orderBy(asc(deviations.proposedAt));
}

/** The active accounts at the table of these cases (current members), with their functie: who could decide there. */
export async function activeMembersOf(db: DbOrTx, caseIds: string[]) {
  if (caseIds.length === 0) return [];
  return db
    .select({ caseId: caseMembers.caseId, userId: users.id, functie: users.functie })
    .from(caseMembers)
    .innerJoin(users, eq(users.id, caseMembers.userId))
    .where(and(inArray(caseMembers.caseId, caseIds), isNull(caseMembers.removedAt), eq(users.active, true)));
}

/** The ids of the cases among these that have a vraagstuk on which no decision stands (never concluded, or reopened). */
export async function casesWithOpenVraagstukken(db: DbOrTx, caseIds: string[]): Promise<string[]> {
  if (caseIds.length === 0) return [];
  const rows = await db.select({ id: vraagstukken.id, caseId: vraagstukken.caseId }).from(vraagstukken).where(inArray(vraagstukken.caseId, caseIds));
  if (rows.length === 0) return [];
  const last = new Map<string, string>();
  for (const d of (await db.select({ vraagstukId: vraagstukDecisions.vraagstukId, kind: vraagstukDecisions.kind }).from(vraagstukDecisions).where(inArray(vraagstukDecisions.vraagstukId, rows.map((r) => r.id))).orderBy(asc(vraagstukDecisions.id)))) {
    last.set(d.vraagstukId, d.kind);
  }
  return [...new Set(rows.filter((r) => last.get(r.id) !== 'besloten').map((r) => r.caseId))];
}
