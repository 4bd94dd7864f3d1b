import { aliasedTable, and, asc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { newId, nowIso } from '../client';
import { deviationEvents, deviations, mandateRules, users } from '../schema';
import type { DeviationRoute, LawKey, MandateLevel } from '../../shared/laws';

export type DeviationRow = typeof deviations.$inferSelect;
export type DeviationEventRow = typeof deviationEvents.$inferSelect & { byName: string };

export function insertDeviation(db: DbOrTx, d: Omit<DeviationRow, 'id' | 'proposedAt'>): DeviationRow {
  const row = { ...d, id: newId(), proposedAt: nowIso() };
  db.insert(deviations).values(row).run();
  return row;
}

const proposer = aliasedTable(users, 'proposer');

export function listDeviationsOfCase(db: DbOrTx, caseId: string) {
  return db
    .select({ deviation: deviations, proposerName: proposer.name })
    .from(deviations)
    .innerJoin(proposer, eq(proposer.id, deviations.proposedBy))
    .where(eq(deviations.caseId, caseId))
    .orderBy(asc(deviations.proposedAt))
    .all();
}

export function findDeviation(db: DbOrTx, caseId: string, id: string) {
  return db
    .select({ deviation: deviations, proposerName: proposer.name })
    .from(deviations)
    .innerJoin(proposer, eq(proposer.id, deviations.proposedBy))
    .where(and(eq(deviations.caseId, caseId), eq(deviations.id, id)))
    .get();
}

/** All events of the deviations of a case, oldest first. */
export function listDeviationEvents(db: DbOrTx, caseId: string): DeviationEventRow[] {
  return db
    .select({ event: deviationEvents, byName: users.name })
    .from(deviationEvents)
    .innerJoin(deviations, eq(deviations.id, deviationEvents.deviationId))
    .innerJoin(users, eq(users.id, deviationEvents.byUserId))
    .where(eq(deviations.caseId, caseId))
    .orderBy(asc(deviationEvents.id))
    .all()
    .map((r) => ({ ...r.event, byName: r.byName }));
}

export function insertDeviationEvent(db: DbOrTx, e: Omit<typeof deviationEvents.$inferInsert, 'id' | 'at'>): void {
  db.insert(deviationEvents).values({ ...e, at: nowIso() }).run();
}

export function listMandateRules(db: DbOrTx) {
  return db.select().from(mandateRules).all();
}

export function requiredMandate(db: DbOrTx, law: LawKey, route: DeviationRoute, fallback: MandateLevel): MandateLevel {
  return db.select({ level: mandateRules.level }).from(mandateRules).where(and(eq(mandateRules.law, law), eq(mandateRules.route, route))).get()?.level ?? fallback;
}

export function setMandateRule(db: DbOrTx, rule: { law: LawKey; route: DeviationRoute; level: MandateLevel; updatedBy: string }): void {
  const at = nowIso();
  db.insert(mandateRules)
    .values({ ...rule, updatedAt: at })
    .onConflictDoUpdate({ target: [mandateRules.law, mandateRules.route], set: { level: rule.level, updatedBy: rule.updatedBy, updatedAt: at } })
    .run();
}
