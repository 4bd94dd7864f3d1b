// Who may see and change a case: 404 for outsiders, 403 for members without the right,
// and the rules around members, the regisseur, closing and reopening.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, type ApiResponse, startTestServer, type TestServer, loginCache } from '../support/server';
import { expectError } from '../support/api';
import { activeMembers, auditRowsSince, caseIdByTitle, caseRow, count, maxAuditSeq, userId } from '../support/db';
import { BORGING, createCase } from '../support/fixtures';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});

afterAll(async () => {
  await server?.stop();
});

/** One logged-in client per demo account, reused within this file. */
const as = loginCache(() => server);

const ROUTE_NAMES = ['GET /api/cases/{id}', 'POST /members', 'PATCH /members/{userId}', 'DELETE /members/{userId}', 'PUT /regisseur', 'POST /close', 'POST /reopen'];

/** Every route that touches one case, with a body that would be valid for it. */
function caseRoutes(caseId: string): { name: string; call: (c: ApiClient) => Promise<ApiResponse> }[] {
  const member = userId(server, 'ggz');
  return [
    { name: 'GET /api/cases/{id}', call: (c) => c.get(`/api/cases/${caseId}`) },
    { name: 'POST /members', call: (c) => c.post(`/api/cases/${caseId}/members`, { userId: userId(server, 'jeugd'), caseRole: 'consulent_jeugd', access: 'edit' }) },
    { name: 'PATCH /members/{userId}', call: (c) => c.patch(`/api/cases/${caseId}/members/${member}`, { access: 'read' }) },
    { name: 'DELETE /members/{userId}', call: (c) => c.delete(`/api/cases/${caseId}/members/${member}`) },
    { name: 'PUT /regisseur', call: (c) => c.put(`/api/cases/${caseId}/regisseur`, { userId: userId(server, 'procesregisseur') }) },
    { name: 'POST /close', call: (c) => c.post(`/api/cases/${caseId}/close`, { borgingsafspraken: BORGING }) },
    { name: 'POST /reopen', call: (c) => c.post(`/api/cases/${caseId}/reopen`, { reason: 'Nieuwe zorgen gemeld door de school.' }) },
  ];
}

async function snapshot(caseId: string) {
  return {
    case: await caseRow(server, caseId),
    members: await activeMembers(server, caseId),
    statusChanges: await count(server, 'select count(*) as n from case_status_changes where case_id = ?', caseId),
  };
}

describe('outsiders get 404, never 403', () => {
  it.each(ROUTE_NAMES)('procesregisseur (not a member of de Graaf): %s -> 404 CASUS_NIET_GEVONDEN, same body as a nonexistent id', async (name) => {
    const caseId = await caseIdByTitle(server, 'Dhr. R. de Graaf');
    const before = await snapshot(caseId);
    const seq = await maxAuditSeq(server);
    const pr = await as('procesregisseur');
    const route = caseRoutes(caseId).find((r) => r.name === name)!;
    const nonexistent = caseRoutes(randomUUID()).find((r) => r.name === name)!;

    const res = await route.call(pr);
    expectError(res, 404, 'CASUS_NIET_GEVONDEN');
    const missing = await nonexistent.call(pr);
    expectError(missing, 404, 'CASUS_NIET_GEVONDEN');
    expect(res.body).toEqual(missing.body);
    expect(JSON.stringify(res.body)).not.toContain('Graaf');

    expect(await snapshot(caseId)).toEqual(before);
    expect((await auditRowsSince(server, seq)).filter((r) => r.case_id === caseId)).toEqual([]);
  });

  it.each(ROUTE_NAMES)('ggz (not a member of the closed Koster case): %s -> 404', async (name) => {
    const caseId = await caseIdByTitle(server, 'Mw. J. Koster (18-/18+)');
    const before = await snapshot(caseId);
    const route = caseRoutes(caseId).find((r) => r.name === name)!;
    expectError(await route.call(await as('ggz')), 404, 'CASUS_NIET_GEVONDEN');
    expect(await snapshot(caseId)).toEqual(before);
  });

  it('a member that was removed from a case gets 404 as well', async () => {
    const pr = await as('procesregisseur');
    const created = await createCase(pr);
    const wmoId = userId(server, 'wmo');
    expect((await pr.post(`/api/cases/${created.id}/members`, { userId: wmoId, caseRole: 'consulent_wmo', access: 'edit' })).status).toBe(201);
    const wmo = await as('wmo');
    expect((await wmo.get(`/api/cases/${created.id}`)).status).toBe(200);
    expect((await pr.delete(`/api/cases/${created.id}/members/${wmoId}`)).status).toBe(200);
    expectError(await wmo.get(`/api/cases/${created.id}`), 404, 'CASUS_NIET_GEVONDEN');
    expect((await wmo.get('/api/cases')).body.map((c: { id: string }) => c.id)).not.toContain(created.id);
  });
});

