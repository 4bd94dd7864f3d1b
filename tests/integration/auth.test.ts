// Logging in and out, sessions, idle timeout and the forced password change.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, DEMO_PASSWORD, demoEmail, loginAs, startTestServer, type TestServer } from '../support/server';
import { expectError } from '../support/api';
import { caseIdByTitle, count, userId } from '../support/db';
import { waitFor } from '../support/time';

const SESSION_COOKIE = 'casustafel_sessie';
const WRONG_LOGIN_MESSAGE = 'Het e-mailadres of wachtwoord klopt niet.';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});

afterAll(async () => {
  await server?.stop();
});

function parseSetCookie(header: string | null) {
  expect(header, 'a Set-Cookie header').toBeTruthy();
  const [pair, ...attrs] = header!.split(';').map((p) => p.trim());
  const eq = pair!.indexOf('=');
  return {
    name: pair!.slice(0, eq),
    value: pair!.slice(eq + 1),
    attrs: attrs.map((a) => a.toLowerCase()),
  };
}

async function sessionRowExists(token: string): Promise<boolean> {
  const id = createHash('sha256').update(token).digest('hex');
  return await count(server, 'select count(*) as n from sessions where id = ?', id) === 1;
}

describe('login', () => {
  it('sets an HttpOnly, SameSite=Strict session cookie and /api/auth/me answers with the user', async () => {
    const client = new ApiClient(server.url);
    const res = await client.login(demoEmail('wmo'));
    expect(res.status).toBe(200);
    expect(res.body.user).toMatchObject({ email: demoEmail('wmo'), name: 'Fatma Yildiz', functie: 'consulent_wmo', mustChangePassword: false });
    expect(res.body.user).not.toHaveProperty('passwordHash');

    const cookie = parseSetCookie(res.headers.get('set-cookie'));
    expect(cookie.name).toBe(SESSION_COOKIE);
    expect(cookie.value.length).toBeGreaterThanOrEqual(32);
    expect(cookie.attrs).toContain('httponly');
    expect(cookie.attrs).toContain('samesite=strict');
    expect(cookie.attrs).toContain('path=/');
    // The database keeps only a hash of the token, never the token itself.
    expect(await sessionRowExists(cookie.value)).toBe(true);
    expect(await count(server, 'select count(*) as n from sessions where id = ?', cookie.value)).toBe(0);

    const me = await client.get('/api/auth/me');
    expect(me.status).toBe(200);
    expect(me.body.user.email).toBe(demoEmail('wmo'));
    expect(me.body.user.functie).toBe('consulent_wmo');
  });

  it('accepts the e-mail address in any case and with surrounding spaces', async () => {
    const client = new ApiClient(server.url);
    const res = await client.post('/api/auth/login', { email: `  ${demoEmail('jeugd').toUpperCase()} `, password: DEMO_PASSWORD });
    expect(res.status).toBe(200);
    expect(res.body.user.email).toBe(demoEmail('jeugd'));
  });

  it('without a cookie, or with a made-up cookie, /api/auth/me is 401 NIET_INGELOGD', async () => {
    expectError(await new ApiClient(server.url).get('/api/auth/me'), 401, 'NIET_INGELOGD');
    const forged = new ApiClient(server.url);
    forged.cookie = `${SESSION_COOKIE}=${'A'.repeat(43)}`;
    expectError(await forged.get('/api/auth/me'), 401, 'NIET_INGELOGD');
    expectError(await forged.get('/api/cases'), 401, 'NIET_INGELOGD');
  });

  it('wrong password: 401 ONJUISTE_INLOG with a Dutch message, and no cookie', async () => {
    const client = new ApiClient(server.url);
    const res = await client.login(demoEmail('gedragsdeskundige'), 'Helemaal-verkeerd-123');
    expectError(res, 401, 'ONJUISTE_INLOG');
    expect(res.body.error.message).toBe(WRONG_LOGIN_MESSAGE);
    expect(res.headers.get('set-cookie')).toBeNull();
    expect(client.cookie).toBeUndefined();
  });

  it('unknown account: exactly the same answer as a wrong password', async () => {
    const wrongPassword = await new ApiClient(server.url).login(demoEmail('gedragsdeskundige'), 'Helemaal-verkeerd-123');
    const unknown = await new ApiClient(server.url).login('niemand@demo.casustafel.nl', DEMO_PASSWORD);
    expectError(unknown, 401, 'ONJUISTE_INLOG');
    expect(unknown.body).toEqual(wrongPassword.body);
    expect(unknown.headers.get('set-cookie')).toBeNull();
  });

  it('the deactivated demo account "vertrokken" cannot log in, even with the right password', async () => {
    const res = await new ApiClient(server.url).login(demoEmail('vertrokken'), DEMO_PASSWORD);
    expectError(res, 401, 'ONJUISTE_INLOG');
    expect(res.body.error.message).toBe(WRONG_LOGIN_MESSAGE);
    expect(res.headers.get('set-cookie')).toBeNull();
    const id = userId(server, 'vertrokken');
    expect(await count(server, 'select count(*) as n from sessions where user_id = ?', id)).toBe(0);
  });

  it('a new login replaces a session the browser already had', async () => {
    const client = await loginAs(server, 'wethouder');
    const first = client.cookie!.split('=')[1]!;
    const again = await client.login(demoEmail('wethouder'));
    expect(again.status).toBe(200);
    const second = client.cookie!.split('=')[1]!;
    expect(second).not.toBe(first);
    expect(await sessionRowExists(first)).toBe(false);
    expect(await sessionRowExists(second)).toBe(true);
  });
});

