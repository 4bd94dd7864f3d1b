import { and, asc, desc, eq, gt, isNotNull, lte, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../client';
import { nowIso, transaction } from '../client';
import { caseMembers, collabClientOwners, collabDivergedClients, collabSnapshots, collabUpdates, sessions, users } from '../schema';

/** Stores one update (one keystroke, often) and returns its id, which orders the room's history. */
export async function insertUpdate(db: DbOrTx, room: string, userId: string, update: Uint8Array): Promise<number> {
  const body = Buffer.from(update.buffer, update.byteOffset, update.byteLength);
  const [row] = await db.insert(collabUpdates).values({ room, userId, at: nowIso(), size: update.byteLength, update: body }).returning({ id: collabUpdates.id });
  return row!.id;
}

export interface ClientIdRow {
  clientId: number;
  sessionId: string;
  at: string;
}

/** Who owns which Yjs client id in a room (rows of ended sessions are gone by cascade). */
export async function listClientOwners(db: DbOrTx, room: string): Promise<ClientIdRow[]> {
  return db
    .select({ clientId: collabClientOwners.clientId, sessionId: collabClientOwners.sessionId, at: collabClientOwners.at })
    .from(collabClientOwners)
    .where(eq(collabClientOwners.room, room))
    .orderBy(asc(collabClientOwners.at));
}

export async function findClientOwner(db: DbOrTx, room: string, clientId: number): Promise<string | undefined> {
  return (await db
    .select({ sessionId: collabClientOwners.sessionId })
    .from(collabClientOwners)
    .where(and(eq(collabClientOwners.room, room), eq(collabClientOwners.clientId, clientId))))[0]?.sessionId;
}

/** The client ids each session sent updates under while it could not write. */
export async function listDivergedClients(db: DbOrTx, room: string): Promise<ClientIdRow[]> {
  return db
    .select({ clientId: collabDivergedClients.clientId, sessionId: collabDivergedClients.sessionId, at: collabDivergedClients.at })
    .from(collabDivergedClients)
    .where(eq(collabDivergedClients.room, room))
    .orderBy(asc(collabDivergedClients.at));
}

async function sessionStillExists(tx: DbOrTx, sessionId: string): Promise<boolean> {
  return (await tx.select({ id: sessions.id }).from(sessions).where(eq(sessions.id, sessionId))).length > 0;
}

/**
 * Gives `clientIds` to a session (ids owned already are left as they are), and releases the
 * session's ids in `release`. Returns false, writing nothing, when the session has ended
 * meanwhile: a row for a session that no longer exists would never be pruned.
 */
export async function claimClientIds(db: Db, room: string, sessionId: string, clientIds: number[], release: number[] = []): Promise<boolean> {
  const at = nowIso();
  return await transaction(db, async (tx) => {
    if (!(await sessionStillExists(tx, sessionId))) return false;
    for (const clientId of release) {
      await tx.delete(collabClientOwners)
        .where(and(eq(collabClientOwners.room, room), eq(collabClientOwners.clientId, clientId), eq(collabClientOwners.sessionId, sessionId)));
    }
    for (const clientId of clientIds) (await tx.insert(collabClientOwners).values({ room, clientId, sessionId, at }).onConflictDoNothing());
    return true;
  });
}

/** Marks client ids as diverged for one session only; false when the session has ended. */
export async function markClientsDiverged(db: Db, room: string, sessionId: string, clientIds: number[]): Promise<boolean> {
  const at = nowIso();
  return await transaction(db, async (tx) => {
    if (!(await sessionStillExists(tx, sessionId))) return false;
    for (const clientId of clientIds) (await tx.insert(collabDivergedClients).values({ room, sessionId, clientId, at }).onConflictDoNothing());
    return true;
  });
}

/** What is needed to rebuild a room: its snapshot and the updates stored after it. */
export async function loadRoomState(db: DbOrTx, room: string) {
  const snapshot = (await db.select().from(collabSnapshots).where(eq(collabSnapshots.room, room)))[0];
  const after = snapshot?.upToId ?? 0;
  const updates = await db
    .select({ id: collabUpdates.id, update: collabUpdates.update })
    .from(collabUpdates)
    .where(and(eq(collabUpdates.room, room), gt(collabUpdates.id, after), isNotNull(collabUpdates.update)))
    .orderBy(asc(collabUpdates.id));
  return { snapshot: snapshot?.state ?? null, snapshotUpToId: after, updates: updates.map((u) => ({ id: u.id, update: u.update! })) };
}

/** Replaces a room's snapshot and drops the update bodies it covers (their attribution stays). */
export async function storeSnapshot(db: Db, room: string, state: Uint8Array, upToId: number): Promise<void> {
  const buf = Buffer.from(state.buffer, state.byteOffset, state.byteLength);
  await transaction(db, async (db) => {
  await db.insert(collabSnapshots)
    .values({ room, state: buf, upToId, at: nowIso() })
    .onConflictDoUpdate({ target: collabSnapshots.room, set: { state: buf, upToId, at: nowIso() } });
  await db.update(collabUpdates)
    .set({ update: null })
    .where(and(eq(collabUpdates.room, room), lte(collabUpdates.id, upToId)));
  });
}

/**
 * Who changed a room and when, newest first, counted per author per ten minutes: a plan
 * gets one stored update per keystroke, so the history is summed in SQL, not row by row.
 * Only people who are or were members of the case are listed: a change the server made on
 * behalf of someone outside the table (a signal) is no edit of theirs to show the table.
 */
export async function listRoomEditBuckets(db: DbOrTx, room: string, caseId: string) {
  // 'YYYY-MM-DDTHH:M' (15 characters of the ISO timestamp) is a ten-minute window.
  const bucket = sql`substr(${collabUpdates.at}, 1, 15)`;
  return db
    .select({
      userId: users.id,
      name: users.name,
      from: sql<string>`min(${collabUpdates.at})`,
      to: sql<string>`max(${collabUpdates.at})`,
      edits: sql<number>`count(*)`,
      bytes: sql<number>`sum(${collabUpdates.size})`,
    })
    .from(collabUpdates)
    .innerJoin(users, eq(users.id, collabUpdates.userId))
    .where(
      and(
        eq(collabUpdates.room, room),
        sql`exists (select 1 from ${caseMembers} where ${caseMembers.caseId} = ${caseId} and ${caseMembers.userId} = ${collabUpdates.userId})`,
      ),
    )
    .groupBy(users.id, bucket)
    .orderBy(desc(sql`max(${collabUpdates.id})`));
}
