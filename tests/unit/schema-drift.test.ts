// The SQLite and PostgreSQL schemas must stay one schema in two dialects: the query code is
// typed against db/schema/sqlite.ts and runs on db/schema/pg.ts unchanged (db/schema/index.ts).
// Compared here, through drizzle's own table configs: the tables, their columns (JS name, SQL
// name, kind, nullability, default, key), indexes, foreign keys; the TypeScript row types (at
// compile time); and the triggers of both migration folders. Each comparison is also fed a
// deliberately drifted copy, so a comparison that stopped looking would fail here.
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { getTableColumns, getTableName, is, SQL, type Column } from 'drizzle-orm';
import { bigint, boolean, getTableConfig as pgTableConfig, index, integer, pgTable, PgTable, primaryKey, text, uniqueIndex, type AnyPgColumn } from 'drizzle-orm/pg-core';
import { getTableConfig as sqliteTableConfig, SQLiteTable } from 'drizzle-orm/sqlite-core';
import { describe, expect, it } from 'vitest';
import * as pgSchema from '../../db/schema/pg';
import * as sqliteSchema from '../../db/schema/sqlite';
import * as bound from '../../db/schema';
import type { Functie } from '../../shared/roles';

const ROOT = resolve(fileURLToPath(import.meta.url), '../../..');

// ------------------------------------------------------------------ one neutral description

type Kind = 'string' | 'number' | 'boolean' | 'json' | 'bytes';

interface NeutralColumn {
  key: string;
  kind: Kind;
  notNull: boolean;
  /** A literal default, as JSON; 'sql' for an SQL expression; absent when there is none. */
  default?: string;
  /** JS-side defaults ($defaultFn / $onUpdateFn) run in the query code, on both engines alike. */
  defaultFn: boolean;
  onUpdateFn: boolean;
  /** Numbered by the database when an insert leaves it out. */
  autoNumber: boolean;
  unique: boolean;
}

interface NeutralTable {
  name: string;
  columns: Record<string, NeutralColumn>;
  primaryKey: string[];
  indexes: Record<string, { columns: string[]; unique: boolean; partial: boolean }>;
  foreignKeys: Record<string, { table: string; columns: string[]; onDelete: string; onUpdate: string }>;
  uniques: Record<string, string[]>;
  checks: string[];
}

function kindOf(column: Column): Kind {
  switch (column.columnType) {
    case 'SQLiteText':
    case 'PgText':
      return 'string';
    case 'SQLiteInteger':
    case 'PgBigInt53':
    case 'PgInteger':
      return 'number';
    case 'SQLiteBoolean':
    case 'PgBoolean':
      return 'boolean';
    case 'SQLiteTextJson':
    case 'SQLiteBlobJson':
    case 'PgJsonb':
      return 'json';
    case 'SQLiteBlobBuffer':
      return 'bytes';
    case 'PgCustomColumn':
      if (column.getSQLType() === 'bytea') return 'bytes';
  }
  // A new column type must be mapped here on purpose, not compared as "something".
  throw new Error(`${column.name}: column type ${column.columnType} (${column.getSQLType()}) has no mapping in schema-drift.test.ts`);
}

function defaultOf(column: Column): string | undefined {
  if (!column.hasDefault || column.default === undefined) return undefined;
  if (is(column.default, SQL)) return 'sql';
  return JSON.stringify(column.default);
}

