import { aliasedTable, and, asc, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { newId, nowIso } from '../client';
import { users, verdictSignatures, vraagstukDecisions, vraagstukDeviations, vraagstukken } from '../schema';

export type VraagstukRow = typeof vraagstukken.$inferSelect;
export type SignatureRow = typeof verdictSignatures.$inferSelect;
export type DecisionRow = typeof vraagstukDecisions.$inferSelect;

const creator = aliasedTable(users, 'creator');

export function insertVraagstuk(db: DbOrTx, v: { caseId: string; title: string; createdBy: string }): VraagstukRow {
  const row = { ...v, id: newId(), createdAt: nowIso() };
  db.insert(vraagstukken).values(row).run();
  return row;
}

export function listVraagstukkenOfCase(db: DbOrTx, caseId: string) {
  return db
    .select({ vraagstuk: vraagstukken, creatorName: creator.name })
    .from(vraagstukken)
    .innerJoin(creator, eq(creator.id, vraagstukken.createdBy))
    .where(eq(vraagstukken.caseId, caseId))
    .orderBy(asc(vraagstukken.createdAt))
    .all();
}

export function findVraagstuk(db: DbOrTx, caseId: string, id: string) {
  return listVraagstukkenOfCase(db, caseId).find((r) => r.vraagstuk.id === id);
}

export function insertSignature(db: DbOrTx, s: Omit<SignatureRow, 'id' | 'at'>): number {
  return Number(db.insert(verdictSignatures).values({ ...s, at: nowIso() }).run().lastInsertRowid);
}

/** All signatures of these vraagstukken, oldest first. */
export function listSignatures(db: DbOrTx, vraagstukIds: string[]): SignatureRow[] {
  if (vraagstukIds.length === 0) return [];
  return db.select().from(verdictSignatures).where(inArray(verdictSignatures.vraagstukId, vraagstukIds)).orderBy(asc(verdictSignatures.id)).all();
}

export function insertDecision(db: DbOrTx, d: Omit<DecisionRow, 'id' | 'at'>): number {
  return Number(db.insert(vraagstukDecisions).values({ ...d, at: nowIso() }).run().lastInsertRowid);
}

export function listDecisions(db: DbOrTx, vraagstukIds: string[]): DecisionRow[] {
  if (vraagstukIds.length === 0) return [];
  return db.select().from(vraagstukDecisions).where(inArray(vraagstukDecisions.vraagstukId, vraagstukIds)).orderBy(asc(vraagstukDecisions.id)).all();
}

export function listLinkedDeviations(db: DbOrTx, vraagstukIds: string[]) {
  if (vraagstukIds.length === 0) return [];
  return db.select().from(vraagstukDeviations).where(inArray(vraagstukDeviations.vraagstukId, vraagstukIds)).orderBy(asc(vraagstukDeviations.linkedAt)).all();
}

export function linkDeviation(db: DbOrTx, vraagstukId: string, deviationId: string, by: string): void {
  db.insert(vraagstukDeviations).values({ vraagstukId, deviationId, linkedBy: by, linkedAt: nowIso() }).onConflictDoNothing().run();
}

export function unlinkDeviation(db: DbOrTx, vraagstukId: string, deviationId: string): boolean {
  return db.delete(vraagstukDeviations).where(and(eq(vraagstukDeviations.vraagstukId, vraagstukId), eq(vraagstukDeviations.deviationId, deviationId))).run().changes > 0;
}
