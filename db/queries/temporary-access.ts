// Read access for a mandate holder while a breakthrough request awaits their decision.
import { and, eq, isNull } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { nowIso } from '../client';
import { temporaryAccess } from '../schema';

/** The requests for which this user holds open read access to this case (none: no access). */
export function openGrantsOf(db: DbOrTx, caseId: string, userId: string): string[] {
  return db
    .select({ requestId: temporaryAccess.requestId })
    .from(temporaryAccess)
    .where(and(eq(temporaryAccess.userId, userId), eq(temporaryAccess.caseId, caseId), isNull(temporaryAccess.endedAt)))
    .all()
    .map((g) => g.requestId);
}

export function startTemporaryAccess(db: DbOrTx, a: { caseId: string; userId: string; requestId: string }): number {
  return Number(db.insert(temporaryAccess).values({ ...a, startedAt: nowIso() }).run().lastInsertRowid);
}

/** Ends every open grant of this request; returns the users whose access ended. */
export function endTemporaryAccess(db: DbOrTx, requestId: string): string[] {
  const open = db.select().from(temporaryAccess).where(and(eq(temporaryAccess.requestId, requestId), isNull(temporaryAccess.endedAt))).all();
  if (open.length > 0) db.update(temporaryAccess).set({ endedAt: nowIso() }).where(and(eq(temporaryAccess.requestId, requestId), isNull(temporaryAccess.endedAt))).run();
  return open.map((g) => g.userId);
}
