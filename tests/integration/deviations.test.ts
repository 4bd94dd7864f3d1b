// The deviation register (afwijkingen) through the API: the worked example from domain.md,
// every refusal with its exact status and code (and nothing written), internal deviations
// kept from external partners and the household on every route that returns deviations,
// the derived status, the append-only tables, the mandate rules and the OpenAPI document.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asBool } from '../../db/raw';
import { todayNl } from '../../server/deviations/register';
import { ApiClient, type ApiResponse, demoAccounts, startTestServer, type TestServer } from '../support/server';
import { expectError } from '../support/api';
import { auditRowsSince, caseIdByTitle, count, execSql, maxAuditSeq, queryRow, queryRows, sqlError } from '../support/db';
import { BORGING, createCaseWith, type Member } from '../support/fixtures';
import { inDays, today } from '../support/time';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});

afterAll(async () => {
  await server?.stop();
});

/** One logged-in client per demo account, reused within this file. */
const { as, uid } = demoAccounts(() => server);

const IP = '127.0.0.1';

// ------------------------------------------------------------------ bodies

const REASONING =
  'Het gedeelde doel is een stabiele psychische gezondheid van moeder. Vader brengt stabiliteit in de opvoeding (Jeugdwet art. 2.1); ' +
  'een onderzoek naar een gezamenlijke huishouding zou die betrokkenheid nu beëindigen. Evenredig (Awb 3:4 lid 2) gedurende de looptijd van het plan.';

/** The agreed deviation of the worked example: the joint-household suspicion is not pursued during the plan. */
function workedExample(overrides: Record<string, unknown> = {}) {
  return {
    law: 'participatiewet',
    rule: 'Participatiewet art. 3 (gezamenlijke huishouding)',
    route: 'awb_4_84',
    willDo: 'Vader blijft betrokken: hij kookt, helpt bij het naar bed brengen en mag blijven slapen. De klantmanager bespreekt de situatie bij de herbeoordeling.',
    willNotDo: 'Vermoeden gezamenlijke huishouding niet actief oppakken gedurende de looptijd van het plan.',
    reasoning: REASONING,
    startDate: today(),
    endDate: inDays(120),
    reviewDate: inDays(60),
    internal: true,
    ...overrides,
  };
}

/** An ordinary, non-internal deviation with a unique marker in its text. */
function ordinary(overrides: Record<string, unknown> = {}) {
  return {
    law: 'wmo',
    rule: 'Beleidsregel Wmo: huishoudelijke hulp maximaal 2 uur per week',
    route: 'hardheidsclausule',
    willDo: `Tijdelijk 4 uur huishoudelijke hulp (${randomUUID().slice(0, 8)}).`,
    willNotDo: 'Geen eigen bijdrage voor de extra uren.',
    reasoning: 'Moeder is in behandeling en kan het huishouden tijdelijk niet aan; de extra uren geven rust aan de kinderen.',
    startDate: today(),
    endDate: inDays(90),
    reviewDate: inDays(45),
    internal: false,
    ...overrides,
  };
}

// ------------------------------------------------------------------ helpers