function describeTable(table: SQLiteTable | PgTable): NeutralTable {
  const isSqlite = is(table, SQLiteTable);
  const config = isSqlite ? sqliteTableConfig(table as SQLiteTable) : pgTableConfig(table as PgTable);
  const keyOf = new Map(Object.entries(getTableColumns(table)).map(([key, col]) => [col.name, key]));
  const composite = config.primaryKeys[0]?.columns.map((c) => c.name);
  const single = config.columns.filter((c) => c.primary).map((c) => c.name);
  const columns: Record<string, NeutralColumn> = {};
  for (const col of config.columns) {
    // SQLite numbers an INTEGER PRIMARY KEY itself (the rowid), with or without AUTOINCREMENT;
    // PostgreSQL needs an identity column, and BY DEFAULT, so a copy can keep its ids.
    const autoNumber = isSqlite
      ? col.columnType === 'SQLiteInteger' && col.primary
      : (col as { generatedIdentity?: { type: string } }).generatedIdentity?.type === 'byDefault';
    const identityAlways = !isSqlite && (col as { generatedIdentity?: { type: string } }).generatedIdentity?.type === 'always';
    columns[col.name] = {
      key: keyOf.get(col.name) ?? '?',
      kind: kindOf(col),
      notNull: col.notNull,
      default: autoNumber ? undefined : identityAlways ? 'identity always' : defaultOf(col),
      defaultFn: col.defaultFn !== undefined,
      onUpdateFn: col.onUpdateFn !== undefined,
      autoNumber,
      unique: col.isUnique,
    };
  }
  const indexes: NeutralTable['indexes'] = {};
  for (const idx of config.indexes) {
    indexes[idx.config.name ?? '?'] = {
      columns: idx.config.columns.map((c) => ('name' in c && typeof c.name === 'string' ? c.name : 'expression')),
      unique: idx.config.unique ?? false,
      partial: idx.config.where !== undefined,
    };
  }
  const foreignKeys: NeutralTable['foreignKeys'] = {};
  for (const fk of config.foreignKeys) {
    const ref = fk.reference();
    foreignKeys[ref.columns.map((c) => c.name).join(',')] = {
      table: `${getTableName(ref.foreignTable)}(${ref.foreignColumns.map((c) => c.name).join(',')})`,
      columns: ref.columns.map((c) => c.name),
      onDelete: fk.onDelete ?? 'no action',
      onUpdate: fk.onUpdate ?? 'no action',
    };
  }
  const uniques: Record<string, string[]> = {};
  for (const u of config.uniqueConstraints) uniques[u.name ?? u.getName() ?? '?'] = u.columns.map((c) => c.name);
  return {
    name: config.name,
    columns,
    primaryKey: composite ?? single,
    indexes,
    foreignKeys,
    uniques,
    checks: config.checks.map((c) => c.name).sort(),
  };
}

type AnyTables = Record<string, unknown>;

/** PostgreSQL columns narrower than a SQLite INTEGER (which is 64-bit). */
function int4Columns(module: AnyTables): string[] {
  return Object.entries(tablesOf(module)).flatMap(([name, table]) =>
    pgTableConfig(table as PgTable)
      .columns.filter((c) => c.columnType === 'PgInteger')
      .map((c) => `${name}.${c.name}`),
  );
}

function tablesOf(module: AnyTables): Record<string, SQLiteTable | PgTable> {
  return Object.fromEntries(Object.entries(module).filter(([, v]) => is(v, SQLiteTable) || is(v, PgTable))) as Record<string, SQLiteTable | PgTable>;
}

/** Every difference between two schemas (keyed by export name), as readable lines. */
function schemaDiff(sqlite: AnyTables, pg: AnyTables): string[] {
  const a = tablesOf(sqlite);
  const b = tablesOf(pg);
  const out: string[] = [];
  for (const name of new Set([...Object.keys(a), ...Object.keys(b)])) {
    if (!a[name]) out.push(`${name}: only in pg.ts`);
    else if (!b[name]) out.push(`${name}: only in sqlite.ts`);
    else out.push(...tableDiff(name, describeTable(a[name]), describeTable(b[name])));
  }
  return out;
}

