import { aliasedTable, and, asc, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { newId, nowIso } from '../client';
import { users, verdictSignatures, vraagstukDecisions, vraagstukDeviations, vraagstukken, onSchemaBound } from '../schema';

export type VraagstukRow = typeof vraagstukken.$inferSelect;
export type SignatureRow = typeof verdictSignatures.$inferSelect;
export type DecisionRow = typeof vraagstukDecisions.$inferSelect;

let creator = aliasedTable(users, 'creator');
onSchemaBound(() => (creator = aliasedTable(users, 'creator')));

export async function insertVraagstuk(db: DbOrTx, v: { caseId: string; title: string; createdBy: string }): Promise<VraagstukRow> {
  const row = { ...v, id: newId(), createdAt: nowIso() };
  await db.insert(vraagstukken).values(row);
  return row;
}

export async function listVraagstukkenOfCase(db: DbOrTx, caseId: string) {
  return db
    .select({ vraagstuk: vraagstukken, creatorName: creator.name })
    .from(vraagstukken)
    .innerJoin(creator, eq(creator.id, vraagstukken.createdBy))
    .where(eq(vraagstukken.caseId, caseId))
    .orderBy(asc(vraagstukken.createdAt));
}

export async function findVraagstuk(db: DbOrTx, caseId: string, id: string) {
  return (await listVraagstukkenOfCase(db, caseId)).find((r) => r.vraagstuk.id === id);
}

export async function insertSignature(db: DbOrTx, s: Omit<SignatureRow, 'id' | 'at'>): Promise<number> {
  return (await db.insert(verdictSignatures).values({ ...s, at: nowIso() }).returning({ id: verdictSignatures.id }))[0]!.id;
}

/** All signatures of these vraagstukken, oldest first. */
export async function listSignatures(db: DbOrTx, vraagstukIds: string[]): Promise<SignatureRow[]> {
  if (vraagstukIds.length === 0) return [];
  return db.select().from(verdictSignatures).where(inArray(verdictSignatures.vraagstukId, vraagstukIds)).orderBy(asc(verdictSignatures.id));
}

export async function insertDecision(db: DbOrTx, d: Omit<DecisionRow, 'id' | 'at'>): Promise<number> {
  return (await db.insert(vraagstukDecisions).values({ ...d, at: nowIso() }).returning({ id: vraagstukDecisions.id }))[0]!.id;
}

export async function listDecisions(db: DbOrTx, vraagstukIds: string[]): Promise<DecisionRow[]> {
  if (vraagstukIds.length === 0) return [];
  return db.select().from(vraagstukDecisions).where(inArray(vraagstukDecisions.vraagstukId, vraagstukIds)).orderBy(asc(vraagstukDecisions.id));
}

export async function listLinkedDeviations(db: DbOrTx, vraagstukIds: string[]) {
  if (vraagstukIds.length === 0) return [];
  return db.select().from(vraagstukDeviations).where(inArray(vraagstukDeviations.vraagstukId, vraagstukIds)).orderBy(asc(vraagstukDeviations.linkedAt));
}

export async function linkDeviation(db: DbOrTx, vraagstukId: string, deviationId: string, by: string): Promise<void> {
  await db.insert(vraagstukDeviations).values({ vraagstukId, deviationId, linkedBy: by, linkedAt: nowIso() }).onConflictDoNothing();
}

export async function unlinkDeviation(db: DbOrTx, vraagstukId: string, deviationId: string): Promise<boolean> {
  return (await db.delete(vraagstukDeviations).where(and(eq(vraagstukDeviations.vraagstukId, vraagstukId), eq(vraagstukDeviations.deviationId, deviationId))).returning()).length > 0;
}