describe('logout', () => {
  it('ends the session on the server: the old cookie value no longer works', async () => {
    const client = await loginAs(server, 'klantmanager');
    const oldCookie = client.cookie!;
    const token = oldCookie.split('=')[1]!;
    expect((await client.get('/api/cases')).status).toBe(200);
    expect(await sessionRowExists(token)).toBe(true);

    const res = await client.post('/api/auth/logout');
    expect(res.status).toBe(204);
    const cleared = parseSetCookie(res.headers.get('set-cookie'));
    expect(cleared.name).toBe(SESSION_COOKIE);
    expect(cleared.value).toBe('');
    expect(cleared.attrs).toContain('max-age=0');
    expect(client.cookie).toBeUndefined();
    expect(await sessionRowExists(token)).toBe(false);

    // Someone who kept a copy of the cookie gets nothing.
    const replay = new ApiClient(server.url);
    replay.cookie = oldCookie;
    expectError(await replay.get('/api/auth/me'), 401, 'NIET_INGELOGD');
    expectError(await replay.get('/api/cases'), 401, 'NIET_INGELOGD');
    expectError(await replay.get(`/api/cases/${await caseIdByTitle(server, 'Gezin Verbeek')}`), 401, 'NIET_INGELOGD');
  });

  it('logging out of one browser leaves another session of the same user alone', async () => {
    const a = await loginAs(server, 'casusregisseur');
    const b = await loginAs(server, 'casusregisseur');
    expect((await a.post('/api/auth/logout')).status).toBe(204);
    expect((await b.get('/api/auth/me')).status).toBe(200);
    expectError(await a.get('/api/auth/me'), 401, 'NIET_INGELOGD');
  });
});

describe('idle timeout', () => {
  it('refuses a session that has been idle longer than SESSION_IDLE_MINUTES', async () => {
    const idleMinutes = 0.01; // 600 ms
    const idleMs = idleMinutes * 60_000;
    const idleServer = await startTestServer({ SESSION_IDLE_MINUTES: idleMinutes });
    try {
      const client = await loginAs(idleServer, 'procesregisseur');
      const token = client.cookie!.split('=')[1]!;
      // Used right away: not refused early.
      expect((await client.get('/api/auth/me')).status).toBe(200);
      const lastActivity = Date.now();

      // Polling with this cookie would itself be activity, so the session is left alone
      // for exactly the idle time (plus a little), measured from its last use.
      await new Promise((r) => setTimeout(r, idleMs + 30));
      expect(Date.now() - lastActivity).toBeGreaterThan(idleMs);

      expectError(await client.get('/api/auth/me'), 401, 'NIET_INGELOGD');
      // The expired session was removed, so it cannot come back.
      const id = createHash('sha256').update(token).digest('hex');
      expect(await count(idleServer, 'select count(*) as n from sessions where id = ?', id)).toBe(0);
      expectError(await client.get('/api/cases'), 401, 'NIET_INGELOGD');

      // Logging in again works.
      expect((await client.login(demoEmail('procesregisseur'))).status).toBe(200);
      expect((await client.get('/api/auth/me')).status).toBe(200);
    } finally {
      await idleServer.stop();
    }
  });
});

describe('absolute session lifetime', () => {
  it('refuses a session older than SESSION_MAX_HOURS even while it is being used', async () => {
    const maxHours = 0.0005; // 1.8 s
    const shortServer = await startTestServer({ SESSION_MAX_HOURS: maxHours });
    try {
      const started = Date.now();
      const client = await loginAs(shortServer, 'casusregisseur');
      let refusedAt = 0;
      await waitFor(
        async () => {
          const res = await client.get('/api/auth/me');
          if (res.status === 401) {
            refusedAt = Date.now();
            return true;
          }
          expect(res.status).toBe(200);
          return false;
        },
        { intervalMs: 50 },
      );
      expect(refusedAt - started).toBeGreaterThanOrEqual(maxHours * 3_600_000 - 5);
    } finally {
      await shortServer.stop();
    }
  });
});

