// Reading the test server's database directly: what the API would not show, or to check that
// a refused request wrote nothing. Engine-neutral: everything goes through db/raw.ts, so the
// same helpers run on SQLite and PostgreSQL. Write SQL both engines understand: no
// json_extract, booleans compared with `is true` / `is false` (not 0/1), camelCase aliases
// quoted. Only the tests that are about SQLite itself use `sqliteConnection` (db/client.ts).
import { sql, type SQL } from 'drizzle-orm';
import { sqliteConnection, type Db } from '../../db/client';
import { existsSync, readFileSync } from 'node:fs';
import { rawAll, rawGet, rawRun } from '../../db/raw';
import { demoEmail } from '../../server/demo/seed';

/** Anything with the server's database: a TestServer or a RunningServer (or `{ db }`). */
export interface WithDb {
  db: Db;
}

/**
 * `text` with `?` placeholders and its parameters as one drizzle SQL, the parameters bound
 * (never pasted into the text). A `?` inside a string literal is not supported.
 */
export function sqlOf(text: string, ...params: unknown[]): SQL {
  if (params.some((p) => p === undefined)) throw new Error(`sqlOf: an undefined parameter (write null): ${text}`);
  const parts = text.split('?');
  if (parts.length - 1 !== params.length) throw new Error(`sqlOf: ${parts.length - 1} placeholders, ${params.length} parameters: ${text}`);
  const chunks: SQL[] = [sql.raw(parts[0]!)];
  params.forEach((param, i) => chunks.push(sql`${param}`, sql.raw(parts[i + 1]!)));
  return sql.join(chunks);
}

/** `sqlOf` for this server's engine: a JS boolean parameter binds as 1/0 on SQLite (which has no booleans). */
function bound(server: WithDb, text: string, params: unknown[]): SQL {
  return sqlOf(text, ...(server.db.$engine === 'sqlite' ? params.map((p) => (typeof p === 'boolean' ? Number(p) : p)) : params));
}

/** All rows of a query. Booleans as parameters are fine; in the SQL text write `true` / `false`. */
export async function queryRows<T = Record<string, unknown>>(server: WithDb, text: string, ...params: unknown[]): Promise<T[]> {
  return rawAll<T>(server.db, bound(server, text, params));
}

/** The first row of a query, or undefined. */
export async function queryRow<T = Record<string, unknown>>(server: WithDb, text: string, ...params: unknown[]): Promise<T | undefined> {
  return rawGet<T>(server.db, bound(server, text, params));
}

/** A statement without result rows (update, insert, delete, DDL). */
export async function execSql(server: WithDb, text: string, ...params: unknown[]): Promise<void> {
  await rawRun(server.db, bound(server, text, params));
}

/**
 * The reason the database refused a statement: the driver's own message (a trigger's RAISE,
 * a constraint), not drizzle's "Failed query" wrapper. Fails when the statement succeeded.
 */
export async function sqlError(statement: Promise<unknown>): Promise<string> {
  try {
    await statement;
  } catch (error) {
    let e: unknown = error;
    while (e instanceof Error && e.cause instanceof Error) e = e.cause;
    return e instanceof Error ? e.message : String(e);
  }
  throw new Error('the database accepted a statement that should have been refused');
}

/** Demo account ids per database, read once at server start (see loadDemoUserIds). */
const demoUserIds = new WeakMap<Db, Map<string, string>>();

/**
 * Reads the ids of all accounts once, so `userId` can answer synchronously (it is used inside
 * many request bodies). Call it after a server with demo data has started; support/server.ts
 * and support/sso.ts do.
 */
export async function loadDemoUserIds(server: WithDb): Promise<void> {
  const all = await queryRows<{ id: string; email: string }>(server, 'select id, email from users');
  demoUserIds.set(server.db, new Map(all.map((u) => [u.email, u.id])));
}

/** The id of a demo account (key as in demoEmail), from the ids read at server start. */
export function userId(server: WithDb, key: string): string {
  const ids = demoUserIds.get(server.db);
  if (!ids) throw new Error('userId: no account ids read for this server; support/server.ts reads them (loadDemoUserIds) when a server starts');
  const id = ids.get(demoEmail(key));
  if (!id) throw new Error(`no demo account ${key}`);
  return id;
}

export async function caseIdByTitle(server: WithDb, title: string): Promise<string> {
  const found = await queryRow<{ id: string }>(server, 'select id from cases where title = ?', title);
  if (!found) throw new Error(`no case ${title}`);
  return found.id;
}

/** The single value `n` of a query such as `select count(*) as n ...`, as a number on both engines. */
export async function count(server: WithDb, text: string, ...params: unknown[]): Promise<number> {
  const found = await queryRow<{ n: number | string | bigint }>(server, text, ...params);
  if (!found) throw new Error(`count: no row from ${text}`);
  return Number(found.n);
}

