// The application role on PostgreSQL cannot change or remove decided records or the audit log
// (db/postgres-grants.sql), and the triggers refuse it even to the owner (0001_append_only.sql).
// On a fresh database of its own, migrated, with a fresh login role; both are dropped after.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { grantAppRole, installPostgresTypeParsers, pendingPostgresMigrations } from '../../db/engines/postgres';
import * as t from '../../db/schema/pg';
import { createTestDatabase, createTestRole, NO_TEST_DATABASE, testDatabaseAdminUrl, withRole, type TestDatabase } from '../support/postgres';

const ROOT = resolve(fileURLToPath(import.meta.url), '../../..');

/**
 * The tables no one may change or empty, by the SQLite triggers that made them so: every
 * `<table>_no_update` there. Listed here as well, because each needs a row below; the first
 * test fails when a new one is added to the migrations and not here.
 */
const APPEND_ONLY = [
  'audit_log',
  'case_status_changes',
  'plan_versions',
  'deviations',
  'deviation_events',
  'verdict_signatures',
  'vraagstuk_decisions',
  'local_articles',
  'case_stuck_flags',
  'case_lead_events',
  'breakthrough_versions',
  'breakthrough_events',
  'breakthrough_outcomes',
  'conference_timer_events',
  'conference_decisions',
  'resident_comments',
] as const;

/** A column of each table to "change" to itself: enough for UPDATE to touch the row. */
const SOME_COLUMN: Record<(typeof APPEND_ONLY)[number], string> = {
  audit_log: 'action',
  case_status_changes: 'note',
  plan_versions: 'note',
  deviations: 'rule',
  deviation_events: 'note',
  verdict_signatures: 'verdict',
  vraagstuk_decisions: 'motivation',
  local_articles: 'body',
  case_stuck_flags: 'reason',
  case_lead_events: 'note',
  breakthrough_versions: 'proposal',
  breakthrough_events: 'note',
  breakthrough_outcomes: 'difference',
  conference_timer_events: 'item_id',
  conference_decisions: 'text',
  resident_comments: 'body',
};

const NOW = '2026-12-03T10:00:00.000Z';
const PERMISSION_DENIED = '42501';

/** Runs `fn`, expecting a PostgreSQL error; returns its code and message. */
async function pgError(fn: () => Promise<unknown>): Promise<{ code?: string; message: string }> {
  try {
    await fn();
  } catch (err) {
    const e = err as { code?: string; message: string; cause?: { code?: string; message: string } };
    // drizzle wraps driver errors; the driver's own is in `cause`.
    return e.code ? { code: e.code, message: e.message } : { code: e.cause?.code, message: e.cause?.message ?? e.message };
  }
  throw new Error('expected PostgreSQL to refuse, but the statement succeeded');
}