describe('password reset by the administrator and the forced password change', () => {
  it('reset ends old sessions, the temporary password only allows a password change, then everything works', async () => {
    const TEMP = 'Tijdelijk-wachtwoord-2026';
    const NEW = 'Mijn-eigen-nieuwe-wachtwoord-1';
    const targetId = userId(server, 'schuldhulp');
    const deGraaf = await caseIdByTitle(server, 'Dhr. R. de Graaf');

    // Two sessions before the reset (e.g. office and laptop).
    const office = await loginAs(server, 'schuldhulp');
    const laptop = await loginAs(server, 'schuldhulp');
    expect((await office.get(`/api/cases/${deGraaf}`)).status).toBe(200);

    const admin = await loginAs(server, 'beheer');
    const reset = await admin.post(`/api/admin/users/${targetId}/password`, { temporaryPassword: TEMP });
    expect(reset.status).toBe(200);
    expect(reset.body).toMatchObject({ id: targetId, mustChangePassword: true, active: true });
    expect(reset.body).not.toHaveProperty('passwordHash');

    // The reset ended both old sessions.
    expectError(await office.get('/api/auth/me'), 401, 'NIET_INGELOGD');
    expectError(await laptop.get('/api/cases'), 401, 'NIET_INGELOGD');
    expect(await count(server, 'select count(*) as n from sessions where user_id = ?', targetId)).toBe(0);

    // The old password is gone.
    expectError(await new ApiClient(server.url).login(demoEmail('schuldhulp'), DEMO_PASSWORD), 401, 'ONJUISTE_INLOG');

    // Logging in with the temporary password works, but only to change it.
    const user = new ApiClient(server.url);
    const login = await user.login(demoEmail('schuldhulp'), TEMP);
    expect(login.status).toBe(200);
    expect(login.body.user.mustChangePassword).toBe(true);
    const tempCookie = user.cookie!;
    const me = await user.get('/api/auth/me');
    expect(me.status).toBe(200);
    expect(me.body.user.mustChangePassword).toBe(true);

    expectError(await user.get('/api/cases'), 403, 'GEEN_TOESTEMMING');
    expectError(await user.get(`/api/cases/${deGraaf}`), 403, 'GEEN_TOESTEMMING');
    expectError(await user.get('/api/directory'), 403, 'GEEN_TOESTEMMING');
    expectError(await user.post(`/api/cases/${deGraaf}/members`, { userId: userId(server, 'jeugd'), caseRole: 'consulent_jeugd', access: 'read' }), 403, 'GEEN_TOESTEMMING');

    // Wrong current password, too short, or the same password: refused.
    expectError(await user.post('/api/auth/password', { currentPassword: 'Niet-het-goede-1', newPassword: NEW }), 422, 'ONJUIST_WACHTWOORD');
    const short = await user.post('/api/auth/password', { currentPassword: TEMP, newPassword: 'kort' });
    expectError(short, 400, 'ONGELDIGE_INVOER');
    expect(short.body.error.message).toMatch(/minstens 12 tekens/);
    expectError(await user.post('/api/auth/password', { currentPassword: TEMP, newPassword: TEMP }), 422, 'ZELFDE_WACHTWOORD');
    expectError(await user.get('/api/cases'), 403, 'GEEN_TOESTEMMING');

    const changed = await user.post('/api/auth/password', { currentPassword: TEMP, newPassword: NEW });
    expect(changed.status).toBe(200);
    expect(changed.body.user.mustChangePassword).toBe(false);
    expect(user.cookie).toBeDefined();
    expect(user.cookie).not.toBe(tempCookie);

    // Now the case routes work.
    const werkbak = await user.get('/api/cases');
    expect(werkbak.status).toBe(200);
    expect(werkbak.body.map((c: { title: string }) => c.title).sort()).toEqual(['Dhr. R. de Graaf', 'Gezin El Khatib']);
    expect((await user.get(`/api/cases/${deGraaf}`)).status).toBe(200);

    // The temporary-password session was replaced; the temporary password no longer works.
    const tempSession = new ApiClient(server.url);
    tempSession.cookie = tempCookie;
    expectError(await tempSession.get('/api/auth/me'), 401, 'NIET_INGELOGD');
    expectError(await new ApiClient(server.url).login(demoEmail('schuldhulp'), TEMP), 401, 'ONJUISTE_INLOG');
    const fresh = new ApiClient(server.url);
    const again = await fresh.login(demoEmail('schuldhulp'), NEW);
    expect(again.status).toBe(200);
    expect(again.body.user.mustChangePassword).toBe(false);
    expect((await fresh.get('/api/cases')).status).toBe(200);
  });

  it('changing your own password ends your other sessions', async () => {
    const NEW = 'Gedragsdeskundige-nieuw-2026';
    const here = await loginAs(server, 'gedragsdeskundige');
    const elsewhere = await loginAs(server, 'gedragsdeskundige');
    const res = await here.post('/api/auth/password', { currentPassword: DEMO_PASSWORD, newPassword: NEW });
    expect(res.status).toBe(200);
    expect((await here.get('/api/auth/me')).status).toBe(200);
    expectError(await elsewhere.get('/api/auth/me'), 401, 'NIET_INGELOGD');
  });

  it('changing the password needs a session', async () => {
    expectError(await new ApiClient(server.url).post('/api/auth/password', { currentPassword: DEMO_PASSWORD, newPassword: 'Iets-heel-anders-2026' }), 401, 'NIET_INGELOGD');
  });
});
