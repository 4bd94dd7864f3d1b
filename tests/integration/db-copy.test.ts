// `npm run db:copy` (scripts/db-copy.ts) as an operator runs it: a real SQLite installation,
// changed through the API (a goal, an approved deviation, a plan edit over y-websocket, a
// conference with attendance that is closed), the server stopped, the script run as a child
// process into a fresh migrated PostgreSQL database (TEST_DATABASE_URL). Then every table is
// compared row by row, a server is started on PostgreSQL (logins, the data through the API,
// new writes that need the identity sequences moved), and `audit:verify` runs on PostgreSQL.
// Negative controls: a database that is not empty is refused and left as it was; a tampered
// audit row in the source makes the copy report the broken chain and roll everything back.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installPostgresTypeParsers } from '../../db/engines/postgres';
import { loadConfig } from '../../server/config';
import { startServer, type RunningServer } from '../../server/start';
import { addParagraph, connectSynced, destroyAll, sectionText, verbeekLikeCase, waitForText } from '../support/collab';
import { deviationBody } from '../support/fixtures';
import { createTestDatabase, NO_TEST_DATABASE, testDatabaseAdminUrl, type TestDatabase } from '../support/postgres';
import { DEMO_PASSWORD, demoAccounts, loginAs, startTestServer, type TestServer } from '../support/server';
import { inDays, waitFor } from '../support/time';

const run = promisify(execFile);
const TSX = ['node_modules/tsx/dist/cli.mjs'];

interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

/** The operator's environment without any database or key settings of the test runner's own. */
function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const k of ['DATABASE_URL', 'DATABASE_PATH', 'AUDIT_KEY', 'AUDIT_KEY_FILE', 'AUDIT_CHECKPOINT_FILE']) delete env[k];
  return { ...env, ...extra };
}

async function script(args: string[], env: Record<string, string> = {}): Promise<Outcome> {
  try {
    const { stdout, stderr } = await run(process.execPath, [...TSX, ...args], { env: cleanEnv(env), timeout: 120_000 });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code?: number; stdout?: string; stderr?: string };
    if (typeof err.code !== 'number') throw e;
    return { code: err.code, stdout: err.stdout ?? '', stderr: err.stderr ?? '' };
  }
}

const copy = (sqlitePath: string, url: string) => script(['scripts/db-copy.ts', '--from', `sqlite:${sqlitePath}`, '--to', url]);

/** Every application table of the SQLite file, with its rows in a comparable form. */
function sqliteContents(path: string): Record<string, string[]> {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    const tables = (db.prepare(`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name <> '__drizzle_migrations' order by name`).all() as { name: string }[]).map((r) => r.name);
    return Object.fromEntries(tables.map((t) => [t, (db.prepare(`select * from "${t}"`).all() as Record<string, unknown>[]).map((r) => canonical(r)).sort()]));
  } finally {
    db.close();
  }
}

/** The same for PostgreSQL: booleans as SQLite stores them (0/1), so the two can be compared directly. */
async function pgContents(url: string): Promise<Record<string, string[]>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const tables = (await client.query<{ name: string }>(`SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`)).rows.map((r) => r.name);
    const out: Record<string, string[]> = {};
    for (const t of tables) {
      const rows = (await client.query<Record<string, unknown>>(`SELECT * FROM ${pg.escapeIdentifier(t)}`)).rows;
      out[t] = rows.map((r) => canonical(Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === 'boolean' ? Number(v) : v])))).sort();
    }
    return out;
  } finally {
    await client.end();
  }
}

function canonical(row: Record<string, unknown>): string {
  const keys = Object.keys(row).sort();
  return JSON.stringify(keys.map((k) => [k, Buffer.isBuffer(row[k]) ? `bytes:${(row[k] as Buffer).toString('hex')}` : row[k]]));
}

async function pgQuery<T extends pg.QueryResultRow>(url: string, text: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(text, params)).rows;
  } finally {
    await client.end();
  }
}

