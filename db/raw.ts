// Raw SQL on either engine, for the queries drizzle's builders do not express (report
// aggregates, recursive lookups). Write SQL both engines read the same way, and quote
// camelCase aliases ("caseIds"): PostgreSQL folds unquoted names to lower case.
import { sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from './client';

interface PgLike {
  execute(query: SQL): Promise<{ rows: unknown[] }>;
}

export async function rawAll<T>(db: DbOrTx, query: SQL): Promise<T[]> {
  if (db.$engine === 'postgres') return (await (db as unknown as PgLike).execute(query)).rows as T[];
  return db.all<T>(query);
}

export async function rawGet<T>(db: DbOrTx, query: SQL): Promise<T | undefined> {
  return (await rawAll<T>(db, query))[0];
}

export async function rawRun(db: DbOrTx, query: SQL): Promise<void> {
  if (db.$engine === 'postgres') await (db as unknown as PgLike).execute(query);
  else db.run(query);
}

/** `a, b, c` as bound parameters, for `in (...)`; the caller handles the empty list. */
export function inList(values: readonly string[]): SQL {
  return sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  );
}

/** A field of a JSON text column, as text. */
export function jsonText(db: DbOrTx, column: SQL, key: string): SQL {
  return db.$engine === 'postgres' ? sql`(${column}::jsonb ->> ${sql.raw(`'${safeKey(key)}'`)})` : sql`json_extract(${column}, ${sql.raw(`'$.${safeKey(key)}'`)})`;
}

/** The condition "this JSON field is true". */
export function jsonTrue(db: DbOrTx, column: SQL, key: string): SQL {
  return db.$engine === 'postgres' ? sql`(${column}::jsonb -> ${sql.raw(`'${safeKey(key)}'`)}) = 'true'::jsonb` : sql`json_extract(${column}, ${sql.raw(`'$.${safeKey(key)}'`)}) = 1`;
}

/** Distinct values joined with commas. */
export function commaList(db: DbOrTx, column: SQL): SQL {
  return db.$engine === 'postgres' ? sql`string_agg(distinct ${column}, ',')` : sql`group_concat(distinct ${column})`;
}

/** A boolean from raw SQL: SQLite answers 0/1, PostgreSQL true/false. */
export function asBool(value: unknown): boolean {
  return value === true || value === 1 || value === '1';
}

function safeKey(key: string): string {
  if (!/^\w+$/.test(key)) throw new Error(`unsafe JSON key ${key}`);
  return key;
}
