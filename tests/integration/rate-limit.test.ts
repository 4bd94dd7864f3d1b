// Brute-force protection on login: per account and per IP address.
//
// The limiter's counters live in the server's memory and all requests here come from
// 127.0.0.1, so every test gets a fresh server (beforeEach) to stay independent.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiClient, type ApiResponse, DEMO_PASSWORD, demoEmail, startTestServer, type TestServer } from '../support/server';
import { auditRowsSince, expectError, maxAuditSeq, userId } from './helpers';

const WRONG = 'Verkeerd-wachtwoord-123';
const WINDOW_MINUTES = 15;

let server: TestServer;

beforeEach(async () => {
  server = await startTestServer({ LOGIN_MAX_FAILURES_PER_ACCOUNT: 3, LOGIN_MAX_FAILURES_PER_IP: 5, LOGIN_WINDOW_MINUTES: WINDOW_MINUTES });
});

afterEach(async () => {
  await server?.stop();
});

function login(key: string, password: string): Promise<ApiResponse> {
  return new ApiClient(server.url).login(demoEmail(key), password);
}

function expectBlocked(res: ApiResponse) {
  expectError(res, 429, 'TE_VEEL_POGINGEN');
  expect(res.body.error.message).toMatch(/Te veel mislukte inlogpogingen/);
  const retryAfter = Number(res.headers.get('retry-after'));
  expect(Number.isInteger(retryAfter)).toBe(true);
  expect(retryAfter).toBeGreaterThan(0);
  expect(retryAfter).toBeLessThanOrEqual(WINDOW_MINUTES * 60);
  expect(res.headers.get('set-cookie')).toBeNull();
}

