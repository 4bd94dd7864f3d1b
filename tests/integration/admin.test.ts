// Account management by the functional administrator, and the colleague directory.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, DEMO_PASSWORD, demoEmail, loginAs, startTestServer, type TestServer } from '../support/server';
import { expectError } from '../support/api';
import { auditRowsSince, caseIdByTitle, count, maxAuditSeq, userId } from '../support/db';

const ADMIN_USER_KEYS = ['active', 'createdAt', 'email', 'functie', 'functiePending', 'id', 'lastLoginAt', 'mustChangePassword', 'name', 'organisation', 'phone'];

let server: TestServer;
let admin: ApiClient;

beforeAll(async () => {
  server = await startTestServer();
  admin = await loginAs(server, 'beheer');
});

afterAll(async () => {
  await server?.stop();
});

function newUserBody(overrides: Record<string, unknown> = {}) {
  const tag = randomUUID().slice(0, 8);
  return {
    email: `nieuw-${tag}@zuiderhaven.example`,
    name: `Nieuwe Collega ${tag}`,
    functie: 'consulent_wmo',
    organisation: 'Gemeente Zuiderhaven, Wmo-team',
    temporaryPassword: 'Tijdelijk-wachtwoord-01',
    ...overrides,
  };
}

describe('listing accounts', () => {
  it('the administrator sees every account, without password hashes', async () => {
    const res = await admin.get('/api/admin/users');
    expect(res.status).toBe(200);
    const emails = res.body.map((u: { email: string }) => u.email);
    for (const key of ['procesregisseur', 'ggz', 'inwoner', 'beheer', 'vertrokken']) expect(emails).toContain(demoEmail(key));
    for (const u of res.body) expect(Object.keys(u).sort()).toEqual(ADMIN_USER_KEYS);
    expect(JSON.stringify(res.body)).not.toMatch(/argon2|passwordHash/);
    expect(res.body.find((u: { email: string }) => u.email === demoEmail('vertrokken')).active).toBe(false);
  });
});

describe('creating accounts', () => {
  it('creates a user (201) who must change the temporary password; a duplicate e-mail is 409', async () => {
    const body = newUserBody();
    const seq = await maxAuditSeq(server);
    const res = await admin.post('/api/admin/users', body);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ email: body.email, name: body.name, functie: 'consulent_wmo', active: true, mustChangePassword: true, lastLoginAt: null });
    expect(Object.keys(res.body).sort()).toEqual(ADMIN_USER_KEYS);
    const created = (await auditRowsSince(server, seq)).find((r) => r.action === 'user.created');
    expect(created).toMatchObject({ actor_user_id: userId(server, 'beheer') });
    expect(JSON.parse(created!.detail)).toEqual({ userId: res.body.id, functie: 'consulent_wmo' });
    expect(created!.detail).not.toContain(body.temporaryPassword);

    const users = await count(server, 'select count(*) as n from users');
    const dup = await admin.post('/api/admin/users', { ...newUserBody(), email: body.email });
    expectError(dup, 409, 'EMAIL_BESTAAT');
    const dupUpper = await admin.post('/api/admin/users', { ...newUserBody(), email: `  ${body.email.toUpperCase()}  ` });
    expectError(dupUpper, 409, 'EMAIL_BESTAAT');
    expectError(await admin.post('/api/admin/users', { ...newUserBody(), email: demoEmail('wmo') }), 409, 'EMAIL_BESTAAT');
    expect(await count(server, 'select count(*) as n from users')).toBe(users);

    // The new colleague logs in, must change the password, then can work.
    const user = new ApiClient(server.url);
    const login = await user.login(body.email, body.temporaryPassword);
    expect(login.status).toBe(200);
    expect(login.body.user.mustChangePassword).toBe(true);
    expectError(await user.get('/api/cases'), 403, 'GEEN_TOESTEMMING');
    expect((await user.post('/api/auth/password', { currentPassword: body.temporaryPassword, newPassword: 'Eigen-wachtwoord-2026' })).status).toBe(200);
    const werkbak = await user.get('/api/cases');
    expect(werkbak.status).toBe(200);
    expect(werkbak.body).toEqual([]);
  });

  it.each([
    ['a short temporary password', { temporaryPassword: 'kort' }, /minstens 12 tekens/],
    ['an unknown functie', { functie: 'koning' }, /Functie: Kies een van/],
    ['an invalid e-mail address', { email: 'geen-adres' }, /geldig e-mailadres/],
    ['an empty name', { name: '   ' }, /Naam: Dit veld is verplicht/],
    ['an extra field', { isAdmin: true }, /Onbekend veld: isAdmin/],
  ])('refuses %s (400) and creates nothing', async (_name, override, message) => {
    const users = await count(server, 'select count(*) as n from users');
    const res = await admin.post('/api/admin/users', newUserBody(override));
    expectError(res, 400, 'ONGELDIGE_INVOER');
    expect(res.body.error.message).toMatch(message);
    expect(await count(server, 'select count(*) as n from users')).toBe(users);
  });
});

