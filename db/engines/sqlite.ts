// The embedded engine: one SQLite file beside the server, for `npm start` and small installations.
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import * as tables from '../schema/sqlite';

const HERE = dirname(fileURLToPath(import.meta.url));
/** db/migrations in the source tree; in the server bundle the folder is copied next to the bundle (this module). */
const MIGRATIONS = [resolve(HERE, '..', 'migrations'), resolve(HERE, 'migrations')].find((dir) => existsSync(join(dir, 'meta', '_journal.json'))) ?? resolve(HERE, '..', 'migrations');

/**
 * NORMAL (the default): in WAL mode every committed transaction survives a crash or kill -9
 * of the server; a power cut or OS crash can lose the last moments, never corrupt the file.
 * FULL also survives power loss; it makes storing one live edit 4-5x slower (about 0.1 -> 0.5 ms,
 * an fsync per commit) and fan-out to other clients about 1.2x slower (npm run bench -- --only collab).
 */
export type SyncMode = 'NORMAL' | 'FULL';

export interface SqliteOptions {
  readonly?: boolean;
  synchronous?: SyncMode;
}

/** Opens (and creates) the SQLite file and brings its schema up to date. */
export function openSqliteDrizzle(path: string, opts: SqliteOptions) {
  if (opts.readonly) {
    // For inspection tools: no migrations, no writes, and a missing file is an error.
    const client = new Database(path, { readonly: true, fileMustExist: true });
    return { client, db: drizzle(client, { schema: tables }) };
  }
  if (path !== ':memory:') mkdirSync(dirname(resolve(path)), { recursive: true });
  const client = new Database(path);
  // WAL: readers never block the writer, and a crashed server loses no committed write.
  client.pragma('journal_mode = WAL');
  client.pragma(`synchronous = ${opts.synchronous ?? 'NORMAL'}`);
  client.pragma('foreign_keys = ON');
  client.pragma('busy_timeout = 5000');
  const db = drizzle(client, { schema: tables });
  migrate(db, { migrationsFolder: MIGRATIONS });
  return { client, db };
}