describe('members without the lead right get 403 and nothing changes', () => {
  const manageRoutes = ['POST /members', 'PATCH /members/{userId}', 'DELETE /members/{userId}', 'PUT /regisseur', 'POST /close'];

  it.each(
    manageRoutes.flatMap((name) => [
      ['klantmanager', name],
      ['ggz', name],
      ['gedragsdeskundige', name],
      ['inwoner', name],
      ['teamleider', name],
    ]),
  )('%s in Gezin Verbeek: %s -> 403 GEEN_TOESTEMMING', async (key, name) => {
    const caseId = await caseIdByTitle(server, 'Gezin Verbeek');
    const before = await snapshot(caseId);
    const seq = await maxAuditSeq(server);
    const route = caseRoutes(caseId).find((r) => r.name === name)!;
    const res = await route.call(await as(key));
    expectError(res, 403, 'GEEN_TOESTEMMING');
    expect(await snapshot(caseId)).toEqual(before);
    expect((await auditRowsSince(server, seq)).filter((r) => r.case_id === caseId)).toEqual([]);
  });

  it('klantmanager can read Gezin Verbeek, and its capabilities say it cannot manage', async () => {
    const res = await (await as('klantmanager')).get(`/api/cases/${await caseIdByTitle(server, 'Gezin Verbeek')}`);
    expect(res.status).toBe(200);
    expect(res.body.me).toMatchObject({ caseRole: 'klantmanager_pw', access: 'edit' });
    expect(res.body.me.can).toMatchObject({ 'case.read': true, 'case.members.manage': false, 'case.close': false, 'case.regisseur.assign': false });
  });

  it('a non-lead member of a closed case cannot reopen it (403)', async () => {
    const caseId = await caseIdByTitle(server, 'Mw. J. Koster (18-/18+)');
    const before = await snapshot(caseId);
    expectError(await (await as('klantmanager')).post(`/api/cases/${caseId}/reopen`, { reason: 'Ik wil dit heropenen.' }), 403, 'GEEN_TOESTEMMING');
    expect(await snapshot(caseId)).toEqual(before);
  });

  it('a non-lead member of a closed case is refused member changes as a person (403), not because of the status (409)', async () => {
    const caseId = await caseIdByTitle(server, 'Mw. J. Koster (18-/18+)');
    const before = await snapshot(caseId);
    const km = await as('klantmanager');
    expectError(await km.post(`/api/cases/${caseId}/members`, { userId: userId(server, 'gedragsdeskundige'), caseRole: 'gedragsdeskundige', access: 'read' }), 403, 'GEEN_TOESTEMMING');
    expectError(await km.post(`/api/cases/${caseId}/close`, { borgingsafspraken: 'Tweede keer sluiten met afspraken.' }), 403, 'GEEN_TOESTEMMING');
    expect(await snapshot(caseId)).toEqual(before);
  });

  it('the regisseur of a case (klantmanager in de Graaf) can manage members even without a lead case role', async () => {
    const caseId = await caseIdByTitle(server, 'Dhr. R. de Graaf');
    const km = await as('klantmanager');
    const detail = await km.get(`/api/cases/${caseId}`);
    expect(detail.body.me.can['case.members.manage']).toBe(true);
    const add = await km.post(`/api/cases/${caseId}/members`, { userId: userId(server, 'gedragsdeskundige'), caseRole: 'gedragsdeskundige', access: 'read' });
    expect(add.status).toBe(201);
    expect(add.body.members.map((m: { userId: string }) => m.userId)).toContain(userId(server, 'gedragsdeskundige'));
    // Put things back for the other tests.
    expect((await km.delete(`/api/cases/${caseId}/members/${userId(server, 'gedragsdeskundige')}`)).status).toBe(200);
  });
});

