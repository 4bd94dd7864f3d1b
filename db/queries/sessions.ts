import { eq, lt, or } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { sessions, users } from '../schema';

export type SessionRow = typeof sessions.$inferSelect;

export async function insertSession(db: DbOrTx, row: SessionRow): Promise<void> {
  await db.insert(sessions).values(row);
}

export async function findSessionWithUser(db: DbOrTx, id: string) {
  return (await db
    .select({ session: sessions, user: users })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.id, id)))[0];
}

export async function touchSession(db: DbOrTx, id: string, at: string): Promise<void> {
  await db.update(sessions).set({ lastSeenAt: at }).where(eq(sessions.id, id));
}

export async function deleteSession(db: DbOrTx, id: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.id, id));
}

export async function deleteSessionsOfUser(db: DbOrTx, userId: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.userId, userId));
}

/** Removes sessions past their absolute expiry or idle since before `idleBefore`. */
export async function deleteStaleSessions(db: DbOrTx, now: string, idleBefore: string): Promise<number> {
  return (await db.delete(sessions).where(or(lt(sessions.expiresAt, now), lt(sessions.lastSeenAt, idleBefore))).returning()).length;
}

