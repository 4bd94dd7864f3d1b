// Reads of a case's content, grouped per person, case, day and kind (server/cases/reads.ts).
import { and, eq, ne, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { caseReads } from '../schema';
import type { AccessKind } from '../../shared/schemas/resident';

/**
 * Counts one read under its key; returns whether it was the first of that key (then the caller
 * writes the audit row). One upsert on the primary key, whatever the size of the table.
 */
export async function countRead(db: DbOrTx, r: { caseId: string; userId: string; day: string; kind: AccessKind; at: string }): Promise<boolean> {
  const row = (await db
    .insert(caseReads)
    .values({ caseId: r.caseId, userId: r.userId, day: r.day, kind: r.kind, firstAt: r.at, lastAt: r.at, times: 1 })
    .onConflictDoUpdate({
      target: [caseReads.caseId, caseReads.userId, caseReads.day, caseReads.kind],
      set: { lastAt: r.at, times: sql`${caseReads.times} + 1` },
    })
    .returning({ times: caseReads.times }))[0];
  return row?.times === 1;
}

/** Every grouped read of a case by anyone but `exceptUserId`. */
export async function listCaseReads(db: DbOrTx, caseId: string, exceptUserId: string) {
  return db
    .select()
    .from(caseReads)
    .where(and(eq(caseReads.caseId, caseId), ne(caseReads.userId, exceptUserId)));
}
