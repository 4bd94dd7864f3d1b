// Attack: someone with write access to the database file hides what they did in the audit
// trail. They drop the append-only triggers, then either cut off the newest rows or rewrite a
// row and recompute every hash after it. The key is not in the database and the head is
// checkpointed outside it, so `npm run audit:verify` and the next server start both notice.
import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqliteConnection } from '../../db/client';
import { legacyHashAuditRow, macAuditRow } from '../../db/queries/audit';
import { loadConfig } from '../../server/config';
import { startServer } from '../../server/start';
import { DEMO_PASSWORD, loginAs, onPostgres, startTestServer, type TestServer } from '../support/server';
import { queryRow } from '../support/db';

const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
let server: TestServer;
let tmp: string;

beforeAll(async () => {
  // Checkpoints every 50 ms, so the head is outside the database soon after each write.
  server = await startTestServer({ AUDIT_CHECKPOINT_SECONDS: 0.05 });
  tmp = mkdtempSync(join(tmpdir(), 'casustafel-audit-attack-'));
  for (const who of ['jeugd', 'wmo', 'klantmanager']) await loginAs(server, who);
  await new Promise((r) => setTimeout(r, 200));
});
afterAll(async () => {
  await server?.stop();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

type Raw = { seq: number; at: string; actor_user_id: string | null; actor_label: string | null; action: string; case_id: string | null; ip: string | null; detail: string; prev_hash: string; hash: string };
const fields = (r: Raw) => ({ seq: r.seq, at: r.at, actorUserId: r.actor_user_id, actorLabel: r.actor_label, action: r.action, caseId: r.case_id, ip: r.ip, detail: r.detail });

/** A copy of the live database and its checkpoint file, as an attacker's target. */
function copyInstallation(name: string): { db: string; checkpoints: string } {
  sqliteConnection(server.db).pragma('wal_checkpoint(TRUNCATE)');
  const dir = mkdtempSync(join(tmp, `${name}-`));
  const db = join(dir, 'casustafel.db');
  copyFileSync(server.dbPath, db);
  const checkpoints = join(dir, 'audit-checkpoints.jsonl');
  copyFileSync(join(server.dbPath, '..', 'audit-checkpoints.jsonl'), checkpoints);
  // The key stays where the municipality keeps it; the attacker has only the database.
  copyFileSync(join(server.dbPath, '..', 'audit.key'), join(dir, 'audit.key'));
  return { db, checkpoints };
}

function verify(dbPath: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile('npx', ['tsx', 'scripts/audit-verify.ts', dbPath], { cwd: REPO_ROOT, timeout: 25_000 }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : -1) : 0, stdout: String(stdout), stderr: String(stderr) });
    });
  });
}

function tamper(dbPath: string, fn: (raw: Database.Database) => void): void {
  const raw = new Database(dbPath);
  raw.exec('DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete');
  fn(raw);
  raw.pragma('wal_checkpoint(TRUNCATE)');
  raw.close();
}

// These work on copies of the SQLite file (truncated, rewritten). On PostgreSQL the same
// verifier runs (db/queries/audit.ts); tests/integration/db-copy.test.ts shows it finding a
// tampered row there, and pg-grants.test.ts that the app's role cannot rewrite the trail at all.
describe.skipIf(onPostgres)('tampering with the audit trail through the database file', () => {
  it('an untouched copy verifies, with its checkpoints', async () => {
    const { db } = copyInstallation('intact');
    const r = await verify(db);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/Audittrail intact/);
    expect(r.stdout).toMatch(/Controlepunten: alle \d+ kloppen/);
  });

  it('cutting off the newest rows is reported as truncation', async () => {
    const { db } = copyInstallation('afgekapt');
    tamper(db, (raw) => {
      const { n } = raw.prepare('select max(seq) n from audit_log').get() as { n: number };
      raw.prepare('delete from audit_log where seq > ?').run(n - 5);
    });
    const r = await verify(db);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/ontbreekt: de audittrail eindigt bij rij \d+ \(afgekapt\)/);
  });

  it('rewriting a row and recomputing the chain, with a key of their own or with plain SHA-256, is reported', async () => {
    const attackerKey = Buffer.from('de-sleutel-van-de-aanvaller-is-een-andere-sleutel');
    for (const recompute of [(prev: string, r: Raw) => macAuditRow(attackerKey, prev, fields(r)), (prev: string, r: Raw) => legacyHashAuditRow(prev, fields(r))]) {
      const { db } = copyInstallation('herschreven');
      let target = 0;
      tamper(db, (raw) => {
        target = (raw.prepare("select min(seq) s from audit_log where action = 'auth.login'").get() as { s: number }).s;
        raw.prepare(`update audit_log set ip = '203.0.113.66' where seq = ?`).run(target);
        let prev = (raw.prepare('select prev_hash from audit_log where seq = ?').get(target) as { prev_hash: string }).prev_hash;
        for (const row of raw.prepare('select * from audit_log where seq >= ? order by seq').all(target) as Raw[]) {
          const hash = recompute(prev, row);
          raw.prepare('update audit_log set prev_hash = ?, hash = ? where seq = ?').run(prev, hash, row.seq);
          prev = hash;
        }
      });
      const r = await verify(db);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(`Audittrail GEBROKEN bij rij ${target}`);
      expect(r.stderr).toMatch(/herschreven/);
    }
  });

  it('a server started on a truncated database says so, and records it in the trail', async () => {
    const { db, checkpoints } = copyInstallation('herstart');
    tamper(db, (raw) => {
      const { n } = raw.prepare('select max(seq) n from audit_log').get() as { n: number };
      raw.prepare('delete from audit_log where seq > ?').run(n - 3);
    });
    expect(existsSync(checkpoints)).toBe(true);
    const errors: string[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => void errors.push(args.join(' '));
    let restarted;
    try {
      restarted = await startServer(loadConfig({}, { PORT: 0, HOST: '127.0.0.1', DATABASE_PATH: db, DEMO_DATA: true, DEMO_PASSWORD }));
    } finally {
      console.error = original;
    }
    try {
      expect(errors.join('\n')).toMatch(/past niet bij het laatste controlepunt/);
      const row = await queryRow(restarted, "select detail from audit_log where action = 'audit.checkpoint_mismatch'") as { detail: string } | undefined;
      expect(JSON.parse(row!.detail).reason).toMatch(/afgekapt/);
    } finally {
      await restarted.close();
    }
  });
});