/** One row in every append-only table (and what they need), written as the owner. */
async function seed(db: NodePgDatabase<typeof t>): Promise<void> {
  const user = { email: 'a@gemeente.nl', name: 'A', functie: 'casusregisseur' as const, organisation: 'Gemeente', passwordHash: 'x', createdAt: NOW };
  await db.insert(t.users).values([{ id: 'u1', ...user }, { id: 'u2', ...user, email: 'b@gemeente.nl' }]);
  await db.insert(t.cases).values({ id: 'c1', title: 'Casus', createdBy: 'u1', createdAt: NOW, lastActivityAt: NOW });
  await db.insert(t.sessions).values({ id: 's1', userId: 'u1', createdAt: NOW, lastSeenAt: NOW, expiresAt: NOW, ip: '127.0.0.1' });
  await db.insert(t.caseStatusChanges).values({ caseId: 'c1', status: 'open', at: NOW, byUserId: 'u1' });
  await db.insert(t.auditLog).values({ at: NOW, action: 'case.read', prevHash: '0', hash: '1' });
  await db.insert(t.planVersions).values({ caseId: 'c1', number: 1, adoptedAt: NOW, adoptedBy: 'u1', state: Buffer.from([1, 2, 3]), content: '{}', text: 'plan' });
  await db.insert(t.deviations).values({
    id: 'd1', caseId: 'c1', law: 'wmo', rule: 'regel', route: 'hardheidsclausule', willDo: 'x', willNotDo: 'y', reasoning: 'z',
    startDate: '2026-01-01', endDate: '2026-12-31', reviewDate: '2026-06-01', internal: false, proposedBy: 'u1', proposedAt: NOW,
  });
  await db.insert(t.deviationEvents).values({ deviationId: 'd1', kind: 'goedgekeurd', byUserId: 'u2', at: NOW });
  await db.insert(t.vraagstukken).values({ id: 'v1', caseId: 'c1', title: 'Vraagstuk', createdBy: 'u1', createdAt: NOW });
  await db.insert(t.verdictSignatures).values({
    vraagstukId: 'v1', law: 'wmo', verdict: 'past', reasoning: 'r', solution: 's', byUserId: 'u1', byName: 'A', byCaseRole: 'casusregisseur', at: NOW,
  });
  await db.insert(t.vraagstukDecisions).values({
    vraagstukId: 'v1', kind: 'besloten', outcome: 'uitvoeren', motivation: 'm', basis: '{}', byUserId: 'u1', byName: 'A', byCaseRole: 'casusregisseur', at: NOW,
  });
  await db.insert(t.localArticles).values({
    id: 'a1', law: 'wmo', kind: 'beleidsregel', source: 'Beleidsregels', ref: 'art. 1', title: 'T', body: 'B', validFrom: '2026-01-01', createdBy: 'u1', createdAt: NOW,
  });
  await db.insert(t.caseStuckFlags).values({ caseId: 'c1', kind: 'gemeld', reason: 'vast', byUserId: 'u1', at: NOW });
  await db.insert(t.caseLeadEvents).values({ caseId: 'c1', kind: 'genomen', userId: 'u1', at: NOW });
  await db.insert(t.breakthroughRequests).values({ id: 'b1', caseId: 'c1', createdBy: 'u1', createdAt: NOW });
  await db.insert(t.breakthroughVersions).values({
    requestId: 'b1', version: 1, stuck: 's', stuckSince: '2026-01-01', proposal: 'p', kind: 'budget', blocking: '{}', costs: '{}', amountCents: 3_000_000_000, submittedBy: 'u1', submittedAt: NOW,
  });
  await db.insert(t.breakthroughEvents).values({ requestId: 'b1', kind: 'voorgelegd', byUserId: 'u1', at: NOW });
  await db.insert(t.breakthroughOutcomes).values({
    requestId: 'b1', achieved: true, type: 'anders', difference: 'd', successStory: false, byUserId: 'u1', at: NOW,
  });
  await db.insert(t.conferences).values([
    { id: 'k1', caseId: 'c1', chairUserId: 'u1', startedAt: NOW },
    { id: 'k2', caseId: 'c1', chairUserId: 'u1', startedAt: NOW },
  ]);
  await db.insert(t.conferenceTimerEvents).values({ conferenceId: 'k1', itemId: 'i1', action: 'start', minutes: 5, byUserId: 'u1', at: NOW });
  await db.insert(t.conferenceDecisions).values({ conferenceId: 'k1', text: 'besluit', byUserId: 'u1', at: NOW });
  await db.insert(t.residentComments).values({ caseId: 'c1', userId: 'u1', body: 'opmerking', at: NOW });
  await db.insert(t.goals).values({
    id: 'g1', caseId: 'c1', text: 'doel', lifeDomain: 'financien', status: 'open', createdBy: 'u1', createdAt: NOW, updatedBy: 'u1', updatedAt: NOW,
  });
}

