// The audit trail: every access and change leaves a row; the database refuses edits; the
// hash chain (and the audit:verify CLI) catches tampering.
import { execFile } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase, sqliteConnection } from '../../db/client';
import { verifyAuditChain as verifyWithKey } from '../../db/queries/audit';
import { defaultKeyFile, resolveAuditKey } from '../../server/audit/key';
import { ApiClient, demoEmail, loginAs, onPostgres, startTestServer, type TestServer } from '../support/server';
import { type AuditRow, auditRowsSince, count, dropTrigger, execSql, maxAuditSeq, queryRow, queryRows, sqlError, userId } from '../support/db';
import { BORGING, createCase } from '../support/fixtures';

const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
const IP = '127.0.0.1';

let server: TestServer;
let tmp: string;

beforeAll(async () => {
  server = await startTestServer();
  tmp = mkdtempSync(join(tmpdir(), 'casustafel-audit-'));
});

afterAll(async () => {
  await server?.stop();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

/** The test server's own key (made beside its database, as in a try-out). */
async function verifyAuditChain(db: Parameters<typeof verifyWithKey>[0], batchSize?: number) {
  const key = resolveAuditKey(server.services.config, { create: false });
  const result = await verifyWithKey(db, key, batchSize);
  // These databases were keyed from their first row.
  return result.ok ? { ok: true as const, rows: result.rows } : result;
}

function only(rows: AuditRow[], action: string): AuditRow {
  const matching = rows.filter((r) => r.action === action);
  expect(matching, `exactly one ${action} row in ${JSON.stringify(rows.map((r) => r.action))}`).toHaveLength(1);
  return matching[0]!;
}

function detail(row: AuditRow): Record<string, unknown> {
  return JSON.parse(row.detail) as Record<string, unknown>;
}

/** A consistent copy of the live database file (WAL folded into the main file first). */
function copyDatabase(name: string): string {
  sqliteConnection(server.db).pragma('wal_checkpoint(TRUNCATE)');
  const dest = join(tmp, name);
  copyFileSync(server.dbPath, dest);
  return dest;
}

function runAuditVerify(dbPath: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    // The key of the live server; each copy gets a checkpoint file of its own (none yet).
    const env = { ...process.env, AUDIT_KEY_FILE: defaultKeyFile(server.dbPath), AUDIT_CHECKPOINT_FILE: `${dbPath}.checkpoints` };
    execFile('npx', ['tsx', 'scripts/audit-verify.ts', dbPath], { cwd: REPO_ROOT, timeout: 25_000, env }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : -1) : 0;
      resolve({ code, stdout: String(stdout), stderr: String(stderr) });
    });
  });
}

