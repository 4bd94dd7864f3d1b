// db/engines/postgres.ts on a real PostgreSQL server (TEST_DATABASE_URL): migrating under a
// lock, the pending-migrations check, the values the query code gets back (numbers, Buffers,
// booleans), identity sequences after a copy, and a pool that survives a dropped connection.
import { count, sql, sum } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  describePostgresUrl,
  migratePostgres,
  openPostgresDrizzle,
  pendingPostgresMigrations,
  syncIdentitySequences,
  type PgDb,
} from '../../db/engines/postgres';
import * as t from '../../db/schema/pg';
import { createTestDatabase, NO_TEST_DATABASE, testDatabaseAdminUrl, type TestDatabase } from '../support/postgres';

const NOW = '2026-12-03T10:00:00.000Z';
const ALL = ['0000_foundation', '0001_append_only', '0002_app_role_grants'];

describe.skipIf(!testDatabaseAdminUrl())(`PostgreSQL engine${testDatabaseAdminUrl() ? '' : ` (skipped: ${NO_TEST_DATABASE})`}`, () => {
  describe('migrations', () => {
    let database: TestDatabase;
    beforeAll(async () => {
      database = await createTestDatabase({ migrate: false });
    });
    afterAll(() => database?.drop());

    it('three nodes starting at once: each waits for the lock, the migrations run once, nothing is pending', async () => {
      const client = new pg.Client({ connectionString: database.url });
      await client.connect();
      try {
        expect(await pendingPostgresMigrations(client)).toEqual(ALL);
        await Promise.all([migratePostgres(database.url), migratePostgres(database.url), migratePostgres(database.url)]);
        const applied = await client.query('SELECT count(*)::int AS n FROM drizzle.__drizzle_migrations');
        expect(applied.rows[0].n).toBe(ALL.length);
        expect(await pendingPostgresMigrations(client)).toEqual([]);
        // The lock is released: another migration run does not hang, and finds nothing to do.
        await migratePostgres(database.url);
        expect((await client.query('SELECT count(*)::int AS n FROM drizzle.__drizzle_migrations')).rows[0].n).toBe(ALL.length);
        expect((await client.query(`SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory'`)).rows[0].n).toBe(0);
      } finally {
        await client.end();
      }
    });
  });

  describe('a pool with the PostgreSQL tables', () => {
    let database: TestDatabase;
    let pool: pg.Pool;
    let db: PgDb;
    const idleErrors: Error[] = [];

    beforeAll(async () => {
      database = await createTestDatabase();
      ({ pool, db } = openPostgresDrizzle(database.url, { poolSize: 3, onIdleError: (err) => idleErrors.push(err) }));
      await db.insert(t.users).values({ id: 'u1', email: 'a@gemeente.nl', name: 'A', functie: 'casusregisseur', organisation: 'G', passwordHash: 'x', createdAt: NOW });
      await db.insert(t.sessions).values({ id: 's1', userId: 'u1', createdAt: NOW, lastSeenAt: NOW, expiresAt: NOW, ip: '127.0.0.1' });
    });
    afterAll(async () => {
      await pool?.end();
      await database?.drop();
    });

    it('count(*) and sum() come back as numbers, as on SQLite; an int8 past 2^53 is an error, not a rounded number', async () => {
      await db.insert(t.collabUpdates).values([
        { room: 'c1', userId: 'u1', at: NOW, size: 3_000_000_000, update: Buffer.from([1]) },
        { room: 'c1', userId: 'u1', at: NOW, size: 5, update: null },
      ]);
      const [row] = await db.select({ n: count(), total: sum(t.collabUpdates.size) }).from(t.collabUpdates);
      // drizzle's count() maps to a number itself; raw SQL shows what the parsers do.
      expect(row).toEqual({ n: 2, total: '3000000005' });
      const raw = await db.execute<{ n: number; total: number; avg: number }>(sql`SELECT count(*) AS n, sum(size) AS total, avg(size) AS avg FROM collab_updates`);
      expect(raw.rows[0]).toEqual({ n: 2, total: 3_000_000_005, avg: 1_500_000_002.5 });
      const tooBig = await db.execute(sql`SELECT 9007199254740993::int8 AS big`).catch((e: Error) => e);
      expect(String((tooBig as Error).cause ?? tooBig)).toMatch(/MAX_SAFE_INTEGER/);
      // The connection that met it is still good for the next query.
      expect((await db.execute<{ one: number }>(sql`SELECT 1::int8 AS one`)).rows[0]).toEqual({ one: 1 });
    });

    it('bytea is a Buffer, booleans are booleans, a Yjs client id (unsigned 32-bit) fits', async () => {
      const state = Buffer.from([0, 1, 2, 250, 255]);
      await db.insert(t.collabSnapshots).values({ room: 'c1', state, upToId: 2, at: NOW });
      const [snap] = await db.select().from(t.collabSnapshots);
      expect(Buffer.isBuffer(snap!.state)).toBe(true);
      expect(snap!.state.equals(state)).toBe(true);
      await db.insert(t.collabClientOwners).values({ room: 'c1', clientId: 4_294_967_295, sessionId: 's1', at: NOW });
      const [owner] = await db.select().from(t.collabClientOwners);
      expect(owner!.clientId).toBe(4_294_967_295);
      const [user] = await db.select({ active: t.users.active, mustChange: t.users.mustChangePassword }).from(t.users);
      expect(user).toEqual({ active: true, mustChange: false });
    });

    it('after rows were copied in with their ids, syncIdentitySequences lets the next insert number on', async () => {
      await db.insert(t.auditLog).values([1, 2, 3].map((seq) => ({ seq, at: NOW, action: 'kopie', prevHash: '0', hash: String(seq) })));
      // The identity does not know about them: the next insert without a seq collides.
      const collision = await db.insert(t.auditLog).values({ at: NOW, action: 'nieuw', prevHash: '3', hash: '4' }).catch((e: { cause?: { code?: string } }) => e);
      expect((collision as { cause?: { code?: string } }).cause?.code).toBe('23505');
      await syncIdentitySequences(pool);
      const [next] = await db.insert(t.auditLog).values({ at: NOW, action: 'nieuw', prevHash: '3', hash: '4' }).returning({ seq: t.auditLog.seq });
      expect(next!.seq).toBe(4);
    });

    it('a connection the server drops is reported, replaced, and the next query works', async () => {
      // Warm the pool, then have the server end every connection of it (as a restart would).
      await Promise.all([1, 2, 3].map(() => pool.query('SELECT pg_sleep(0.05)')));
      expect(pool.idleCount).toBeGreaterThan(0);
      const idle = pool.idleCount;
      const admin = new pg.Client({ connectionString: database.url });
      await admin.connect();
      let ended = 0;
      try {
        const res = await admin.query(`SELECT pg_terminate_backend(pid) AS ok FROM pg_stat_activity WHERE application_name = 'casustafel' AND datname = $1`, [database.name]);
        ended = res.rows.filter((r) => r.ok).length;
      } finally {
        await admin.end();
      }
      expect(ended).toBe(idle);
      // Each idle connection hears of its end on its own; until it has, the pool could still
      // hand it out and that one query would fail (the server answers 503 and the next works).
      for (let i = 0; i < 100 && idleErrors.length < ended; i++) await new Promise((r) => setTimeout(r, 20));
      expect(idleErrors.length).toBe(ended);
      expect(pool.idleCount).toBe(0);
      const [row] = await db.select({ n: count() }).from(t.users);
      expect(row!.n).toBe(1);
    });
  });

  it('names a database in logs without its password', () => {
    expect(describePostgresUrl('postgres://app:geheim@db.gemeente.nl:6432/casustafel?sslmode=require')).toBe('postgres://db.gemeente.nl:6432/casustafel');
  });
});
