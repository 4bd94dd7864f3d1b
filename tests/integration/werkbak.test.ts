// The werkbak (GET /api/cases): only the cases you are a member of, in the agreed shape.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, loginAs, startTestServer, type TestServer } from '../support/server';
import { expectError } from '../support/api';
import { caseIdByTitle } from '../support/db';

const ALL_TITLES = ['Gezin Verbeek', 'Dhr. R. de Graaf', 'Gezin El Khatib', 'Mw. J. Koster (18-/18+)'];
const ITEM_KEYS = ['id', 'lastActivityAt', 'memberCount', 'myAccess', 'myRole', 'regisseur', 'status', 'title'];

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});

afterAll(async () => {
  await server?.stop();
});

async function werkbak(key: string): Promise<any[]> {
  const client = await loginAs(server, key);
  const res = await client.get('/api/cases');
  expect(res.status).toBe(200);
  expect(Array.isArray(res.body)).toBe(true);
  return res.body;
}

const titles = (items: { title: string }[]) => items.map((i) => i.title);

describe('werkbak shows only the cases you are a member of', () => {
  it.each([
    // Open cases first, most recent activity first; closed cases after.
    ['procesregisseur', ['Gezin Verbeek', 'Gezin El Khatib', 'Mw. J. Koster (18-/18+)']],
    ['casusregisseur', ['Gezin Verbeek', 'Dhr. R. de Graaf']],
    ['klantmanager', ['Gezin Verbeek', 'Dhr. R. de Graaf', 'Mw. J. Koster (18-/18+)']],
    ['wmo', ['Gezin Verbeek', 'Dhr. R. de Graaf', 'Gezin El Khatib', 'Mw. J. Koster (18-/18+)']],
    ['ggz', ['Gezin Verbeek', 'Dhr. R. de Graaf']],
    ['inwoner', ['Gezin Verbeek']],
    ['wethouder', ['Gezin El Khatib']],
    ['teamleider', ['Gezin Verbeek']],
  ])('%s sees exactly %j', async (key, expected) => {
    expect(titles(await werkbak(key))).toEqual(expected);
  });

  it('procesregisseur does not see Dhr. R. de Graaf', async () => {
    expect(titles(await werkbak('procesregisseur'))).not.toContain('Dhr. R. de Graaf');
  });

  it('ggz (external partner) sees Verbeek and de Graaf only, with their limited role', async () => {
    const items = await werkbak('ggz');
    expect(titles(items).sort()).toEqual(['Dhr. R. de Graaf', 'Gezin Verbeek']);
    for (const item of items) {
      expect(item.myRole).toBe('extern_partner');
      expect(item.myAccess).toBe('comment');
    }
  });
});

describe('werkbak item shape', () => {
  it('each item has exactly id, title, status, regisseur, myRole, myAccess, memberCount, lastActivityAt', async () => {
    const items = await werkbak('procesregisseur');
    expect(items.length).toBe(3);
    for (const item of items) {
      expect(Object.keys(item).sort()).toEqual(ITEM_KEYS);
      expect(item.id).toBe(await caseIdByTitle(server, item.title));
      expect(['open', 'gesloten']).toContain(item.status);
      expect(item.myRole).toBe('procesregisseur');
      expect(item.myAccess).toBe('edit');
      expect(Number.isNaN(Date.parse(item.lastActivityAt))).toBe(false);
      expect(item.lastActivityAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/);
      // No case content (summary, members) in the list.
      expect(item).not.toHaveProperty('summary');
      expect(item).not.toHaveProperty('members');
    }
  });

  it('regisseur is { id, name } where there is one, and null for Gezin El Khatib', async () => {
    const items = await werkbak('procesregisseur');
    const byTitle = new Map(items.map((i) => [i.title, i]));
    expect(byTitle.get('Gezin El Khatib')!.regisseur).toBeNull();
    expect(byTitle.get('Gezin Verbeek')!.regisseur).toEqual({ id: expect.any(String), name: 'Marieke de Vries' });
    expect(byTitle.get('Mw. J. Koster (18-/18+)')!.regisseur).toEqual({ id: expect.any(String), name: 'Lotte Hendriks' });
  });

  it('status and member counts reflect the current members only', async () => {
    const items = await werkbak('wmo');
    const byTitle = new Map(items.map((i) => [i.title, i]));
    expect(byTitle.get('Gezin Verbeek')).toMatchObject({ status: 'open', memberCount: 9, myRole: 'consulent_wmo', myAccess: 'edit' });
    expect(byTitle.get('Dhr. R. de Graaf')).toMatchObject({ status: 'open', memberCount: 5 });
    // The regisseur who left was removed; four people remain plus the wethouder = 5.
    expect(byTitle.get('Gezin El Khatib')).toMatchObject({ status: 'open', memberCount: 5 });
    expect(byTitle.get('Mw. J. Koster (18-/18+)')).toMatchObject({ status: 'gesloten', memberCount: 4 });
  });

  it('the regisseur of a case sees that they are the regisseur', async () => {
    const items = await werkbak('klantmanager');
    const deGraaf = items.find((i) => i.title === 'Dhr. R. de Graaf');
    expect(deGraaf.regisseur.name).toBe('Sander Willemsen');
    const verbeek = items.find((i) => i.title === 'Gezin Verbeek');
    expect(verbeek.regisseur.name).toBe('Marieke de Vries');
  });
});

describe('the functional administrator sees no case content', () => {
  it('beheer has an empty werkbak', async () => {
    expect(await werkbak('beheer')).toEqual([]);
  });

  it.each(ALL_TITLES)('beheer gets 404 CASUS_NIET_GEVONDEN on %s', async (title) => {
    const admin = await loginAs(server, 'beheer');
    const res = await admin.get(`/api/cases/${await caseIdByTitle(server, title)}`);
    expectError(res, 404, 'CASUS_NIET_GEVONDEN');
    expect(JSON.stringify(res.body)).not.toContain(title);
  });
});

describe('without a session', () => {
  it('GET /api/cases is 401 NIET_INGELOGD', async () => {
    expectError(await new ApiClient(server.url).get('/api/cases'), 401, 'NIET_INGELOGD');
  });

  it('GET /api/cases/{id} is 401, not 404, and tells nothing about the case', async () => {
    const res = await new ApiClient(server.url).get(`/api/cases/${await caseIdByTitle(server, 'Gezin Verbeek')}`);
    expectError(res, 401, 'NIET_INGELOGD');
    expect(JSON.stringify(res.body)).not.toContain('Verbeek');
  });
});