describe('what is audited', () => {
  it('login and logout, with actor and ip', async () => {
    const seq = await maxAuditSeq(server);
    const client = await loginAs(server, 'wmo');
    expect((await client.post('/api/auth/logout')).status).toBe(204);
    const rows = await auditRowsSince(server, seq);
    const wmoId = userId(server, 'wmo');
    expect(only(rows, 'auth.login')).toMatchObject({ actor_user_id: wmoId, case_id: null, ip: IP });
    expect(only(rows, 'auth.logout')).toMatchObject({ actor_user_id: wmoId, case_id: null, ip: IP });
    expect(rows.map((r) => r.action)).toEqual(['auth.login', 'auth.logout']);
  });

  it('a failed login, with the typed address as label', async () => {
    const seq = await maxAuditSeq(server);
    const res = await new ApiClient(server.url).login(demoEmail('jeugd'), 'Niet-het-wachtwoord-1');
    expect(res.status).toBe(401);
    const row = only(await auditRowsSince(server, seq), 'auth.login_failed');
    expect(row).toMatchObject({ actor_user_id: userId(server, 'jeugd'), actor_label: demoEmail('jeugd'), case_id: null, ip: IP });
    expect(detail(row)).toEqual({ reason: 'wrong_password' });
  });

  it('reading a case (every read), with actor, case id and ip', async () => {
    const client = await loginAs(server, 'ggz');
    const caseId = (await client.get('/api/cases')).body[0].id as string;
    const seq = await maxAuditSeq(server);
    expect((await client.get(`/api/cases/${caseId}`)).status).toBe(200);
    expect((await client.get(`/api/cases/${caseId}`)).status).toBe(200);
    const rows = await auditRowsSince(server, seq);
    // Every read has its case.read row; the first read of the day also its grouped read (server/cases/reads.ts).
    expect(rows.map((r) => r.action)).toEqual(['case.read', 'case.content_read', 'case.read']);
    for (const r of rows) expect(r).toMatchObject({ actor_user_id: userId(server, 'ggz'), case_id: caseId, ip: IP });
    expect(JSON.parse(rows[1]!.detail)).toEqual({ kind: 'dossier_geopend', route: '/api/cases/:id' });
  });

  it('a refused read (not a member) is not logged as a read', async () => {
    const client = await loginAs(server, 'inwoner');
    const other = await queryRow(server, "select id from cases where title = 'Dhr. R. de Graaf'") as { id: string };
    const seq = await maxAuditSeq(server);
    expect((await client.get(`/api/cases/${other.id}`)).status).toBe(404);
    expect((await auditRowsSince(server, seq)).filter((r) => r.action === 'case.read')).toEqual([]);
  });

  it('case creation, member add / change / remove and regisseur assignment', async () => {
    const pr = await loginAs(server, 'procesregisseur');
    const prId = userId(server, 'procesregisseur');
    const crId = userId(server, 'casusregisseur');
    const seq = await maxAuditSeq(server);

    const { id: caseId } = await createCase(pr);
    let rows = await auditRowsSince(server, seq);
    expect(only(rows, 'case.create')).toMatchObject({ actor_user_id: prId, case_id: caseId, ip: IP });
    expect(detail(only(rows, 'case.member_added'))).toEqual({ userId: prId, caseRole: 'procesregisseur', access: 'edit' });

    let mark = await maxAuditSeq(server);
    expect((await pr.post(`/api/cases/${caseId}/members`, { userId: crId, caseRole: 'casusregisseur', access: 'comment' })).status).toBe(201);
    rows = await auditRowsSince(server, mark);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ action: 'case.member_added', actor_user_id: prId, case_id: caseId, ip: IP });
    expect(detail(rows[0]!)).toEqual({ userId: crId, caseRole: 'casusregisseur', access: 'comment' });

    mark = await maxAuditSeq(server);
    expect((await pr.patch(`/api/cases/${caseId}/members/${crId}`, { access: 'edit' })).status).toBe(200);
    rows = await auditRowsSince(server, mark);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ action: 'case.member_changed', actor_user_id: prId, case_id: caseId, ip: IP });
    expect(detail(rows[0]!)).toEqual({ userId: crId, from: { caseRole: 'casusregisseur', access: 'comment' }, to: { caseRole: 'casusregisseur', access: 'edit' } });

    mark = await maxAuditSeq(server);
    expect((await pr.put(`/api/cases/${caseId}/regisseur`, { userId: crId })).status).toBe(200);
    rows = await auditRowsSince(server, mark);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ action: 'case.regisseur_assigned', actor_user_id: prId, case_id: caseId, ip: IP });
    expect(detail(rows[0]!)).toEqual({ userId: crId, previous: null });

    mark = await maxAuditSeq(server);
    expect((await pr.delete(`/api/cases/${caseId}/members/${crId}`)).status).toBe(200);
    rows = await auditRowsSince(server, mark);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ action: 'case.member_removed', actor_user_id: prId, case_id: caseId, ip: IP });
    expect(detail(rows[0]!)).toEqual({ userId: crId, caseRole: 'casusregisseur', wasRegisseur: true });
  });

  it('closing and reopening', async () => {
    const pr = await loginAs(server, 'procesregisseur');
    const prId = userId(server, 'procesregisseur');
    const { id: caseId } = await createCase(pr);

    let mark = await maxAuditSeq(server);
    expect((await pr.post(`/api/cases/${caseId}/close`, { borgingsafspraken: BORGING })).status).toBe(200);
    let rows = await auditRowsSince(server, mark);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ action: 'case.closed', actor_user_id: prId, case_id: caseId, ip: IP });
    expect(detail(rows[0]!)).toEqual({ borgingsafspraken: BORGING });

    mark = await maxAuditSeq(server);
    const reason = 'Het gezin meldt zich opnieuw bij het wijkteam.';
    expect((await pr.post(`/api/cases/${caseId}/reopen`, { reason })).status).toBe(200);
    rows = await auditRowsSince(server, mark);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ action: 'case.reopened', actor_user_id: prId, case_id: caseId, ip: IP });
    expect(detail(rows[0]!)).toEqual({ reason });
  });

  it('refused changes leave no audit row', async () => {
    const km = await loginAs(server, 'klantmanager');
    const verbeek = await queryRow(server, "select id from cases where title = 'Gezin Verbeek'") as { id: string };
    const seq = await maxAuditSeq(server);
    expect((await km.post(`/api/cases/${verbeek.id}/members`, { userId: userId(server, 'schuldhulp'), caseRole: 'schuldhulpverlener', access: 'edit' })).status).toBe(403);
    expect((await km.post(`/api/cases/${verbeek.id}/close`, { borgingsafspraken: BORGING })).status).toBe(403);
    expect(await maxAuditSeq(server)).toBe(seq);
  });

  it('rows are numbered without gaps and carry an ISO timestamp', async () => {
    const rows = await auditRowsSince(server, 0);
    expect(rows.length).toBeGreaterThan(5);
    rows.forEach((r, i) => {
      expect(r.seq).toBe(i + 1);
      expect(Number.isNaN(Date.parse(r.at))).toBe(false);
      expect(r.hash).toMatch(/^hmac:[0-9a-f]{64}$/);
    });
  });
});

