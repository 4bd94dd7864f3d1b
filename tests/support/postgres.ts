// A PostgreSQL database of its own for a test suite, on the server named by TEST_DATABASE_URL
// (an admin URL: a role that may CREATE DATABASE, e.g. postgres://postgres@127.0.0.1:PORT/postgres
// from `npm run db:dev-postgres` or .ci/run). Every call makes a new database with a random
// name, so suites running in parallel never share one.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { migratePostgres } from '../../db/engines/postgres';

export interface TestDatabase {
  /** The new database, as the admin role (owner of everything the migrations made). */
  url: string;
  /** Its name. */
  name: string;
  /** Drops it, closing whatever connections are still open to it. */
  drop(): Promise<void>;
}

/** The admin URL, or undefined when PostgreSQL tests cannot run here. */
export function testDatabaseAdminUrl(): string | undefined {
  return process.env.TEST_DATABASE_URL || undefined;
}

/** Why PostgreSQL suites are skipped, for describe.skipIf titles. */
export const NO_TEST_DATABASE = 'TEST_DATABASE_URL is not set (npm run db:dev-postgres prints one)';

/** The same server and credentials, another database. */
export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/** The same server and database, another role. */
export function withRole(url: string, role: string, password: string): string {
  const u = new URL(url);
  u.username = role;
  u.password = password;
  return u.toString();
}

async function asAdmin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const admin = testDatabaseAdminUrl();
  if (!admin) throw new Error(`PostgreSQL test database requested, but ${NO_TEST_DATABASE}`);
  const client = new pg.Client({ connectionString: admin, application_name: 'casustafel-tests' });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/**
 * CREATE DATABASE with a random name, then the migrations (db/migrations-pg), unless
 * `migrate: false` (for tests of migrating itself). Text sorts as on SQLite: locale C.
 */
export async function createTestDatabase(opts: { migrate?: boolean } = {}): Promise<TestDatabase> {
  const name = `casustafel_test_${process.pid}_${randomBytes(5).toString('hex')}`;
  await asAdmin((c) =>
    c.query(`CREATE DATABASE ${pg.escapeIdentifier(name)} TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'`),
  );
  const url = withDatabase(testDatabaseAdminUrl()!, name);
  let dropped = false;
  const drop = async () => {
    if (dropped) return;
    dropped = true;
    await asAdmin((c) => c.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(name)} WITH (FORCE)`));
  };
  if (opts.migrate !== false) {
    try {
      await migratePostgres(url);
    } catch (err) {
      await drop();
      throw err;
    }
  }
  return { url, name, drop };
}

/**
 * A login role for the duration of a test (roles belong to the whole server, not to one
 * database). `drop` removes it; drop the databases it has grants in first.
 */
export async function createTestRole(prefix = 'casustafel_app'): Promise<{ role: string; password: string; drop(): Promise<void> }> {
  const role = `${prefix}_${process.pid}_${randomBytes(5).toString('hex')}`;
  const password = randomBytes(18).toString('base64url');
  await asAdmin((c) => c.query(`CREATE ROLE ${pg.escapeIdentifier(role)} LOGIN PASSWORD ${pg.escapeLiteral(password)}`));
  return {
    role,
    password,
    drop: () => asAdmin((c) => c.query(`DROP ROLE IF EXISTS ${pg.escapeIdentifier(role)}`)).then(() => undefined),
  };
}
