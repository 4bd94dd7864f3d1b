// `npm run db:copy -- --from sqlite:PATH --to postgres://…`: moves an installation from its
// SQLite file to PostgreSQL, with every id, and checks the result before it commits.
//
// - The source is opened read-only (the file must exist) and read inside one read transaction,
//   so the copy is one moment of it even if something still writes; stop the server anyway,
//   or its later writes are not in the copy.
// - The target is a PostgreSQL database that `npm run db:migrate` brought up to date and that
//   holds no rows yet. Run this as the owner of its schema (the role db:migrate ran as): it
//   switches off one trigger for the length of the copy, which only the owner may do.
// - Every table of db/schema/sqlite.ts goes into the same table of db/schema/pg.ts, parents
//   before children (the foreign keys stay checked), in batches, all in ONE PostgreSQL
//   transaction: a copy that fails or does not verify leaves the target as empty as it was.
// - Before the commit: every identity sequence is moved past the copied ids, the row counts of
//   source and target are compared per table, and the keyed audit chain is verified on the
//   target (inside the transaction, so it sees exactly what would be committed) with the key
//   found as `npm run audit:verify` finds it for the source (AUDIT_KEY / AUDIT_KEY_FILE, or
//   audit.key beside the SQLite file).
//
// Exit code 0: copied and verified, committed. 1: the copy failed or did not verify; rolled
// back, nothing written. 2: unusable input (arguments, source, key, a target that is not
// migrated, not empty or not owned by this role); nothing written.
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { getTableColumns, getTableName, is } from 'drizzle-orm';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { drizzle } from 'drizzle-orm/node-postgres';
import { getTableConfig, PgTable, type PgColumn } from 'drizzle-orm/pg-core';
import { SQLiteTable } from 'drizzle-orm/sqlite-core';
import pg from 'pg';
import type { Db } from '../db/client';
import { describePostgresUrl, installPostgresTypeParsers, pendingPostgresMigrations, syncIdentitySequences } from '../db/engines/postgres';
import { verifyAuditChain } from '../db/queries/audit';
import { bindSchema, type Schema } from '../db/schema';
import * as pgTables from '../db/schema/pg';
import * as sqliteTables from '../db/schema/sqlite';
import { AuditKeyMissing, resolveAuditKey } from '../server/audit/key';
import { loadConfig } from '../server/config';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SQLITE_MIGRATIONS = join(ROOT, 'db', 'migrations');

/** A batch is sent when it reaches any of these: rows, bytes of values (collab updates can be large), bind parameters (PostgreSQL allows 65535). */
const BATCH_ROWS = 1000;
const BATCH_BYTES = 4 * 1024 * 1024;
const BATCH_PARAMS = 60_000;

/** A refusal before anything was written (exit 2), or a failure that rolls back (exit 1). */
class Refused extends Error {}
class CopyFailed extends Error {}

interface CopyTable {
  /** Export name in both schema files. */
  key: string;
  name: string;
  /** SQL column names and how a SQLite value becomes the PostgreSQL one. */
  columns: { name: string; kind: 'boolean' | 'bigint' | 'bytea' | 'text' }[];
  /** SQL names of the tables this one references (other than itself). */
  parents: string[];
}

function usage(): never {
  throw new Refused('Gebruik: npm run db:copy -- --from sqlite:PAD --to postgres://gebruiker@host:5432/database');
}

