// Attack (issue 10, class 3): a curious colleague reads a household's file through a route that
// leaves no trace. "Wie heeft mijn dossier bekeken" must list everyone who looked, and what at.
//
// Generated from the OpenAPI document, so a new route cannot be forgotten: for every GET route
// under /api/cases/{id}, a FRESH member of Gezin Verbeek (an account made for this test, added to
// the table by the regisseur, who has done nothing else) calls it once with real ids, and must
// then appear in the list of the demo resident (inwoner@demo, Sanne Verbeek) with the kind that
// route reads as. Routes only the household may call are tried by a fresh staff member first
// (refused, and so absent from the list) and then by a fresh household member. Room joins and
// exports the same way. A member who reads nothing, or is only refused, is not in the list, and
// internal content shows only as "dossier geopend".
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertUser } from '../../db/queries/users';
import { conferenceRoomName, roomName } from '../../shared/plan/rooms';
import type { Functie } from '../../shared/roles';
import { ApiClient, DEMO_PASSWORD, demoAccounts, demoEmail, startTestServer, type TestServer } from '../support/server';
import { destroyAll, rawUpgrade } from '../support/collab';
import { caseIdByTitle, count, queryRow } from '../support/db';
import { breakthroughBody } from '../support/fixtures';
import { inDays, today } from '../support/time';

let server: TestServer;
const { as, uid } = demoAccounts(() => server);

let caseId = '';
/** Real records of Gezin Verbeek for the path parameters. */
const rec = { version: '', goalId: '', sharedDeviation: '', internalDeviation: '', vraagstukId: '', conferenceId: '', exportedRequest: '' };

async function ok(res: Promise<{ status: number; body: any }>, status = 200): Promise<any> {
  const r = await res;
  expect(r.status, JSON.stringify(r.body)).toBe(status);
  return r.body;
}

beforeAll(async () => {
  server = await startTestServer();
  caseId = await caseIdByTitle(server, 'Gezin Verbeek');
  const base = `/api/cases/${caseId}`;
  const cr = await as('casusregisseur');
  const km = await as('klantmanager');
  const pr = await as('procesregisseur');

  rec.version = String((await ok(cr.post(`${base}/plan/versions`, {}), 201)).number);
  rec.goalId = (await ok(cr.post(`${base}/goals`, { text: 'Rust in huis', lifeDomain: 'geestelijke_gezondheid', legitimationWaiver: 'Een afspraak binnen het gezin zelf.', owner: { type: 'household', name: 'moeder' }, dueDate: inDays(90) }), 201)).id;
  const deviation = (internal: boolean) => ({
    law: 'wmo',
    rule: 'Beleidsregel Wmo: huishoudelijke hulp maximaal 2 uur per week',
    route: 'hardheidsclausule',
    willDo: 'Tijdelijk 4 uur huishoudelijke hulp.',
    willNotDo: 'Geen eigen bijdrage voor de extra uren.',
    reasoning: 'Moeder is in behandeling en kan het huishouden tijdelijk niet aan.',
    startDate: today(),
    endDate: inDays(90),
    reviewDate: inDays(45),
    internal,
  });
  rec.sharedDeviation = (await ok(km.post(`${base}/deviations`, deviation(false)), 201)).id;
  rec.internalDeviation = (await ok(km.post(`${base}/deviations`, deviation(true)), 201)).id;
  rec.vraagstukId = (await ok(cr.post(`${base}/vraagstukken`, { title: 'Hulp in huis terwijl vader er vaak is', laws: ['wmo'] }), 201)).id;
  rec.conferenceId = (await ok(cr.post(`${base}/conferences`, {}), 201)).id;
  // A request that went to the national desk, so its escalation file can be downloaded.
  rec.exportedRequest = (await ok(pr.post(`${base}/breakthroughs`, breakthroughBody(uid('wethouder'), { kind: 'wet', amountCents: 0 })), 201)).id;
  await ok((await as('wethouder')).post(`${base}/breakthroughs/${rec.exportedRequest}/refuse`, { reasons: 'Buiten de kaders van de gemeente.' }));
  await ok(pr.post(`${base}/breakthroughs/${rec.exportedRequest}/export`, {}));
  await ok((await as('inwoner')).post(`${base}/inwoner/comments`, { body: 'Fijn dat er iemand meedenkt.' }), 201);
});