describe('integrity', () => {
  it('verifyAuditChain on the live database is ok and covers every row', async () => {
    // Make sure there is something beyond the demo rows.
    await loginAs(server, 'teamleider');
    const total = await count(server, 'select count(*) as n from audit_log');
    expect(await verifyAuditChain(server.db)).toEqual({ ok: true, rows: total });
  });

  it('the database refuses UPDATE and DELETE on audit_log (triggers)', async () => {
    const before = await queryRows(server, 'select * from audit_log order by seq');
    expect(await sqlError(execSql(server, "update audit_log set detail = '{}' where seq = 1"))).toMatch(/append-only/);
    expect(await sqlError(execSql(server, "update audit_log set ip = '10.9.9.9'"))).toMatch(/append-only/);
    expect(await sqlError(execSql(server, 'delete from audit_log where seq = 1'))).toMatch(/append-only/);
    expect(await sqlError(execSql(server, 'delete from audit_log'))).toMatch(/append-only/);
    expect(await queryRows(server, 'select * from audit_log order by seq')).toEqual(before);
    // The status history is append-only as well.
    expect(await sqlError(execSql(server, "update case_status_changes set note = 'x'"))).toMatch(/append-only/);
    expect(await sqlError(execSql(server, 'delete from case_status_changes'))).toMatch(/append-only/);
    expect((await verifyAuditChain(server.db)).ok).toBe(true);
  });

  // On a copy of the SQLite file; for PostgreSQL see tests/integration/db-copy.test.ts (a tampered row found there).
  it.skipIf(onPostgres)('tampering with one row (after dropping the trigger) is reported at exactly that row', async () => {
    // Work on a copy so the live server's trail stays intact for the other tests.
    const wethouder = await loginAs(server, 'wethouder');
    const elKhatib = await queryRow(server, "select id from cases where title = 'Gezin El Khatib'") as { id: string };
    expect((await wethouder.get(`/api/cases/${elKhatib.id}`)).status).toBe(200);
    await loginAs(server, 'teamleider');
    const copyPath = copyDatabase('tamper-direct.db');
    const copy = await openDatabase(copyPath);
    try {
      // A row in the middle of the trail: the first recorded case read.
      const target = await queryRow({ db: copy }, "select seq from audit_log where action = 'case.read' order by seq limit 1") as { seq: number };
      const total = await count(server, 'select count(*) as n from audit_log');
      expect(target.seq).toBeGreaterThan(1);
      expect(target.seq).toBeLessThan(total);
      expect(await verifyAuditChain(copy)).toEqual({ ok: true, rows: total });

      expect(await sqlError(execSql({ db: copy }, "update audit_log set detail = '{\"tampered\":true}' where seq = ?", target.seq))).toMatch(/append-only/);
      await dropTrigger({ db: copy }, 'audit_log', 'audit_log_no_update');
      await execSql({ db: copy }, "update audit_log set detail = '{\"tampered\":true}' where seq = ?", target.seq);
      expect(await queryRow({ db: copy }, 'select detail from audit_log where seq = ?', target.seq)).toEqual({ detail: '{"tampered":true}' });

      const result = await verifyAuditChain(copy);
      expect(result).toEqual({ ok: false, rows: target.seq - 1, brokenSeq: target.seq, reason: expect.any(String) });
      // Batching does not change the answer.
      expect(await verifyAuditChain(copy, 3)).toMatchObject({ ok: false, brokenSeq: target.seq });
    } finally {
      await closeDatabase(copy);
    }
    // The live database is untouched.
    expect((await verifyAuditChain(server.db)).ok).toBe(true);
  });
});