describe('phone numbers', () => {
  it('is optional on creation, can be changed and cleared, and reaches the members panel and the household\'s "wie doet wat"', async () => {
    const created = await admin.post('/api/admin/users', newUserBody({ phone: ' 0162 000 999 ' }));
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body.phone).toBe('0162 000 999');
    const without = await admin.post('/api/admin/users', newUserBody());
    expect(without.body.phone).toBeNull();

    const changed = await admin.patch(`/api/admin/users/${created.body.id}`, { phone: '+31 6 1234 5678' });
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    expect(changed.body.phone).toBe('+31 6 1234 5678');
    const cleared = await admin.patch(`/api/admin/users/${created.body.id}`, { phone: null });
    expect(cleared.body.phone).toBeNull();

    // The demo regisseur of Gezin Verbeek has one: her colleagues and the household see it.
    const caseId = await caseIdByTitle(server, 'Gezin Verbeek');
    const detail = await (await loginAs(server, 'jeugd')).get(`/api/cases/${caseId}`);
    expect(detail.body.members.find((m: { userId: string }) => m.userId === userId(server, 'casusregisseur')).phone).toBe('0162 000 102');
    const view = await (await loginAs(server, 'inwoner')).get(`/api/cases/${caseId}/inwoner`);
    expect(view.body.people[0]).toMatchObject({ isRegisseur: true, name: 'Marieke de Vries', phone: '0162 000 102' });
  });

  it('refuses what is no phone number, in Dutch, writing nothing', async () => {
    const before = await count(server, 'select count(*) as n from users');
    for (const phone of ['bel mij', '12345', '0162-000-999<script>', '']) {
      const res = await admin.post('/api/admin/users', newUserBody({ phone }));
      expectError(res, 400, 'ONGELDIGE_INVOER');
      expect(res.body.error.message).toMatch(/^Telefoonnummer: /);
    }
    expect(await count(server, 'select count(*) as n from users')).toBe(before);
  });
});

describe('password reset', () => {
  it('resets a password: old password and sessions stop working, the temporary one works once changed', async () => {
    const body = newUserBody();
    const created = await admin.post('/api/admin/users', body);
    expect(created.status).toBe(201);
    const user = new ApiClient(server.url);
    expect((await user.login(body.email, body.temporaryPassword)).status).toBe(200);
    expect((await user.post('/api/auth/password', { currentPassword: body.temporaryPassword, newPassword: 'Eerste-eigen-wachtwoord' })).status).toBe(200);
    expect((await user.get('/api/auth/me')).status).toBe(200);

    const seq = await maxAuditSeq(server);
    const reset = await admin.post(`/api/admin/users/${created.body.id}/password`, { temporaryPassword: 'Tweede-tijdelijk-wachtwoord' });
    expect(reset.status).toBe(200);
    expect(reset.body.mustChangePassword).toBe(true);
    expect((await auditRowsSince(server, seq)).map((r) => r.action)).toEqual(['user.password_reset']);

    expectError(await user.get('/api/auth/me'), 401, 'NIET_INGELOGD');
    expectError(await new ApiClient(server.url).login(body.email, 'Eerste-eigen-wachtwoord'), 401, 'ONJUISTE_INLOG');
    const again = await new ApiClient(server.url).login(body.email, 'Tweede-tijdelijk-wachtwoord');
    expect(again.status).toBe(200);
    expect(again.body.user.mustChangePassword).toBe(true);
  });

  it('reset of an unknown account is 404, of a short password 400', async () => {
    expectError(await admin.post(`/api/admin/users/${randomUUID()}/password`, { temporaryPassword: 'Lang-genoeg-wachtwoord' }), 404, 'NIET_GEVONDEN');
    expectError(await admin.post(`/api/admin/users/${userId(server, 'wmo')}/password`, { temporaryPassword: 'kort' }), 400, 'ONGELDIGE_INVOER');
    // The short-password attempt changed nothing: the demo password still works.
    expect((await new ApiClient(server.url).login(demoEmail('wmo'), DEMO_PASSWORD)).status).toBe(200);
  });
});