afterAll(async () => {
  destroyAll();
  await server?.stop();
});

// ------------------------------------------------------------------ fresh members

interface Fresh {
  name: string;
  client: ApiClient;
}

let made = 0;
/**
 * A new account (made in the database with the demo password, so no password change is due),
 * added to Gezin Verbeek by its regisseur through the API, then logged in. It has read nothing.
 */
async function freshMember(kind: 'staff' | 'household'): Promise<Fresh> {
  made += 1;
  const name = `${kind === 'staff' ? 'Collega' : 'Gezinslid'} ${made} ${randomUUID().slice(0, 6)}`;
  const email = `lezer-${made}-${randomUUID().slice(0, 8)}@zuiderhaven.example`;
  const functie: Functie = kind === 'staff' ? 'procesregisseur' : 'inwoner';
  const { password_hash: passwordHash } = await queryRow(server, 'select password_hash from users where email = ?', demoEmail('procesregisseur')) as { password_hash: string };
  const user = await insertUser(server.db, { email, name, functie, organisation: 'Gemeente Zuiderhaven', passwordHash, mustChangePassword: false });
  const access = kind === 'staff' ? { caseRole: 'procesregisseur', access: 'edit' } : { caseRole: 'inwoner', access: 'comment' };
  await ok((await as('casusregisseur')).post(`/api/cases/${caseId}/members`, { userId: user.id, ...access }), 201);
  const client = new ApiClient(server.url);
  await ok(client.login(email, DEMO_PASSWORD));
  return { name, client };
}

interface Entry {
  day: string;
  person: { name: string; role: string };
  what: { kind: string; label: string; times: number }[];
}

async function residentList(): Promise<Entry[]> {
  return ok((await as('inwoner')).get(`/api/cases/${caseId}/inwoner/accesslog`));
}

/** What the list says this person did today (kinds in list order), or null when they are not in it. */
function kindsOf(list: Entry[], name: string): string[] | null {
  const mine = list.filter((e) => e.person.name === name);
  expect(mine.length, name).toBeLessThanOrEqual(1);
  if (mine.length === 0) return null;
  expect(mine[0]!.day).toBe(today());
  return mine[0]!.what.map((w) => w.kind);
}

// ------------------------------------------------------------------ the walk

interface Param {
  name: string;
  in: 'path' | 'query';
  required?: boolean;
  schema?: { enum?: string[] };
}

/** The kind each route reads as. A route missing here must still be listed, as "dossier_geopend". */
const EXPECTED_KIND: Record<string, string> = {
  '/api/cases/{id}': 'dossier_geopend',
  '/api/cases/{id}/plan/diff': 'plan_bekeken',
  '/api/cases/{id}/plan/versions': 'geschiedenis_bekeken',
  '/api/cases/{id}/plan/versions/{number}': 'versie_bekeken',
  '/api/cases/{id}/plan/history': 'geschiedenis_bekeken',
  '/api/cases/{id}/goals': 'doelen_bekeken',
  '/api/cases/{id}/goals/{goalId}': 'doelen_bekeken',
  '/api/cases/{id}/deviations': 'afwijkingen_bekeken',
  '/api/cases/{id}/deviations/{deviationId}': 'afwijkingen_bekeken',
  '/api/cases/{id}/vraagstukken': 'toets_bekeken',
  '/api/cases/{id}/vraagstukken/{vraagstukId}': 'toets_bekeken',
  '/api/cases/{id}/conferences': 'overleg_bekeken',
  '/api/cases/{id}/conferences/{conferenceId}': 'overleg_bekeken',
  '/api/cases/{id}/signals': 'signalen_bekeken',
  '/api/cases/{id}/breakthroughs': 'doorbraken_bekeken',
  '/api/cases/{id}/breakthroughs/{requestId}': 'doorbraken_bekeken',
  '/api/cases/{id}/breakthrough-routing': 'doorbraken_bekeken',
  '/api/cases/{id}/breakthroughs/{requestId}/export.html': 'gedownload',
  '/api/cases/{id}/breakthroughs/{requestId}/export.json': 'gedownload',
  '/api/cases/{id}/versions/{number}/dossier.pdf': 'gedownload',
  '/api/cases/{id}/inwoner': 'dossier_geopend',
  '/api/cases/{id}/inwoner/comments': 'reacties_bekeken',
  '/api/cases/{id}/inwoner/accesslog': 'inzage_bekeken',
};

