// Broken, unexpected and oversized input: clear Dutch errors in one shape, and nothing
// half-written afterwards.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, DEMO_PASSWORD, loginAs, startTestServer, type TestServer } from '../support/server';
import { expectError, expectErrorShape, rawRequest } from '../support/api';
import { activeMembers, caseIdByTitle, caseRow, count, maxAuditSeq, userId } from '../support/db';
import { createCase } from '../support/fixtures';

const ONE_MB = 1024 * 1024;

let server: TestServer;
let pr: ApiClient;

beforeAll(async () => {
  server = await startTestServer();
  pr = await loginAs(server, 'procesregisseur');
});

afterAll(async () => {
  await server?.stop();
});

/** Counts of everything a request could have written. */
async function counts() {
  return {
    cases: await count(server, 'select count(*) as n from cases'),
    members: await count(server, 'select count(*) as n from case_members'),
    activeMembers: await count(server, 'select count(*) as n from case_members where removed_at is null'),
    statusChanges: await count(server, 'select count(*) as n from case_status_changes'),
    users: await count(server, 'select count(*) as n from users'),
    audit: await maxAuditSeq(server),
  };
}

async function werkbakSize(): Promise<number> {
  const res = await pr.get('/api/cases');
  expect(res.status).toBe(200);
  return res.body.length;
}

async function verbeek() {
  return await caseIdByTitle(server, 'Gezin Verbeek');
}

describe('malformed JSON', () => {
  it.each([
    ['POST /api/auth/login', '/api/auth/login', '{"email": "procesregisseur@demo.casustafel.nl", "password": '],
    ['POST /api/cases', '/api/cases', '{title: "zonder aanhalingstekens"}'],
    ['POST /api/cases (trailing comma)', '/api/cases', '{"title": "x",}'],
    ['POST /api/cases/{id}/members', '/members', '{"userId": "a" "caseRole": "inwoner"}'],
    ['POST /api/cases/{id}/close', '/close', 'not json at all'],
  ])('%s -> 400 ONGELDIGE_JSON', async (_name, path, body) => {
    const before = await counts();
    const url = path.startsWith('/api') ? path : `/api/cases/${await verbeek()}${path}`;
    const res = await pr.post(url, body);
    expectError(res, 400, 'ONGELDIGE_JSON');
    expect(res.body.error.message).toBe('De verzonden gegevens zijn geen geldige JSON.');
    expect(await counts()).toEqual(before);
  });

  it('an empty body declared as JSON is malformed JSON too', async () => {
    const before = await counts();
    const res = await pr.request('POST', '/api/cases', '', { 'content-type': 'application/json' });
    expectError(res, 400, 'ONGELDIGE_JSON');
    expect(await counts()).toEqual(before);
  });
});