async function propose(client: ApiClient, caseId: string, body: Record<string, unknown>): Promise<any> {
  const res = await client.post(`/api/cases/${caseId}/deviations`, body);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

const path = (caseId: string, deviationId?: string, action?: 'approve' | 'reject' | 'revoke') =>
  `/api/cases/${caseId}/deviations${deviationId ? `/${deviationId}` : ''}${action ? `/${action}` : ''}`;

const approve = (c: ApiClient, caseId: string, id: string, note?: string) => c.post(path(caseId, id, 'approve'), note === undefined ? {} : { note });
const reject = (c: ApiClient, caseId: string, id: string, note = 'Onvoldoende gemotiveerd waarom de regel hier niet past.') => c.post(path(caseId, id, 'reject'), { note });
const revoke = (c: ApiClient, caseId: string, id: string, reason = 'De situatie is veranderd; de afwijking is niet meer nodig.') => c.post(path(caseId, id, 'revoke'), { reason });

/** Everything a refused request could have written. Log in (loginCache) before taking it: a login is audited. */
async function snapshot() {
  return {
    deviations: await count(server, 'select count(*) as n from deviations'),
    events: await count(server, 'select count(*) as n from deviation_events'),
    mandateRules: await queryRows(server, 'select * from mandate_rules order by law, route'),
    auditSeq: await maxAuditSeq(server),
  };
}

/** A fresh open case made by the procesregisseur, with these members added. */
async function freshCase(members: Member[]): Promise<string> {
  return (await createCaseWith(await as('procesregisseur'), uid, members)).id;
}

async function setMandateRule(law: string, route: string, level: string): Promise<void> {
  const res = await (await as('beheer')).put(`/api/admin/mandate-rules/${law}/${route}`, { level });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
}

/** A directeur account does not exist in the demo data: made once through the admin API. */
let directeurClient: Promise<{ client: ApiClient; id: string }> | undefined;
function directeur(): Promise<{ client: ApiClient; id: string }> {
  directeurClient ??= (async () => {
    const admin = await as('beheer');
    const email = `directeur-${randomUUID().slice(0, 8)}@zuiderhaven.example`;
    const created = await admin.post('/api/admin/users', {
      email,
      name: 'Joost Directeur',
      functie: 'directeur',
      organisation: 'Gemeente Zuiderhaven, Directie Sociaal Domein',
      temporaryPassword: 'Tijdelijk-wachtwoord-01',
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const client = new ApiClient(server.url);
    expect((await client.login(email, 'Tijdelijk-wachtwoord-01')).status).toBe(200);
    const changed = await client.post('/api/auth/password', { currentPassword: 'Tijdelijk-wachtwoord-01', newPassword: 'Directeur-eigen-wachtwoord' });
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    return { client, id: created.body.id as string };
  })();
  return directeurClient;
}

async function insertRow(fields: {
  caseId: string;
  proposedBy: string;
  startDate: string;
  endDate: string;
  reviewDate: string;
  internal?: boolean;
  law?: string;
  route?: string;
}): Promise<string> {
  const id = randomUUID();
  await execSql(server, `insert into deviations (id, case_id, law, rule, route, route_other, will_do, will_not_do, reasoning, start_date, end_date, review_date, internal, proposed_by, proposed_at)
       values (?, ?, ?, ?, ?, null, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, id,
      fields.caseId,
      fields.law ?? 'wmo',
      'Beleidsregel Wmo (ingevoegd door de test)',
      fields.route ?? 'hardheidsclausule',
      'Iets wel doen.',
      'Iets niet doen.',
      'Een motivering die lang genoeg is voor de test.',
      fields.startDate,
      fields.endDate,
      fields.reviewDate,
      fields.internal ?? false,
      fields.proposedBy,
      new Date(Date.now() - 200 * 86_400_000).toISOString());
  return id;
}

async function insertEvent(deviationId: string, kind: 'goedgekeurd' | 'afgewezen' | 'ingetrokken', byUserId: string, mandate: string | null, note: string | null = null): Promise<void> {
  await execSql(server, 'insert into deviation_events (deviation_id, kind, by_user_id, mandate, at, note) values (?, ?, ?, ?, ?, ?)', deviationId, kind, byUserId, mandate, new Date(Date.now() - 150 * 86_400_000).toISOString(), note);
}

const DEVIATION_KEYS = [
  'approval',
  'can',
  'caseId',
  'endDate',
  'id',
  'internal',
  'law',
  'proposedAt',
  'proposedBy',
  'reasoning',
  'rejection',
  'requiredMandate',
  'reviewDate',
  'reviewOverdue',
  'revocation',
  'route',
  'routeOther',
  'rule',
  'startDate',
  'status',
  'willDo',
  'willNotDo',
];

// ------------------------------------------------------------------ mandate rules

describe('mandate rules (functional administrator)', () => {
  // Written out by hand: six laws, five routes.
  const LAWS = ['wmo', 'jeugdwet', 'participatiewet', 'wgs', 'inburgering', 'awb'];
  const ROUTES = ['hardheidsclausule', 'awb_4_84', 'pwet_18_1', 'pwet_16', 'anders'];

  it('GET lists every law × route exactly once, each with the default level teamleider', async () => {
    const res = await (await as('beheer')).get('/api/admin/mandate-rules');
    expect(res.status).toBe(200);
    expect(res.body).toHaveLength(LAWS.length * ROUTES.length);
    const keys = res.body.map((r: { law: string; route: string }) => `${r.law}/${r.route}`).sort();
    expect(keys).toEqual(LAWS.flatMap((l) => ROUTES.map((r) => `${l}/${r}`)).sort());
    for (const r of res.body) {
      expect(Object.keys(r).sort()).toEqual(['law', 'level', 'route']);
      expect(r.level).toBe('teamleider');
    }
  });

  it('PUT by the administrator sets a level (upsert), GET shows it, and each change is audited as mandate_rule.set', async () => {
    const admin = await as('beheer');
    const seq = await maxAuditSeq(server);
    const res = await admin.put('/api/admin/mandate-rules/inburgering/anders', { level: 'directeur' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toEqual({ law: 'inburgering', route: 'anders', level: 'directeur' });

    const rows = await auditRowsSince(server, seq);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ action: 'mandate_rule.set', actor_user_id: uid('beheer'), case_id: null, ip: IP });
    expect(JSON.parse(rows[0]!.detail)).toEqual({ law: 'inburgering', route: 'anders', level: 'directeur' });

    const listed = (await admin.get('/api/admin/mandate-rules')).body as { law: string; route: string; level: string }[];
    expect(listed.find((r) => r.law === 'inburgering' && r.route === 'anders')?.level).toBe('directeur');
    expect(listed.filter((r) => r.level !== 'teamleider')).toHaveLength(1);

    // Changing it again updates the one rule, and is audited again.
    expect((await admin.put('/api/admin/mandate-rules/inburgering/anders', { level: 'wethouder' })).status).toBe(200);
    expect(await count(server, "select count(*) as n from mandate_rules where law = 'inburgering' and route = 'anders'")).toBe(1);
    expect(await queryRow(server, "select level, updated_by from mandate_rules where law = 'inburgering' and route = 'anders'")).toEqual({
      level: 'wethouder',
      updated_by: uid('beheer'),
    });
    expect((await auditRowsSince(server, seq)).filter((r) => r.action === 'mandate_rule.set')).toHaveLength(2);

    // Back to the default, for the other tests.
    expect((await admin.put('/api/admin/mandate-rules/inburgering/anders', { level: 'teamleider' })).status).toBe(200);
  });

  it.each(['procesregisseur', 'teamleider', 'wethouder', 'klantmanager', 'ggz', 'inwoner'])('%s may not read or set mandate rules (403), and nothing is written', async (key) => {
    const client = await as(key);
    const before = await snapshot();
    expectError(await client.put('/api/admin/mandate-rules/participatiewet/pwet_16', { level: 'teamleider' }), 403, 'GEEN_TOESTEMMING');
    expectError(await client.get('/api/admin/mandate-rules'), 403, 'GEEN_TOESTEMMING');
    expect(await snapshot()).toEqual(before);
  });

  it('without a session: 401', async () => {
    const anon = new ApiClient(server.url);
    expectError(await anon.get('/api/admin/mandate-rules'), 401, 'NIET_INGELOGD');
    expectError(await anon.put('/api/admin/mandate-rules/wmo/anders', { level: 'wethouder' }), 401, 'NIET_INGELOGD');
  });

  it.each([
    ['an unknown law', '/api/admin/mandate-rules/belastingwet/anders', { level: 'wethouder' }],
    ['an unknown route', '/api/admin/mandate-rules/wmo/omweg', { level: 'wethouder' }],
    ['an unknown level', '/api/admin/mandate-rules/wmo/anders', { level: 'burgemeester' }],
    ['no level', '/api/admin/mandate-rules/wmo/anders', {}],
    ['an unknown field', '/api/admin/mandate-rules/wmo/anders', { level: 'wethouder', law: 'jeugdwet' }],
  ])('PUT with %s -> 400 ONGELDIGE_INVOER, nothing written', async (_name, url, body) => {
    const admin = await as('beheer');
    const before = await snapshot();
    expectError(await admin.put(url, body), 400, 'ONGELDIGE_INVOER');
    expect(await snapshot()).toEqual(before);
  });
});

// ------------------------------------------------------------------ the worked example

describe('the worked example: the joint-household suspicion is not pursued during the plan', () => {
  it('the klantmanager proposes it (internal), the teamleider approves it, the regisseur sees it with its backing, all audited', async () => {
    const caseId = await caseIdByTitle(server, 'Gezin Verbeek');
    const km = await as('klantmanager');
    const tl = await as('teamleider');
    const cr = await as('casusregisseur');
    const kmId = uid('klantmanager');
    const tlId = uid('teamleider');
    const body = workedExample();
    const seq = await maxAuditSeq(server);

    // 1. The proposal.
    const proposed = await propose(km, caseId, body);
    expect(Object.keys(proposed).sort()).toEqual(DEVIATION_KEYS);
    expect(proposed).toMatchObject({
      caseId,
      law: 'participatiewet',
      rule: 'Participatiewet art. 3 (gezamenlijke huishouding)',
      route: 'awb_4_84',
      routeOther: null,
      willDo: body.willDo,
      willNotDo: 'Vermoeden gezamenlijke huishouding niet actief oppakken gedurende de looptijd van het plan.',
      reasoning: REASONING,
      startDate: today(),
      endDate: inDays(120),
      reviewDate: inDays(60),
      internal: true,
      status: 'voorgesteld',
      reviewOverdue: false,
      requiredMandate: 'teamleider',
      proposedBy: { id: kmId, name: 'Sander Willemsen' },
      approval: null,
      rejection: null,
      revocation: null,
      // The klantmanager holds no mandate, but may withdraw her own proposal.
      can: { approve: false, reject: false, revoke: true },
    });
    expect(Date.parse(proposed.proposedAt)).not.toBeNaN();
    const id = proposed.id as string;
    expect(await queryRow(server, 'select internal, proposed_by, law, route from deviations where id = ?', id).then((r) => r && { ...r, internal: asBool(r.internal) })).toEqual({
      internal: true,
      proposed_by: kmId,
      law: 'participatiewet',
      route: 'awb_4_84',
    });

    // 2. The teamleider sees that she can decide, and approves.
    const seen = await tl.get(path(caseId, id));
    expect(seen.status).toBe(200);
    expect(seen.body.can).toEqual({ approve: true, reject: true, revoke: true });
    const approved = await approve(tl, caseId, id, 'Akkoord voor de looptijd van het plan; herbeoordelen na twee maanden.');
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    expect(approved.body).toMatchObject({
      id,
      status: 'goedgekeurd',
      reviewOverdue: false,
      approval: { by: { id: tlId, name: 'Ruud Smeets' }, mandate: 'teamleider', note: 'Akkoord voor de looptijd van het plan; herbeoordelen na twee maanden.' },
      rejection: null,
      revocation: null,
    });
    expect(approved.body.can.approve).toBe(false);
    expect(Date.parse(approved.body.approval.at)).not.toBeNaN();
    expect(await queryRows(server, 'select kind, by_user_id, mandate from deviation_events where deviation_id = ?', id)).toEqual([
      { kind: 'goedgekeurd', by_user_id: tlId, mandate: 'teamleider' },
    ]);

    // 3. The regisseur sees it in the register, with who approved it under which mandate.
    const list = await cr.get(path(caseId));
    expect(list.status).toBe(200);
    const inList = list.body.find((d: { id: string }) => d.id === id);
    expect(inList).toMatchObject({
      status: 'goedgekeurd',
      internal: true,
      willNotDo: body.willNotDo,
      proposedBy: { id: kmId, name: 'Sander Willemsen' },
      approval: { by: { id: tlId, name: 'Ruud Smeets' }, mandate: 'teamleider' },
      can: { approve: false, reject: false, revoke: true },
    });
    expect((await cr.get(path(caseId, id))).body).toEqual(inList);

    // Every municipal member of the table sees it (internal is for municipal staff).
    for (const key of ['procesregisseur', 'jeugd', 'wmo', 'gedragsdeskundige', 'klantmanager', 'teamleider']) {
      const res = await (await as(key)).get(path(caseId, id));
      expect(res.status, key).toBe(200);
      expect(res.body.status, key).toBe('goedgekeurd');
    }

    // 4. The audit trail: who, which case, from where. No text of the suspicion in it.
    const rows = (await auditRowsSince(server, seq)).filter((r) => r.action.startsWith('deviation.'));
    expect(rows.map((r) => r.action)).toEqual(['deviation.proposed', 'deviation.approved']);
    expect(rows[0]).toMatchObject({ actor_user_id: kmId, case_id: caseId, ip: IP });
    expect(JSON.parse(rows[0]!.detail)).toEqual({ deviationId: id, law: 'participatiewet', route: 'awb_4_84', internal: true });
    expect(rows[1]).toMatchObject({ actor_user_id: tlId, case_id: caseId, ip: IP });
    expect(JSON.parse(rows[1]!.detail)).toEqual({ deviationId: id, mandate: 'teamleider' });
    for (const r of rows) expect(r.detail).not.toMatch(/huishouding/i);
  });
});

// ------------------------------------------------------------------ refusals

describe('refusals: exact status and code, and nothing written', () => {
  it('four eyes: a teamleider with edit access proposes and cannot approve or reject it herself (403 VIER_OGEN); another mandate holder can', async () => {
    const caseId = await freshCase([['teamleider', 'mandaathouder', 'edit']]);
    const tl = await as('teamleider');
    const proposed = await propose(tl, caseId, ordinary());
    expect(proposed.can).toEqual({ approve: false, reject: false, revoke: true });

    const before = await snapshot();
    expectError(await approve(tl, caseId, proposed.id), 403, 'VIER_OGEN');
    expectError(await reject(tl, caseId, proposed.id), 403, 'VIER_OGEN');
    expect(await snapshot()).toEqual(before);
    expect((await tl.get(path(caseId, proposed.id))).body.status).toBe('voorgesteld');

    // The wethouder, added to the table, can: a higher mandate covers a teamleider-level deviation.
    const pr = await as('procesregisseur');
    expect((await pr.post(`/api/cases/${caseId}/members`, { userId: uid('wethouder'), caseRole: 'mandaathouder', access: 'read' })).status).toBe(201);
    const ok = await approve(await as('wethouder'), caseId, proposed.id);
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body).toMatchObject({ status: 'goedgekeurd', approval: { by: { id: uid('wethouder'), name: 'Ingrid Maas' }, mandate: 'wethouder', note: null } });
  });

  it('a rejection is an append-only event with the reasons, shown on the deviation and written to the audit trail', async () => {
    const caseId = await freshCase([
      ['klantmanager', 'klantmanager_pw', 'edit'],
      ['teamleider', 'mandaathouder', 'read'],
    ]);
    const proposed = await propose(await as('klantmanager'), caseId, ordinary());
    const seq = await maxAuditSeq(server);
    const res = await reject(await as('teamleider'), caseId, proposed.id, 'De regel past hier wel; eerst het gesprek over werk voeren.');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({
      status: 'afgewezen',
      approval: null,
      rejection: { by: { id: uid('teamleider'), name: 'Ruud Smeets' }, mandate: 'teamleider', note: 'De regel past hier wel; eerst het gesprek over werk voeren.' },
      can: { approve: false, reject: false, revoke: false },
    });
    const rows = (await auditRowsSince(server, seq)).filter((r) => r.action.startsWith('deviation.'));
    expect(rows.map((r) => r.action)).toEqual(['deviation.rejected']);
    expect(rows[0]).toMatchObject({ actor_user_id: uid('teamleider'), case_id: caseId });
    expect(JSON.parse(rows[0]!.detail)).toEqual({ deviationId: proposed.id, mandate: 'teamleider' });
    // Decided once: a second decision is refused.
    expectError(await approve(await as('teamleider'), caseId, proposed.id), 409, 'AL_BESLOTEN');
  });

  it('above mandate: with participatiewet/pwet_16 set to wethouder, the teamleider gets 403 BOVEN_MANDAAT; the wethouder, once a member, approves', async () => {
    await setMandateRule('participatiewet', 'pwet_16', 'wethouder');
    const caseId = await freshCase([
      ['klantmanager', 'klantmanager_pw', 'edit'],
      ['teamleider', 'mandaathouder', 'read'],
    ]);
    const km = await as('klantmanager');
    const tl = await as('teamleider');
    const wh = await as('wethouder');
    const proposed = await propose(km, caseId, workedExample({ route: 'pwet_16', internal: false }));
    expect(proposed.requiredMandate).toBe('wethouder');
    expect((await tl.get(path(caseId, proposed.id))).body.can).toEqual({ approve: false, reject: false, revoke: false });

    const before = await snapshot();
    const res = await approve(tl, caseId, proposed.id);
    expectError(res, 403, 'BOVEN_MANDAAT');
    expect(res.body.error.message).toMatch(/wethouder/);
    expectError(await reject(tl, caseId, proposed.id), 403, 'BOVEN_MANDAAT');
    // Nor may the teamleider withdraw what she could not approve.
    expectError(await revoke(tl, caseId, proposed.id), 403, 'GEEN_TOESTEMMING');
    // The wethouder is not at this table yet: the case does not exist for her.
    expectError(await approve(wh, caseId, proposed.id), 404, 'CASUS_NIET_GEVONDEN');
    expect(await snapshot()).toEqual(before);

    const pr = await as('procesregisseur');
    expect((await pr.post(`/api/cases/${caseId}/members`, { userId: uid('wethouder'), caseRole: 'mandaathouder', access: 'read' })).status).toBe(201);
    expect((await wh.get(path(caseId, proposed.id))).body.can).toEqual({ approve: true, reject: true, revoke: true });
    const ok = await approve(wh, caseId, proposed.id, 'Zeer dringende redenen zijn aannemelijk.');
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body).toMatchObject({ status: 'goedgekeurd', requiredMandate: 'wethouder', approval: { by: { name: 'Ingrid Maas' }, mandate: 'wethouder' } });
  });

  it('the middle level: a directeur (made through the admin API) approves a directeur-level deviation, the teamleider cannot, and a wethouder-level one is above the directeur', async () => {
    await setMandateRule('wgs', 'hardheidsclausule', 'directeur');
    await setMandateRule('participatiewet', 'pwet_16', 'wethouder');
    const dir = await directeur();
    const caseId = await freshCase([
      ['schuldhulp', 'schuldhulpverlener', 'edit'],
      ['klantmanager', 'klantmanager_pw', 'edit'],
      ['teamleider', 'mandaathouder', 'read'],
    ]);
    const pr = await as('procesregisseur');
    expect((await pr.post(`/api/cases/${caseId}/members`, { userId: dir.id, caseRole: 'mandaathouder', access: 'read' })).status).toBe(201);
    const sh = await as('schuldhulp');
    const km = await as('klantmanager');
    const tl = await as('teamleider');

    const wgs = await propose(sh, caseId, ordinary({ law: 'wgs', rule: 'Beleidsregel Wgs: geen schuldregeling bij recente fraudeschuld', route: 'hardheidsclausule' }));
    expect(wgs.requiredMandate).toBe('directeur');
    const pw16 = await propose(km, caseId, workedExample({ route: 'pwet_16', internal: false }));
    expect(pw16.requiredMandate).toBe('wethouder');

    const before = await snapshot();
    expectError(await approve(tl, caseId, wgs.id), 403, 'BOVEN_MANDAAT');
    expectError(await approve(dir.client, caseId, pw16.id), 403, 'BOVEN_MANDAAT');
    expectError(await reject(dir.client, caseId, pw16.id), 403, 'BOVEN_MANDAAT');
    expect(await snapshot()).toEqual(before);

    const ok = await approve(dir.client, caseId, wgs.id);
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body).toMatchObject({ status: 'goedgekeurd', approval: { by: { id: dir.id, name: 'Joost Directeur' }, mandate: 'directeur' } });
  });

  it.each(['casusregisseur', 'procesregisseur', 'jeugd', 'wmo', 'gedragsdeskundige', 'klantmanager'])(
    '%s (member without a mandate) cannot approve or reject: 403 GEEN_TOESTEMMING',
    async (key) => {
      const caseId = await caseIdByTitle(server, 'Gezin Verbeek');
      const proposed = await propose(await as('klantmanager'), caseId, ordinary());
      const client = await as(key);
      const before = await snapshot();
      expectError(await approve(client, caseId, proposed.id), 403, 'GEEN_TOESTEMMING');
      expectError(await reject(client, caseId, proposed.id), 403, 'GEEN_TOESTEMMING');
      expect(await snapshot()).toEqual(before);
    },
  );

  it.each(['ggz', 'inwoner'])('%s cannot approve, reject or revoke a non-internal deviation they can see: 403 GEEN_TOESTEMMING', async (key) => {
    const caseId = await caseIdByTitle(server, 'Gezin Verbeek');
    const proposed = await propose(await as('klantmanager'), caseId, ordinary());
    const client = await as(key);
    const before = await snapshot();
    expectError(await approve(client, caseId, proposed.id), 403, 'GEEN_TOESTEMMING');
    expectError(await reject(client, caseId, proposed.id), 403, 'GEEN_TOESTEMMING');
    expectError(await revoke(client, caseId, proposed.id), 403, 'GEEN_TOESTEMMING');
    expect(await snapshot()).toEqual(before);
  });

  it('a member who neither proposed it, leads the case nor holds a mandate cannot revoke: 403', async () => {
    const caseId = await caseIdByTitle(server, 'Gezin Verbeek');
    const proposed = await propose(await as('klantmanager'), caseId, ordinary());
    const jeugd = await as('jeugd');
    const before = await snapshot();
    expectError(await revoke(jeugd, caseId, proposed.id), 403, 'GEEN_TOESTEMMING');
    expect(await snapshot()).toEqual(before);
  });

  describe('bad proposals', () => {
    const cases: [string, Record<string, unknown>, number, string, string | null][] = [
      ['the end date before the start date', { startDate: inDays(10), endDate: inDays(9), reviewDate: inDays(9) }, 400, 'ONGELDIGE_INVOER', 'endDate'],
      ['a review date in the past', { startDate: inDays(-30), endDate: inDays(60), reviewDate: inDays(-1) }, 422, 'REVIEWDATUM_VERLEDEN', null],
      ['a review date after the end date', { endDate: inDays(30), reviewDate: inDays(31) }, 422, 'REVIEWDATUM_NA_EINDE', null],
      ['a reasoning that is too short', { reasoning: 'Omdat het moet.' }, 400, 'ONGELDIGE_INVOER', 'reasoning'],
      ['route "anders" without a description', { route: 'anders' }, 400, 'ONGELDIGE_INVOER', 'routeOther'],
      ['an unknown law', { law: 'belastingwet' }, 400, 'ONGELDIGE_INVOER', 'law'],
      ['an unknown route', { route: 'omweg' }, 400, 'ONGELDIGE_INVOER', 'route'],
      ['a date that is not JJJJ-MM-DD', { endDate: '1-1-2030' }, 400, 'ONGELDIGE_INVOER', 'endDate'],
      ['an empty rule', { rule: '   ' }, 400, 'ONGELDIGE_INVOER', 'rule'],
      ['an unknown field', { status: 'goedgekeurd' }, 400, 'ONGELDIGE_INVOER', null],
    ];
    it.each(cases.map(([name, override, status, code, detailPath]) => ({ name, override, status, code, detailPath })))(
      '$name -> $status $code, nothing written',
      async ({ override, status, code, detailPath }) => {
        const caseId = await caseIdByTitle(server, 'Gezin Verbeek');
        const km = await as('klantmanager');
        const before = await snapshot();
        const res = await km.post(path(caseId), workedExample(override));
        expectError(res, status, code);
        if (detailPath) expect(res.body.error.details.map((d: { path: string }) => d.path)).toContain(detailPath);
        expect(await snapshot()).toEqual(before);
      },
    );

    it('a review date today and an end date equal to the start date are fine (boundaries)', async () => {
      const caseId = await caseIdByTitle(server, 'Gezin Verbeek');
      const res = await propose(await as('klantmanager'), caseId, ordinary({ startDate: today(), endDate: today(), reviewDate: today() }));
      expect(res).toMatchObject({ status: 'voorgesteld', startDate: today(), endDate: today(), reviewDate: today(), reviewOverdue: false });
    });

    it('route "anders" keeps its description; another route drops a stray description', async () => {
      const caseId = await caseIdByTitle(server, 'Gezin Verbeek');
      const km = await as('klantmanager');
      const other = await propose(km, caseId, ordinary({ route: 'anders', routeOther: 'Collegebesluit maatwerk sociaal domein' }));
      expect(other.routeOther).toBe('Collegebesluit maatwerk sociaal domein');
      const stray = await propose(km, caseId, ordinary({ route: 'hardheidsclausule', routeOther: 'wordt genegeerd' }));
      expect(stray.routeOther).toBeNull();
    });
  });

  it.each([
    ['ggz', 'extern partner, comment'],
    ['inwoner', 'household, comment'],
    ['teamleider', 'mandate holder with read access'],
    ['gedragsdeskundige', 'municipal staff with comment access'],
  ])('%s (%s) cannot propose: 403 GEEN_TOESTEMMING, nothing written', async (key) => {
    const caseId = await caseIdByTitle(server, 'Gezin Verbeek');
    const client = await as(key);
    const before = await snapshot();
    expectError(await client.post(path(caseId), ordinary()), 403, 'GEEN_TOESTEMMING');
    expectError(await client.post(path(caseId), workedExample()), 403, 'GEEN_TOESTEMMING');
    expect(await snapshot()).toEqual(before);
  });

  it('proposing in a closed case: 409 CASUS_GESLOTEN', async () => {
    const caseId = await caseIdByTitle(server, 'Mw. J. Koster (18-/18+)');
    const km = await as('klantmanager');
    const before = await snapshot();
    expectError(await km.post(path(caseId), ordinary()), 409, 'CASUS_GESLOTEN');
    expect(await snapshot()).toEqual(before);
    // Reading the register of a closed case is fine.
    expect((await km.get(path(caseId))).status).toBe(200);
  });

  it.each([
    ['schuldhulp', 'a colleague who is not at this table'],
    ['wethouder', 'a mandate holder who is not at this table'],
    ['beheer', 'the functional administrator'],
  ])('%s (%s) gets 404 CASUS_NIET_GEVONDEN on every deviation route, the same as for a nonexistent case', async (key) => {
    const caseId = await caseIdByTitle(server, 'Gezin Verbeek');
    const existing = await propose(await as('klantmanager'), caseId, ordinary());
    const client = await as(key);
    const before = await snapshot();
    const calls: ((c: string) => Promise<ApiResponse>)[] = [
      (c) => client.get(path(c)),
      (c) => client.get(path(c, existing.id)),
      (c) => client.post(path(c), ordinary()),
      (c) => approve(client, c, existing.id),
      (c) => reject(client, c, existing.id),
      (c) => revoke(client, c, existing.id),
    ];
    for (const call of calls) {
      const res = await call(caseId);
      expectError(res, 404, 'CASUS_NIET_GEVONDEN');
      const missing = await call(randomUUID());
      expect(res.body).toEqual(missing.body);
      expect(JSON.stringify(res.body)).not.toContain('Verbeek');
    }
    expect(await snapshot()).toEqual(before);
  });

  it('a nonexistent deviation in a case you are a member of: 404 NIET_GEVONDEN', async () => {
    const caseId = await caseIdByTitle(server, 'Gezin Verbeek');
    const tl = await as('teamleider');
    const before = await snapshot();
    expectError(await tl.get(path(caseId, randomUUID())), 404, 'NIET_GEVONDEN');
    expectError(await approve(tl, caseId, randomUUID()), 404, 'NIET_GEVONDEN');
    expect(await snapshot()).toEqual(before);
  });

  it('a deviation of another case is not found through this case (404)', async () => {
    const verbeek = await caseIdByTitle(server, 'Gezin Verbeek');
    const deGraaf = await caseIdByTitle(server, 'Dhr. R. de Graaf');
    const km = await as('klantmanager');
    const elsewhere = await propose(km, deGraaf, ordinary());
    const tl = await as('teamleider');
    const before = await snapshot();
    expectError(await tl.get(path(verbeek, elsewhere.id)), 404, 'NIET_GEVONDEN');
    expectError(await approve(tl, verbeek, elsewhere.id), 404, 'NIET_GEVONDEN');
    expect(await snapshot()).toEqual(before);
  });

  it('deciding twice: 409 AL_BESLOTEN, after approval and after rejection', async () => {
    const caseId = await caseIdByTitle(server, 'Gezin Verbeek');
    const km = await as('klantmanager');
    const tl = await as('teamleider');
    const a = await propose(km, caseId, ordinary());
    expect((await approve(tl, caseId, a.id)).status).toBe(200);
    const b = await propose(km, caseId, ordinary());
    const rejected = await reject(tl, caseId, b.id, 'De extra uren passen niet binnen het doel van de maatwerkvoorziening.');
    expect(rejected.status).toBe(200);
    expect(rejected.body).toMatchObject({
      status: 'afgewezen',
      approval: null,
      rejection: { by: { name: 'Ruud Smeets' }, mandate: 'teamleider', note: 'De extra uren passen niet binnen het doel van de maatwerkvoorziening.' },
      can: { approve: false, reject: false, revoke: false },
    });

    const before = await snapshot();
    expectError(await approve(tl, caseId, a.id), 409, 'AL_BESLOTEN');
    expectError(await reject(tl, caseId, a.id), 409, 'AL_BESLOTEN');
    expectError(await approve(tl, caseId, b.id), 409, 'AL_BESLOTEN');
    expectError(await reject(tl, caseId, b.id), 409, 'AL_BESLOTEN');
    // A rejected deviation was never in force: it cannot be withdrawn either.
    expectError(await revoke(km, caseId, b.id), 409, 'NIET_INTREKBAAR');
    expect(await snapshot()).toEqual(before);
    expect((await km.get(path(caseId, a.id))).body.status).toBe('goedgekeurd');
    expect((await km.get(path(caseId, b.id))).body.status).toBe('afgewezen');
  });

  it('a rejection needs a note: 400', async () => {
    const caseId = await caseIdByTitle(server, 'Gezin Verbeek');
    const proposed = await propose(await as('klantmanager'), caseId, ordinary());
    const tl = await as('teamleider');
    const before = await snapshot();
    expectError(await tl.post(path(caseId, proposed.id, 'reject'), {}), 400, 'ONGELDIGE_INVOER');
    expectError(await tl.post(path(caseId, proposed.id, 'reject'), { note: '  ' }), 400, 'ONGELDIGE_INVOER');
    expectError(await tl.post(path(caseId, proposed.id, 'approve'), { note: 'ok', extra: true }), 400, 'ONGELDIGE_INVOER');
    expect(await snapshot()).toEqual(before);
  });

  it('the proposer revokes her proposal (ingetrokken, audited); then approving is 409 AL_BESLOTEN and revoking again 409 NIET_INTREKBAAR', async () => {
    const caseId = await caseIdByTitle(server, 'Gezin Verbeek');
    const km = await as('klantmanager');
    const tl = await as('teamleider');
    const proposed = await propose(km, caseId, ordinary());
    const seq = await maxAuditSeq(server);
    const res = await revoke(km, caseId, proposed.id, 'Moeder heeft zelf een andere oplossing gevonden.');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({
      status: 'ingetrokken',
      approval: null,
      rejection: null,
      revocation: { by: { id: uid('klantmanager'), name: 'Sander Willemsen' }, reason: 'Moeder heeft zelf een andere oplossing gevonden.' },
      can: { approve: false, reject: false, revoke: false },
    });
    const rows = await auditRowsSince(server, seq);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ action: 'deviation.revoked', actor_user_id: uid('klantmanager'), case_id: caseId, ip: IP });
    expect(JSON.parse(rows[0]!.detail)).toMatchObject({ deviationId: proposed.id });

    const before = await snapshot();
    expectError(await approve(tl, caseId, proposed.id), 409, 'AL_BESLOTEN');
    expectError(await reject(tl, caseId, proposed.id), 409, 'AL_BESLOTEN');
    expectError(await revoke(km, caseId, proposed.id), 409, 'NIET_INTREKBAAR');
    expect(await snapshot()).toEqual(before);
  });

  it('an approved deviation can be withdrawn by the regisseur and by the approving mandate holder', async () => {
    const caseId = await caseIdByTitle(server, 'Gezin Verbeek');
    const km = await as('klantmanager');
    const tl = await as('teamleider');
    const a = await propose(km, caseId, ordinary());
    const b = await propose(km, caseId, ordinary());
    expect((await approve(tl, caseId, a.id)).status).toBe(200);
    expect((await approve(tl, caseId, b.id)).status).toBe(200);
    const byRegisseur = await revoke(await as('casusregisseur'), caseId, a.id);
    expect(byRegisseur.status).toBe(200);
    // The approval stays visible next to the revocation: history is never rewritten.
    expect(byRegisseur.body).toMatchObject({ status: 'ingetrokken', approval: { mandate: 'teamleider' }, revocation: { by: { name: 'Marieke de Vries' } } });
    const byMandate = await revoke(tl, caseId, b.id);
    expect(byMandate.status).toBe(200);
    expect(byMandate.body).toMatchObject({ status: 'ingetrokken', revocation: { by: { name: 'Ruud Smeets' } } });
  });
});

// ------------------------------------------------------------------ internal deviations

describe('internal deviations never reach the external partner or the household', () => {
  let caseId: string;
  let internalId: string;
  let publicId: string;
  const MARKER = `gezamenlijke-huishouding-${randomUUID().slice(0, 8)}`;

  beforeAll(async () => {
    caseId = await caseIdByTitle(server, 'Gezin Verbeek');
    const km = await as('klantmanager');
    const internal = await propose(km, caseId, workedExample({ rule: `Participatiewet art. 3 (${MARKER})` }));
    internalId = internal.id;
    publicId = (await propose(km, caseId, ordinary())).id;
  });

  const ROUTES: [string, (c: ApiClient, id: string) => Promise<ApiResponse>][] = [
    ['GET one', (c, id) => c.get(path(caseId, id))],
    ['approve', (c, id) => approve(c, caseId, id)],
    ['reject', (c, id) => reject(c, caseId, id)],
    ['revoke', (c, id) => revoke(c, caseId, id)],
  ];

  describe.each(['ggz', 'inwoner'])('%s', (key) => {
    it('the list leaves it out, but shows the non-internal deviation', async () => {
      const res = await (await as(key)).get(path(caseId));
      expect(res.status).toBe(200);
      const ids = res.body.map((d: { id: string }) => d.id);
      expect(ids).not.toContain(internalId);
      expect(ids).toContain(publicId);
      for (const d of res.body) expect(d.internal).toBe(false);
      expect(JSON.stringify(res.body)).not.toContain(MARKER);
      expect(JSON.stringify(res.body)).not.toMatch(/gezamenlijke huishouding/i);
    });

    it.each(ROUTES)('%s: 404 NIET_GEVONDEN (not 403), the same answer as for a deviation that does not exist, nothing written', async (_name, call) => {
      const client = await as(key);
      const before = await snapshot();
      const res = await call(client, internalId);
      expectError(res, 404, 'NIET_GEVONDEN');
      const missing = await call(client, randomUUID());
      expectError(missing, 404, 'NIET_GEVONDEN');
      expect(res.body).toEqual(missing.body);
      expect(JSON.stringify(res.body)).not.toContain(MARKER);
      expect(await snapshot()).toEqual(before);
    });

    it('the non-internal deviation is visible, with nothing to do', async () => {
      const res = await (await as(key)).get(path(caseId, publicId));
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ id: publicId, internal: false, can: { approve: false, reject: false, revoke: false } });
    });

    it('a refused proposal does not echo the internal deviation', async () => {
      const res = await (await as(key)).post(path(caseId), ordinary());
      expectError(res, 403, 'GEEN_TOESTEMMING');
      expect(JSON.stringify(res.body)).not.toContain(MARKER);
      expect(JSON.stringify(res.body)).not.toContain(internalId);
    });
  });

  it('proposing, approving and revoking a non-internal deviation answers with that deviation only, never an internal one', async () => {
    const km = await as('klantmanager');
    const tl = await as('teamleider');
    const proposedRes = await km.post(path(caseId), ordinary());
    expect(proposedRes.status).toBe(201);
    const approvedRes = await approve(tl, caseId, proposedRes.body.id);
    const revokedRes = await revoke(km, caseId, proposedRes.body.id);
    for (const res of [proposedRes, approvedRes, revokedRes]) {
      expect(res.status).toBe(proposedRes === res ? 201 : 200);
      expect(Object.keys(res.body).sort()).toEqual(DEVIATION_KEYS);
      expect(res.body.internal).toBe(false);
      expect(JSON.stringify(res.body)).not.toContain(MARKER);
      expect(JSON.stringify(res.body)).not.toContain(internalId);
    }
  });

  it('once the internal deviation is approved, ggz and the inwoner still do not see it, and their lists are unchanged', async () => {
    const ggzBefore = (await (await as('ggz')).get(path(caseId))).body;
    const inwonerBefore = (await (await as('inwoner')).get(path(caseId))).body;
    expect((await approve(await as('teamleider'), caseId, internalId)).status).toBe(200);
    for (const [key, before] of [['ggz', ggzBefore], ['inwoner', inwonerBefore]] as const) {
      const client = await as(key);
      expect((await client.get(path(caseId))).body).toEqual(before);
      expectError(await client.get(path(caseId, internalId)), 404, 'NIET_GEVONDEN');
      expectError(await revoke(client, caseId, internalId), 404, 'NIET_GEVONDEN');
    }
    // Municipal staff do see it, including those who only comment or read.
    for (const key of ['gedragsdeskundige', 'teamleider', 'casusregisseur']) {
      const res = await (await as(key)).get(path(caseId));
      expect(res.body.map((d: { id: string }) => d.id), key).toContain(internalId);
    }
  });

  it('the case detail the partner reads does not carry the internal deviation either', async () => {
    const res = await (await as('ggz')).get(`/api/cases/${caseId}`);
    expect(res.status).toBe(200);
    expect(JSON.stringify(res.body)).not.toContain(MARKER);
    expect(JSON.stringify(res.body)).not.toContain(internalId);
  });
});

// ------------------------------------------------------------------ derived status

describe('derived status', () => {
  let caseId: string;
  let kmId: string;
  let tlId: string;

  beforeAll(async () => {
    caseId = await caseIdByTitle(server, 'Dhr. R. de Graaf');
    kmId = uid('klantmanager');
    tlId = uid('teamleider');
  });

  const get = async (id: string) => {
    const res = await (await as('klantmanager')).get(path(caseId, id));
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body;
  };

  it('approved with the end date in the past: verlopen (in GET one and in the list); it can no longer be decided or withdrawn', async () => {
    const id = await insertRow({ caseId, proposedBy: kmId, startDate: inDays(-120), endDate: inDays(-1), reviewDate: inDays(-60) });
    await insertEvent(id, 'goedgekeurd', tlId, 'teamleider', 'Akkoord.');
    const d = await get(id);
    expect(d).toMatchObject({ status: 'verlopen', reviewOverdue: false, approval: { by: { id: tlId, name: 'Ruud Smeets' }, mandate: 'teamleider', note: 'Akkoord.' } });
    expect(d.can).toEqual({ approve: false, reject: false, revoke: false });
    const list = (await (await as('klantmanager')).get(path(caseId))).body;
    expect(list.find((x: { id: string }) => x.id === id).status).toBe('verlopen');

    const km = await as('klantmanager');
    const before = await snapshot();
    expectError(await revoke(km, caseId, id), 409, 'NIET_INTREKBAAR');
    expect(await snapshot()).toEqual(before);
  });

  it('a proposal whose period has already ended cannot be approved (409 AL_VERSTREKEN)', async () => {
    // Gezin Verbeek: the teamleider is a member there and holds the mandate.
    const verbeek = await caseIdByTitle(server, 'Gezin Verbeek');
    const id = await insertRow({ caseId: verbeek, proposedBy: kmId, startDate: inDays(-120), endDate: inDays(-1), reviewDate: inDays(-60) });
    const tl = await as('teamleider');
    const d = (await tl.get(path(verbeek, id))).body;
    expect(d.status).toBe('voorgesteld');
    expect(d.can).toMatchObject({ approve: false, reject: false });
    const before = await snapshot();
    expectError(await approve(tl, verbeek, id), 409, 'AL_VERSTREKEN');
    expect(await snapshot()).toEqual(before);
  });

  it('approved with the end date today: still goedgekeurd (the last day counts)', async () => {
    const id = await insertRow({ caseId, proposedBy: kmId, startDate: inDays(-30), endDate: today(), reviewDate: today() });
    await insertEvent(id, 'goedgekeurd', tlId, 'teamleider');
    expect(await get(id)).toMatchObject({ status: 'goedgekeurd', reviewOverdue: false });
  });

  it('approved with the review date in the past and the end date in the future: goedgekeurd with reviewOverdue', async () => {
    const id = await insertRow({ caseId, proposedBy: kmId, startDate: inDays(-60), endDate: inDays(30), reviewDate: inDays(-1) });
    await insertEvent(id, 'goedgekeurd', tlId, 'teamleider');
    expect(await get(id)).toMatchObject({ status: 'goedgekeurd', reviewOverdue: true });
  });

  it('a proposal whose review date has passed is flagged, and cannot be approved (only rejected)', async () => {
    const verbeek = await caseIdByTitle(server, 'Gezin Verbeek');
    const id = await insertRow({ caseId: verbeek, proposedBy: kmId, startDate: inDays(-20), endDate: inDays(30), reviewDate: inDays(-1) });
    const tl = await as('teamleider');
    expect((await tl.get(path(verbeek, id))).body).toMatchObject({ status: 'voorgesteld', reviewOverdue: true });
    const before = await snapshot();
    const refused = await approve(tl, verbeek, id);
    expectError(refused, 409, 'REVIEWDATUM_VERLEDEN');
    expect(refused.body.error.message).toContain('herbeoordeling');
    expect(await snapshot()).toEqual(before);
    expect((await tl.get(path(verbeek, id))).body.can).toMatchObject({ approve: false, reject: true });
  });

  it('only approved deviations and open proposals can be overdue for review; rejected and withdrawn ones keep their status', async () => {
    const proposed = await insertRow({ caseId, proposedBy: kmId, startDate: inDays(-60), endDate: inDays(30), reviewDate: inDays(-1) });
    const rejected = await insertRow({ caseId, proposedBy: kmId, startDate: inDays(-60), endDate: inDays(-2), reviewDate: inDays(-10) });
    await insertEvent(rejected, 'afgewezen', tlId, 'teamleider', 'Nee.');
    const revoked = await insertRow({ caseId, proposedBy: kmId, startDate: inDays(-60), endDate: inDays(-2), reviewDate: inDays(-10) });
    await insertEvent(revoked, 'goedgekeurd', tlId, 'teamleider');
    await insertEvent(revoked, 'ingetrokken', kmId, null, 'Niet meer nodig.');
    expect(await get(proposed)).toMatchObject({ status: 'voorgesteld', reviewOverdue: true });
    expect(await get(rejected)).toMatchObject({ status: 'afgewezen', reviewOverdue: false });
    expect(await get(revoked)).toMatchObject({ status: 'ingetrokken', reviewOverdue: false, approval: { mandate: 'teamleider' }, revocation: { reason: 'Niet meer nodig.' } });
  });

  it('"today" is the date in Europe/Amsterdam, not in UTC', () => {
    // Winter (UTC+1) and summer (UTC+2): late evening UTC is already the next day in the Netherlands.
    expect(todayNl(new Date('2026-01-01T22:59:59Z'))).toBe('2026-01-01');
    expect(todayNl(new Date('2026-01-01T23:00:00Z'))).toBe('2026-01-02');
    expect(todayNl(new Date('2026-07-01T21:59:59Z'))).toBe('2026-07-01');
    expect(todayNl(new Date('2026-07-01T22:00:00Z'))).toBe('2026-07-02');
    expect(todayNl()).toBe(today());
  });
});

// ------------------------------------------------------------------ append-only

describe('append-only: the database refuses to change or remove deviations and their events', () => {
  it('UPDATE and DELETE on deviations and deviation_events fail, and the rows stay as they were', async () => {
    const caseId = await caseIdByTitle(server, 'Gezin Verbeek');
    const proposed = await propose(await as('klantmanager'), caseId, ordinary());
    expect((await approve(await as('teamleider'), caseId, proposed.id)).status).toBe(200);
    const deviationRow = await queryRow(server, 'select * from deviations where id = ?', proposed.id);
    const eventRows = await queryRows(server, 'select * from deviation_events where deviation_id = ?', proposed.id);
    expect(eventRows).toHaveLength(1);
    const totals = { d: await count(server, 'select count(*) as n from deviations'), e: await count(server, 'select count(*) as n from deviation_events') };

    expect(await sqlError(execSql(server, "update deviations set will_not_do = 'toch wel' where id = ?", proposed.id))).toMatch(/append-only/);
    expect(await sqlError(execSql(server, "update deviations set end_date = '2099-12-31'"))).toMatch(/append-only/);
    expect(await sqlError(execSql(server, 'delete from deviations where id = ?', proposed.id))).toMatch(/append-only/);
    expect(await sqlError(execSql(server, "update deviation_events set kind = 'afgewezen' where deviation_id = ?", proposed.id))).toMatch(/append-only/);
    expect(await sqlError(execSql(server, 'delete from deviation_events where deviation_id = ?', proposed.id))).toMatch(/append-only/);
    expect(await sqlError(execSql(server, 'delete from deviation_events'))).toMatch(/append-only/);

    expect(await queryRow(server, 'select * from deviations where id = ?', proposed.id)).toEqual(deviationRow);
    expect(await queryRows(server, 'select * from deviation_events where deviation_id = ?', proposed.id)).toEqual(eventRows);
    expect({ d: await count(server, 'select count(*) as n from deviations'), e: await count(server, 'select count(*) as n from deviation_events') }).toEqual(totals);
  });
});

// ------------------------------------------------------------------ OpenAPI

describe('OpenAPI document', () => {
  let doc: any;
  beforeAll(async () => {
    const res = await new ApiClient(server.url).get('/api/openapi.json');
    expect(res.status).toBe(200);
    doc = res.body;
  });

  const OPERATIONS: [string, string, string | null][] = [
    ['get', '/api/cases/{id}/deviations', null],
    ['post', '/api/cases/{id}/deviations', 'ProposeDeviationRequest'],
    ['get', '/api/cases/{id}/deviations/{deviationId}', null],
    ['post', '/api/cases/{id}/deviations/{deviationId}/approve', 'ApproveDeviationRequest'],
    ['post', '/api/cases/{id}/deviations/{deviationId}/reject', 'RejectDeviationRequest'],
    ['post', '/api/cases/{id}/deviations/{deviationId}/revoke', 'RevokeDeviationRequest'],
    ['get', '/api/admin/mandate-rules', null],
    ['put', '/api/admin/mandate-rules/{law}/{route}', 'SetMandateRuleRequest'],
  ];

  it.each(OPERATIONS)('%s %s is documented, behind the session cookie, with a strict body where it takes one', (method, p, body) => {
    const op = doc.paths[p]?.[method];
    expect(op, `${method} ${p}`).toBeDefined();
    expect(op.summary).toBeTruthy();
    expect(op.security).toEqual([{ sessieCookie: [] }]);
    const names = [...p.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
    expect(((op.parameters ?? []) as { name: string; in: string }[]).filter((x) => x.in === 'path').map((x) => x.name).sort()).toEqual([...names].sort());
    if (body) {
      expect(op.requestBody.required).toBe(true);
      expect(op.requestBody.content['application/json'].schema.$ref).toBe(`#/components/schemas/${body}`);
      expect(doc.components.schemas[body].additionalProperties).toBe(false);
    } else {
      expect(op.requestBody).toBeUndefined();
    }
    for (const status of Object.keys(op.responses).filter((s) => Number(s) >= 400)) {
      expect(op.responses[status].content['application/json'].schema.$ref).toBe('#/components/schemas/Error');
    }
  });

  it('documents the answers the register gives: 422 for the dates, 409 and 404 for decisions, the Deviation and MandateRule schemas', () => {
    const proposeOp = doc.paths['/api/cases/{id}/deviations'].post;
    expect(Object.keys(proposeOp.responses)).toEqual(expect.arrayContaining(['201', '400', '403', '404', '409', '422']));
    expect(proposeOp.responses['201'].content['application/json'].schema.$ref).toBe('#/components/schemas/Deviation');
    for (const action of ['approve', 'reject', 'revoke']) {
      expect(Object.keys(doc.paths[`/api/cases/{id}/deviations/{deviationId}/${action}`].post.responses)).toEqual(expect.arrayContaining(['200', '403', '404', '409']));
    }
    const deviation = doc.components.schemas.Deviation;
    expect(deviation.properties.status.enum.sort()).toEqual(['afgewezen', 'goedgekeurd', 'ingetrokken', 'verlopen', 'voorgesteld']);
    expect(deviation.required).toEqual(expect.arrayContaining(['status', 'reviewOverdue', 'requiredMandate', 'approval', 'internal']));
    expect(doc.components.schemas.MandateRule.properties.level.enum).toEqual(['teamleider', 'directeur', 'wethouder']);
    expect(doc.components.schemas.ProposeDeviationRequest.properties.reasoning.minLength).toBe(20);
  });
});

