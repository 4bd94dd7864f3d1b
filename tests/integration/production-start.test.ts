// A production database: no demo data, the first administrator made from the command line,
// and that administrator must replace the temporary password before doing anything else.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, DEMO_PASSWORD, startTestServer, type TestServer } from '../support/server';
import { count } from '../support/db';

const run = promisify(execFile);
let server: TestServer;
// Production keeps the audit key outside the database, in configuration.
const AUDIT_KEY = 'productiesleutel-audittrail-buiten-de-database-42';

beforeAll(async () => {
  server = await startTestServer({ DEMO_DATA: false, AUDIT_KEY });
});
afterAll(async () => {
  await server?.stop();
});

describe('DEMO_DATA=off', () => {
  it('refuses to start without an audit key, saying so in Dutch', async () => {
    await expect(startTestServer({ DEMO_DATA: false })).rejects.toThrow(/Zet AUDIT_KEY of AUDIT_KEY_FILE/);
  });

  it('starts with no accounts, reports no active demo accounts, and nobody can log in', async () => {
    expect(server.seeded).toBe(false);
    expect(server.demoAccountsActive).toBe(0);
    expect(await count(server, 'select count(*) as n from users')).toBe(0);
    const res = await new ApiClient(server.url).login('procesregisseur@demo.casustafel.nl', DEMO_PASSWORD);
    expect(res.status).toBe(401);
  });

  it('admin:create makes the first functional administrator, who must change the temporary password first', async () => {
    const email = 'beheer@gemeente.example';
    const env = { ...process.env, DATABASE_PATH: server.dbPath, ...(server.databaseUrl ? { DATABASE_URL: server.databaseUrl } : {}), ADMIN_PASSWORD: 'Tijdelijk-wachtwoord-1', AUDIT_KEY };
    const { stdout } = await run(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'scripts/create-admin.ts', email, 'Eerste Beheerder'], { env });
    expect(stdout).toContain(email);
    // A second run refuses the same address.
    await expect(run(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'scripts/create-admin.ts', email, 'Nog een'], { env })).rejects.toMatchObject({ code: 1 });

    const admin = new ApiClient(server.url);
    const login = await admin.login(email, 'Tijdelijk-wachtwoord-1');
    expect(login.status).toBe(200);
    expect(login.body.user).toMatchObject({ functie: 'functioneel_beheerder', mustChangePassword: true });
    expect((await admin.get('/api/admin/users')).status).toBe(403);
    const changed = await admin.post('/api/auth/password', { currentPassword: 'Tijdelijk-wachtwoord-1', newPassword: 'Een-eigen-wachtwoord-2' });
    expect(changed.status).toBe(200);
    const users = await admin.get('/api/admin/users');
    expect(users.status).toBe(200);
    expect(users.body.map((u: { email: string }) => u.email)).toEqual([email]);
  });
});
