// Brute-force protection on login: growing delays per account+address and per account.
//
// The throttle's counters live in the server's memory, so every test gets a fresh server
// (beforeEach). TRUST_PROXY lets a test speak from several addresses through X-Forwarded-For.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiClient, type ApiResponse, DEMO_PASSWORD, demoEmail, startTestServer, type TestServer } from '../support/server';
import { expectError } from '../support/api';
import { auditRowsSince, maxAuditSeq, userId } from '../support/db';

const WRONG = 'Verkeerd-wachtwoord-123';
// Long enough that no delay runs out while a test runs.
const DELAY_SECONDS = 120;

let server: TestServer;

beforeEach(async () => {
  server = await startTestServer({
    TRUST_PROXY: true,
    LOGIN_MAX_FAILURES_PER_ACCOUNT_ADDRESS: 3,
    LOGIN_MAX_FAILURES_PER_ACCOUNT: 6,
    LOGIN_DELAY_SECONDS: DELAY_SECONDS,
    LOGIN_MAX_DELAY_MINUTES: 15,
    LOGIN_WINDOW_MINUTES: 15,
  });
});

afterEach(async () => {
  await server?.stop();
});

function login(key: string, password: string, ip = '10.0.0.1'): Promise<ApiResponse> {
  return new ApiClient(server.url).post('/api/auth/login', { email: key.includes('@') ? key : demoEmail(key), password }, { 'x-forwarded-for': ip });
}

function expectBlocked(res: ApiResponse, atLeastSeconds = 1) {
  expectError(res, 429, 'TE_VEEL_POGINGEN');
  expect(res.body.error.message).toMatch(/Te veel mislukte inlogpogingen\. Probeer het over \d+ (seconden?|minuut|minuten) opnieuw\./);
  const retryAfter = Number(res.headers.get('retry-after'));
  expect(Number.isInteger(retryAfter)).toBe(true);
  expect(retryAfter).toBeGreaterThanOrEqual(atLeastSeconds);
  expect(retryAfter).toBeLessThanOrEqual(15 * 60);
  expect(res.headers.get('set-cookie')).toBeNull();
}

describe('login throttling', () => {
  it('after 3 wrong passwords from one address the account waits there, even with the right password; other spellings count as the same account', async () => {
    for (let i = 0; i < 3; i++) expectError(await login('wmo', WRONG), 401, 'ONJUISTE_INLOG');
    expectBlocked(await login('wmo', WRONG), DELAY_SECONDS - 5);
    expectBlocked(await login('wmo', DEMO_PASSWORD), DELAY_SECONDS - 5);
    expectBlocked(await login(demoEmail('wmo').toUpperCase(), DEMO_PASSWORD));
  });

  it('the owner at another address still gets in while one address is held up, until the account as a whole reaches its allowance', async () => {
    for (let i = 0; i < 3; i++) expectError(await login('wmo', WRONG, '10.0.0.1'), 401, 'ONJUISTE_INLOG');
    expectBlocked(await login('wmo', DEMO_PASSWORD, '10.0.0.1'));
    // 3 failures for the account (allowance 6): from home the owner is not held up.
    expect((await login('wmo', DEMO_PASSWORD, '192.0.2.7')).status).toBe(200);
  });

  it('an attack spread over many addresses still slows the account down', async () => {
    // Two failures per address stay under the per-address allowance; the sixth for the account reaches its own.
    for (let i = 0; i < 6; i++) expectError(await login('jeugd', WRONG, `198.51.100.${Math.floor(i / 2) + 1}`), 401, 'ONJUISTE_INLOG');
    expectBlocked(await login('jeugd', DEMO_PASSWORD, '203.0.113.99'), DELAY_SECONDS - 5);
  });

  it('blocked attempts do not count as failures, and a success starts both counts over', async () => {
    expectError(await login('schuldhulp', WRONG), 401, 'ONJUISTE_INLOG');
    expectError(await login('schuldhulp', WRONG), 401, 'ONJUISTE_INLOG');
    expect((await login('schuldhulp', DEMO_PASSWORD)).status).toBe(200);
    expectError(await login('schuldhulp', WRONG), 401, 'ONJUISTE_INLOG');
    expectError(await login('schuldhulp', WRONG), 401, 'ONJUISTE_INLOG');
    expect((await login('schuldhulp', DEMO_PASSWORD)).status).toBe(200);

    for (let i = 0; i < 3; i++) expectError(await login('klantmanager', WRONG), 401, 'ONJUISTE_INLOG');
    for (let i = 0; i < 10; i++) expectBlocked(await login('klantmanager', WRONG));
    // Ten refusals made no new failures: the account's own count is 3 of 6, so another address gets in.
    expect((await login('klantmanager', DEMO_PASSWORD, '10.9.9.9')).status).toBe(200);
  });

  it('repeated blocked attempts write one audit row per account and address per minute, so the trail cannot be flooded', async () => {
    for (let i = 0; i < 3; i++) expectError(await login('wmo', WRONG), 401, 'ONJUISTE_INLOG');
    const seq = await maxAuditSeq(server);
    for (let i = 0; i < 20; i++) expectBlocked(await login('wmo', WRONG));
    const rows = await auditRowsSince(server, seq);
    expect(rows.map((r) => JSON.parse(r.detail).reason)).toEqual(['rate_limited']);
  });

  it('failed and blocked logins are audited as auth.login_failed with the reason, never with the password', async () => {
    const seq = await maxAuditSeq(server);
    expectError(await login('wmo', WRONG), 401, 'ONJUISTE_INLOG');
    expectError(await login('niemand@demo.casustafel.nl', WRONG), 401, 'ONJUISTE_INLOG');
    expectError(await login('vertrokken', DEMO_PASSWORD), 401, 'ONJUISTE_INLOG');
    expectError(await login('wmo', WRONG), 401, 'ONJUISTE_INLOG');
    expectError(await login('wmo', WRONG), 401, 'ONJUISTE_INLOG');
    expectBlocked(await login('wmo', DEMO_PASSWORD));

    const rows = await auditRowsSince(server, seq);
    expect(rows.every((r) => r.action === 'auth.login_failed')).toBe(true);
    const summary = rows.map((r) => ({ actor: r.actor_user_id, label: r.actor_label, ip: r.ip, reason: JSON.parse(r.detail).reason }));
    const wmoId = userId(server, 'wmo');
    const ip = '10.0.0.1';
    expect(summary).toEqual([
      { actor: wmoId, label: demoEmail('wmo'), ip, reason: 'wrong_password' },
      { actor: null, label: 'niemand@demo.casustafel.nl', ip, reason: 'unknown_account' },
      { actor: userId(server, 'vertrokken'), label: demoEmail('vertrokken'), ip, reason: 'inactive_account' },
      { actor: wmoId, label: demoEmail('wmo'), ip, reason: 'wrong_password' },
      { actor: wmoId, label: demoEmail('wmo'), ip, reason: 'wrong_password' },
      { actor: null, label: demoEmail('wmo'), ip, reason: 'rate_limited' },
    ]);
    for (const r of rows) {
      expect(r.detail).not.toContain(WRONG);
      expect(r.detail).not.toContain(DEMO_PASSWORD);
    }
  });
});
