// The production engine: PostgreSQL, selected by DATABASE_URL=postgres://…
//
// Migrations (db/migrations-pg) run as the database owner; the server itself should connect as
// an application role without UPDATE or DELETE on the append-only tables (grantAppRole below,
// db/postgres-grants.sql). That is why migrating is separate from opening: the server's own
// role may not be allowed to migrate, and then it only checks that nothing is pending.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import * as pgTables from '../schema/pg';

const HERE = dirname(fileURLToPath(import.meta.url));

/**
 * db/migrations-pg beside db/engines in the source tree; in the server bundle
 * (scripts/build-server.ts) the folder is copied next to the bundle, which is then this module.
 */
export const PG_MIGRATIONS = [resolve(HERE, '..', 'migrations-pg'), resolve(HERE, 'migrations-pg')].find((dir) =>
  existsSync(join(dir, 'meta', '_journal.json')),
) ?? resolve(HERE, '..', 'migrations-pg');

/**
 * Key of the session-level advisory lock held while migrating. Two nodes (or a node and
 * `npm run db:migrate`) starting at once would otherwise both find a migration unapplied and
 * both run it: drizzle's migrator takes no lock of its own.
 */
export const MIGRATION_LOCK_KEY = 7_305_314_014;

export type PgTables = typeof pgTables;
export type PgDb = NodePgDatabase<PgTables> & { $client: pg.Pool };

export interface PostgresOptions {
  /** Connections in the pool (default 10). Each node holds up to this many on the server. */
  poolSize?: number;
  /** How long a query waits for a free or new connection before it fails (default 5 s), so a lost database gives a quick error, not a hung request. */
  connectTimeoutMs?: number;
  /**
   * Told about errors of idle pooled connections (the server restarted or the network broke).
   * The pool drops such a connection and makes a new one when next needed. Without a listener,
   * node-postgres re-emits the error where nothing catches it and the process exits.
   */
  onIdleError?: (err: Error) => void;
}

let parsersInstalled = false;

/**
 * count(*) comes back as int8 and sum() as numeric, which node-postgres returns as strings
 * (they can exceed a JS number); SQLite returns numbers, and the query code compares and adds
 * them as numbers. Both become numbers here, and an int8 beyond 2^53 is an error rather than a
 * silently rounded value. The parsers are process-wide on purpose: drizzle's node-postgres
 * queries ask pg's global type registry, not a pool's own.
 */
export function installPostgresTypeParsers(): void {
  if (parsersInstalled) return;
  pg.types.setTypeParser(pg.types.builtins.INT8, (value: string) => {
    const n = Number(value);
    if (!Number.isSafeInteger(n)) throw new RangeError(`int8 ${value} past Number.MAX_SAFE_INTEGER`);
    return n;
  });
  pg.types.setTypeParser(pg.types.builtins.NUMERIC, (value: string) => Number(value));
  parsersInstalled = true;
}

/** A pool and the drizzle database on it, with the PostgreSQL tables. Does not migrate. */
export function openPostgresDrizzle(url: string, opts: PostgresOptions = {}): { pool: pg.Pool; db: PgDb } {
  installPostgresTypeParsers();
  const pool = new pg.Pool({
    connectionString: url,
    max: opts.poolSize ?? 10,
    connectionTimeoutMillis: opts.connectTimeoutMs ?? 5_000,
    application_name: 'casustafel',
  });
  const onIdleError = opts.onIdleError ?? ((err: Error) => console.error(`PostgreSQL: verbinding in de pool verbroken (${err.message})`));
  pool.on('error', onIdleError);
  const db = drizzle(pool, { schema: pgTables });
  return { pool, db };
}

/**
 * Applies db/migrations-pg on one dedicated connection, under MIGRATION_LOCK_KEY; a second
 * caller waits and then finds nothing to do. Run as the owner of the schema.
 */
export async function migratePostgres(url: string, opts: { migrationsFolder?: string } = {}): Promise<void> {
  const client = new pg.Client({ connectionString: url, application_name: 'casustafel-migrate' });
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      await migrate(drizzle(client), { migrationsFolder: opts.migrationsFolder ?? PG_MIGRATIONS });
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    }
  } finally {
    await client.end();
  }
}

/** What can run a query: a pool (drizzle's `$client`), a client checked out of one, or a lone client. */
export type Queryable = pg.Pool | pg.PoolClient | pg.Client;

/**
 * The tags (e.g. "0001_append_only") of the migrations in the folder that the database has not
 * applied, in order; empty when the schema is current. The same rule as drizzle's migrator: a
 * migration is applied when its timestamp is at most the newest one recorded. Readable by the
 * application role (it may SELECT drizzle's table), so a server can refuse to start on an
 * out-of-date schema without being allowed to migrate it.
 */
export async function pendingPostgresMigrations(db: Queryable, opts: { migrationsFolder?: string } = {}): Promise<string[]> {
  const folder = opts.migrationsFolder ?? PG_MIGRATIONS;
  const journal = JSON.parse(readFileSync(join(folder, 'meta', '_journal.json'), 'utf8')) as { entries: { tag: string; when: number }[] };
  const files = readMigrationFiles({ migrationsFolder: folder });
  const table = await db.query<{ exists: boolean }>(`SELECT to_regclass('drizzle.__drizzle_migrations') IS NOT NULL AS "exists"`);
  let newest = -Infinity;
  if (table.rows[0]?.exists) {
    const last = await db.query<{ created_at: string | number | null }>('SELECT max(created_at) AS created_at FROM drizzle.__drizzle_migrations');
    const value = last.rows[0]?.created_at;
    if (value !== null && value !== undefined) newest = Number(value);
  }
  return journal.entries.filter((entry, i) => (files[i]?.folderMillis ?? entry.when) > newest).map((entry) => entry.tag);
}

/**
 * Gives `role` exactly what the server needs (0002_app_role_grants.sql): SELECT and INSERT
 * everywhere, UPDATE and DELETE only where no trigger refuses them, USAGE on the sequences.
 * Run as the owner after every migration; the role must exist already (CREATE ROLE … LOGIN).
 */
export async function grantAppRole(owner: Queryable, role: string): Promise<void> {
  await owner.query('SELECT casustafel_grant_app_role($1)', [role]);
}

/**
 * Moves every identity sequence past the highest id in its table. Needed after rows were
 * inserted with their ids (db:copy from SQLite): identity columns are BY DEFAULT so that is
 * allowed, but the sequence does not notice and the next insert without an id would collide.
 * Run as the owner (setval needs UPDATE on the sequence).
 */
export async function syncIdentitySequences(owner: Queryable): Promise<void> {
  const cols = await owner.query<{ table_name: string; column_name: string }>(
    `SELECT table_name, column_name FROM information_schema.columns
     WHERE table_schema = 'public' AND is_identity = 'YES' ORDER BY table_name`,
  );
  for (const { table_name: table, column_name: column } of cols.rows) {
    const t = pg.escapeIdentifier(table);
    const c = pg.escapeIdentifier(column);
    // is_called false: the next value handed out is exactly max + 1 (or 1 on an empty table).
    await owner.query(`SELECT setval(pg_get_serial_sequence($1, $2), COALESCE((SELECT max(${c}) FROM ${t}), 0) + 1, false)`, [`public.${t}`, column]);
  }
}

/** For logs: host, port and database of a URL, never the user's password. */
export function describePostgresUrl(url: string): string {
  const u = new URL(url);
  return `postgres://${u.hostname || 'localhost'}:${u.port || '5432'}${u.pathname}`;
}