const totalRows = (contents: Record<string, string[]>) => Object.values(contents).reduce((n, rows) => n + rows.length, 0);

describe.skipIf(!testDatabaseAdminUrl())(`npm run db:copy${testDatabaseAdminUrl() ? '' : ` (skipped: ${NO_TEST_DATABASE})`}`, () => {
  let source: TestServer | undefined;
  let sqlitePath: string;
  let keyFile: string;
  let target: TestDatabase;
  let second: TestDatabase | undefined;
  let onPg: RunningServer | undefined;
  let scratch: string | undefined;
  const { as, uid } = demoAccounts(() => source!);
  const made = { caseId: '', goalText: '', deviationId: '', conferenceId: '', planLine: '', uids: {} as Record<string, string> };

  beforeAll(async () => {
    installPostgresTypeParsers();
    scratch = mkdtempSync(join(tmpdir(), 'casustafel-db-copy-'));
    // SQLite explicitly, whatever the runner's environment selects: this is the installation to move.
    source = await startTestServer({ DATABASE_URL: undefined });
    sqlitePath = source.dbPath;
    keyFile = join(dirname(sqlitePath), 'audit.key');
    for (const key of ['procesregisseur', 'casusregisseur', 'klantmanager', 'teamleider', 'jeugd']) made.uids[key] = uid(key);

    const caseId = await verbeekLikeCase(source, uid, 'Gezin Kopie');
    made.caseId = caseId;
    const regisseur = await as('casusregisseur');

    // A goal.
    made.goalText = 'Moeder heeft weer een vaste dagstructuur';
    const goal = await (await as('procesregisseur')).post(`/api/cases/${caseId}/goals`, {
      text: made.goalText,
      lifeDomain: 'geestelijke_gezondheid',
      legitimations: [{ law: 'wmo', text: 'Zelfredzaamheid van moeder in haar eigen leefomgeving.' }],
      owner: { type: 'household', name: 'moeder' },
      dueDate: inDays(90),
    });
    expect(goal.status, JSON.stringify(goal.body)).toBe(201);

    // A deviation, proposed and approved under four eyes (a boolean column, and deviation_events with an identity id).
    const proposed = await (await as('klantmanager')).post(`/api/cases/${caseId}/deviations`, deviationBody(true));
    expect(proposed.status, JSON.stringify(proposed.body)).toBe(201);
    made.deviationId = proposed.body.id;
    const approved = await (await as('teamleider')).post(`/api/cases/${caseId}/deviations/${made.deviationId}/approve`, { note: 'Akkoord.' });
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);

    // A plan edit through real y-websocket clients: stored in collab_updates (a blob) before it is relayed.
    made.planLine = 'Marieke: moeder wil weer werken, eerst twee ochtenden.';
    const writer = await connectSynced(source, regisseur, caseId);
    const reader = await connectSynced(source, await as('jeugd'), caseId);
    addParagraph(writer.doc, made.planLine);
    await waitForText(reader, made.planLine);

    // A conference with attendance, closed: attendance of a closed conference, which PostgreSQL's
    // insert trigger refuses to ordinary writers, and a plan version and frozen minutes (blobs).
    const conf = await regisseur.post(`/api/cases/${caseId}/conferences`, {});
    expect(conf.status, JSON.stringify(conf.body)).toBe(201);
    made.conferenceId = conf.body.id;
    const present = await regisseur.put(`/api/cases/${caseId}/conferences/${made.conferenceId}/attendance/members/${uid('klantmanager')}`, { present: true });
    expect(present.status, JSON.stringify(present.body)).toBe(200);
    const closed = await regisseur.post(`/api/cases/${caseId}/conferences/${made.conferenceId}/close`, {});
    expect(closed.status, JSON.stringify(closed.body)).toBe(200);

    destroyAll();
    // Stopped as an operator stops it before moving; the file (and the key beside it) stay.
    await source.close();
    target = await createTestDatabase();
  });

  afterAll(async () => {
    destroyAll();
    await onPg?.close();
    await source?.close();
    await target?.drop();
    await second?.drop();
    if (sqlitePath) rmSync(dirname(sqlitePath), { recursive: true, force: true });
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  it('copies every table with the same rows into an empty migrated database, and says it verified counts and the keyed chain', async () => {
    const before = sqliteContents(sqlitePath);
    // The data the copy must carry is really there (a test of an empty copy would prove little).
    for (const t of ['goals', 'deviations', 'deviation_events', 'collab_updates', 'plan_versions', 'conferences', 'conference_attendance']) expect(before[t]!.length, t).toBeGreaterThan(0);
    const auditRows = before.audit_log!.length;
    expect(auditRows).toBeGreaterThan(10);

    const started = performance.now();
    const result = await copy(sqlitePath, target.url);
    const ms = Math.round(performance.now() - started);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain(`Rijen gekopieerd: ${totalRows(before)} in ${Object.keys(before).length} tabellen`);
    expect(result.stdout).toContain('aantallen per tabel gelijk in bron en doel');
    expect(result.stdout).toContain(`Audittrail in PostgreSQL intact: ${auditRows} rijen gecontroleerd met de sleutel.`);
    expect(result.stdout).not.toContain('postgres@'); // no credentials in the output
    console.log(`db:copy child process, demo data plus the test's changes (${totalRows(before)} rows): ${ms} ms`);

    // Row for row, value for value: ids, text byte for byte, blobs, booleans.
    const after = await pgContents(target.url);
    expect(Object.keys(after).sort()).toEqual(Object.keys(before).sort());
    for (const t of Object.keys(before)) expect(after[t], t).toEqual(before[t]);

    // The insert trigger that was off during the copy is on again: the closed conference is frozen.
    const frozen = await pgQuery(target.url, `INSERT INTO conference_attendance (conference_id, guest_name, guest_role, present, recorded_by, recorded_at) VALUES ($1, 'X', 'Y', true, $2, 'nu')`, [
      made.conferenceId,
      made.uids.casusregisseur,
    ]).catch((e: Error) => e);
    expect(String(frozen)).toContain('a closed conference is frozen');
    const disabled = await pgQuery(target.url, `SELECT tgname FROM pg_trigger WHERE NOT tgisinternal AND tgenabled = 'D'`);
    expect(disabled).toEqual([]);
  });

  it('a server on the PostgreSQL copy: logins work, the data is there, new rows get new ids, and audit:verify passes', async () => {
    const checkpoints = join(dirname(sqlitePath), 'audit-checkpoints.jsonl');
    onPg = await startServer(
      loadConfig({}, {
        PORT: 0,
        HOST: '127.0.0.1',
        DATABASE_URL: target.url,
        // Not used with DATABASE_URL; a folder of the test's own, so nothing lands in ./data.
        DATABASE_PATH: join(scratch!, 'unused.db'),
        AUDIT_KEY_FILE: keyFile,
        AUDIT_CHECKPOINT_FILE: checkpoints,
        DEMO_DATA: true,
        DEMO_PASSWORD,
      }),
    );
    expect(onPg.seeded).toBe(false);
    const { caseId } = made;
    const regisseur = await loginAs(onPg, 'casusregisseur');
    const kase = await regisseur.get(`/api/cases/${caseId}`);
    expect(kase.status).toBe(200);
    expect(kase.body.title).toBe('Gezin Kopie');
    const goals = await regisseur.get(`/api/cases/${caseId}/goals`);
    expect(goals.body.map((g: { text: string }) => g.text)).toContain(made.goalText);
    const deviation = await regisseur.get(`/api/cases/${caseId}/deviations/${made.deviationId}`);
    expect(deviation.body).toMatchObject({ id: made.deviationId, status: 'goedgekeurd', internal: true });
    const versions = await regisseur.get(`/api/cases/${caseId}/plan/versions`);
    expect(versions.status).toBe(200);
    expect(versions.body.length).toBeGreaterThan(0);
    const conference = await regisseur.get(`/api/cases/${caseId}/conferences/${made.conferenceId}`);
    expect(conference.status).toBe(200);
    expect(conference.body.closedAt).toBeTruthy();

    // The plan's Yjs history came over as bytea: a fresh client gets the edit from PostgreSQL.
    const a = await connectSynced(onPg, regisseur, caseId);
    expect(sectionText(a.doc)).toContain(made.planLine);
    // A new edit is stored (a collab_updates row without an id) and then relayed. (Without the
    // sequences moved this insert collides too, but the room reloads and retries, and each
    // failed insert uses up a sequence value, so with few copied rows it gets through: the
    // approval below is the check that fails then.)
    const b = await connectSynced(onPg, await loginAs(onPg, 'jeugd'), caseId);
    const line = 'Lotte: na de verhuizing verder met PostgreSQL.';
    addParagraph(a.doc, line);
    await waitForText(b, line);
    // A second deviation, approved: deviation_events gets an id from its identity sequence,
    // which collides with a copied row (500) unless db:copy moved the sequence past them.
    const proposed = await (await loginAs(onPg, 'klantmanager')).post(`/api/cases/${caseId}/deviations`, deviationBody(false));
    expect(proposed.status, JSON.stringify(proposed.body)).toBe(201);
    const approved = await (await loginAs(onPg, 'teamleider')).post(`/api/cases/${caseId}/deviations/${proposed.body.id}/approve`, {});
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    destroyAll();
    await waitFor(async () => (await pgQuery<{ n: number }>(target.url, `SELECT count(*)::int AS n FROM collab_updates WHERE room = $1`, [caseId]))[0]!.n > 0);
    await onPg.close();
    onPg = undefined;

    // audit:verify on PostgreSQL, with the key and the checkpoint file the SQLite installation used.
    const sourceAudit = (new Database(sqlitePath, { readonly: true }).prepare('select count(*) as n from audit_log').get() as { n: number }).n;
    const verified = await script(['scripts/audit-verify.ts', target.url], { AUDIT_KEY_FILE: keyFile, AUDIT_CHECKPOINT_FILE: checkpoints });
    expect(verified.code, verified.stderr).toBe(0);
    const rows = Number(/Audittrail intact: (\d+) rijen gecontroleerd/.exec(verified.stdout)?.[1]);
    // The copied rows plus what the PostgreSQL server wrote on top (logins, the deviation), one chain.
    expect(rows).toBeGreaterThan(sourceAudit + 3);
  });

  it('refuses a database that is not empty (exit 2) and writes nothing to it', async () => {
    const before = await pgContents(target.url);
    const result = await copy(sqlitePath, target.url);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('is niet leeg');
    expect(result.stderr).toContain('er is niets geschreven');
    expect(await pgContents(target.url)).toEqual(before);
  });

  it('a tampered audit row in the source: the copy reports the broken chain (exit 1) and leaves the target empty', async () => {
    // Someone with the file edits a row's detail, past SQLite's append-only trigger.
    const db = new Database(sqlitePath);
    try {
      db.exec('DROP TRIGGER audit_log_no_update');
      const changed = db.prepare(`UPDATE audit_log SET detail = '{"note":"nooit gebeurd"}' WHERE seq = 5`).run();
      expect(changed.changes).toBe(1);
    } finally {
      db.close();
    }
    expect(existsSync(keyFile)).toBe(true);
    second = await createTestDatabase();
    const result = await copy(sqlitePath, second.url);
    expect(result.code, result.stdout + result.stderr).toBe(1);
    expect(result.stderr).toContain('audittrail in PostgreSQL GEBROKEN bij rij 5');
    expect(result.stderr).toContain('alles teruggedraaid');
    expect(result.stdout).not.toContain('Klaar:');
    // Rolled back: every table empty, and the trigger switched off for the copy is on again.
    expect(totalRows(await pgContents(second.url))).toBe(0);
    expect(await pgQuery(second.url, `SELECT tgname FROM pg_trigger WHERE NOT tgisinternal AND tgenabled = 'D'`)).toEqual([]);
  });
});
