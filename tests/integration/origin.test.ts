// Cross-site request forgery protection (Origin / Sec-Fetch-Site) and security headers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, type ApiResponse, DEMO_PASSWORD, demoEmail, loginAs, startTestServer, type TestServer } from '../support/server';
import { expectError } from '../support/api';
import { activeMembers, caseIdByTitle, count, maxAuditSeq, queryRow, userId } from '../support/db';

const EVIL = { origin: 'http://evil.example' };

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});

afterAll(async () => {
  await server?.stop();
});

async function sessionCount(): Promise<number> {
  return await count(server, 'select count(*) as n from sessions');
}

describe('cross-origin state-changing requests are refused', () => {
  it('login from another origin: 403 ANDERE_HERKOMST, no cookie, no session, not even a failed-login row', async () => {
    const sessions = await sessionCount();
    const seq = await maxAuditSeq(server);
    const client = new ApiClient(server.url);
    const res = await client.post('/api/auth/login', { email: demoEmail('procesregisseur'), password: DEMO_PASSWORD }, EVIL);
    expectError(res, 403, 'ANDERE_HERKOMST');
    expect(res.body.error.message).toMatch(/andere website/);
    expect(res.headers.get('set-cookie')).toBeNull();
    expect(client.cookie).toBeUndefined();
    expect(await sessionCount()).toBe(sessions);
    expect(await maxAuditSeq(server)).toBe(seq);
  });

  it('logout from another origin with a valid cookie: 403, and the session keeps working', async () => {
    const client = await loginAs(server, 'casusregisseur');
    const sessions = await sessionCount();
    const res = await client.post('/api/auth/logout', undefined, EVIL);
    expectError(res, 403, 'ANDERE_HERKOMST');
    expect(res.headers.get('set-cookie')).toBeNull();
    expect(await sessionCount()).toBe(sessions);
    expect((await client.get('/api/auth/me')).status).toBe(200);
  });

  it('case creation from another origin with a valid cookie: 403, and no case is created', async () => {
    const client = await loginAs(server, 'procesregisseur');
    const before = (await client.get('/api/cases')).body.length;
    const cases = await count(server, 'select count(*) as n from cases');
    const res = await client.post('/api/cases', { title: 'Ingeschoven casus' }, EVIL);
    expectError(res, 403, 'ANDERE_HERKOMST');
    expect(await count(server, 'select count(*) as n from cases')).toBe(cases);
    expect((await client.get('/api/cases')).body.length).toBe(before);
  });

  it('member add from another origin with a valid cookie: 403, and the members are unchanged', async () => {
    const client = await loginAs(server, 'procesregisseur');
    const caseId = await caseIdByTitle(server, 'Gezin El Khatib');
    const members = await activeMembers(server, caseId);
    const seq = await maxAuditSeq(server);
    const res = await client.post(`/api/cases/${caseId}/members`, { userId: userId(server, 'casusregisseur'), caseRole: 'casusregisseur', access: 'edit' }, EVIL);
    expectError(res, 403, 'ANDERE_HERKOMST');
    expect(await activeMembers(server, caseId)).toEqual(members);
    expect(await maxAuditSeq(server)).toBe(seq);
  });

  it.each([
    ['PATCH', '/members/{ggz}', { access: 'read' }],
    ['DELETE', '/members/{ggz}', undefined],
    ['PUT', '/regisseur', { userId: null }],
    ['POST', '/close', { borgingsafspraken: 'Iemand anders sluit deze casus af via een andere website.' }],
  ])('%s %s from another origin: 403 and nothing changed', async (method, suffix, body) => {
    const client = await loginAs(server, 'casusregisseur');
    const caseId = await caseIdByTitle(server, 'Gezin Verbeek');
    const before = { members: await activeMembers(server, caseId), row: await queryRow(server, 'select * from cases where id = ?', caseId) };
    const path = `/api/cases/${caseId}${suffix.replace('{ggz}', userId(server, 'ggz'))}`;
    const res = await client.request(method, path, body, EVIL);
    expectError(res, 403, 'ANDERE_HERKOMST');
    expect({ members: await activeMembers(server, caseId), row: await queryRow(server, 'select * from cases where id = ?', caseId) }).toEqual(before);
  });

  it.each(['null', 'https://127.0.0.1', 'http://127.0.0.1:1', 'http://localhost'])('Origin %s (not exactly this server) is refused', async (origin) => {
    const res = await new ApiClient(server.url).post('/api/auth/login', { email: demoEmail('wmo'), password: DEMO_PASSWORD }, { origin });
    expectError(res, 403, 'ANDERE_HERKOMST');
  });

  it.each(['cross-site', 'same-site'])('Sec-Fetch-Site: %s without Origin is refused', async (site) => {
    const client = await loginAs(server, 'procesregisseur');
    const cases = await count(server, 'select count(*) as n from cases');
    expectError(await client.post('/api/cases', { title: 'Via sec-fetch' }, { 'sec-fetch-site': site }), 403, 'ANDERE_HERKOMST');
    expectError(await new ApiClient(server.url).post('/api/auth/login', { email: demoEmail('wmo'), password: DEMO_PASSWORD }, { 'sec-fetch-site': site }), 403, 'ANDERE_HERKOMST');
    expect(await count(server, 'select count(*) as n from cases')).toBe(cases);
  });

  it('a foreign Origin wins over a same-origin Sec-Fetch-Site', async () => {
    const res = await new ApiClient(server.url).post('/api/auth/login', { email: demoEmail('wmo'), password: DEMO_PASSWORD }, { ...EVIL, 'sec-fetch-site': 'same-origin' });
    expectError(res, 403, 'ANDERE_HERKOMST');
  });
});

