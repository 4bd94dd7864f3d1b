// Adopted plan versions: numbered, immutable (append-only triggers), each with the plan's Yjs
// state, its content with the records as they stood, and its text for comparing.
import { and, desc, eq, max } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { planVersions, users } from '../schema';

export type PlanVersionRow = typeof planVersions.$inferSelect;

export async function nextVersionNumber(db: DbOrTx, caseId: string): Promise<number> {
  const r = (await db.select({ n: max(planVersions.number) }).from(planVersions).where(eq(planVersions.caseId, caseId)))[0];
  return (r?.n ?? 0) + 1;
}

export async function insertVersion(db: DbOrTx, v: Omit<PlanVersionRow, 'id'>): Promise<void> {
  await db.insert(planVersions).values(v);
}

export async function listVersions(db: DbOrTx, caseId: string) {
  return db
    .select({ number: planVersions.number, adoptedAt: planVersions.adoptedAt, byId: users.id, byName: users.name, note: planVersions.note })
    .from(planVersions)
    .innerJoin(users, eq(users.id, planVersions.adoptedBy))
    .where(eq(planVersions.caseId, caseId))
    .orderBy(desc(planVersions.number));
}

export async function findVersion(db: DbOrTx, caseId: string, number: number) {
  return (await db
    .select({ version: planVersions, byName: users.name })
    .from(planVersions)
    .innerJoin(users, eq(users.id, planVersions.adoptedBy))
    .where(and(eq(planVersions.caseId, caseId), eq(planVersions.number, number))))[0];
}

