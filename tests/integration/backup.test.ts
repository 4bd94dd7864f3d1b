// `npm run backup` while the server keeps writing: the copy is consistent (integrity_check, an
// unbroken audit chain with no row missing), and restoring it (a server started on the copy,
// with the key from configuration) works and keeps the chain going.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase, sqliteConnection } from '../../db/client';
import { verifyAuditChain } from '../../db/queries/audit';
import { resolveAuditKey } from '../../server/audit/key';
import { loadConfig } from '../../server/config';
import { startServer, type RunningServer } from '../../server/start';
import { ApiClient, DEMO_PASSWORD, demoEmail, loginAs, onPostgres, startTestServer, type TestServer } from '../support/server';
import { count as countRows } from '../support/db';

const run = promisify(execFile);
let server: TestServer;
let restored: RunningServer | undefined;
let backups: string;

beforeAll(async () => {
  server = await startTestServer();
  backups = mkdtempSync(join(tmpdir(), 'casustafel-backup-'));
});
afterAll(async () => {
  await restored?.close();
  await server?.stop();
  if (backups) rmSync(backups, { recursive: true, force: true });
});

async function count(path: string, table: string): Promise<number> {
  const db = await openDatabase(path, { readonly: true });
  try {
    return await countRows({ db }, `select count(*) as n from ${table}`);
  } finally {
    await closeDatabase(db);
  }
}

function backup(target: string) {
  // The key is found as the server finds it: beside the database (the try-out's audit.key).
  return run(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'scripts/backup.ts', target], { env: { ...process.env, DATABASE_PATH: server.dbPath } });
}

// SQLite's online backup (the better-sqlite3 backup API). PostgreSQL is backed up with its own
// tools (pg_dump, base backups with WAL archiving; README "Productie met PostgreSQL"), so this
// file does not run when the suite runs on PostgreSQL.
describe.skipIf(onPostgres)('npm run backup', () => {
  it('copies the database while logins and case reads are being written, and the copy restores', async () => {
    const key = resolveAuditKey(loadConfig({}, { DATABASE_PATH: server.dbPath }), { create: false });
    const reader = await loginAs(server, 'procesregisseur');
    const cases = (await reader.get<{ id: string }[]>('/api/cases')).body.map((c) => c.id);
    expect(cases.length).toBeGreaterThan(0);
    // A reader that stays in its transaction keeps the server's checkpoints from moving the new
    // writes into the database file: they stay in the WAL, as between checkpoints in production.
    // A plain file copy would miss them; the backup API must not.
    const pin = new Database(server.dbPath, { readonly: true });
    pin.exec('begin');
    pin.prepare('select count(*) from audit_log').get();

    // Writers through the real server: each login adds a session and an audit row; each case
    // read counts in case_reads. They run until the backup has finished; a failed write ends
    // them and fails the test (instead of leaving a loop running).
    let writing = true;
    let logins = 0;
    let reads = 0;
    let failure: unknown;
    const loop = (write: () => Promise<void>) =>
      (async () => {
        try {
          while (writing) await write();
        } catch (e) {
          failure ??= e;
          writing = false;
        }
      })();
    const writers = Promise.all([
      loop(async () => {
        const res = await new ApiClient(server.url).login(demoEmail('jeugd'), DEMO_PASSWORD);
        if (res.status !== 200) throw new Error(`login ${res.status}`);
        logins += 1;
      }),
      loop(async () => {
        const res = await reader.get(`/api/cases/${cases[reads % cases.length]}`);
        if (res.status !== 200) throw new Error(`case read ${res.status}`);
        reads += 1;
      }),
    ]);
    const untilLogins = async (n: number) => {
      while (logins < n && writing) await new Promise((r) => setTimeout(r, 20));
    };
    let stdout = '';
    const target = join(backups, 'kopie.db');
    let auditBefore = 0;
    try {
      await untilLogins(2);
      auditBefore = await count(server.dbPath, 'audit_log');
      stdout = (await backup(target)).stdout;
      await untilLogins(logins + 2);
    } finally {
      writing = false;
      await writers;
      pin.exec('commit');
      pin.close();
    }
    expect(failure).toBeUndefined();
    expect(reads).toBeGreaterThan(0);
    const auditAfter = await count(server.dbPath, 'audit_log');

    expect(stdout).toContain('Integriteitscontrole (PRAGMA integrity_check): in orde.');
    expect(stdout).toMatch(/Audittrail in de kopie intact: \d+ rijen gecontroleerd/);
    expect(stdout).toContain(`Back-up opgeslagen als ${target}.`);
    // One self-contained file: no WAL beside it, no half-made copy left.
    expect(readdirSync(backups)).toEqual(['kopie.db']);

    // The copy is a moment between before and after the backup, with every row of the chain up to that moment.
    const copied = await count(target, 'audit_log');
    expect(copied).toBeGreaterThanOrEqual(auditBefore);
    expect(copied).toBeLessThan(auditAfter);
    const copy = await openDatabase(target, { readonly: true });
    try {
      expect(sqliteConnection(copy).pragma('integrity_check', { simple: true })).toBe('ok');
      const chain = await verifyAuditChain(copy, key);
      expect(chain).toMatchObject({ ok: true, rows: copied });
      expect(await countRows({ db: copy }, 'select count(*) as n from users')).toBe(await countRows(server, 'select count(*) as n from users'));
      expect(await countRows({ db: copy }, 'select count(*) as n from cases')).toBe(await countRows(server, 'select count(*) as n from cases'));
    } finally {
      await closeDatabase(copy);
    }

    // Restore: a server started on the copy, the key from configuration (the copy does not hold it).
    restored = await startServer(
      loadConfig({}, { PORT: 0, HOST: '127.0.0.1', DATABASE_PATH: target, AUDIT_KEY_FILE: join(dirname(server.dbPath), 'audit.key'), DEMO_PASSWORD }),
    );
    expect(restored.seeded).toBe(false);
    const again = await loginAs(restored, 'procesregisseur');
    expect((await again.get('/api/cases')).body).toHaveLength(cases.length);
    const after = await verifyAuditChain(restored.db, key);
    expect(after.ok).toBe(true);
    expect(after.rows).toBeGreaterThan(copied);
  });

  it('never overwrites an existing file, and refuses without the audit key', async () => {
    const target = join(backups, 'bestaat-al.db');
    writeFileSync(target, 'een ouder bestand');
    await expect(backup(target)).rejects.toMatchObject({ code: 2, stderr: expect.stringContaining('bestaat al') });
    expect(readFileSync(target, 'utf8')).toBe('een ouder bestand');
    const elsewhere = join(backups, 'zonder-sleutel.db');
    const noKey = run(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'scripts/backup.ts', elsewhere], {
      env: { ...process.env, DATABASE_PATH: server.dbPath, AUDIT_KEY_FILE: join(backups, 'geen.key') },
    });
    await expect(noKey).rejects.toMatchObject({ code: 2, stderr: expect.stringContaining('bestaat niet') });
    expect(existsSync(elsewhere)).toBe(false);
  });
});