// ------------------------------------------------------------------ regressions

describe('regressions: impossible dates and closed cases', () => {
  it('an impossible calendar date (30 February) is refused with 400 ONGELDIGE_INVOER', async () => {
    const caseId = await freshCase([['klantmanager', 'klantmanager_pw', 'edit']]);
    const km = await as('klantmanager');
    const year = Number(today().slice(0, 4)) + 1;
    const before = await snapshot();
    const res = await km.post(path(caseId), ordinary({ endDate: `${year}-02-30`, reviewDate: inDays(30) }));
    expectError(res, 400, 'ONGELDIGE_INVOER');
    expect(await snapshot()).toEqual(before);
  });

  it('a mandate holder approving in a closed case gets 409 CASUS_GESLOTEN: the status is the obstacle, not the person', async () => {
    const caseId = await freshCase([
      ['klantmanager', 'klantmanager_pw', 'edit'],
      ['teamleider', 'mandaathouder', 'read'],
    ]);
    const proposed = await propose(await as('klantmanager'), caseId, ordinary());
    expect((await (await as('procesregisseur')).post(`/api/cases/${caseId}/close`, { borgingsafspraken: BORGING })).status).toBe(200);
    const tl = await as('teamleider');
    const before = await snapshot();
    expectError(await approve(tl, caseId, proposed.id), 409, 'CASUS_GESLOTEN');
    expect(await snapshot()).toEqual(before);
  });

  it('a deviation in a closed case cannot be revoked (409 CASUS_GESLOTEN): a closed case is read-only', async () => {
    const caseId = await freshCase([
      ['klantmanager', 'klantmanager_pw', 'edit'],
      ['teamleider', 'mandaathouder', 'read'],
    ]);
    const km = await as('klantmanager');
    const proposed = await propose(km, caseId, ordinary());
    expect((await approve(await as('teamleider'), caseId, proposed.id)).status).toBe(200);
    expect((await (await as('procesregisseur')).post(`/api/cases/${caseId}/close`, { borgingsafspraken: BORGING })).status).toBe(200);
    const before = await snapshot();
    expectError(await revoke(km, caseId, proposed.id), 409, 'CASUS_GESLOTEN');
    expect(await snapshot()).toEqual(before);
  });
});