describe('same-origin requests are accepted', () => {
  it('login and case creation with Origin equal to the server origin', async () => {
    const client = new ApiClient(server.url);
    const login = await client.post('/api/auth/login', { email: demoEmail('procesregisseur'), password: DEMO_PASSWORD }, { origin: server.url });
    expect(login.status).toBe(200);
    expect(client.cookie).toBeDefined();
    const created = await client.post('/api/cases', { title: 'Gezin van dezelfde herkomst' }, { origin: server.url });
    expect(created.status).toBe(201);
    const logout = await client.post('/api/auth/logout', undefined, { origin: server.url });
    expect(logout.status).toBe(204);
  });

  it.each(['same-origin', 'none'])('Sec-Fetch-Site: %s without Origin is accepted', async (site) => {
    const client = new ApiClient(server.url);
    const res = await client.post('/api/auth/login', { email: demoEmail('wmo'), password: DEMO_PASSWORD }, { 'sec-fetch-site': site });
    expect(res.status).toBe(200);
  });

  it('a non-browser client without Origin or Sec-Fetch-Site is accepted', async () => {
    const client = new ApiClient(server.url);
    expect((await client.login(demoEmail('jeugd'))).status).toBe(200);
  });

  it('GET with a foreign Origin is answered but without CORS permission to read it', async () => {
    const client = await loginAs(server, 'procesregisseur');
    const res = await client.request('GET', '/api/cases', undefined, EVIL);
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    expect(res.headers.get('access-control-allow-credentials')).toBeNull();
  });
});

describe('security headers', () => {
  function expectSecurityHeaders(res: { headers: Headers }) {
    const csp = res.headers.get('content-security-policy');
    expect(csp).toBeTruthy();
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
  }

  it('on the web client (/) and a client-side route', async () => {
    for (const path of ['/', '/casussen/123']) {
      const res = await fetch(server.url + path);
      await res.text();
      expectSecurityHeaders(res);
    }
  });

  it('on /healthz', async () => {
    const res = await fetch(`${server.url}/healthz`);
    expect(res.status).toBe(200);
    expectSecurityHeaders(res);
  });

  it('on /api responses, which are also never cached', async () => {
    const client = await loginAs(server, 'procesregisseur');
    const responses: [string, ApiResponse][] = [
      ['GET /api/cases', await client.get('/api/cases')],
      ['GET /api/cases/{id}', await client.get(`/api/cases/${await caseIdByTitle(server, 'Gezin Verbeek')}`)],
      ['GET /api/auth/me', await client.get('/api/auth/me')],
      ['GET /api/auth/me (401)', await new ApiClient(server.url).get('/api/auth/me')],
      ['GET /api/cases/{unknown} (404)', await client.get('/api/cases/onbekend')],
      ['GET /api/bestaat-niet (404)', await client.get('/api/bestaat-niet')],
      ['POST /api/cases (400)', await client.post('/api/cases', { nope: 1 })],
      ['POST /api/auth/login (401)', await new ApiClient(server.url).login(demoEmail('wmo'), 'verkeerd-wachtwoord')],
      ['GET /api/openapi.json', await client.get('/api/openapi.json')],
    ];
    for (const [name, res] of responses) {
      expect(res.headers.get('cache-control'), name).toBe('no-store');
      expectSecurityHeaders(res);
    }
  });

  it('no Strict-Transport-Security over plain HTTP (COOKIE_SECURE is off in the test server)', async () => {
    const res = await fetch(`${server.url}/healthz`);
    expect(res.headers.get('strict-transport-security')).toBeNull();
  });
});