describe('managing members and the regisseur', () => {
  it('a procesregisseur adds, changes and removes a member and assigns the regisseur', async () => {
    const pr = await as('procesregisseur');
    const created = await createCase(pr);
    const caseId = created.id as string;
    const crId = userId(server, 'casusregisseur');
    const wmoId = userId(server, 'wmo');

    const add = await pr.post(`/api/cases/${caseId}/members`, { userId: crId, caseRole: 'casusregisseur', access: 'edit' });
    expect(add.status).toBe(201);
    expect(add.body.members.find((m: { userId: string }) => m.userId === crId)).toMatchObject({ caseRole: 'casusregisseur', access: 'edit', isRegisseur: false, name: 'Marieke de Vries' });
    expect(await activeMembers(server, caseId)).toContain(`${crId}:casusregisseur:edit`);

    // Adding someone who is already a member is a conflict.
    expectError(await pr.post(`/api/cases/${caseId}/members`, { userId: crId, caseRole: 'casusregisseur', access: 'read' }), 409, 'AL_LID');

    const change = await pr.patch(`/api/cases/${caseId}/members/${crId}`, { access: 'comment' });
    expect(change.status).toBe(200);
    expect(change.body.members.find((m: { userId: string }) => m.userId === crId).access).toBe('comment');
    expect(await activeMembers(server, caseId)).toContain(`${crId}:casusregisseur:comment`);

    // Someone with only comment access cannot be the regisseur.
    expectError(await pr.put(`/api/cases/${caseId}/regisseur`, { userId: crId }), 422, 'ONGELDIGE_REGISSEUR');
    expect((await pr.patch(`/api/cases/${caseId}/members/${crId}`, { access: 'edit' })).status).toBe(200);

    const assign = await pr.put(`/api/cases/${caseId}/regisseur`, { userId: crId });
    expect(assign.status).toBe(200);
    expect(assign.body.regisseur).toEqual({ id: crId, name: 'Marieke de Vries' });
    expect(assign.body.members.find((m: { userId: string }) => m.userId === crId).isRegisseur).toBe(true);
    expect((await caseRow(server, caseId)).regisseur_user_id).toBe(crId);

    // The regisseur's access cannot be lowered below edit.
    expectError(await pr.patch(`/api/cases/${caseId}/members/${crId}`, { access: 'read' }), 409, 'REGISSEUR_HEEFT_BEWERKRECHT');

    // The new regisseur can manage members herself.
    const cr = await as('casusregisseur');
    const addWmo = await cr.post(`/api/cases/${caseId}/members`, { userId: wmoId, caseRole: 'consulent_wmo', access: 'edit' });
    expect(addWmo.status).toBe(201);
    const werkbak = await (await as('wmo')).get('/api/cases');
    expect(werkbak.body.find((c: { id: string }) => c.id === caseId)).toMatchObject({ myRole: 'consulent_wmo', regisseur: { id: crId } });

    const remove = await cr.delete(`/api/cases/${caseId}/members/${wmoId}`);
    expect(remove.status).toBe(200);
    expect(remove.body.members.map((m: { userId: string }) => m.userId)).not.toContain(wmoId);
    expect((await activeMembers(server, caseId)).some((m) => m.startsWith(wmoId))).toBe(false);
    // The row stays for the history, marked as removed.
    expect(await count(server, 'select count(*) as n from case_members where case_id = ? and user_id = ? and removed_at is not null', caseId, wmoId)).toBe(1);

    // Removing the regisseur leaves the case visibly without one.
    const dropRegisseur = await pr.delete(`/api/cases/${caseId}/members/${crId}`);
    expect(dropRegisseur.status).toBe(200);
    expect(dropRegisseur.body.regisseur).toBeNull();
    expect((await caseRow(server, caseId)).regisseur_user_id).toBeNull();
  });

  it('a procesregisseur assigns a regisseur to Gezin El Khatib, which had none', async () => {
    const caseId = await caseIdByTitle(server, 'Gezin El Khatib');
    const pr = await as('procesregisseur');
    const jeugdId = userId(server, 'jeugd');
    const res = await pr.put(`/api/cases/${caseId}/regisseur`, { userId: jeugdId });
    expect(res.status).toBe(200);
    expect(res.body.regisseur).toEqual({ id: jeugdId, name: 'Lotte Hendriks' });
    const back = await pr.put(`/api/cases/${caseId}/regisseur`, { userId: null });
    expect(back.status).toBe(200);
    expect(back.body.regisseur).toBeNull();
  });

  it('someone who cannot be regisseur, or is no member, is refused as regisseur (422)', async () => {
    const caseId = await caseIdByTitle(server, 'Gezin Verbeek');
    const pr = await as('procesregisseur');
    const before = await snapshot(caseId);
    expectError(await pr.put(`/api/cases/${caseId}/regisseur`, { userId: userId(server, 'ggz') }), 422, 'ONGELDIGE_REGISSEUR');
    expectError(await pr.put(`/api/cases/${caseId}/regisseur`, { userId: userId(server, 'schuldhulp') }), 422, 'ONGELDIGE_REGISSEUR');
    expectError(await pr.put(`/api/cases/${caseId}/regisseur`, { userId: userId(server, 'vertrokken') }), 422, 'ONBEKENDE_GEBRUIKER');
    expect(await snapshot(caseId)).toEqual(before);
  });

  it('removing or demoting the last person who can manage the case is refused (409 LAATSTE_REGIE), and nothing changes', async () => {
    const pr = await as('procesregisseur');
    const created = await createCase(pr);
    const caseId = created.id as string;
    const prId = userId(server, 'procesregisseur');
    const kmId = userId(server, 'klantmanager');
    expect((await pr.post(`/api/cases/${caseId}/members`, { userId: kmId, caseRole: 'klantmanager_pw', access: 'edit' })).status).toBe(201);
    const before = await snapshot(caseId);
    const seq = await maxAuditSeq(server);

    expectError(await pr.delete(`/api/cases/${caseId}/members/${prId}`), 409, 'LAATSTE_REGIE');
    expectError(await pr.patch(`/api/cases/${caseId}/members/${prId}`, { access: 'comment' }), 409, 'LAATSTE_REGIE');
    expect(await snapshot(caseId)).toEqual(before);
    expect((await auditRowsSince(server, seq)).filter((r) => r.case_id === caseId)).toEqual([]);

    // Once someone else (with edit rights) is regisseur, the procesregisseur may leave.
    expect((await pr.put(`/api/cases/${caseId}/regisseur`, { userId: kmId })).status).toBe(200);
    const leave = await pr.delete(`/api/cases/${caseId}/members/${prId}`);
    expect(leave.status).toBe(204);
    expectError(await pr.get(`/api/cases/${caseId}`), 404, 'CASUS_NIET_GEVONDEN');
    const km = await as('klantmanager');
    const detail = await km.get(`/api/cases/${caseId}`);
    expect(detail.status).toBe(200);
    expect(detail.body.members.map((m: { userId: string }) => m.userId)).toEqual([kmId]);
    // The regisseur is now the only one left; unassigning them would leave nobody in charge.
    expectError(await km.put(`/api/cases/${caseId}/regisseur`, { userId: null }), 409, 'LAATSTE_REGIE');
    expect((await caseRow(server, caseId)).regisseur_user_id).toBe(kmId);
  });

  it('the regisseur who is the only manager cannot remove themselves (regisseur reset is rolled back)', async () => {
    const pr = await as('procesregisseur');
    const created = await createCase(pr, { iAmRegisseur: true });
    const caseId = created.id as string;
    const prId = userId(server, 'procesregisseur');
    const before = await snapshot(caseId);
    expectError(await pr.delete(`/api/cases/${caseId}/members/${prId}`), 409, 'LAATSTE_REGIE');
    expect(await snapshot(caseId)).toEqual(before);
    expect((await caseRow(server, caseId)).regisseur_user_id).toBe(prId);
  });
});