describe.skipIf(!testDatabaseAdminUrl())(`PostgreSQL: the application role's grants and the append-only triggers${testDatabaseAdminUrl() ? '' : ` (skipped: ${NO_TEST_DATABASE})`}`, () => {
  let database: TestDatabase;
  let role: Awaited<ReturnType<typeof createTestRole>>;
  let owner: pg.Pool;
  let app: pg.Pool;

  beforeAll(async () => {
    installPostgresTypeParsers();
    database = await createTestDatabase();
    role = await createTestRole();
    owner = new pg.Pool({ connectionString: database.url, max: 2 });
    await seed(drizzle(owner, { schema: t }));
    await grantAppRole(owner, role.role);
    app = new pg.Pool({ connectionString: withRole(database.url, role.role, role.password), max: 3 });
  });

  afterAll(async () => {
    await app?.end();
    await owner?.end();
    // The database first: the role's grants live in it, and a role with grants cannot be dropped.
    await database?.drop();
    await role?.drop();
  });

  it('the list of append-only tables is the one the SQLite triggers make', () => {
    const dir = join(ROOT, 'db/migrations');
    const sqliteText = readdirSync(dir)
      .filter((f) => f.endsWith('.sql'))
      .map((f) => readFileSync(join(dir, f), 'utf8'))
      .join('\n');
    const fromTriggers = [...new Set([...sqliteText.matchAll(/CREATE TRIGGER (\w+)_no_update BEFORE UPDATE ON (\w+)/g)].map((m) => m[2]!))];
    expect(fromTriggers.sort()).toEqual([...APPEND_ONLY].sort());
  });

  it('positive control: the application role reads and writes what the server needs', async () => {
    // Reads every append-only table, and finds the row the owner wrote.
    for (const table of APPEND_ONLY) {
      const rows = await app.query(`SELECT count(*) AS n FROM ${table}`);
      expect(rows.rows[0].n, table).toBe(1);
    }
    // Appends to the audit log: the identity hands out the next number, read back as a JS number.
    const appended = await app.query(`INSERT INTO audit_log (at, action, prev_hash, hash) VALUES ($1, 'case.read', '1', '2') RETURNING seq`, [NOW]);
    expect(appended.rows[0].seq).toBe(2);
    await app.query(`INSERT INTO resident_comments (case_id, user_id, body, at) VALUES ('c1', 'u2', 'nog een', $1)`, [NOW]);
    // Changes and removes where that is the point of the table.
    expect((await app.query(`UPDATE cases SET title = 'Nieuwe titel' WHERE id = 'c1'`)).rowCount).toBe(1);
    await app.query(
      `INSERT INTO case_reads (case_id, user_id, day, kind, first_at, last_at, times) VALUES ('c1', 'u1', '2026-12-03', 'dossier_geopend', $1, $1, 1)
       ON CONFLICT (case_id, user_id, day, kind) DO UPDATE SET times = case_reads.times + 1, last_at = excluded.last_at`,
      [NOW],
    );
    await app.query(
      `INSERT INTO case_reads (case_id, user_id, day, kind, first_at, last_at, times) VALUES ('c1', 'u1', '2026-12-03', 'dossier_geopend', $1, $1, 1)
       ON CONFLICT (case_id, user_id, day, kind) DO UPDATE SET times = case_reads.times + 1, last_at = excluded.last_at`,
      [NOW],
    );
    expect((await app.query(`SELECT times FROM case_reads`)).rows[0].times).toBe(2);
    expect((await app.query(`DELETE FROM sessions WHERE id = 's1'`)).rowCount).toBe(1);
    // And may see whether the schema is current (the server refuses to start otherwise).
    expect(await pendingPostgresMigrations(app)).toEqual([]);
  });

  it('the application role may not UPDATE, DELETE or TRUNCATE any append-only table: permission denied', async () => {
    for (const table of APPEND_ONLY) {
      const col = SOME_COLUMN[table];
      for (const statement of [`UPDATE ${table} SET ${col} = ${col}`, `DELETE FROM ${table}`, `TRUNCATE ${table}`]) {
        const err = await pgError(() => app.query(statement));
        expect({ statement, code: err.code }).toEqual({ statement, code: PERMISSION_DENIED });
        expect(err.message).toMatch(/permission denied/);
      }
    }
    // Nothing was removed by any of it.
    for (const table of APPEND_ONLY) expect((await owner.query(`SELECT count(*) AS n FROM ${table}`)).rows[0].n, table).toBeGreaterThanOrEqual(1);
  });

  it('the owner is refused by the triggers, with the SQLite messages', async () => {
    for (const table of APPEND_ONLY) {
      const col = SOME_COLUMN[table];
      const message = `${table} is append-only`;
      expect((await pgError(() => owner.query(`UPDATE ${table} SET ${col} = ${col}`))).message).toBe(message);
      expect((await pgError(() => owner.query(`DELETE FROM ${table}`))).message).toBe(message);
      // TRUNCATE skips row triggers; the statement trigger refuses it (CASCADE past the
      // foreign keys that would otherwise stop it first).
      expect((await pgError(() => owner.query(`TRUNCATE ${table} CASCADE`))).message).toMatch(/is append-only$/);
    }
    expect((await owner.query(`SELECT count(*) AS n FROM audit_log`)).rows[0].n).toBeGreaterThanOrEqual(1);
  });

  it('a conference can be changed until it is closed, then it is frozen, and it is never deleted', async () => {
    await app.query(`UPDATE conferences SET household_present = true WHERE id = 'k2'`);
    await app.query(`INSERT INTO conference_attendance (conference_id, user_id, present, recorded_by, recorded_at) VALUES ('k2', 'u2', true, 'u1', $1)`, [NOW]);
    await app.query(`UPDATE conference_attendance SET present = false WHERE conference_id = 'k2'`);
    expect((await app.query(`UPDATE conferences SET closed_at = $1, closed_by = 'u1' WHERE id = 'k2'`, [NOW])).rowCount).toBe(1);

    for (const db of [app, owner]) {
      expect((await pgError(() => db.query(`UPDATE conferences SET household_present = false WHERE id = 'k2'`))).message).toBe('a closed conference is frozen');
      expect((await pgError(() => db.query(`UPDATE conference_attendance SET present = true WHERE conference_id = 'k2'`))).message).toBe('a closed conference is frozen');
      const late = `INSERT INTO conference_attendance (conference_id, guest_name, guest_role, present, recorded_by, recorded_at) VALUES ('k2', 'Laat', 'Gast', true, 'u1', $1)`;
      expect((await pgError(() => db.query(late, [NOW]))).message).toBe('a closed conference is frozen');
    }
    // The open conference next to it is not affected.
    await app.query(`INSERT INTO conference_attendance (conference_id, guest_name, guest_role, present, recorded_by, recorded_at) VALUES ('k1', 'Gast', 'Buurtteam', true, 'u1', $1)`, [NOW]);

    expect((await pgError(() => app.query(`DELETE FROM conferences WHERE id = 'k1'`))).code).toBe(PERMISSION_DENIED);
    expect((await pgError(() => app.query(`DELETE FROM conference_attendance`))).code).toBe(PERMISSION_DENIED);
    expect((await pgError(() => owner.query(`DELETE FROM conferences WHERE id = 'k1'`))).message).toBe('conferences are kept');
    expect((await pgError(() => owner.query(`DELETE FROM conference_attendance`))).message).toBe('attendance is kept');
  });

  it('recording attendance while another transaction closes the conference: it waits for the close, then is refused', async () => {
    // SQLite has one writer at a time; PostgreSQL must not let the two interleave (the trigger
    // locks the conference row FOR SHARE, which the close's UPDATE holds until it commits).
    await owner.query(`INSERT INTO conferences (id, case_id, chair_user_id, started_at) VALUES ('k3', 'c1', 'u1', $1)`, [NOW]);
    const closer = await app.connect();
    const recorder = await app.connect();
    try {
      await closer.query('BEGIN');
      await closer.query(`UPDATE conferences SET closed_at = $1, closed_by = 'u1' WHERE id = 'k3'`, [NOW]);
      const recording = recorder
        .query(`INSERT INTO conference_attendance (conference_id, user_id, present, recorded_by, recorded_at) VALUES ('k3', 'u2', true, 'u1', $1)`, [NOW])
        .then(
          () => 'vastgelegd',
          (err: Error) => err.message,
        );
      const early = await Promise.race([recording, new Promise((r) => setTimeout(() => r('wacht'), 400))]);
      expect(early).toBe('wacht');
      await closer.query('COMMIT');
      expect(await recording).toBe('a closed conference is frozen');
      expect((await owner.query(`SELECT count(*) AS n FROM conference_attendance WHERE conference_id = 'k3'`)).rows[0].n).toBe(0);
    } finally {
      closer.release();
      recorder.release();
    }
  });

  it('a withdrawn goal does not change any more; until then it does', async () => {
    await app.query(`UPDATE goals SET text = 'beter doel' WHERE id = 'g1'`);
    await app.query(`UPDATE goals SET withdrawn_at = $1, withdrawn_by = 'u1', withdrawn_reason = 'vergissing' WHERE id = 'g1'`, [NOW]);
    for (const db of [app, owner]) {
      expect((await pgError(() => db.query(`UPDATE goals SET text = 'terug' WHERE id = 'g1'`))).message).toBe('a withdrawn goal does not change any more');
    }
  });

  it('the application role cannot grant itself more, nor make tables of its own', async () => {
    const err = await pgError(() => app.query('SELECT casustafel_grant_app_role($1)', [role.role]));
    expect(err.code).toBe(PERMISSION_DENIED);
    const version = Number((await app.query('SHOW server_version_num')).rows[0].server_version_num);
    // PostgreSQL 15 took CREATE on schema public away from everyone (db/postgres-grants.sql says what to do on older ones).
    if (version >= 150000) expect((await pgError(() => app.query('CREATE TABLE mine (x int)'))).code).toBe(PERMISSION_DENIED);
    else expect(version).toBeLessThan(150000);
  });

  it('db/postgres-grants.sql through psql gives another role the same privileges', async (ctx) => {
    const psql = ['/usr/lib/postgresql']
      .filter(existsSync)
      .flatMap((base) => readdirSync(base).map((v) => join(base, v, 'bin', 'psql')))
      .find(existsSync);
    // Skipped with the reason when there is no psql beside the server (not a Debian layout).
    if (!psql) return ctx.skip('psql not found under /usr/lib/postgresql/*/bin');
    const other = await createTestRole('casustafel_psql');
    try {
      const run = spawnSync(psql, [database.url, '-X', '-q', '-v', `app_role=${other.role}`, '-f', join(ROOT, 'db/postgres-grants.sql')], { encoding: 'utf8' });
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
      const grants = async (grantee: string) =>
        (
          await owner.query(
            `SELECT table_name, string_agg(privilege_type, ',' ORDER BY privilege_type) AS p FROM information_schema.role_table_grants
             WHERE grantee = $1 AND table_schema = 'public' GROUP BY table_name ORDER BY table_name`,
            [grantee],
          )
        ).rows;
      const viaPsql = await grants(other.role);
      expect(viaPsql).toEqual(await grants(role.role));
      expect(viaPsql.find((r) => r.table_name === 'audit_log')?.p).toBe('INSERT,SELECT');
      expect(viaPsql.find((r) => r.table_name === 'conferences')?.p).toBe('INSERT,SELECT,UPDATE');
      expect(viaPsql.find((r) => r.table_name === 'cases')?.p).toBe('DELETE,INSERT,SELECT,UPDATE');
      // Without the role it refuses, instead of granting to nobody in silence.
      const bare = spawnSync(psql, [database.url, '-X', '-q', '-f', join(ROOT, 'db/postgres-grants.sql')], { encoding: 'utf8' });
      expect(bare.status).not.toBe(0);
    } finally {
      await owner.query(`REVOKE ALL ON ALL TABLES IN SCHEMA public FROM ${pg.escapeIdentifier(other.role)}`);
      await owner.query(`REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM ${pg.escapeIdentifier(other.role)}`);
      await owner.query(`REVOKE ALL ON SCHEMA public, drizzle FROM ${pg.escapeIdentifier(other.role)}`);
      await owner.query(`REVOKE ALL ON ALL TABLES IN SCHEMA drizzle FROM ${pg.escapeIdentifier(other.role)}`);
      await other.drop();
    }
  });
});