describe('login rate limiting', () => {
  it('blocks an account after 3 wrong passwords (429 + Retry-After, even with the right password); other accounts work until the IP limit, then every account is blocked', async () => {
    for (let i = 0; i < 3; i++) expectError(await login('wmo', WRONG), 401, 'ONJUISTE_INLOG');

    // Blocked now, and the right password does not help.
    expectBlocked(await login('wmo', WRONG));
    const blocked = await login('wmo', DEMO_PASSWORD);
    expectBlocked(blocked);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(WINDOW_MINUTES * 60 - 60);
    // Other spellings of the same address count as the same account.
    expectBlocked(await new ApiClient(server.url).login(demoEmail('wmo').toUpperCase(), DEMO_PASSWORD));

    // Another account from the same IP (3 failures so far, limit 5) still gets in.
    const jeugd = new ApiClient(server.url);
    expect((await jeugd.login(demoEmail('jeugd'), DEMO_PASSWORD)).status).toBe(200);
    expectError(await login('jeugd', WRONG), 401, 'ONJUISTE_INLOG'); // IP: 4
    expect((await login('casusregisseur', DEMO_PASSWORD)).status).toBe(200);
    expectError(await login('jeugd', WRONG), 401, 'ONJUISTE_INLOG'); // IP: 5

    // The IP has reached its limit: every account is refused, right password or not.
    expectBlocked(await login('jeugd', DEMO_PASSWORD));
    expectBlocked(await login('procesregisseur', DEMO_PASSWORD));
    expectBlocked(await new ApiClient(server.url).login('niemand@demo.casustafel.nl', WRONG));
    // Sessions that already existed are not affected.
    expect((await jeugd.get('/api/auth/me')).status).toBe(200);
  });

  it('spreading failures over accounts still hits the per-IP limit', async () => {
    expectError(await login('wmo', WRONG), 401, 'ONJUISTE_INLOG');
    expectError(await login('wmo', WRONG), 401, 'ONJUISTE_INLOG');
    expectError(await login('jeugd', WRONG), 401, 'ONJUISTE_INLOG');
    expectError(await login('jeugd', WRONG), 401, 'ONJUISTE_INLOG');
    expect((await login('klantmanager', DEMO_PASSWORD)).status).toBe(200);
    expectError(await new ApiClient(server.url).login('niemand@demo.casustafel.nl', WRONG), 401, 'ONJUISTE_INLOG');
    // No account reached 3, but the IP reached 5.
    expectBlocked(await login('klantmanager', DEMO_PASSWORD));
  });

  it('a successful login resets the account counter', async () => {
    expectError(await login('schuldhulp', WRONG), 401, 'ONJUISTE_INLOG');
    expectError(await login('schuldhulp', WRONG), 401, 'ONJUISTE_INLOG');
    expect((await login('schuldhulp', DEMO_PASSWORD)).status).toBe(200);
    expectError(await login('schuldhulp', WRONG), 401, 'ONJUISTE_INLOG');
    expectError(await login('schuldhulp', WRONG), 401, 'ONJUISTE_INLOG');
    // 2 account failures since the success (< 3), 4 for the IP (< 5).
    expect((await login('schuldhulp', DEMO_PASSWORD)).status).toBe(200);
  });

  it('blocked attempts do not count as new failures', async () => {
    for (let i = 0; i < 3; i++) expectError(await login('wmo', WRONG), 401, 'ONJUISTE_INLOG');
    for (let i = 0; i < 5; i++) expectBlocked(await login('wmo', WRONG));
    // Only the 3 real failures counted for the IP, so another account still gets in.
    expect((await login('jeugd', DEMO_PASSWORD)).status).toBe(200);
  });

  it('repeated blocked attempts write one audit row per account and IP per minute, so the trail cannot be flooded', async () => {
    for (let i = 0; i < 3; i++) expectError(await login('wmo', WRONG), 401, 'ONJUISTE_INLOG');
    const seq = maxAuditSeq(server);
    for (let i = 0; i < 20; i++) expectBlocked(await login('wmo', WRONG));
    const rows = auditRowsSince(server, seq);
    expect(rows.map((r) => JSON.parse(r.detail).reason)).toEqual(['rate_limited']);
  });

  it('failed and blocked logins are audited as auth.login_failed with the reason', async () => {
    const seq = maxAuditSeq(server);
    expectError(await login('wmo', WRONG), 401, 'ONJUISTE_INLOG');
    expectError(await new ApiClient(server.url).login('niemand@demo.casustafel.nl', WRONG), 401, 'ONJUISTE_INLOG');
    expectError(await login('vertrokken', DEMO_PASSWORD), 401, 'ONJUISTE_INLOG');
    expectError(await login('wmo', WRONG), 401, 'ONJUISTE_INLOG');
    expectError(await login('wmo', WRONG), 401, 'ONJUISTE_INLOG');
    expectBlocked(await login('wmo', DEMO_PASSWORD));

    const rows = auditRowsSince(server, seq);
    expect(rows.every((r) => r.action === 'auth.login_failed')).toBe(true);
    const summary = rows.map((r) => ({ actor: r.actor_user_id, label: r.actor_label, ip: r.ip, reason: JSON.parse(r.detail).reason }));
    const wmoId = userId(server, 'wmo');
    expect(summary).toEqual([
      { actor: wmoId, label: demoEmail('wmo'), ip: '127.0.0.1', reason: 'wrong_password' },
      { actor: null, label: 'niemand@demo.casustafel.nl', ip: '127.0.0.1', reason: 'unknown_account' },
      { actor: userId(server, 'vertrokken'), label: demoEmail('vertrokken'), ip: '127.0.0.1', reason: 'inactive_account' },
      { actor: wmoId, label: demoEmail('wmo'), ip: '127.0.0.1', reason: 'wrong_password' },
      { actor: wmoId, label: demoEmail('wmo'), ip: '127.0.0.1', reason: 'wrong_password' },
      { actor: null, label: demoEmail('wmo'), ip: '127.0.0.1', reason: 'rate_limited' },
    ]);
    // The password itself is never written to the audit trail.
    for (const r of rows) {
      expect(r.detail).not.toContain(WRONG);
      expect(r.detail).not.toContain(DEMO_PASSWORD);
    }
  });
});
