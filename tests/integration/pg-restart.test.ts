// The database goes away under a running server, and comes back: a PostgreSQL cluster of the
// test's own (it is stopped and started again; the shared test cluster serves other suites at
// the same time), a real server on it, real HTTP requests.
// - While the database is gone: 503 DATABASE_ONBEREIKBAAR in Dutch, with Retry-After, on reads
//   and writes, and /healthz says 503 too. Nothing half-written.
// - Once it is back: the same session works again without a restart of the server.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migratePostgres } from '../../db/engines/postgres';
import { expectError } from '../support/api';
import { NO_TEST_DATABASE, testDatabaseAdminUrl, withDatabase } from '../support/postgres';
import { ApiClient, demoEmail, DEMO_PASSWORD, startTestServer, type TestServer } from '../support/server';
import { waitFor } from '../support/time';

const run = promisify(execFile);
const TSX = ['node_modules/tsx/dist/cli.mjs', 'scripts/dev-postgres.ts'];

let dir = '';
let port = 0;
let server: TestServer | undefined;

/** Our own cluster: start (again) on the same folder and port. */
async function cluster(...args: string[]): Promise<string> {
  const { stdout } = await run(process.execPath, [...TSX, '--dir', dir, '--database', 'casustafel', '--fast', '--url-only', ...args], { timeout: 60_000 });
  return stdout.trim();
}

describe.skipIf(!testDatabaseAdminUrl())(`a database restart under a running server${testDatabaseAdminUrl() ? '' : ` (skipped: ${NO_TEST_DATABASE})`}`, () => {
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'casustafel-pg-restart-'));
    const url = await cluster('--port', 'auto');
    port = Number(new URL(url).port);
    await migratePostgres(url);
    server = await startTestServer({ DATABASE_URL: withDatabase(url, 'casustafel') });
  }, 120_000);

  afterAll(async () => {
    await server?.stop();
    if (dir) {
      await cluster('--stop').catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);

  it('answers 503 in Dutch while the database is down, and carries on by itself once it is back', async () => {
    const client = new ApiClient(server!.url);
    expect((await client.login(demoEmail('procesregisseur'), DEMO_PASSWORD)).status).toBe(200);
    const before = await client.get('/api/cases');
    expect(before.status).toBe(200);

    await cluster('--stop');
    const read = await client.get('/api/cases');
    expectError(read, 503, 'DATABASE_ONBEREIKBAAR');
    expect(read.body.error.message).toMatch(/database is even niet bereikbaar/);
    expect(read.headers.get('retry-after')).toBe('5');
    const write = await client.post('/api/cases', { title: 'Tijdens de storing', summary: 'Mag niet half worden opgeslagen.' });
    expectError(write, 503, 'DATABASE_ONBEREIKBAAR');
    expect((await client.get('/healthz')).status).toBe(503);

    await cluster('--port', String(port));
    // The pool drops the connections that died and opens new ones: no restart of the server.
    await waitFor(async () => (await client.get('/api/cases')).status === 200, { timeoutMs: 15_000, intervalMs: 100 });
    const after = await client.get('/api/cases');
    expect(after.body.map((c: { id: string }) => c.id).sort()).toEqual(before.body.map((c: { id: string }) => c.id).sort());
    expect(after.body.some((c: { title: string }) => c.title === 'Tijdens de storing')).toBe(false);
    expect((await client.get('/healthz')).body).toEqual({ status: 'ok', database: 'ok' });
  }, 120_000);
});