export interface AuditRow {
  seq: number;
  at: string;
  actor_user_id: string | null;
  actor_label: string | null;
  action: string;
  case_id: string | null;
  ip: string | null;
  detail: string;
  prev_hash: string;
  hash: string;
}

export async function maxAuditSeq(server: WithDb): Promise<number> {
  return count(server, 'select coalesce(max(seq), 0) as n from audit_log');
}

export async function auditRowsSince(server: WithDb, seq: number): Promise<AuditRow[]> {
  const found = await queryRows<AuditRow>(server, 'select * from audit_log where seq > ? order by seq', seq);
  return found.map((r) => ({ ...r, seq: Number(r.seq) }));
}

/** Active members of a case, straight from the database, as "userId:caseRole:access". */
export async function activeMembers(server: WithDb, caseId: string): Promise<string[]> {
  const found = await queryRows<{ user_id: string; case_role: string; access: string }>(
    server,
    'select user_id, case_role, access from case_members where case_id = ? and removed_at is null order by user_id',
    caseId,
  );
  return found.map((r) => `${r.user_id}:${r.case_role}:${r.access}`);
}

export async function caseRow(server: WithDb, caseId: string): Promise<{ status: string; regisseur_user_id: string | null; borgingsafspraken: string | null }> {
  const found = await queryRow<{ status: string; regisseur_user_id: string | null; borgingsafspraken: string | null }>(
    server,
    'select status, regisseur_user_id, borgingsafspraken from cases where id = ?',
    caseId,
  );
  if (!found) throw new Error(`no case ${caseId}`);
  return found;
}

/**
 * Drops a trigger (to play an attacker with direct database access, or to make a write fail
 * on purpose): SQLite names the trigger alone, PostgreSQL names it with its table.
 */
export async function dropTrigger(server: WithDb, table: string, trigger: string): Promise<void> {
  if (!/^\w+$/.test(table) || !/^\w+$/.test(trigger)) throw new Error(`dropTrigger: unsafe name ${table}.${trigger}`);
  await execSql(server, server.db.$engine === 'postgres' ? `drop trigger ${trigger} on ${table}` : `drop trigger ${trigger}`);
}

/**
 * Makes every insert into `table` fail with `message` (a trigger), to show that a write which
 * fails halfway leaves nothing behind. Returns the function that removes the trigger again.
 */
export async function blockInserts(server: WithDb, table: string, message: string): Promise<() => Promise<void>> {
  if (!/^\w+$/.test(table) || /['\\$]/.test(message)) throw new Error(`blockInserts: unsafe ${table} / ${message}`);
  const trigger = `test_block_${table}`;
  if (server.db.$engine === 'postgres') {
    await execSql(server, `create function ${trigger}() returns trigger language plpgsql as $body$ begin raise exception '${message}'; end $body$`);
    await execSql(server, `create trigger ${trigger} before insert on ${table} for each row execute function ${trigger}()`);
    return async () => {
      await execSql(server, `drop trigger ${trigger} on ${table}`);
      await execSql(server, `drop function ${trigger}()`);
    };
  }
  await execSql(server, `create trigger ${trigger} before insert on ${table} begin select raise(abort, '${message}'); end`);
  return async () => await execSql(server, `drop trigger ${trigger}`);
}

/** The application's tables (not the migration bookkeeping), on either engine. */
export async function tableNames(server: WithDb): Promise<string[]> {
  const rows =
    server.db.$engine === 'postgres'
      ? await queryRows<{ name: string }>(server, "select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'")
      : await queryRows<{ name: string }>(server, "select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like '__drizzle%'");
  return rows.map((r) => r.name).sort();
}

/**
 * Everything the database holds, as text, the way someone with a copy of it would search it:
 * SQLite's file and its write-ahead log as bytes; on PostgreSQL every row of every table
 * (binary columns as their bytes).
 */
export async function storedText(server: WithDb & { dbPath: string }): Promise<string> {
  if (server.db.$engine !== 'postgres') {
    sqliteConnection(server.db).pragma('wal_checkpoint(PASSIVE)');
    return [server.dbPath, `${server.dbPath}-wal`]
      .filter(existsSync)
      .map((p) => readFileSync(p).toString('latin1'))
      .join('\n');
  }
  const parts: string[] = [];
  for (const table of await tableNames(server)) {
    for (const row of await queryRows<Record<string, unknown>>(server, `select * from "${table}"`)) {
      parts.push(Object.values(row).map((v) => (Buffer.isBuffer(v) ? v.toString('latin1') : typeof v === 'object' ? JSON.stringify(v) : String(v))).join('\t'));
    }
  }
  return parts.join('\n');
}