describe('unknown fields and wrong types', () => {
  it('an unknown field is refused with 400 ONGELDIGE_INVOER and a Dutch message naming it', async () => {
    const before = await counts();
    const res = await pr.post('/api/cases', { title: 'Gezin Smit', isAdmin: true });
    expectError(res, 400, 'ONGELDIGE_INVOER');
    expect(res.body.error.message).toMatch(/Onbekend veld: isAdmin/);
    expect(res.body.error.details).toEqual([{ path: '', message: expect.stringMatching(/Onbekend veld: isAdmin/) }]);
    expect(await counts()).toEqual(before);
  });

  it('an unknown field in the login body is refused as well (no silent acceptance)', async () => {
    const res = await pr.post('/api/auth/login', { email: 'procesregisseur@demo.casustafel.nl', password: DEMO_PASSWORD, remember: true });
    expectError(res, 400, 'ONGELDIGE_INVOER');
    expect(res.body.error.message).toMatch(/Onbekend veld: remember/);
    expect(res.headers.get('set-cookie')).toBeNull();
  });

  it('an unknown field on a member add is refused and nothing is written', async () => {
    const before = await counts();
    const res = await pr.post(`/api/cases/${await verbeek()}/members`, { userId: userId(server, 'schuldhulp'), caseRole: 'schuldhulpverlener', access: 'edit', isRegisseur: true });
    expectError(res, 400, 'ONGELDIGE_INVOER');
    expect(res.body.error.message).toMatch(/Onbekend veld: isRegisseur/);
    expect(await counts()).toEqual(before);
  });

  it('wrong types give 400 with a Dutch message per field', async () => {
    const before = await counts();
    const res = await pr.post('/api/cases', { title: 42, iAmRegisseur: 'ja' });
    expectError(res, 400, 'ONGELDIGE_INVOER');
    // Both problems in the one message, each with its Dutch field name.
    expect(res.body.error.message).toBe('Titel: Ongeldige waarde: verwacht tekst. Regisseur: Ongeldige waarde: verwacht ja/nee-waarde.');
    expect(res.body.error.details).toEqual(
      expect.arrayContaining([
        { path: 'title', message: 'Ongeldige waarde: verwacht tekst.' },
        { path: 'iAmRegisseur', message: 'Ongeldige waarde: verwacht ja/nee-waarde.' },
      ]),
    );
    expect(await counts()).toEqual(before);
  });

  it.each([
    ['an array', [1, 2, 3]],
    ['null', null],
    ['a string', 'Gezin Smit'],
    ['a number', 12],
  ])('a body that is %s instead of an object -> 400 ONGELDIGE_INVOER', async (_name, body) => {
    const before = await counts();
    const res = await pr.post('/api/cases', JSON.stringify(body));
    expectError(res, 400, 'ONGELDIGE_INVOER');
    expect(res.body.error.message).toMatch(/verwacht object/);
    expect(await counts()).toEqual(before);
  });

  it('a missing required field says so in Dutch', async () => {
    const res = await pr.post('/api/cases', { summary: 'zonder titel' });
    expectError(res, 400, 'ONGELDIGE_INVOER');
    expect(res.body.error.message).toBe('Titel: Dit veld is verplicht.');
  });

  it('an empty title after trimming is refused', async () => {
    const before = await counts();
    expectError(await pr.post('/api/cases', { title: '    ' }), 400, 'ONGELDIGE_INVOER');
    expect(await counts()).toEqual(before);
  });

  it('an overlong title is refused with the limit in the message', async () => {
    const res = await pr.post('/api/cases', { title: 'x'.repeat(161) });
    expectError(res, 400, 'ONGELDIGE_INVOER');
    expect(res.body.error.message).toMatch(/hoogstens 160 tekens/);
  });

  it('a value outside an enum lists the allowed values', async () => {
    const res = await pr.post(`/api/cases/${await verbeek()}/members`, { userId: userId(server, 'schuldhulp'), caseRole: 'schuldhulpverlener', access: 'admin' });
    expectError(res, 400, 'ONGELDIGE_INVOER');
    expect(res.body.error.message).toMatch(/^Toegang: Kies een van: read, comment, edit\.$/);
  });

  it('an invalid e-mail address at login', async () => {
    const res = await pr.post('/api/auth/login', { email: 'geen-adres', password: 'x' });
    expectError(res, 400, 'ONGELDIGE_INVOER');
    expect(res.body.error.message).toBe('E-mailadres: Vul een geldig e-mailadres in.');
  });

  it('an empty member change (neither role nor access) is refused', async () => {
    const res = await pr.patch(`/api/cases/${await verbeek()}/members/${userId(server, 'ggz')}`, {});
    expectError(res, 400, 'ONGELDIGE_INVOER');
    expect(res.body.error.message).toMatch(/nieuwe rol of een nieuw toegangsniveau/);
  });

  it('a path id longer than allowed is refused before any lookup', async () => {
    expectError(await pr.get(`/api/cases/${'a'.repeat(65)}`), 400, 'ONGELDIGE_INVOER');
  });
});