describe('deactivating accounts', () => {
  it('a deactivated user is logged out everywhere and cannot log in; reactivating lets them back in', async () => {
    const targetId = userId(server, 'teamleider');
    const user = await loginAs(server, 'teamleider');
    expect((await user.get('/api/cases')).status).toBe(200);

    const res = await admin.patch(`/api/admin/users/${targetId}`, { active: false });
    expect(res.status).toBe(200);
    expect(res.body.active).toBe(false);

    expectError(await user.get('/api/cases'), 401, 'NIET_INGELOGD');
    expectError(await user.get('/api/auth/me'), 401, 'NIET_INGELOGD');
    expect(await count(server, 'select count(*) as n from sessions where user_id = ?', targetId)).toBe(0);
    expectError(await new ApiClient(server.url).login(demoEmail('teamleider'), DEMO_PASSWORD), 401, 'ONJUISTE_INLOG');
    // Not offered in the directory any more.
    const pr = await loginAs(server, 'procesregisseur');
    expect((await pr.get('/api/directory')).body.map((u: { id: string }) => u.id)).not.toContain(targetId);

    const back = await admin.patch(`/api/admin/users/${targetId}`, { active: true });
    expect(back.status).toBe(200);
    expect(back.body.active).toBe(true);
    expect((await new ApiClient(server.url).login(demoEmail('teamleider'), DEMO_PASSWORD)).status).toBe(200);
  });

  it('the administrator cannot deactivate their own account (409)', async () => {
    expectError(await admin.patch(`/api/admin/users/${userId(server, 'beheer')}`, { active: false }), 409, 'EIGEN_ACCOUNT');
    expect((await admin.get('/api/auth/me')).status).toBe(200);
  });

  it('changing a name works; an unknown account is 404', async () => {
    const res = await admin.patch(`/api/admin/users/${userId(server, 'wethouder')}`, { name: 'Ingrid Maas-de Wit' });
    expect(res.status).toBe(200);
    expect(res.body.name).toBe('Ingrid Maas-de Wit');
    expectError(await admin.patch(`/api/admin/users/${randomUUID()}`, { name: 'Niemand' }), 404, 'NIET_GEVONDEN');
  });

  // Regression: an empty PATCH once reached drizzle's .set({}) and became a 500.
  it('PATCH /api/admin/users/{id} with an empty body is answered as bad input, not with a 500', async () => {
    const res = await admin.patch(`/api/admin/users/${userId(server, 'wethouder')}`, {});
    expect(res.status).not.toBe(500);
    expectError(res, 400, 'ONGELDIGE_INVOER');
  });
});

describe('non-administrators', () => {
  const keys = ['procesregisseur', 'casusregisseur', 'klantmanager', 'ggz', 'inwoner', 'wethouder'];

  it.each(keys)('%s gets 403 on every /api/admin route and nothing changes', async (key) => {
    const client = await loginAs(server, key);
    const targetId = userId(server, 'jeugd');
    const usersBefore = await count(server, 'select count(*) as n from users');
    const seq = await maxAuditSeq(server);
    const body = newUserBody();

    expectError(await client.get('/api/admin/users'), 403, 'GEEN_TOESTEMMING');
    expectError(await client.post('/api/admin/users', body), 403, 'GEEN_TOESTEMMING');
    expectError(await client.patch(`/api/admin/users/${targetId}`, { active: false }), 403, 'GEEN_TOESTEMMING');
    expectError(await client.post(`/api/admin/users/${targetId}/password`, { temporaryPassword: 'Overgenomen-wachtwoord' }), 403, 'GEEN_TOESTEMMING');

    expect(await count(server, 'select count(*) as n from users')).toBe(usersBefore);
    expect(await count(server, 'select count(*) as n from users where email = ?', body.email)).toBe(0);
    expect((await auditRowsSince(server, seq)).filter((r) => r.action.startsWith('user.'))).toEqual([]);
    // jeugd is still active with the demo password.
    expect((await new ApiClient(server.url).login(demoEmail('jeugd'), DEMO_PASSWORD)).status).toBe(200);
  });

  it('without a session /api/admin/* is 401', async () => {
    const anon = new ApiClient(server.url);
    expectError(await anon.get('/api/admin/users'), 401, 'NIET_INGELOGD');
    expectError(await anon.post('/api/admin/users', newUserBody()), 401, 'NIET_INGELOGD');
  });
});