describe('closing and reopening', () => {
  it('closing needs borgingsafspraken: 400 for a missing or too short text, then 200', async () => {
    const pr = await as('procesregisseur');
    const { id: caseId } = await createCase(pr);
    const before = await snapshot(caseId);

    const tooShort = await pr.post(`/api/cases/${caseId}/close`, { borgingsafspraken: 'Komt goed.' });
    expectError(tooShort, 400, 'ONGELDIGE_INVOER');
    expect(tooShort.body.error.message).toMatch(/borgingsafspraken/i);
    // Spaces do not count.
    expectError(await pr.post(`/api/cases/${caseId}/close`, { borgingsafspraken: `   ${'a'.repeat(5)}${' '.repeat(30)}` }), 400, 'ONGELDIGE_INVOER');
    expectError(await pr.post(`/api/cases/${caseId}/close`, {}), 400, 'ONGELDIGE_INVOER');
    expect(await snapshot(caseId)).toEqual(before);

    const closed = await pr.post(`/api/cases/${caseId}/close`, { borgingsafspraken: `  ${BORGING}  ` });
    expect(closed.status).toBe(200);
    expect(closed.body.status).toBe('gesloten');
    expect(closed.body.borgingsafspraken).toBe(BORGING);
    expect(closed.body.me.can).toMatchObject({ 'case.close': false, 'case.reopen': true, 'case.members.manage': false });
    expect(await caseRow(server, caseId)).toMatchObject({ status: 'gesloten', borgingsafspraken: BORGING });

    expectError(await pr.post(`/api/cases/${caseId}/close`, { borgingsafspraken: BORGING }), 409, 'AL_GESLOTEN');
  });

  it('a closed case refuses member and regisseur changes (409) but can still be read', async () => {
    const pr = await as('procesregisseur');
    const { id: caseId } = await createCase(pr);
    const kmId = userId(server, 'klantmanager');
    expect((await pr.post(`/api/cases/${caseId}/members`, { userId: kmId, caseRole: 'klantmanager_pw', access: 'edit' })).status).toBe(201);
    expect((await pr.post(`/api/cases/${caseId}/close`, { borgingsafspraken: BORGING })).status).toBe(200);
    const before = await snapshot(caseId);

    expectError(await pr.post(`/api/cases/${caseId}/members`, { userId: userId(server, 'wmo'), caseRole: 'consulent_wmo', access: 'edit' }), 409, 'CASUS_GESLOTEN');
    expectError(await pr.patch(`/api/cases/${caseId}/members/${kmId}`, { access: 'read' }), 409, 'CASUS_GESLOTEN');
    expectError(await pr.delete(`/api/cases/${caseId}/members/${kmId}`), 409, 'CASUS_GESLOTEN');
    expectError(await pr.put(`/api/cases/${caseId}/regisseur`, { userId: kmId }), 409, 'CASUS_GESLOTEN');
    expect(await snapshot(caseId)).toEqual(before);

    const read = await (await as('klantmanager')).get(`/api/cases/${caseId}`);
    expect(read.status).toBe(200);
    expect(read.body.status).toBe('gesloten');
  });

  it('reopening needs a reason and keeps the history and the borgingsafspraken', async () => {
    const pr = await as('procesregisseur');
    const { id: caseId } = await createCase(pr);
    expectError(await pr.post(`/api/cases/${caseId}/reopen`, { reason: 'Nieuwe zorgen.' }), 409, 'AL_OPEN');
    expect((await pr.post(`/api/cases/${caseId}/close`, { borgingsafspraken: BORGING })).status).toBe(200);

    expectError(await pr.post(`/api/cases/${caseId}/reopen`, {}), 400, 'ONGELDIGE_INVOER');
    expectError(await pr.post(`/api/cases/${caseId}/reopen`, { reason: '   ' }), 400, 'ONGELDIGE_INVOER');
    expect((await caseRow(server, caseId)).status).toBe('gesloten');

    const reason = 'Nieuwe huurachterstand gemeld via vroegsignalering.';
    const reopened = await pr.post(`/api/cases/${caseId}/reopen`, { reason });
    expect(reopened.status).toBe(200);
    expect(reopened.body.status).toBe('open');
    expect(reopened.body.borgingsafspraken).toBe(BORGING);
    const history = reopened.body.statusHistory as { status: string; note: string | null; by: { name: string } }[];
    expect(history.map((h) => h.status)).toEqual(['open', 'gesloten', 'open']);
    expect(history[1]!.note).toMatch(/borgingsafspraken/i);
    expect(history[2]!.note).toContain(reason);
    expect(history.every((h) => h.by.name === 'Priya Ramdin')).toBe(true);

    // A fresh read shows the same.
    const read = await pr.get(`/api/cases/${caseId}`);
    expect(read.body.statusHistory.map((h: { status: string }) => h.status)).toEqual(['open', 'gesloten', 'open']);
    expect(read.body.borgingsafspraken).toBe(BORGING);

    // And the case can be worked on again.
    expect((await pr.post(`/api/cases/${caseId}/members`, { userId: userId(server, 'wmo'), caseRole: 'consulent_wmo', access: 'read' })).status).toBe(201);
  });

  it('a lead can reopen the demo case Mw. J. Koster with its history intact', async () => {
    const caseId = await caseIdByTitle(server, 'Mw. J. Koster (18-/18+)');
    const jeugd = await as('jeugd');
    const res = await jeugd.post(`/api/cases/${caseId}/reopen`, { reason: 'Mevrouw meldt zich opnieuw.' });
    expect(res.status).toBe(200);
    expect(res.body.statusHistory.map((h: { status: string }) => h.status)).toEqual(['open', 'gesloten', 'open']);
    expect(res.body.borgingsafspraken).toMatch(/Consulent Wmo belt over drie maanden/);
    // Close it again so the demo state is as it was.
    expect((await jeugd.post(`/api/cases/${caseId}/close`, { borgingsafspraken: BORGING })).status).toBe(200);
  });
});