function tableDiff(exportName: string, a: NeutralTable, b: NeutralTable): string[] {
  const out: string[] = [];
  const same = (x: unknown, y: unknown) => JSON.stringify(x) === JSON.stringify(y);
  const mapDiff = <T>(what: string, x: Record<string, T>, y: Record<string, T>) => {
    for (const key of new Set([...Object.keys(x), ...Object.keys(y)])) {
      if (!(key in y)) out.push(`${exportName}: ${what} ${key} only in sqlite.ts`);
      else if (!(key in x)) out.push(`${exportName}: ${what} ${key} only in pg.ts`);
      else if (!same(x[key], y[key])) out.push(`${exportName}: ${what} ${key}: sqlite ${JSON.stringify(x[key])} pg ${JSON.stringify(y[key])}`);
    }
  };
  if (a.name !== b.name) out.push(`${exportName}: table name sqlite ${a.name} pg ${b.name}`);
  for (const col of new Set([...Object.keys(a.columns), ...Object.keys(b.columns)])) {
    const x = a.columns[col];
    const y = b.columns[col];
    if (!y) out.push(`${exportName}: column ${col} only in sqlite.ts`);
    else if (!x) out.push(`${exportName}: column ${col} only in pg.ts`);
    else
      for (const prop of Object.keys(x) as (keyof NeutralColumn)[]) {
        if (!same(x[prop], y[prop])) out.push(`${exportName}: column ${col} ${prop}: sqlite ${JSON.stringify(x[prop])} pg ${JSON.stringify(y[prop])}`);
      }
  }
  if (!same(a.primaryKey, b.primaryKey)) out.push(`${exportName}: primary key sqlite (${a.primaryKey}) pg (${b.primaryKey})`);
  mapDiff('index', a.indexes, b.indexes);
  mapDiff('foreign key', a.foreignKeys, b.foreignKeys);
  mapDiff('unique constraint', a.uniques, b.uniques);
  if (!same(a.checks, b.checks)) out.push(`${exportName}: checks sqlite (${a.checks}) pg (${b.checks})`);
  return out;
}

// ------------------------------------------------------------------ the row types, at compile time

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
type Sqlite = typeof sqliteSchema;
type Pg = typeof pgSchema;
/** The names of the tables whose row types differ: `never` when all agree. */
type Mismatched<Model extends '$inferSelect' | '$inferInsert'> = {
  [K in keyof Sqlite & keyof Pg]: Equal<Sqlite[K][Model], Pg[K][Model]> extends true ? never : K;
}[keyof Sqlite & keyof Pg];
// Each line fails to compile, naming the tables, when the types drift (tsc runs in npm test).
const selectTypesAgree: [Mismatched<'$inferSelect'>] extends [never] ? true : Mismatched<'$inferSelect'> = true;
const insertTypesAgree: [Mismatched<'$inferInsert'>] extends [never] ? true : Mismatched<'$inferInsert'> = true;
const sameExports: [Exclude<keyof Sqlite, keyof Pg> | Exclude<keyof Pg, keyof Sqlite>] extends [never] ? true : Exclude<keyof Sqlite, keyof Pg> | Exclude<keyof Pg, keyof Sqlite> = true;

// The type comparison can fail: a pg users table whose `phone` became NOT NULL must not equal
// the SQLite one (rebuildUsers alone does: see the control below).
const usersWithRequiredPhone = pgTable('users', { ...rebuildUsers(), phone: text('phone').notNull() });
const rebuiltUsersTypeAgrees: Equal<Sqlite['users']['$inferSelect'], ReturnType<typeof rebuiltUsers>['$inferSelect']> = true;
function rebuiltUsers() {
  return pgTable('users', rebuildUsers());
}
// @ts-expect-error the drifted table's row type differs from the SQLite one
const driftedTypeIsCaught: Equal<Sqlite['users']['$inferSelect'], (typeof usersWithRequiredPhone)['$inferSelect']> = true;

// ------------------------------------------------------------------ triggers

interface Trigger {
  table: string;
  timing: string;
  event: string;
  /** UPDATE OF these columns only; empty for any update. */
  of: string[];
  /** WHEN condition, normalised; 'function' when a PostgreSQL function decides; '' unconditional. */
  when: string;
  message: string;
}

function statements(sqlText: string): string[] {
  return sqlText
    .split('--> statement-breakpoint')
    .map((s) =>
      s
        .split('\n')
        .filter((line) => !line.trim().startsWith('--'))
        .join('\n')
        .trim(),
    )
    .filter(Boolean);
}

const normaliseCondition = (c: string) => c.replace(/[()\s]+/g, ' ').trim().toLowerCase();