function pathValue(name: string, path: string): string {
  const values: Record<string, string> = {
    id: caseId,
    number: rec.version,
    goalId: rec.goalId,
    deviationId: rec.sharedDeviation,
    vraagstukId: rec.vraagstukId,
    conferenceId: rec.conferenceId,
    requestId: rec.exportedRequest,
  };
  const v = values[name];
  if (!v) throw new Error(`Onbekende padparameter {${name}} in ${path}: geef de test een echte waarde.`);
  return v;
}

function urlOf(path: string, params: Param[]): string {
  let url = path;
  for (const p of params.filter((x) => x.in === 'path')) url = url.replace(`{${p.name}}`, encodeURIComponent(pathValue(p.name, path)));
  const query = params.filter((p) => p.in === 'query' && p.required);
  const q = new URLSearchParams();
  for (const p of query) {
    if (p.name === 'from') q.set('from', rec.version);
    else if (p.name === 'to') q.set('to', 'concept');
    else if (p.schema?.enum) q.set(p.name, p.schema.enum[0]!);
    else throw new Error(`Onbekende verplichte queryparameter ${p.name} in ${path}: geef de test een waarde.`);
  }
  return q.size ? `${url}?${q}` : url;
}

describe('every read of a case is in the household\'s list', () => {
  const readers: { path: string; name: string; expected: string }[] = [];
  const refused: { path: string; name: string }[] = [];

  it('a fresh member calls each case-scoped GET route of the OpenAPI document once (refused staff retried by a fresh household member)', async () => {
    const doc = (await new ApiClient(server.url).get('/api/openapi.json')).body as { paths: Record<string, Record<string, { parameters?: Param[] }>> };
    const gets = Object.entries(doc.paths).filter(([path, ops]) => ops.get && (path === '/api/cases/{id}' || path.startsWith('/api/cases/{id}/')));
    expect(gets.length).toBeGreaterThan(20);
    for (const [path, ops] of gets) {
      const url = urlOf(path, ops.get!.parameters ?? []);
      let reader = await freshMember('staff');
      let res = await fetch(server.url + url, { headers: { cookie: reader.client.cookie! } });
      await res.arrayBuffer();
      if (res.status === 403) {
        // Only the household may: the refused colleague read nothing.
        refused.push({ path, name: reader.name });
        reader = await freshMember('household');
        res = await fetch(server.url + url, { headers: { cookie: reader.client.cookie! } });
        await res.arrayBuffer();
      }
      expect(res.status, `${url} (${reader.name})`).toBe(200);
      readers.push({ path, name: reader.name, expected: EXPECTED_KIND[path] ?? 'dossier_geopend' });
    }
  });

  it('each of them is in the resident\'s list, today, with exactly the kind of what they read; refused colleagues are not', async () => {
    expect(readers.length).toBeGreaterThan(20);
    const list = await residentList();
    const wrong = readers.map((r) => ({ path: r.path, got: kindsOf(list, r.name), expected: [r.expected] })).filter((r) => JSON.stringify(r.got) !== JSON.stringify(r.expected));
    expect(wrong).toEqual([]);
    for (const r of refused) expect(kindsOf(list, r.name), `${r.path}: refused, so read nothing`).toBeNull();
    // The routes only the household may call were reached by a household member, told as such.
    expect(refused.map((r) => r.path).sort()).toEqual(['/api/cases/{id}/inwoner', '/api/cases/{id}/inwoner/accesslog']);
    expect(list.find((e) => e.person.name === readers.find((r) => r.path === '/api/cases/{id}/inwoner')!.name)!.person.role).toBe('Inwoner / gezinslid');
  });
});