describe('content type', () => {
  it.each([
    ['text/plain', '{"title":"Gezin Smit"}'],
    ['application/x-www-form-urlencoded', 'title=Gezin+Smit'],
    ['multipart/form-data; boundary=xyz', '--xyz\r\nContent-Disposition: form-data; name="title"\r\n\r\nGezin Smit\r\n--xyz--\r\n'],
    ['application/jsonp', '{"title":"Gezin Smit"}'],
    ['text/json', '{"title":"Gezin Smit"}'],
  ])('%s -> 415 VERKEERD_FORMAAT and no case is created', async (type, body) => {
    const before = await counts();
    const res = await pr.request('POST', '/api/cases', body, { 'content-type': type });
    expectError(res, 415, 'VERKEERD_FORMAAT');
    expect(await counts()).toEqual(before);
  });

  it('a body without any content type -> 415', async () => {
    const before = await counts();
    const res = await rawRequest(`${server.url}/api/cases`, { method: 'POST', headers: { cookie: pr.cookie!, 'content-length': '22' }, body: '{"title":"Gezin Smit"}' });
    expect(res.status).toBe(415);
    expectErrorShape(res.body);
    expect(res.body.error.code).toBe('VERKEERD_FORMAAT');
    expect(await counts()).toEqual(before);
  });

  it('application/json with a charset is accepted', async () => {
    const res = await pr.request('POST', '/api/cases', JSON.stringify({ title: 'Gezin met charset' }), { 'content-type': 'application/json; charset=utf-8' });
    expect(res.status).toBe(201);
    expect(res.body.title).toBe('Gezin met charset');
  });
});

describe('body size limit (1 MB)', () => {
  const bigBody = JSON.stringify({ title: 'x', summary: 'y'.repeat(ONE_MB + 100) });

  it('a body over 1 MB with Content-Length -> 413 TE_GROOT', async () => {
    const before = await counts();
    const res = await rawRequest(`${server.url}/api/cases`, {
      method: 'POST',
      headers: { cookie: pr.cookie!, 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(bigBody)) },
      body: bigBody,
    });
    expect(res.status).toBe(413);
    expectErrorShape(res.body);
    expect(res.body.error.code).toBe('TE_GROOT');
    expect(res.body.error.message).toMatch(/maximaal 1 MB/);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(await counts()).toEqual(before);
  });

  it('a body over 1 MB sent chunked (no Content-Length) -> 413 TE_GROOT', async () => {
    const before = await counts();
    const chunk = 'y'.repeat(64 * 1024);
    const chunks = ['{"title":"x","summary":"', ...Array.from({ length: 17 }, () => chunk), '"}'];
    const res = await rawRequest(`${server.url}/api/cases`, {
      method: 'POST',
      headers: { cookie: pr.cookie!, 'content-type': 'application/json', 'transfer-encoding': 'chunked' },
      chunks,
    });
    expect(res.status).toBe(413);
    expectErrorShape(res.body);
    expect(res.body.error.code).toBe('TE_GROOT');
    expect(await counts()).toEqual(before);
  });

  it('a large login body is refused before any password check', async () => {
    const body = JSON.stringify({ email: 'procesregisseur@demo.casustafel.nl', password: 'p'.repeat(ONE_MB + 1) });
    const res = await rawRequest(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) },
      body,
    });
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('TE_GROOT');
    expect(res.headers['set-cookie']).toBeUndefined();
  });

  it('a body just under 1 MB is read (and then refused by validation, not by size)', async () => {
    const body = JSON.stringify({ title: 'x', summary: 'y'.repeat(ONE_MB - 100) });
    expect(Buffer.byteLength(body)).toBeLessThanOrEqual(ONE_MB);
    const res = await rawRequest(`${server.url}/api/cases`, {
      method: 'POST',
      headers: { cookie: pr.cookie!, 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) },
      body,
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('ONGELDIGE_INVOER');
    expect(res.body.error.message).toMatch(/Samenvatting: Gebruik hoogstens 4000 tekens/);
  });
});