/** The triggers that exist after all SQLite migrations ran in order (DROP TRIGGER included). */
function sqliteTriggers(files: string[]): Map<string, Trigger> {
  const out = new Map<string, Trigger>();
  for (const text of files)
    for (const st of statements(text)) {
      const drop = /^DROP TRIGGER\s+(?:IF EXISTS\s+)?[`"]?(\w+)/i.exec(st);
      if (drop) out.delete(drop[1]!);
      const m = /CREATE TRIGGER\s+(?:IF NOT EXISTS\s+)?[`"]?(\w+)[`"]?\s+(BEFORE|AFTER|INSTEAD OF)\s+(INSERT|UPDATE|DELETE)(?:\s+OF\s+([\w\s,`"]+?))?\s+ON\s+[`"]?(\w+)[`"]?\s*(?:WHEN\s+([\s\S]*?))?\s*BEGIN([\s\S]*)END;?$/i.exec(st);
      if (!m) {
        if (/CREATE TRIGGER/i.test(st)) throw new Error(`cannot read SQLite trigger: ${st}`);
        continue;
      }
      out.set(m[1]!, {
        table: m[5]!,
        timing: m[2]!.toUpperCase(),
        event: m[3]!.toUpperCase(),
        of: m[4] ? m[4].split(',').map((c) => c.replace(/[`"\s]/g, '')) : [],
        when: m[6] ? normaliseCondition(m[6]) : '',
        message: /RAISE\s*\(\s*ABORT\s*,\s*'([^']*)'\s*\)/i.exec(m[7]!)?.[1] ?? '?',
      });
    }
  return out;
}

/** The triggers of the PostgreSQL migrations, with the message each one raises. */
function postgresTriggers(files: string[]): Map<string, Trigger> {
  const functionMessages = new Map<string, string>();
  const out = new Map<string, Trigger>();
  for (const text of files)
    for (const st of statements(text)) {
      const fn = /CREATE (?:OR REPLACE )?FUNCTION\s+(\w+)\s*\(/i.exec(st);
      if (fn) {
        const raised = /RAISE EXCEPTION\s+'([^']*)'/i.exec(st)?.[1];
        if (raised && raised !== '%') functionMessages.set(fn[1]!, raised);
        continue;
      }
      const drop = /^DROP TRIGGER\s+(?:IF EXISTS\s+)?(\w+)/i.exec(st);
      if (drop) out.delete(drop[1]!);
      const m = /CREATE TRIGGER\s+(\w+)\s+(BEFORE|AFTER|INSTEAD OF)\s+(INSERT|UPDATE|DELETE|TRUNCATE)(?:\s+OF\s+([\w\s,"]+?))?\s+ON\s+"?(\w+)"?\s+FOR EACH (?:ROW|STATEMENT)\s*(?:WHEN\s*\(([\s\S]*?)\)\s*)?EXECUTE (?:FUNCTION|PROCEDURE)\s+(\w+)\s*\(([^)]*)\)/i.exec(st);
      if (!m) {
        if (/CREATE TRIGGER/i.test(st)) throw new Error(`cannot read PostgreSQL trigger: ${st}`);
        continue;
      }
      const generic = m[7] === 'casustafel_refuse';
      out.set(m[1]!, {
        table: m[5]!,
        timing: m[2]!.toUpperCase(),
        event: m[3]!.toUpperCase(),
        of: m[4] ? m[4].split(',').map((c) => c.replace(/["\s]/g, '')) : [],
        when: m[6] ? normaliseCondition(m[6]) : generic ? '' : 'function',
        message: generic ? (/^\s*'([^']*)'\s*$/.exec(m[8]!)?.[1] ?? '?') : (functionMessages.get(m[7]!) ?? '?'),
      });
    }
  return out;
}

/** Every way the PostgreSQL triggers fall short of (or go past) the SQLite ones. */
function triggerDiff(sqlite: Map<string, Trigger>, pg: Map<string, Trigger>): string[] {
  const out: string[] = [];
  for (const [name, s] of sqlite) {
    const p = pg.get(name);
    if (!p) {
      out.push(`trigger ${name}: missing on PostgreSQL`);
      continue;
    }
    for (const prop of ['table', 'timing', 'event', 'of', 'message'] as const)
      if (JSON.stringify(s[prop]) !== JSON.stringify(p[prop])) out.push(`trigger ${name} ${prop}: sqlite ${JSON.stringify(s[prop])} pg ${JSON.stringify(p[prop])}`);
    // A SQLite WHEN with a subquery becomes a function on PostgreSQL (a trigger's WHEN cannot
    // read other tables there); the integration test pg-grants checks what it decides.
    if ((s.when === '') !== (p.when === '')) out.push(`trigger ${name}: conditional on one engine only (sqlite "${s.when}", pg "${p.when}")`);
    else if (s.when && p.when !== 'function' && s.when !== p.when) out.push(`trigger ${name} condition: sqlite "${s.when}" pg "${p.when}"`);
  }
  for (const [name, p] of pg) {
    if (sqlite.has(name)) continue;
    // TRUNCATE skips row triggers on PostgreSQL (SQLite has none): each DELETE refusal has one.
    const deleteName = name.replace(/_no_truncate$/, '_no_delete');
    const del = sqlite.get(deleteName);
    const excused = name.endsWith('_no_truncate') && del && pg.has(deleteName) && del.table === p.table && del.message === p.message && del.when === '';
    if (excused && p.event === 'TRUNCATE') continue;
    out.push(`trigger ${name}: only on PostgreSQL`);
  }
  return out;
}

const readFolder = (dir: string) =>
  readdirSync(join(ROOT, dir))
    .filter((f) => f.endsWith('.sql'))
    .sort()
    .map((f) => readFileSync(join(ROOT, dir, f), 'utf8'));

// ------------------------------------------------------------------ the tests

describe('the SQLite and PostgreSQL schemas', () => {
  it('have the same tables, columns, keys, defaults, indexes and foreign keys', () => {
    expect(Object.keys(tablesOf(sqliteSchema)).length).toBeGreaterThan(40);
    expect(schemaDiff(sqliteSchema, pgSchema)).toEqual([]);
  });

  it('have the same TypeScript row types (checked by tsc; these constants only compile when they agree)', () => {
    expect([selectTypesAgree, insertTypesAgree, sameExports, rebuiltUsersTypeAgrees, driftedTypeIsCaught]).toEqual([true, true, true, true, true]);
  });

  it('every table is bound for the query code in db/schema/index.ts', () => {
    for (const name of Object.keys(tablesOf(sqliteSchema))) expect((bound as AnyTables)[name], name).toBe((sqliteSchema as AnyTables)[name]);
  });

  it('keeps every SQLite integer within what PostgreSQL stores: 64-bit, not int4', () => {
    // Yjs client ids are unsigned 32-bit and would not fit an int4 (integer) column.
    expect(int4Columns(pgSchema)).toEqual([]);
  });
});

describe('the drift check finds drift', () => {
  const diffOne = (name: keyof Sqlite, drifted: PgTable) => schemaDiff({ [name]: sqliteSchema[name] }, { [name]: drifted });

  it('a real table against itself: no difference (the control)', () => {
    expect(diffOne('sessions', pgSchema.sessions)).toEqual([]);
  });

  it('nullability, default, kind, key, JS name, SQL name, extra column', () => {
    const s = {
      id: text('id').primaryKey(),
      userId: text('user_id').notNull().references(() => pgSchema.users.id),
      createdAt: text('created_at').notNull(),
      lastSeenAt: text('last_seen_at').notNull(),
      expiresAt: text('expires_at').notNull(),
      ip: text('ip').notNull(),
    };
    const idx = (t: { userId: AnyPgColumn }) => [index('sessions_user_idx').on(t.userId)];
    expect(diffOne('sessions', pgTable('sessions', { ...s, ip: text('ip') }, idx))).toEqual(['sessions: column ip notNull: sqlite true pg false']);
    expect(diffOne('sessions', pgTable('sessions', { ...s, ip: text('ip').notNull().default('') }, idx))).toEqual(['sessions: column ip default: sqlite undefined pg "\\"\\""']);
    expect(diffOne('sessions', pgTable('sessions', { ...s, ip: bigint('ip', { mode: 'number' }).notNull() }, idx))).toEqual(['sessions: column ip kind: sqlite "string" pg "number"']);
    expect(diffOne('sessions', pgTable('sessions', { ...s, id: text('id').notNull() }, idx))).toEqual(['sessions: primary key sqlite (id) pg ()']);
    const { ip: _ip, ...withoutIp } = s;
    expect(diffOne('sessions', pgTable('sessions', { ...withoutIp, address: text('ip').notNull() }, idx))).toEqual(['sessions: column ip key: sqlite "ip" pg "address"']);
    expect(diffOne('sessions', pgTable('sessions', { ...withoutIp, ip: text('ip_address').notNull() }, idx))).toEqual([
      'sessions: column ip only in sqlite.ts',
      'sessions: column ip_address only in pg.ts',
    ]);
    expect(diffOne('sessions', pgTable('sessions', { ...s, extra: boolean('extra') }, idx))).toEqual(['sessions: column extra only in pg.ts']);
  });

  it('a boolean default that flipped; a unique index that is not unique', () => {
    const email = (t: { email: AnyPgColumn }) => [uniqueIndex('users_email_unique').on(t.email)];
    expect(diffOne('users', pgTable('users', rebuildUsers(), email))).toEqual([]);
    expect(diffOne('users', pgTable('users', { ...rebuildUsers(), active: boolean('active').notNull().default(false) }, email))).toEqual([
      'users: column active default: sqlite "true" pg "false"',
    ]);
    expect(diffOne('users', pgTable('users', rebuildUsers(), (t) => [index('users_email_unique').on(t.email)]))).toEqual([
      'users: index users_email_unique: sqlite {"columns":["email"],"unique":true,"partial":false} pg {"columns":["email"],"unique":false,"partial":false}',
    ]);
  });

  it('an index renamed, and a foreign key without its ON DELETE CASCADE', () => {
    const drifted = pgTable(
      'collab_client_owners',
      {
        room: text('room').notNull(),
        clientId: bigint('client_id', { mode: 'number' }).notNull(),
        sessionId: text('session_id')
          .notNull()
          .references(() => pgSchema.sessions.id),
        at: text('at').notNull(),
      },
      (t) => [primaryKey({ columns: [t.room, t.clientId] }), index('collab_client_owners_session').on(t.sessionId)],
    );
    expect(diffOne('collabClientOwners', drifted)).toEqual([
      'collabClientOwners: index collab_client_owners_session_idx only in sqlite.ts',
      'collabClientOwners: index collab_client_owners_session only in pg.ts',
      'collabClientOwners: foreign key session_id: sqlite {"table":"sessions(id)","columns":["session_id"],"onDelete":"cascade","onUpdate":"no action"} pg {"table":"sessions(id)","columns":["session_id"],"onDelete":"no action","onUpdate":"no action"}',
    ]);
  });

  it('an auto-numbered key that is not an identity BY DEFAULT, or an int4', () => {
    const cols = (id: ReturnType<typeof bigint> | ReturnType<typeof integer>) => ({
      id,
      caseId: text('case_id').notNull().references(() => pgSchema.cases.id),
      userId: text('user_id').notNull().references(() => pgSchema.users.id),
      body: text('body').notNull(),
      at: text('at').notNull(),
    });
    const idx = (t: { caseId: AnyPgColumn }) => [index('resident_comments_case_idx').on(t.caseId)];
    expect(diffOne('residentComments', pgTable('resident_comments', cols(bigint('id', { mode: 'number' }).primaryKey()), idx))).toEqual([
      'residentComments: column id autoNumber: sqlite true pg false',
    ]);
    expect(diffOne('residentComments', pgTable('resident_comments', cols(bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity()), idx))).toEqual([
      'residentComments: column id default: sqlite undefined pg "identity always"',
      'residentComments: column id autoNumber: sqlite true pg false',
    ]);
    // int4 is "number" as well, so the comparison lets it pass: the int4 check above catches it.
    const narrow = pgTable('resident_comments', cols(integer('id').primaryKey().generatedByDefaultAsIdentity()), idx);
    expect(diffOne('residentComments', narrow)).toEqual([]);
    expect(int4Columns({ residentComments: narrow })).toEqual(['residentComments.id']);
  });

  it('a table missing on one side', () => {
    const { authSettings: _a, ...rest } = pgSchema;
    void _a;
    expect(schemaDiff(sqliteSchema, rest)).toEqual(['authSettings: only in sqlite.ts']);
  });
});

/** users' pg columns, rebuilt, so one can be swapped for a drifted one. */
function rebuildUsers() {
  return {
    id: text('id').primaryKey(),
    email: text('email').notNull(),
    name: text('name').notNull(),
    functie: text('functie').$type<Functie>().notNull(),
    organisation: text('organisation').notNull(),
    phone: text('phone'),
    passwordHash: text('password_hash').notNull(),
    active: boolean('active').notNull().default(true),
    mustChangePassword: boolean('must_change_password').notNull().default(false),
    functiePending: boolean('functie_pending').notNull().default(false),
    createdAt: text('created_at').notNull(),
    lastLoginAt: text('last_login_at'),
  };
}

describe('the triggers', () => {
  const sqliteFiles = readFolder('db/migrations');
  const pgFiles = readFolder('db/migrations-pg');

  it('every SQLite trigger has a PostgreSQL one: same name, table, event, condition and message', () => {
    const sqlite = sqliteTriggers(sqliteFiles);
    const pg = postgresTriggers(pgFiles);
    expect(sqlite.size).toBeGreaterThanOrEqual(38);
    expect(sqlite.get('goals_withdrawn_final')?.when).toBe('old.withdrawn_at is not null');
    // 0020 drops and recreates one: it must count once, as it stands at the end.
    expect(sqlite.has('deviation_events_no_update')).toBe(true);
    expect(triggerDiff(sqlite, pg)).toEqual([]);
    // And every table that refuses DELETE refuses TRUNCATE on PostgreSQL.
    const deletes = [...sqlite].filter(([name]) => name.endsWith('_no_delete')).map(([, t]) => t.table);
    const truncates = [...pg.values()].filter((t) => t.event === 'TRUNCATE').map((t) => t.table);
    expect(truncates.sort()).toEqual(deletes.sort());
  });

  it('finds a missing trigger, another message, a lost condition and an unknown extra', () => {
    const sqlite = sqliteTriggers(sqliteFiles);
    const drifted = pgFiles.map((f) =>
      f
        .replace(/CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log\nFOR EACH ROW EXECUTE FUNCTION casustafel_refuse\('audit_log is append-only'\);/, 'SELECT 1;')
        .replaceAll("casustafel_refuse('plan_versions is append-only');", "casustafel_refuse('plan_versions is read-only');")
        .replace('FOR EACH ROW WHEN (OLD.withdrawn_at IS NOT NULL) EXECUTE', 'FOR EACH ROW EXECUTE')
        .concat('\n--> statement-breakpoint\nCREATE TRIGGER goals_no_delete BEFORE DELETE ON goals\nFOR EACH ROW EXECUTE FUNCTION casustafel_refuse(\'x\');\n'),
    );
    const diff = triggerDiff(sqlite, postgresTriggers(drifted));
    expect(diff).toContain('trigger audit_log_no_delete: missing on PostgreSQL');
    expect(diff).toContain('trigger plan_versions_no_update message: sqlite "plan_versions is append-only" pg "plan_versions is read-only"');
    expect(diff).toContain('trigger plan_versions_no_delete message: sqlite "plan_versions is append-only" pg "plan_versions is read-only"');
    expect(diff).toContain('trigger goals_withdrawn_final: conditional on one engine only (sqlite "old.withdrawn_at is not null", pg "")');
    expect(diff).toContain('trigger goals_no_delete: only on PostgreSQL');
    // A truncate guard without its delete counterpart is not excused either.
    expect(diff).toContain('trigger audit_log_no_truncate: only on PostgreSQL');
  });
});
