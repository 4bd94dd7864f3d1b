// Adopted plan versions: numbered, immutable (append-only triggers), each with the plan's Yjs
// state, its content with the records as they stood, and its text for comparing.
import { and, desc, eq, max } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { planVersions, users } from '../schema';

export type PlanVersionRow = typeof planVersions.$inferSelect;

export function nextVersionNumber(db: DbOrTx, caseId: string): number {
  const r = db.select({ n: max(planVersions.number) }).from(planVersions).where(eq(planVersions.caseId, caseId)).get();
  return (r?.n ?? 0) + 1;
}

export function insertVersion(db: DbOrTx, v: Omit<PlanVersionRow, 'id'>): void {
  db.insert(planVersions).values(v).run();
}

export function listVersions(db: DbOrTx, caseId: string) {
  return db
    .select({ number: planVersions.number, adoptedAt: planVersions.adoptedAt, byId: users.id, byName: users.name, note: planVersions.note })
    .from(planVersions)
    .innerJoin(users, eq(users.id, planVersions.adoptedBy))
    .where(eq(planVersions.caseId, caseId))
    .orderBy(desc(planVersions.number))
    .all();
}

export function findVersion(db: DbOrTx, caseId: string, number: number) {
  return db
    .select({ version: planVersions, byName: users.name })
    .from(planVersions)
    .innerJoin(users, eq(users.id, planVersions.adoptedBy))
    .where(and(eq(planVersions.caseId, caseId), eq(planVersions.number, number)))
    .get();
}

