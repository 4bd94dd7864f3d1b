// Read access for a mandate holder while a breakthrough request awaits their decision.
import { and, eq, isNull } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { nowIso } from '../client';
import { temporaryAccess } from '../schema';

/** The requests for which this user holds open read access to this case (none: no access). */
export async function openGrantsOf(db: DbOrTx, caseId: string, userId: string): Promise<string[]> {
  return (await db
    .select({ requestId: temporaryAccess.requestId })
    .from(temporaryAccess)
    .where(and(eq(temporaryAccess.userId, userId), eq(temporaryAccess.caseId, caseId), isNull(temporaryAccess.endedAt)))
    )
    .map((g) => g.requestId);
}

export async function startTemporaryAccess(db: DbOrTx, a: { caseId: string; userId: string; requestId: string }): Promise<number> {
  return (await db.insert(temporaryAccess).values({ ...a, startedAt: nowIso() }).returning({ id: temporaryAccess.id }))[0]!.id;
}

/** Ends every open grant of this request; returns the users whose access ended. */
export async function endTemporaryAccess(db: DbOrTx, requestId: string): Promise<string[]> {
  const open = await db.select().from(temporaryAccess).where(and(eq(temporaryAccess.requestId, requestId), isNull(temporaryAccess.endedAt)));
  if (open.length > 0) (await db.update(temporaryAccess).set({ endedAt: nowIso() }).where(and(eq(temporaryAccess.requestId, requestId), isNull(temporaryAccess.endedAt))));
  return open.map((g) => g.userId);
}