describe('the administrator sees no case content', () => {
  it('empty werkbak, 404 on every case, cannot create cases or be added', async () => {
    expect((await admin.get('/api/cases')).body).toEqual([]);
    for (const title of ['Gezin Verbeek', 'Dhr. R. de Graaf', 'Gezin El Khatib', 'Mw. J. Koster (18-/18+)']) {
      const id = await caseIdByTitle(server, title);
      expectError(await admin.get(`/api/cases/${id}`), 404, 'CASUS_NIET_GEVONDEN');
      expectError(await admin.post(`/api/cases/${id}/members`, { userId: userId(server, 'beheer'), caseRole: 'casusregisseur', access: 'edit' }), 404, 'CASUS_NIET_GEVONDEN');
    }
    expectError(await admin.post('/api/cases', { title: 'Beheer-casus' }), 403, 'GEEN_TOESTEMMING');
    expectError(await admin.get('/api/directory'), 403, 'GEEN_TOESTEMMING');
  });
});

describe('directory', () => {
  it.each(['procesregisseur', 'casusregisseur', 'klantmanager', 'wmo'])('%s can search colleagues', async (key) => {
    const client = await loginAs(server, key);
    const res = await client.get('/api/directory');
    expect(res.status).toBe(200);
    expect(res.body.length).toBeGreaterThan(5);
    for (const u of res.body) {
      expect(Object.keys(u).sort()).toEqual(['functie', 'id', 'name', 'organisation']);
      expect(u.functie).not.toBe('functioneel_beheerder');
    }
    const ids = res.body.map((u: { id: string }) => u.id);
    expect(ids).not.toContain(userId(server, 'vertrokken'));
    expect(ids).not.toContain(userId(server, 'beheer'));
  });

  it('finds residents only by their exact e-mail address, so the directory does not show who is a client', async () => {
    const pr = await loginAs(server, 'procesregisseur');
    const inwonerId = userId(server, 'inwoner');
    expect((await pr.get('/api/directory')).body.map((u: { id: string }) => u.id)).not.toContain(inwonerId);
    expect((await pr.get('/api/directory?q=Verbeek')).body.map((u: { id: string }) => u.id)).not.toContain(inwonerId);
    const exact = await pr.get(`/api/directory?q=${encodeURIComponent(demoEmail('inwoner'))}`);
    expect(exact.body.map((u: { id: string }) => u.id)).toEqual([inwonerId]);
  });

  it('filters by name and organisation; % and _ are not wildcards', async () => {
    const pr = await loginAs(server, 'procesregisseur');
    const byName = await pr.get('/api/directory?q=Yildiz');
    expect(byName.status).toBe(200);
    expect(byName.body.map((u: { name: string }) => u.name)).toEqual(['Fatma Yildiz']);
    const byOrg = await pr.get(`/api/directory?q=${encodeURIComponent('GGZ Zuiderhaven')}`);
    expect(byOrg.body.map((u: { name: string }) => u.name)).toEqual(['Anouk Peeters']);
    expect((await pr.get('/api/directory?q=%25')).body).toEqual([]);
    expect((await pr.get('/api/directory?q=_')).body).toEqual([]);
    expectError(await pr.get(`/api/directory?q=${'a'.repeat(101)}`), 400, 'ONGELDIGE_INVOER');
  });

  // Regression: % and _ are escaped for LIKE, which needs an explicit ESCAPE clause in SQLite.
  it('searching for text that contains _ or % finds the colleague with that text', async () => {
    const body = newUserBody({ name: 'Jan_Jansen 100% inzet' });
    expect((await admin.post('/api/admin/users', body)).status).toBe(201);
    const pr = await loginAs(server, 'procesregisseur');
    expect((await pr.get('/api/directory?q=Jansen')).body.map((u: { name: string }) => u.name)).toEqual(['Jan_Jansen 100% inzet']);
    expect((await pr.get(`/api/directory?q=${encodeURIComponent('Jan_Jansen')}`)).body.map((u: { name: string }) => u.name)).toEqual(['Jan_Jansen 100% inzet']);
    expect((await pr.get(`/api/directory?q=${encodeURIComponent('100%')}`)).body.map((u: { name: string }) => u.name)).toEqual(['Jan_Jansen 100% inzet']);
  });

  it.each(['ggz', 'inwoner', 'gedragsdeskundige', 'wethouder'])('%s gets 403 on the directory', async (key) => {
    const client = await loginAs(server, key);
    expectError(await client.get('/api/directory'), 403, 'GEEN_TOESTEMMING');
    expectError(await client.get('/api/directory?q=Ramdin'), 403, 'GEEN_TOESTEMMING');
  });
});