function parseArgs(argv: string[]): { from: string; to: string } {
  let from: string | undefined;
  let to: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [flag, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = inline ?? argv[++i];
    if (flag === '--from') from = value;
    else if (flag === '--to') to = value;
    else usage();
  }
  if (!from || !to) usage();
  if (!/^sqlite:/i.test(from)) throw new Refused(`--from moet met sqlite: beginnen (kreeg ${from}).`);
  if (!/^postgres(ql)?:\/\//i.test(to)) throw new Refused('--to moet een postgres://-adres zijn.');
  return { from: from.replace(/^sqlite:(\/\/)?/i, ''), to };
}

/** The tables of db/schema/pg.ts, each with its SQLite twin, parents first. */
export function copyPlan(): CopyTable[] {
  const tables: CopyTable[] = [];
  for (const [key, table] of Object.entries(pgTables)) {
    if (!is(table, PgTable)) continue;
    const twin = (sqliteTables as Record<string, unknown>)[key];
    if (!is(twin, SQLiteTable) || getTableName(twin) !== getTableName(table)) throw new Error(`schema: ${key} has no SQLite twin of the same name`);
    const name = getTableName(table);
    const columns = Object.values(getTableColumns(table) as Record<string, PgColumn>).map((c) => {
      const type = c.getSQLType();
      const kind = type === 'boolean' ? 'boolean' : type === 'bigint' ? 'bigint' : type === 'bytea' ? 'bytea' : type === 'text' ? 'text' : undefined;
      if (!kind) throw new Error(`schema: ${name}.${c.name} has type ${type}, which db:copy does not know`);
      return { name: c.name, kind } as const;
    });
    const parents = [...new Set(getTableConfig(table).foreignKeys.map((fk) => getTableName(fk.reference().foreignTable)))].filter((p) => p !== name);
    tables.push({ key, name, columns, parents });
  }
  // Parents before children, so every foreign key is checked as the rows go in. (A table that
  // references itself would need its rows in dependency order; none does, and rowid order,
  // which is insertion order, would serve.)
  const ordered: CopyTable[] = [];
  const placed = new Set<string>();
  let rest = tables;
  while (rest.length > 0) {
    const ready = rest.filter((t) => t.parents.every((p) => placed.has(p)));
    if (ready.length === 0) throw new Error(`schema: foreign-key cycle among ${rest.map((t) => t.name).join(', ')}`);
    for (const t of ready) {
      ordered.push(t);
      placed.add(t.name);
    }
    rest = rest.filter((t) => !placed.has(t.name));
  }
  return ordered;
}

/** One SQLite value (read with safeIntegers: integers are BigInt) as the PostgreSQL column wants it. */
function convert(table: string, column: CopyTable['columns'][number], value: unknown, rowid: bigint): unknown {
  if (value === null) return null;
  const where = () => `${table}.${column.name} (rowid ${rowid})`;
  switch (column.kind) {
    case 'boolean':
      // drizzle's SQLite booleans are stored as 0/1; anything else is not a boolean to guess at.
      if (value === 0n || value === 1n) return value === 1n;
      throw new CopyFailed(`${where()}: ${String(value)} is geen 0 of 1`);
    case 'bigint':
      if (typeof value !== 'bigint') throw new CopyFailed(`${where()}: ${typeof value} waar een geheel getal hoort`);
      // As text past 2^53, so PostgreSQL gets the exact value (a JS number would round it).
      return Number.isSafeInteger(Number(value)) ? Number(value) : value.toString();
    case 'bytea':
      if (Buffer.isBuffer(value)) return value;
      throw new CopyFailed(`${where()}: ${typeof value} waar bytes horen`);
    case 'text':
      // Strings go over unchanged, byte for byte: the audit chain hashes the exact stored text.
      if (typeof value === 'string') return value;
      throw new CopyFailed(`${where()}: ${typeof value} waar tekst hoort`);
  }
}

function sizeOf(value: unknown): number {
  if (Buffer.isBuffer(value)) return value.length;
  if (typeof value === 'string') return value.length * 2;
  return 8;
}

async function insertBatch(client: pg.Client, table: CopyTable, rows: unknown[][]): Promise<void> {
  const width = table.columns.length;
  const cols = table.columns.map((c) => pg.escapeIdentifier(c.name)).join(', ');
  const tuples = rows.map((_, r) => `(${table.columns.map((_c, i) => `$${r * width + i + 1}`).join(', ')})`).join(', ');
  // OVERRIDING SYSTEM VALUE is not needed: identity columns are BY DEFAULT (db/schema/pg.ts).
  await client.query(`INSERT INTO ${pg.escapeIdentifier(table.name)} (${cols}) VALUES ${tuples}`, rows.flat());
}

/** SQLite migrations the source file has not applied (the same rule as drizzle's migrator). */
function pendingSqliteMigrations(source: Database.Database): number {
  const files = readMigrationFiles({ migrationsFolder: SQLITE_MIGRATIONS });
  const table = source.prepare(`select 1 from sqlite_master where type = 'table' and name = '__drizzle_migrations'`).get();
  const newest = table ? Number((source.prepare('select max(created_at) as m from __drizzle_migrations').get() as { m: number | null }).m ?? -Infinity) : -Infinity;
  return files.filter((f) => f.folderMillis > newest).length;
}

async function main(): Promise<number> {
  const { from, to } = parseArgs(process.argv.slice(2));
  const config = loadConfig();
  let source: Database.Database;
  try {
    source = new Database(from, { readonly: true, fileMustExist: true });
  } catch (e) {
    throw new Refused(`Kan de SQLite-database ${from} niet openen: ${(e as Error).message}`);
  }
  let key: Buffer;
  try {
    // The key that signs the source's chain: found as audit:verify finds it for that file.
    key = resolveAuditKey({ ...config, DATABASE_PATH: from }, { create: false });
  } catch (e) {
    if (!(e instanceof AuditKeyMissing)) throw e;
    source.close();
    throw new Refused(`${e.message} Zonder de sleutel is de audittrail na het kopiëren niet te controleren.`);
  }
  const plan = copyPlan();
  const target = describePostgresUrl(to);
  installPostgresTypeParsers();
  const client = new pg.Client({ connectionString: to, application_name: 'casustafel-db-copy' });
  try {
    let pendingSqlite: number;
    try {
      pendingSqlite = pendingSqliteMigrations(source);
    } catch (e) {
      throw new Refused(`${from} is geen bruikbare Casustafel-database: ${(e as Error).message}`);
    }
    if (pendingSqlite > 0) {
      throw new Refused(`De SQLite-database ${from} mist ${pendingSqlite} migratie(s): start de server er eerst één keer op (of npm run db:migrate met DATABASE_PATH), dan kopiëren.`);
    }
    try {
      await client.connect();
    } catch (e) {
      throw new Refused(`Kan PostgreSQL ${target} niet bereiken: ${(e as Error).message}`);
    }
    const pending = await pendingPostgresMigrations(client);
    if (pending.length > 0) {
      throw new Refused(`De PostgreSQL-database ${target} mist ${pending.length} migratie(s) (${pending.join(', ')}). Draai eerst als eigenaar: DATABASE_URL=… npm run db:migrate`);
    }
    const notOwned = await client.query<{ tablename: string }>(
      `SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND NOT pg_has_role(current_user, tableowner, 'USAGE') ORDER BY tablename`,
    );
    if (notOwned.rows.length > 0) {
      const names = notOwned.rows.map((r) => r.tablename);
      const listed = names.length > 3 ? `${names.slice(0, 3).join(', ')} en ${names.length - 3} andere tabellen` : names.join(', ');
      throw new Refused(`De rol waarmee je verbindt is niet de eigenaar van ${listed}: kopieer als de eigenaar van het schema (de rol van npm run db:migrate), niet als de applicatierol.`);
    }

    console.log(`Kopiëren van SQLite ${from} naar PostgreSQL ${target}: ${plan.length} tabellen.`);
    const started = performance.now();
    // One moment of the source: every table and every count read in the same read transaction.
    source.exec('begin');
    await client.query('BEGIN');
    try {
      // Nobody else writes these tables until the commit; and the emptiness checked below
      // cannot change before the first row goes in.
      await client.query(`LOCK TABLE ${plan.map((t) => pg.escapeIdentifier(t.name)).join(', ')} IN ACCESS EXCLUSIVE MODE`);
      const filled: string[] = [];
      for (const t of plan) {
        const any = await client.query(`SELECT 1 FROM ${pg.escapeIdentifier(t.name)} LIMIT 1`);
        if (any.rows.length > 0) filled.push(t.name);
      }
      if (filled.length > 0) {
        throw new Refused(`De PostgreSQL-database ${target} is niet leeg (rijen in ${filled.join(', ')}). db:copy kopieert alleen naar een lege, gemigreerde database; er is niets geschreven.`);
      }

      // The append-only triggers guard rows that are decided. Copying them is not deciding them
      // again, and one trigger refuses exactly that: attendance of a closed conference (the copy
      // must carry it, and the conference row with closed_at comes first, for its foreign key).
      // So the user triggers that fire on INSERT are switched off for this transaction only:
      // ALTER TABLE is transactional, so a rollback leaves them on as well, and the exclusive
      // locks keep every other session from writing while they are off. Triggers on UPDATE,
      // DELETE and TRUNCATE stay on (an INSERT does not fire them). Foreign keys are not user
      // triggers and stay checked. Loading in another order (attendance before the close)
      // would have meant changing a frozen conference row after the fact.
      const insertTriggers = await client.query<{ table: string; trigger: string }>(
        `SELECT c.relname AS "table", t.tgname AS "trigger" FROM pg_trigger t
         JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
         WHERE n.nspname = 'public' AND NOT t.tgisinternal AND t.tgenabled <> 'D' AND (t.tgtype & 4) <> 0
         ORDER BY 1, 2`,
      );
      for (const { table, trigger } of insertTriggers.rows) {
        await client.query(`ALTER TABLE ${pg.escapeIdentifier(table)} DISABLE TRIGGER ${pg.escapeIdentifier(trigger)}`);
      }

      const sourceCounts = new Map<string, number>();
      for (const t of plan) {
        const select = source
          .prepare(`select rowid as "__rowid", ${t.columns.map((c) => `"${c.name}"`).join(', ')} from "${t.name}" order by rowid`)
          .raw(true)
          .safeIntegers(true);
        let batch: unknown[][] = [];
        let bytes = 0;
        let copied = 0;
        const flush = async () => {
          if (batch.length === 0) return;
          try {
            await insertBatch(client, t, batch);
          } catch (e) {
            throw new CopyFailed(`tabel ${t.name}, rijen ${copied + 1}–${copied + batch.length}: ${(e as Error).message}`);
          }
          copied += batch.length;
          batch = [];
          bytes = 0;
        };
        // iterate(): one row at a time off the file, so memory holds at most one batch.
        for (const raw of select.iterate() as Iterable<unknown[]>) {
          const rowid = raw[0] as bigint;
          const row = t.columns.map((c, i) => convert(t.name, c, raw[i + 1], rowid));
          batch.push(row);
          bytes += row.reduce<number>((n, v) => n + sizeOf(v), 0);
          if (batch.length >= BATCH_ROWS || bytes >= BATCH_BYTES || (batch.length + 1) * t.columns.length > BATCH_PARAMS) await flush();
        }
        await flush();
        sourceCounts.set(t.name, copied);
      }

      for (const { table, trigger } of insertTriggers.rows) {
        await client.query(`ALTER TABLE ${pg.escapeIdentifier(table)} ENABLE TRIGGER ${pg.escapeIdentifier(trigger)}`);
      }
      const stillOff = await client.query<{ name: string }>(
        `SELECT c.relname || '.' || t.tgname AS name FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
         JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND NOT t.tgisinternal AND t.tgenabled = 'D'`,
      );
      if (stillOff.rows.length > 0) throw new CopyFailed(`triggers staan nog uit: ${stillOff.rows.map((r) => r.name).join(', ')}`);

      // New rows must not collide with the copied ids.
      await syncIdentitySequences(client);
      const ms = Math.round(performance.now() - started);

      // Check 1: the same number of rows in every table, counted on both sides in this moment.
      const differ: string[] = [];
      let total = 0;
      for (const t of plan) {
        const inSource = Number((source.prepare(`select count(*) as n from "${t.name}"`).get() as { n: number }).n);
        const inTarget = Number((await client.query<{ n: number }>(`SELECT count(*) AS n FROM ${pg.escapeIdentifier(t.name)}`)).rows[0]!.n);
        if (inSource !== inTarget || sourceCounts.get(t.name) !== inSource) differ.push(`${t.name}: ${inSource} in SQLite, ${inTarget} in PostgreSQL`);
        total += inSource;
      }
      if (differ.length > 0) throw new CopyFailed(`aantallen rijen verschillen: ${differ.join('; ')}`);
      console.log(`Rijen gekopieerd: ${total} in ${plan.length} tabellen, in ${ms} ms; aantallen per tabel gelijk in bron en doel.`);
      const shown = ['users', 'cases', 'goals', 'deviations', 'plan_versions', 'collab_updates', 'audit_log'];
      console.log(`  ${shown.map((n) => `${n} ${sourceCounts.get(n) ?? 0}`).join(', ')}`);

      // Check 2: the keyed audit chain, on the target, read through the same verifier as
      // audit:verify. The query code's tables are bound to PostgreSQL for this (this process
      // opened SQLite through better-sqlite3 directly, so no engine was bound yet).
      bindSchema('postgres', pgTables as unknown as Schema);
      const chain = await verifyAuditChain(drizzle(client, { schema: pgTables }) as unknown as Db, key);
      if (!chain.ok) throw new CopyFailed(`audittrail in PostgreSQL GEBROKEN bij rij ${chain.brokenSeq}: ${chain.reason} (${chain.rows} rijen daarvoor in orde)`);
      const unkeyed = chain.unkeyedRows > 0 ? ` (waarvan ${chain.unkeyedRows} van vóór de sleutel)` : '';
      console.log(`Audittrail in PostgreSQL intact: ${chain.rows} rijen gecontroleerd met de sleutel${unkeyed}.`);

      await client.query('COMMIT');
    } catch (e) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw e;
    } finally {
      source.exec('commit');
    }
    console.log(`Klaar: ${target} bevat nu de installatie. Start de server met DATABASE_URL en dezelfde auditsleutel; geef de applicatierol rechten met npm run db:migrate -- --grant-role <rol>.`);
    return 0;
  } finally {
    source.close();
    await client.end().catch(() => undefined);
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    process.exitCode = await main();
  } catch (e) {
    if (e instanceof Refused) {
      console.error(e.message);
      process.exitCode = 2;
    } else {
      const message = e instanceof CopyFailed ? e.message : `onverwachte fout: ${(e as Error).stack ?? String(e)}`;
      console.error(`Kopiëren NIET gelukt, alles teruggedraaid (de PostgreSQL-database is leeg gebleven): ${message}`);
      process.exitCode = 1;
    }
  }
}
