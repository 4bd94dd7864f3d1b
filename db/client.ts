// The database handle the whole server uses, on either engine: SQLite (embedded, the default)
// or PostgreSQL (DATABASE_URL, production). Feature code gets a `Db` and does not know which.
//
// The rules that keep the query code engine-neutral:
// - await every query builder; never the SQLite-only .all() / .await get() / .run() / .prepare();
// - ids of inserted rows come from `.returning()`, counts of changed rows from `.returning()` too;
// - raw SQL goes through db/raw.ts, in the SQL both engines understand, aliases quoted;
// - a write that must commit together goes through `transaction` below (or the command runner,
//   server/domain/commit.ts, which is built on it).
import { AsyncLocalStorage } from 'node:async_hooks';
import type Database from 'better-sqlite3';
import type { BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { sql } from 'drizzle-orm';
import * as sqliteTables from './schema/sqlite';
import * as pgTables from './schema/pg';
import { bindSchema, boundEngine, type Schema, type SchemaEngine } from './schema';
import { openSqliteDrizzle, type SqliteOptions } from './engines/sqlite';
import { describePostgresUrl, openPostgresDrizzle, pendingPostgresMigrations, type PgDb } from './engines/postgres';

export type { SyncMode } from './engines/sqlite';
export type Engine = SchemaEngine;

/**
 * The query API (typed as drizzle's SQLite database; on PostgreSQL it is drizzle's node-postgres
 * database, whose awaited builders give the same rows) plus what the engine needs to say of itself.
 */
export type Db = BetterSQLite3Database<typeof sqliteTables> & {
  readonly $engine: Engine;
  /** Set on the handle a transaction body receives. */
  readonly $inTransaction?: boolean;
  /** On a transaction's handle: the database it runs on. */
  readonly $root?: Db;
};
/** A transaction has the same query API as the database; functions that write take either. */
export type Tx = Db;
export type DbOrTx = Db;

interface Handle {
  engine: Engine;
  /** For logs: the file, or host/port/database of the server; never a password. */
  name: string;
  sqlite?: Database.Database;
  close(): Promise<void>;
  /** SQLite: one connection, so one transaction at a time (see `transaction`). */
  queue: Promise<unknown>;
}
const handles = new WeakMap<object, Handle>();

/**
 * The transaction the current async call chain runs in. On PostgreSQL a query made with the
 * database handle inside a transaction's body (a helper that was given `services.db`) goes
 * through the transaction's connection: it sees the transaction's own writes and does not wait
 * for a second connection from the pool while the first holds the lock.
 */
const activeTransaction = new AsyncLocalStorage<Tx>();
const TRANSACTION_ROUTED = new Set<PropertyKey>(['select', 'selectDistinct', 'selectDistinctOn', 'insert', 'update', 'delete', 'execute', 'with', '$with', '$count']);

function routedThroughTransaction(db: Db): Db {
  const proxy: Db = new Proxy(db, {
    get(target, prop, receiver) {
      if (TRANSACTION_ROUTED.has(prop)) {
        const tx = activeTransaction.getStore();
        if (tx && tx.$root === proxy) {
          const value = Reflect.get(tx, prop, tx) as unknown;
          return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(tx) : value;
        }
      }
      return Reflect.get(target, prop, receiver) as unknown;
    },
  });
  return proxy;
}
let openCount = 0;

export interface OpenOptions extends SqliteOptions {
  /** PostgreSQL: connections in the pool (default 10). */
  poolSize?: number;
}

/** The schema on the server is older than this build: an operator runs the migrations first. */
export class DatabaseNotMigrated extends Error {}

/** Opens the database: a `postgres://` URL selects PostgreSQL, anything else is a SQLite path. */
export async function openDatabase(target: string, opts: OpenOptions = {}): Promise<Db> {
  return isPostgresUrl(target) ? openPostgres(target, opts) : openSqlite(target, opts);
}

async function openSqlite(target: string, opts: OpenOptions): Promise<Db> {
  claimEngine('sqlite', sqliteTables);
  const { client, db } = openSqliteDrizzle(target, opts);
  const handle: Handle = {
    engine: 'sqlite',
    name: target,
    sqlite: client,
    queue: Promise.resolve(),
    async close() {
      client.close();
    },
  };
  return register(Object.assign(db, { $engine: 'sqlite' as const }) as unknown as Db, handle);
}

/**
 * PostgreSQL: a pool, no migrations on start (the application's role may not change the
 * schema; `npm run db:migrate` does, as the owner). A schema that is behind stops the start.
 */
async function openPostgres(url: string, opts: OpenOptions): Promise<Db> {
  claimEngine('postgres', pgTables as unknown as Schema);
  const { pool, db } = openPostgresDrizzle(url, { poolSize: opts.poolSize });
  const handle: Handle = {
    engine: 'postgres',
    name: describePostgresUrl(url),
    queue: Promise.resolve(),
    close: () => pool.end(),
  };
  try {
    const pending = await pendingPostgresMigrations(pool);
    if (pending.length > 0) {
      throw new DatabaseNotMigrated(`De PostgreSQL-database ${handle.name} mist ${pending.length} migratie(s) (${pending.join(', ')}). Draai eerst: npm run db:migrate`);
    }
  } catch (error) {
    await pool.end();
    throw error;
  }
  return register(routedThroughTransaction(Object.assign(db, { $engine: 'postgres' as const }) as unknown as Db), handle);
}

export function isPostgresUrl(target: string): boolean {
  return /^postgres(ql)?:\/\//i.test(target);
}

function claimEngine(engine: Engine, tables: Schema): void {
  if (boundEngine() !== engine) {
    if (openCount > 0) throw new Error(`Er is al een ${boundEngine()}-database open in dit proces; één engine per proces.`);
    bindSchema(engine, tables);
  }
}

function register(db: Db, handle: Handle): Db {
  handles.set(db, handle);
  openCount += 1;
  return db;
}

/** The database a handle belongs to: itself, or the one its transaction runs on. */
export function rootOf(db: DbOrTx): Db {
  return db.$root ?? db;
}

function handleOf(db: Db): Handle {
  const handle = handles.get(rootOf(db));
  if (!handle) throw new Error('not a database opened by openDatabase');
  return handle;
}

export async function closeDatabase(db: Db): Promise<void> {
  const handle = handleOf(db);
  handles.delete(db);
  openCount -= 1;
  await handle.close();
}

/** The engine and the database, for the start-up log; no secrets. */
export function describeDatabase(db: Db): string {
  const handle = handleOf(db);
  return `${handle.engine === 'sqlite' ? 'SQLite' : 'PostgreSQL'} ${handle.name}`;
}

/** The better-sqlite3 connection, for the SQLite-only tools (backup, integrity check). */
export function sqliteConnection(db: Db): Database.Database {
  const handle = handleOf(db);
  if (!handle.sqlite) throw new Error('dit is geen SQLite-database');
  return handle.sqlite;
}

/**
 * Runs `body` in one transaction: everything it writes commits together or not at all.
 *
 * SQLite has one connection, so transactions queue here one after another (BEGIN IMMEDIATE:
 * the write lock is taken at the start, as the command runner has always had it). A body that
 * calls `transaction` again with its own handle runs inside the outer one.
 */
export async function transaction<T>(db: Db, body: (tx: Tx) => Promise<T>): Promise<T> {
  if (db.$inTransaction) return body(db);
  // Called again, with the database, from inside a transaction on it: part of that transaction.
  const active = activeTransaction.getStore();
  if (active && active.$root === db) return body(active);
  if (db.$engine === 'postgres') {
    return (db as unknown as PgDb).transaction(async (pgTx) => {
      const tx = Object.defineProperties(pgTx, { $engine: { value: 'postgres' }, $inTransaction: { value: true }, $root: { value: db } }) as unknown as Tx;
      return activeTransaction.run(tx, () => body(tx));
    });
  }
  const handle = handleOf(db);
  const run = async (): Promise<T> => {
    const tx = Object.create(db, { $inTransaction: { value: true }, $root: { value: db } }) as Tx;
    db.run(sql`begin immediate`);
    try {
      const result = await activeTransaction.run(tx, () => body(tx));
      db.run(sql`commit`);
      return result;
    } catch (error) {
      db.run(sql`rollback`);
      throw error;
    }
  };
  const result = handle.queue.then(run, run);
  handle.queue = result.catch(() => undefined);
  return result;
}

/** The lock every writer of the audit chain holds until its transaction ends (PostgreSQL). */
const AUDIT_CHAIN_LOCK = 0x63617375; // 'casu'

/**
 * Takes the database-wide write lock for the rest of this transaction. On SQLite the
 * transaction already holds it (BEGIN IMMEDIATE); on PostgreSQL it is a transaction-level
 * advisory lock, re-entrant, released at commit or rollback.
 */
export async function lockAuditChain(tx: Tx): Promise<void> {
  if (tx.$engine === 'postgres') await (tx as unknown as PgDb).execute(sql`select pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`);
}

const UNAVAILABLE_CODES = new Set(['57P01', '57P02', '57P03', 'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'SQLITE_BUSY']);

/**
 * Whether an error means "the database cannot be reached right now" (restarting, failed over,
 * network gone, or SQLite busy past its timeout) rather than a fault in a query. drizzle wraps
 * the driver's error; its cause is looked at too.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let e = error, depth = 0; e && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    const { code, message } = e as { code?: unknown; message?: unknown };
    if (typeof code === 'string' && (UNAVAILABLE_CODES.has(code) || code.startsWith('08'))) return true;
    if (typeof message === 'string' && /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error/i.test(message)) return true;
  }
  return false;
}

export function newId(): string {
  return crypto.randomUUID();
}

export function nowIso(): string {
  return new Date().toISOString();
}
