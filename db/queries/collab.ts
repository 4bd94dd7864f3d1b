import { and, asc, desc, eq, gt, isNotNull, lte, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../client';
import { nowIso } from '../client';
import { caseMembers, collabClientOwners, collabDivergedClients, collabSnapshots, collabUpdates, sessions, users } from '../schema';

function prepareInsertUpdate(db: DbOrTx) {
  return db
    .insert(collabUpdates)
    .values({ room: sql.placeholder('room'), userId: sql.placeholder('userId'), at: sql.placeholder('at'), size: sql.placeholder('size'), update: sql.placeholder('update') })
    .returning({ id: collabUpdates.id })
    .prepare();
}
// This runs for every keystroke of every user: build the statement once per database.
const insertUpdateStatements = new WeakMap<Db, ReturnType<typeof prepareInsertUpdate>>();

export function insertUpdate(db: DbOrTx, room: string, userId: string, update: Uint8Array): number {
  // Inside a transaction (bulk imports) the statement is built for the call.
  let statement = '$client' in db ? insertUpdateStatements.get(db) : prepareInsertUpdate(db);
  if (!statement) insertUpdateStatements.set(db as Db, (statement = prepareInsertUpdate(db)));
  const row = statement.get({ room, userId, at: nowIso(), size: update.byteLength, update: Buffer.from(update.buffer, update.byteOffset, update.byteLength) });
  return row!.id;
}

export interface ClientIdRow {
  clientId: number;
  sessionId: string;
  at: string;
}

/** Who owns which Yjs client id in a room (rows of ended sessions are gone by cascade). */
export function listClientOwners(db: DbOrTx, room: string): ClientIdRow[] {
  return db
    .select({ clientId: collabClientOwners.clientId, sessionId: collabClientOwners.sessionId, at: collabClientOwners.at })
    .from(collabClientOwners)
    .where(eq(collabClientOwners.room, room))
    .orderBy(asc(collabClientOwners.at))
    .all();
}

export function findClientOwner(db: DbOrTx, room: string, clientId: number): string | undefined {
  return db
    .select({ sessionId: collabClientOwners.sessionId })
    .from(collabClientOwners)
    .where(and(eq(collabClientOwners.room, room), eq(collabClientOwners.clientId, clientId)))
    .get()?.sessionId;
}

/** The client ids each session sent updates under while it could not write. */
export function listDivergedClients(db: DbOrTx, room: string): ClientIdRow[] {
  return db
    .select({ clientId: collabDivergedClients.clientId, sessionId: collabDivergedClients.sessionId, at: collabDivergedClients.at })
    .from(collabDivergedClients)
    .where(eq(collabDivergedClients.room, room))
    .orderBy(asc(collabDivergedClients.at))
    .all();
}

const sessionExists = (sessionId: string) => sql`exists (select 1 from ${sessions} where ${sessions.id} = ${sessionId})`;

/**
 * Gives `clientIds` to a session (ids owned already are left as they are), and releases the
 * session's ids in `release`. Returns false, writing nothing, when the session has ended
 * meanwhile: a row for a session that no longer exists would never be pruned.
 */
export function claimClientIds(db: Db, room: string, sessionId: string, clientIds: number[], release: number[] = []): boolean {
  const at = nowIso();
  return db.transaction((tx) => {
    if (!tx.get<{ ok: number }>(sql`select ${sessionExists(sessionId)} as ok`)?.ok) return false;
    for (const clientId of release) {
      tx.delete(collabClientOwners)
        .where(and(eq(collabClientOwners.room, room), eq(collabClientOwners.clientId, clientId), eq(collabClientOwners.sessionId, sessionId)))
        .run();
    }
    for (const clientId of clientIds) tx.insert(collabClientOwners).values({ room, clientId, sessionId, at }).onConflictDoNothing().run();
    return true;
  });
}

/** Marks client ids as diverged for one session only; false when the session has ended. */
export function markClientsDiverged(db: Db, room: string, sessionId: string, clientIds: number[]): boolean {
  const at = nowIso();
  return db.transaction((tx) => {
    if (!tx.get<{ ok: number }>(sql`select ${sessionExists(sessionId)} as ok`)?.ok) return false;
    for (const clientId of clientIds) tx.insert(collabDivergedClients).values({ room, sessionId, clientId, at }).onConflictDoNothing().run();
    return true;
  });
}

/** What is needed to rebuild a room: its snapshot and the updates stored after it. */
export function loadRoomState(db: DbOrTx, room: string) {
  const snapshot = db.select().from(collabSnapshots).where(eq(collabSnapshots.room, room)).get();
  const after = snapshot?.upToId ?? 0;
  const updates = db
    .select({ id: collabUpdates.id, update: collabUpdates.update })
    .from(collabUpdates)
    .where(and(eq(collabUpdates.room, room), gt(collabUpdates.id, after), isNotNull(collabUpdates.update)))
    .orderBy(asc(collabUpdates.id))
    .all();
  return { snapshot: snapshot?.state ?? null, snapshotUpToId: after, updates: updates.map((u) => ({ id: u.id, update: u.update! })) };
}

/** Replaces a room's snapshot and drops the update bodies it covers (their attribution stays). */
export function storeSnapshot(db: DbOrTx, room: string, state: Uint8Array, upToId: number): void {
  const buf = Buffer.from(state.buffer, state.byteOffset, state.byteLength);
  db.insert(collabSnapshots)
    .values({ room, state: buf, upToId, at: nowIso() })
    .onConflictDoUpdate({ target: collabSnapshots.room, set: { state: buf, upToId, at: nowIso() } })
    .run();
  db.update(collabUpdates)
    .set({ update: null })
    .where(and(eq(collabUpdates.room, room), lte(collabUpdates.id, upToId)))
    .run();
}

/**
 * Who changed a room and when, newest first, counted per author per ten minutes: a plan
 * gets one stored update per keystroke, so the history is summed in SQL, not row by row.
 * Only people who are or were members of the case are listed: a change the server made on
 * behalf of someone outside the table (a signal) is no edit of theirs to show the table.
 */
export function listRoomEditBuckets(db: DbOrTx, room: string, caseId: string) {
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
    .orderBy(desc(sql`max(${collabUpdates.id})`))
    .all();
}
