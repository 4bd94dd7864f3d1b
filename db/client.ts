import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import * as schema from './schema';

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };
/** A transaction has the same query API as the database; functions that write take either. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type DbOrTx = Db | Tx;

const MIGRATIONS = resolve(dirname(fileURLToPath(import.meta.url)), 'migrations');

/** Opens (and creates) the SQLite file and brings its schema up to date. */
export function openDatabase(path: string, opts: { readonly?: boolean } = {}): Db {
  if (opts.readonly) {
    // For inspection tools: no migrations, no writes, and a missing file is an error.
    return drizzle(new Database(path, { readonly: true, fileMustExist: true }), { schema }) as Db;
  }
  if (path !== ':memory:') mkdirSync(dirname(resolve(path)), { recursive: true });
  const sqlite = new Database(path);
  // WAL: readers never block the writer; synchronous=FULL so an acknowledged write
  // survives a power cut or kill -9, not just a process crash.
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const db = drizzle(sqlite, { schema }) as Db;
  migrate(db, { migrationsFolder: MIGRATIONS });
  return db;
}

export function newId(): string {
  return crypto.randomUUID();
}

export function nowIso(): string {
  return new Date().toISOString();
}
