import { eq, lt, or } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { sessions, users } from '../schema';

export type SessionRow = typeof sessions.$inferSelect;

export function insertSession(db: DbOrTx, row: SessionRow): void {
  db.insert(sessions).values(row).run();
}

export function findSessionWithUser(db: DbOrTx, id: string) {
  return db
    .select({ session: sessions, user: users })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.id, id))
    .get();
}

export function touchSession(db: DbOrTx, id: string, at: string): void {
  db.update(sessions).set({ lastSeenAt: at }).where(eq(sessions.id, id)).run();
}

export function deleteSession(db: DbOrTx, id: string): void {
  db.delete(sessions).where(eq(sessions.id, id)).run();
}

export function deleteSessionsOfUser(db: DbOrTx, userId: string): void {
  db.delete(sessions).where(eq(sessions.userId, userId)).run();
}

/** Removes sessions past their absolute expiry or idle since before `idleBefore`. */
export function deleteStaleSessions(db: DbOrTx, now: string, idleBefore: string): number {
  return db.delete(sessions).where(or(lt(sessions.expiresAt, now), lt(sessions.lastSeenAt, idleBefore))).run().changes;
}