describe('creating cases', () => {
  it('a procesregisseur creates a case and is its first member', async () => {
    const pr = await as('procesregisseur');
    const before = await count(server, 'select count(*) as n from cases');
    const res = await pr.post('/api/cases', { title: 'Gezin Jansen', summary: 'Vader zonder werk, moeder met schulden.' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ title: 'Gezin Jansen', summary: 'Vader zonder werk, moeder met schulden.', status: 'open', regisseur: null, borgingsafspraken: null });
    expect(res.body.members).toEqual([expect.objectContaining({ userId: userId(server, 'procesregisseur'), caseRole: 'procesregisseur', access: 'edit', isRegisseur: false })]);
    expect(res.body.me.caseRole).toBe('procesregisseur');
    expect(res.body.me.can['case.members.manage']).toBe(true);
    expect(res.body.statusHistory).toHaveLength(1);
    expect(await count(server, 'select count(*) as n from cases')).toBe(before + 1);
    const werkbak = await pr.get('/api/cases');
    expect(werkbak.body.find((c: { id: string }) => c.id === res.body.id)).toMatchObject({ title: 'Gezin Jansen', myRole: 'procesregisseur', myAccess: 'edit' });
  });

  it('with iAmRegisseur the creator is the regisseur; a casusregisseur may create too', async () => {
    const cr = await as('casusregisseur');
    const res = await cr.post('/api/cases', { title: 'Mw. P. de Boer', iAmRegisseur: true });
    expect(res.status).toBe(201);
    expect(res.body.regisseur).toEqual({ id: userId(server, 'casusregisseur'), name: 'Marieke de Vries' });
    expect(res.body.me.caseRole).toBe('casusregisseur');
  });

  it.each(['klantmanager', 'wmo', 'ggz', 'inwoner', 'wethouder', 'beheer'])('%s cannot create a case (403) and no case is created', async (key) => {
    const before = await count(server, 'select count(*) as n from cases');
    const seq = await maxAuditSeq(server);
    expectError(await (await as(key)).post('/api/cases', { title: 'Mag niet' }), 403, 'GEEN_TOESTEMMING');
    expect(await count(server, 'select count(*) as n from cases')).toBe(before);
    expect((await auditRowsSince(server, seq)).filter((r) => r.action.startsWith('case.'))).toEqual([]);
  });

  it('a creator cannot take a case role that does not fit their functie (422)', async () => {
    const before = await count(server, 'select count(*) as n from cases');
    expectError(await (await as('casusregisseur')).post('/api/cases', { title: 'Verkeerde rol', myRole: 'procesregisseur' }), 422, 'ONGELDIGE_ROL');
    expectError(await (await as('procesregisseur')).post('/api/cases', { title: 'Verkeerde rol', myRole: 'inwoner' }), 422, 'ONGELDIGE_ROL');
    expect(await count(server, 'select count(*) as n from cases')).toBe(before);
  });
});