describe('internal content reads as "dossier geopend", never as what it is', () => {
  it('the internal deviation and the internal room\'s history are recorded, with the generic kind only', async () => {
    const one = await freshMember('staff');
    await ok(one.client.get(`/api/cases/${caseId}/deviations/${rec.internalDeviation}`));
    const two = await freshMember('staff');
    await ok(two.client.get(`/api/cases/${caseId}/plan/history?room=intern`));
    const list = await residentList();
    expect(kindsOf(list, one.name)).toEqual(['dossier_geopend']);
    expect(kindsOf(list, two.name)).toEqual(['dossier_geopend']);
    expect(JSON.stringify(list)).not.toMatch(/intern/i);
  });
});

describe('room joins and exports', () => {
  it('joining the plan room, the internal room and a running conference are each in the list (the internal room as "dossier geopend")', async () => {
    const rooms: [string, string][] = [
      [roomName(caseId, 'plan'), 'plan_bekeken'],
      [roomName(caseId, 'intern'), 'dossier_geopend'],
      [conferenceRoomName(caseId, rec.conferenceId), 'overleg_bekeken'],
    ];
    const joined: [string, string][] = [];
    for (const [room, kind] of rooms) {
      const reader = await freshMember('staff');
      const up = await rawUpgrade(server, encodeURIComponent(room), { cookie: reader.client.cookie! });
      expect(up.status, room).toBe(101);
      up.ws!.close();
      joined.push([reader.name, kind]);
    }
    const list = await residentList();
    for (const [name, kind] of joined) expect(kindsOf(list, name), name).toEqual([kind]);
  });

  it('an intervision copy is in the list; so is every download (the dossier PDF and the escalation file, walked above)', async () => {
    const reader = await freshMember('staff');
    await ok(reader.client.post(`/api/cases/${caseId}/intervision`, {}), 201);
    expect(kindsOf(await residentList(), reader.name)).toEqual(['intervisiekopie']);
  });
});

describe('who did not look is not listed, and counting stays per day', () => {
  it('a member who reads nothing is not in the list; after one read they are, and reading again counts, it does not add a line', async () => {
    const quiet = await freshMember('staff');
    expect(kindsOf(await residentList(), quiet.name)).toBeNull();
    const before = await count(server, "select count(*) as n from audit_log where action = 'case.content_read' and actor_user_id = (select id from users where name = ?)", quiet.name);
    expect(before).toBe(0);
    for (let i = 0; i < 3; i += 1) await ok(quiet.client.get(`/api/cases/${caseId}/goals`));
    const list = await residentList();
    expect(list.filter((e) => e.person.name === quiet.name).map((e) => e.what)).toEqual([[{ kind: 'doelen_bekeken', label: 'Heeft de doelen in uw plan bekeken', times: 3 }]]);
    // One audit row for the first read of the day; the rest only counted.
    const after = await count(server, "select count(*) as n from audit_log where action = 'case.content_read' and actor_user_id = (select id from users where name = ?)", quiet.name);
    expect(after).toBe(1);
  });

  it('the resident reading her own file is not listed, and a refused read (404 for an unknown goal) is not a read', async () => {
    const reader = await freshMember('staff');
    const res = await reader.client.get(`/api/cases/${caseId}/goals/bestaat-niet`);
    expect(res.status).toBe(404);
    await ok((await as('inwoner')).get(`/api/cases/${caseId}/goals`));
    const list = await residentList();
    expect(kindsOf(list, reader.name)).toBeNull();
    expect(kindsOf(list, 'Sanne Verbeek')).toBeNull();
  });
});