describe('other errors have the same shape', () => {
  it.each([
    ['unknown API path', 'GET', '/api/bestaat-niet', 404, 'NIET_GEVONDEN'],
    ['unknown API path (POST)', 'POST', '/api/bestaat-niet', 404, 'NIET_GEVONDEN'],
    ['unknown case', 'GET', '/api/cases/00000000-0000-0000-0000-000000000000', 404, 'CASUS_NIET_GEVONDEN'],
  ])('%s: %s %s -> %i %s', async (_name, method, path, status, code) => {
    const res = await pr.request(method, path, method === 'POST' ? {} : undefined);
    expectError(res, status, code);
  });
});

describe('nothing half-written, server still healthy', () => {
  it('a case create with an invalid body does not create a case (werkbak and table unchanged)', async () => {
    const werkbakBefore = await werkbakSize();
    const before = await counts();
    for (const body of [{}, { title: '' }, { title: 'ok', myRole: 'koning' }, { title: 'ok', iAmRegisseur: 1 }, { title: 'ok', extra: 1 }]) {
      const res = await pr.post('/api/cases', body);
      expectError(res, 400, 'ONGELDIGE_INVOER');
    }
    // A valid body that fails a rule inside the command (wrong role for the functie).
    expectError(await pr.post('/api/cases', { title: 'Gezin Rol', myRole: 'inwoner' }), 422, 'ONGELDIGE_ROL');
    expect(await werkbakSize()).toBe(werkbakBefore);
    expect(await counts()).toEqual(before);
  });

  it('a failed member add leaves no member row and no audit row', async () => {
    const before = await counts();
    const caseId = await verbeek();
    const membersBefore = await activeMembers(server, caseId);
    // Refused by the rules (inwoner with edit), by a conflict inside the transaction
    // (already a member), and for an unknown user.
    expectError(await pr.post(`/api/cases/${caseId}/members`, { userId: userId(server, 'inwoner'), caseRole: 'inwoner', access: 'edit' }), 422, 'ONGELDIGE_ROL');
    expectError(await pr.post(`/api/cases/${caseId}/members`, { userId: userId(server, 'ggz'), caseRole: 'extern_partner', access: 'read' }), 409, 'AL_LID');
    expectError(await pr.post(`/api/cases/${caseId}/members`, { userId: '00000000-0000-0000-0000-000000000000', caseRole: 'inwoner', access: 'read' }), 422, 'ONBEKENDE_GEBRUIKER');
    expect(await counts()).toEqual(before);
    expect(await activeMembers(server, caseId)).toEqual(membersBefore);
    expect(await count(server, "select count(*) as n from audit_log where action = 'case.member_added' and case_id = ?", caseId)).toBe(0);
  });

  it('a change refused halfway through its transaction is rolled back completely', async () => {
    const { id: caseId } = await createCase(pr, { iAmRegisseur: true });
    const prId = userId(server, 'procesregisseur');
    const before = await counts();
    const rowBefore = await caseRow(server, caseId);
    // dropMember removes the member and clears the regisseur, then finds nobody left to
    // manage the case and throws: both writes must be undone.
    expectError(await pr.delete(`/api/cases/${caseId}/members/${prId}`), 409, 'LAATSTE_REGIE');
    expect(await counts()).toEqual(before);
    expect(await caseRow(server, caseId)).toEqual(rowBefore);
    expect((await caseRow(server, caseId)).regisseur_user_id).toBe(prId);
    expect(await activeMembers(server, caseId)).toEqual([`${prId}:procesregisseur:edit`]);
    expect(await count(server, "select count(*) as n from audit_log where action = 'case.member_removed' and case_id = ?", caseId)).toBe(0);
  });

  it('after all of this the server still answers /healthz and the API', async () => {
    const health = await fetch(`${server.url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok', database: 'ok' });
    expect((await pr.get('/api/auth/me')).status).toBe(200);
    const created = await pr.post('/api/cases', { title: 'Gezin na de storm' });
    expect(created.status).toBe(201);
  });
});