describe('who can be added as a member', () => {
  it('an inwoner cannot be given edit access (422 ONGELDIGE_ROL), but can get comment access', async () => {
    const pr = await as('procesregisseur');
    const { id: caseId } = await createCase(pr);
    const inwonerId = userId(server, 'inwoner');
    const before = await snapshot(caseId);
    const seq = await maxAuditSeq(server);
    expectError(await pr.post(`/api/cases/${caseId}/members`, { userId: inwonerId, caseRole: 'inwoner', access: 'edit' }), 422, 'ONGELDIGE_ROL');
    expect(await snapshot(caseId)).toEqual(before);
    expect(await auditRowsSince(server, seq)).toEqual([]);
    expect((await pr.post(`/api/cases/${caseId}/members`, { userId: inwonerId, caseRole: 'inwoner', access: 'comment' })).status).toBe(201);
    // ...and cannot be raised to edit later either.
    expectError(await pr.patch(`/api/cases/${caseId}/members/${inwonerId}`, { access: 'edit' }), 422, 'ONGELDIGE_ROL');
    expect(await activeMembers(server, caseId)).toContain(`${inwonerId}:inwoner:comment`);
  });

  it('an external partner cannot be given the procesregisseur role (422)', async () => {
    const pr = await as('procesregisseur');
    const { id: caseId } = await createCase(pr);
    expectError(await pr.post(`/api/cases/${caseId}/members`, { userId: userId(server, 'ggz'), caseRole: 'procesregisseur', access: 'edit' }), 422, 'ONGELDIGE_ROL');
    expect(await activeMembers(server, caseId)).toHaveLength(1);
  });

  it.each([
    ['casusregisseur', 'edit'],
    ['inwoner', 'read'],
    ['mandaathouder', 'read'],
  ])('the functional administrator cannot be added as member (as %s, %s)', async (caseRole, access) => {
    const pr = await as('procesregisseur');
    const { id: caseId } = await createCase(pr);
    const res = await pr.post(`/api/cases/${caseId}/members`, { userId: userId(server, 'beheer'), caseRole, access });
    expectError(res, 422, 'ONGELDIGE_ROL');
    expect(res.body.error.message).toMatch(/geen lid van een casus/);
    expect(await activeMembers(server, caseId)).toHaveLength(1);
    expect((await (await as('beheer')).get('/api/cases')).body).toEqual([]);
  });

  it('deactivated or unknown accounts cannot be added (422 ONBEKENDE_GEBRUIKER)', async () => {
    const pr = await as('procesregisseur');
    const { id: caseId } = await createCase(pr);
    expectError(await pr.post(`/api/cases/${caseId}/members`, { userId: userId(server, 'vertrokken'), caseRole: 'casusregisseur', access: 'edit' }), 422, 'ONBEKENDE_GEBRUIKER');
    expectError(await pr.post(`/api/cases/${caseId}/members`, { userId: randomUUID(), caseRole: 'casusregisseur', access: 'edit' }), 422, 'ONBEKENDE_GEBRUIKER');
    expect(await activeMembers(server, caseId)).toHaveLength(1);
  });
});