describe('npm run audit:verify (scripts/audit-verify.ts)', () => {
  // Copies of the SQLite file again; db-copy.test.ts runs audit:verify against PostgreSQL.
  it.skipIf(onPostgres)('exits 0 on an intact copy and 1 on a tampered copy, naming the broken row', async () => {
    await loginAs(server, 'jeugd');
    expect((await verifyAuditChain(server.db)).ok).toBe(true);
    const intactPath = copyDatabase('intact.db');
    const intactRows = await (async () => {
      const db = await openDatabase(intactPath, { readonly: true });
      try {
        const r = await verifyAuditChain(db);
        expect(r.ok).toBe(true);
        return r.rows;
      } finally {
        await closeDatabase(db);
      }
    })();

    const tamperedPath = join(tmp, 'tampered.db');
    copyFileSync(intactPath, tamperedPath);
    const db = await openDatabase(tamperedPath);
    let brokenSeq: number;
    try {
      const target = await queryRow({ db }, 'select seq from audit_log order by seq limit 1 offset 2') as { seq: number };
      brokenSeq = target.seq;
      await dropTrigger({ db }, 'audit_log', 'audit_log_no_update');
      await execSql({ db }, "update audit_log set detail = '{\"gewijzigd\":true}' where seq = ?", brokenSeq);
      sqliteConnection(db).pragma('wal_checkpoint(TRUNCATE)');
    } finally {
      await closeDatabase(db);
    }

    const [intact, tampered, missing] = await Promise.all([
      runAuditVerify(intactPath),
      runAuditVerify(tamperedPath),
      runAuditVerify(join(tmp, 'bestaat-niet.db')),
    ]);

    expect(intact.code, intact.stderr).toBe(0);
    expect(intact.stdout).toContain(`Audittrail intact: ${intactRows} rijen gecontroleerd`);

    expect(tampered.code, tampered.stdout).toBe(1);
    expect(tampered.stderr).toContain(`Audittrail GEBROKEN bij rij ${brokenSeq}`);
    expect(tampered.stderr).toContain(`${brokenSeq - 1} rijen daarvoor zijn in orde`);

    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/Kan de database .* niet openen/);
  });
});
