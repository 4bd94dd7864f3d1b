import { aliasedTable, and, asc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { newId, nowIso } from '../client';
import { deviationEvents, deviations, mandateRules, users, onSchemaBound } from '../schema';
import type { DeviationRoute, LawKey, MandateLevel } from '../../shared/laws';

export type DeviationRow = typeof deviations.$inferSelect;
export type DeviationEventRow = typeof deviationEvents.$inferSelect & { byName: string };

export async function insertDeviation(db: DbOrTx, d: Omit<DeviationRow, 'id' | 'proposedAt'>): Promise<DeviationRow> {
  const row = { ...d, id: newId(), proposedAt: nowIso() };
  await db.insert(deviations).values(row);
  return row;
}

let proposer = aliasedTable(users, 'proposer');
onSchemaBound(() => (proposer = aliasedTable(users, 'proposer')));

export async function listDeviationsOfCase(db: DbOrTx, caseId: string) {
  return db
    .select({ deviation: deviations, proposerName: proposer.name })
    .from(deviations)
    .innerJoin(proposer, eq(proposer.id, deviations.proposedBy))
    .where(eq(deviations.caseId, caseId))
    .orderBy(asc(deviations.proposedAt));
}

export async function findDeviation(db: DbOrTx, caseId: string, id: string) {
  return (await db
    .select({ deviation: deviations, proposerName: proposer.name })
    .from(deviations)
    .innerJoin(proposer, eq(proposer.id, deviations.proposedBy))
    .where(and(eq(deviations.caseId, caseId), eq(deviations.id, id))))[0];
}

/** All events of the deviations of a case, oldest first. */
export async function listDeviationEvents(db: DbOrTx, caseId: string): Promise<DeviationEventRow[]> {
  return (await db
    .select({ event: deviationEvents, byName: users.name })
    .from(deviationEvents)
    .innerJoin(deviations, eq(deviations.id, deviationEvents.deviationId))
    .innerJoin(users, eq(users.id, deviationEvents.byUserId))
    .where(eq(deviations.caseId, caseId))
    .orderBy(asc(deviationEvents.id))
    )
    .map((r) => ({ ...r.event, byName: r.byName }));
}

export async function insertDeviationEvent(db: DbOrTx, e: Omit<typeof deviationEvents.$inferInsert, 'id' | 'at'>): Promise<void> {
  await db.insert(deviationEvents).values({ ...e, at: nowIso() });
}

export async function listMandateRules(db: DbOrTx) {
  return db.select().from(mandateRules);
}

export async function requiredMandate(db: DbOrTx, law: LawKey, route: DeviationRoute, fallback: MandateLevel): Promise<MandateLevel> {
  return (await db.select({ level: mandateRules.level }).from(mandateRules).where(and(eq(mandateRules.law, law), eq(mandateRules.route, route))))[0]?.level ?? fallback;
}

export async function setMandateRule(db: DbOrTx, rule: { law: LawKey; route: DeviationRoute; level: MandateLevel; updatedBy: string }): Promise<void> {
  const at = nowIso();
  await db.insert(mandateRules)
    .values({ ...rule, updatedAt: at })
    .onConflictDoUpdate({ target: [mandateRules.law, mandateRules.route], set: { level: rule.level, updatedBy: rule.updatedBy, updatedAt: at } });
}
