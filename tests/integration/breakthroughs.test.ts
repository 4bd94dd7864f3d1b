// Breakthrough requests (doorbraakverzoeken) through the API: routing by amount and kind, the
// mandate and four-eyes checks on every decision (each refusal with its exact status and code,
// and nothing written, no audit row either), temporary read access for the mandate holder that
// starts and ends with the request (HTTP and WebSocket), escalation one level up, the
// pseudonymised export above the wethouder, the outcome, and the audit trail of all of it.
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { changePlanDoc } from '../../server/plan/plan-doc';
import { addHouseholdMember } from '../../shared/plan/doc';
import { CLOSE_CODES } from '../../shared/plan/rooms';
import { ApiClient, demoAccounts, startTestServer, type TestServer } from '../support/server';
import { expectError } from '../support/api';
import { addParagraph, barrier, connectSynced, destroyAll, updateRows, waitForText } from '../support/collab';
import { auditRowsSince, count, execSql, maxAuditSeq, queryRows, sqlError } from '../support/db';
import { BORGING, createCaseWith, type Member } from '../support/fixtures';
import { inDays, today, waitFor } from '../support/time';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});

afterEach(() => {
  destroyAll();
});

afterAll(async () => {
  destroyAll();
  await server?.stop();
});

const { as, uid } = demoAccounts(() => server);

// ------------------------------------------------------------------ accounts made through the admin API

interface Account {
  client: ApiClient;
  id: string;
  name: string;
}

const made = new Map<string, Promise<Account>>();
/** Accounts the demo data lacks (a directeur, a second wethouder), made once per file. */
function account(functie: 'directeur' | 'wethouder' | 'teamleider', name: string): Promise<Account> {
  const key = `${functie}:${name}`;
  let p = made.get(key);
  if (!p) {
    p = (async () => {
      const admin = await as('beheer');
      const email = `${functie}-${randomUUID().slice(0, 8)}@zuiderhaven.example`;
      const created = await admin.post('/api/admin/users', { email, name, functie, organisation: 'Gemeente Zuiderhaven', temporaryPassword: 'Tijdelijk-wachtwoord-01' });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      const client = new ApiClient(server.url);
      expect((await client.login(email, 'Tijdelijk-wachtwoord-01')).status).toBe(200);
      const changed = await client.post('/api/auth/password', { currentPassword: 'Tijdelijk-wachtwoord-01', newPassword: 'Eigen-wachtwoord-2026' });
      expect(changed.status, JSON.stringify(changed.body)).toBe(200);
      return { client, id: created.body.id as string, name };
    })();
    made.set(key, p);
  }
  return p;
}
// "Joost Ravensberg": a name that is no ordinary word, so the export test can look for it.
const directeur = () => account('directeur', 'Joost Ravensberg');

// ------------------------------------------------------------------ bodies and helpers

const STUCK = 'Moeder krijgt geen huishoudelijke hulp omdat vader er vaak is; de kinderen verzuimen school en de schulden lopen op.';
const PROPOSAL = 'Een nanny voor twee dagdelen per week, betaald uit het sociaal domein, zolang moeder in behandeling is.';

function request(assigneeId: string, overrides: Record<string, unknown> = {}) {
  return {
    stuck: STUCK,
    stuckSince: inDays(-120),
    proposal: PROPOSAL,
    kind: 'budget',
    laws: ['wmo', 'jeugdwet'],
    rules: 'Beleidsregel Wmo: geen huishoudelijke hulp bij een aanwezige partner; Jeugdwet: een nanny is geen jeugdhulp.',
    costs: {
      carryOn: [
        { label: 'Ambulante jeugdhulp', cents: 14_000_00 },
        { label: 'Schuldhulpverlening en bewindvoering', cents: 6_500_00 },
      ],
      breakthrough: [
        { label: 'Nanny, twee dagdelen per week', cents: 7_200_00, per: 'jaar' },
        { label: 'Opstart en matching', cents: 800_00, per: 'eenmalig' },
      ],
    },
    amountCents: 8_000_00,
    assigneeId,
    ...overrides,
  };
}

const base = (caseId: string) => `/api/cases/${caseId}/breakthroughs`;
const at = (caseId: string, requestId: string, action?: string) => `${base(caseId)}/${requestId}${action ? `/${action}` : ''}`;

async function submit(client: ApiClient, caseId: string, body: Record<string, unknown>): Promise<any> {
  const res = await client.post(base(caseId), body);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

async function act(client: ApiClient, caseId: string, requestId: string, action: string, body: Record<string, unknown>): Promise<any> {
  const res = await client.post(at(caseId, requestId, action), body);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}

const grant = (budgetCents: number, termEnd = inDays(180)) => ({ conditions: 'Evaluatie na drie maanden met het gezin en de jeugdconsulent.', budgetCents, termEnd });
const REFUSE = { reasons: 'Past niet binnen het budget van dit jaar; eerst de voorliggende voorzieningen benutten.' };

/** A fresh open case of the procesregisseur (member with edit), with these members added. */
async function freshCase(members: Member[] = [], title?: string): Promise<string> {
  return (await createCaseWith(await as('procesregisseur'), uid, members, title ? { title } : {})).id;
}

/** A table like Gezin Verbeek: regisseur, professionals, the teamleider (member), an external partner, the household. */
async function tableCase(title?: string): Promise<string> {
  const caseId = await freshCase(
    [
      ['casusregisseur', 'casusregisseur', 'edit'],
      ['klantmanager', 'klantmanager_pw', 'edit'],
      ['teamleider', 'mandaathouder', 'read'],
      ['ggz', 'extern_partner', 'comment'],
      ['inwoner', 'inwoner', 'comment'],
    ],
    title,
  );
  const res = await (await as('procesregisseur')).put(`/api/cases/${caseId}/regisseur`, { userId: uid('casusregisseur') });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return caseId;
}

/** Everything a refused request could have written. Log in (loginCache) before taking it: a login is audited. */
async function snapshot() {
  const all = async (sql: string) => await queryRows(server, sql);
  return {
    requests: await count(server, 'select count(*) as n from breakthrough_requests'),
    versions: await count(server, 'select count(*) as n from breakthrough_versions'),
    events: await count(server, 'select count(*) as n from breakthrough_events'),
    outcomes: await count(server, 'select count(*) as n from breakthrough_outcomes'),
    access: await all('select id, ended_at from temporary_access order by id'),
    limits: await all('select * from breakthrough_amount_limits order by level'),
    kinds: await all('select * from breakthrough_kind_levels order by kind'),
    auditSeq: await maxAuditSeq(server),
  };
}

async function openGrants(caseId: string, userIdOf: string): Promise<number> {
  return await count(server, 'select count(*) as n from temporary_access where case_id = ? and user_id = ? and ended_at is null', caseId, userIdOf);
}

const DEFAULT_ROUTING = {
  amountLimits: { teamleider: 10_000_00, directeur: 50_000_00, wethouder: null },
  kindLevels: { budget: 'teamleider', beleidsregel: 'teamleider', verordening: 'directeur', wet: 'wethouder' },
};

async function setRouting(config: unknown): Promise<void> {
  const res = await (await as('beheer')).put('/api/admin/breakthrough-routing', config);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
}

// ------------------------------------------------------------------ routing

describe('routing: the level follows the amount and the kind', () => {
  it.each([
    ['€ 8.000, budget', { kind: 'budget', amountCents: 8_000_00 }, 'teamleider'],
    ['exactly € 10.000, budget', { kind: 'budget', amountCents: 10_000_00 }, 'teamleider'],
    ['€ 10.000,01, budget', { kind: 'budget', amountCents: 10_000_01 }, 'directeur'],
    ['€ 20.000, budget', { kind: 'budget', amountCents: 20_000_00 }, 'directeur'],
    ['€ 60.000, budget', { kind: 'budget', amountCents: 60_000_00 }, 'wethouder'],
    ['€ 0, verordening', { kind: 'verordening', amountCents: 0 }, 'directeur'],
    ['€ 0, wet', { kind: 'wet', amountCents: 0 }, 'wethouder'],
    ['€ 8.000, wet', { kind: 'wet', amountCents: 8_000_00 }, 'wethouder'],
  ])('%s -> %s, offering only holders of that level or higher (never the requester)', async (_name, q, level) => {
    const dir = await directeur();
    const caseId = await freshCase();
    const pr = await as('procesregisseur');
    const res = await pr.get(`/api/cases/${caseId}/breakthrough-routing?kind=${q.kind}&amountCents=${q.amountCents}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.level).toBe(level);
    const holders = res.body.holders as { id: string; mandate: string; name: string }[];
    const ids = holders.map((h) => h.id);
    expect(ids.includes(uid('wethouder'))).toBe(true);
    expect(ids.includes(dir.id)).toBe(level !== 'wethouder');
    expect(ids.includes(uid('teamleider'))).toBe(level === 'teamleider');
    expect(ids).not.toContain(uid('procesregisseur'));
    // Mandate holders need not be members: the wethouder is not at this table.
    expect(holders.find((h) => h.id === uid('wethouder'))).toMatchObject({ name: 'Ingrid Maas', functie: 'wethouder', mandate: 'wethouder' });
  });

  it('a submission routes the same way: € 8.000 to the teamleider, € 20.000 to the directeur, kind "wet" to the wethouder', async () => {
    const dir = await directeur();
    const pr = await as('procesregisseur');
    const caseId = await freshCase();
    const a = await submit(pr, caseId, request(uid('teamleider')));
    const b = await submit(pr, caseId, request(dir.id, { amountCents: 20_000_00 }));
    const c = await submit(pr, caseId, request(uid('wethouder'), { kind: 'wet', amountCents: 0 }));
    expect([a.level, b.level, c.level]).toEqual(['teamleider', 'directeur', 'wethouder']);
    const levels = await queryRows(server, "select level, assignee_id from breakthrough_events where kind = 'voorgelegd' and request_id in (?, ?, ?) order by id", a.id, b.id, c.id);
    expect(levels).toEqual([
      { level: 'teamleider', assignee_id: uid('teamleider') },
      { level: 'directeur', assignee_id: dir.id },
      { level: 'wethouder', assignee_id: uid('wethouder') },
    ]);
  });

  it('a mandate holder below the required level cannot be chosen (422 MANDAAT_TE_LAAG), nor someone without a mandate (422 GEEN_MANDAATHOUDER); nothing written', async () => {
    const pr = await as('procesregisseur');
    const caseId = await freshCase();
    const before = await snapshot();
    expectError(await pr.post(base(caseId), request(uid('teamleider'), { amountCents: 20_000_00 })), 422, 'MANDAAT_TE_LAAG');
    expectError(await pr.post(base(caseId), request(uid('teamleider'), { kind: 'wet' })), 422, 'MANDAAT_TE_LAAG');
    expectError(await pr.post(base(caseId), request(uid('klantmanager'))), 422, 'GEEN_MANDAATHOUDER');
    expectError(await pr.post(base(caseId), request(uid('procesregisseur'))), 422, 'GEEN_MANDAATHOUDER');
    expectError(await pr.post(base(caseId), request(randomUUID())), 422, 'GEEN_MANDAATHOUDER');
    expect(await snapshot()).toEqual(before);
  });

  it('only a procesregisseur with edit rights may ask for routing or file a request (403); a non-member gets 404', async () => {
    const caseId = await tableCase();
    const km = await as('klantmanager');
    const cr = await as('casusregisseur');
    const wh = await as('wethouder');
    const before = await snapshot();
    expectError(await km.get(`/api/cases/${caseId}/breakthrough-routing?kind=budget&amountCents=100`), 403, 'GEEN_TOESTEMMING');
    expectError(await km.post(base(caseId), request(uid('teamleider'))), 403, 'GEEN_TOESTEMMING');
    expectError(await cr.post(base(caseId), request(uid('teamleider'))), 403, 'GEEN_TOESTEMMING');
    expectError(await wh.post(base(caseId), request(uid('teamleider'))), 404, 'CASUS_NIET_GEVONDEN');
    expectError(await wh.get(`/api/cases/${caseId}/breakthrough-routing?kind=budget`), 404, 'CASUS_NIET_GEVONDEN');
    expect(await snapshot()).toEqual(before);
  });
});

describe('routing: the amount counts at least the first-year cost of the breakthrough', () => {
  // € 1.000 asked, but the breakthrough costs € 12.000 once and € 8.000 a year: € 20.000 in its first year.
  const COSTLY = {
    carryOn: [{ label: 'Ambulante jeugdhulp', cents: 30_000_00 }],
    breakthrough: [
      { label: 'Verbouwing voor een zorgkamer', cents: 12_000_00, per: 'eenmalig' },
      { label: 'Begeleiding thuis', cents: 8_000_00, per: 'jaar' },
    ],
  };

  it('the routing preview takes the higher of the budget and the first-year cost, and says so', async () => {
    const pr = await as('procesregisseur');
    const caseId = await freshCase();
    const low = await pr.get(`/api/cases/${caseId}/breakthrough-routing?kind=budget&amountCents=${1_000_00}&firstYearCents=${20_000_00}`);
    expect(low.status, JSON.stringify(low.body)).toBe(200);
    expect(low.body).toMatchObject({ level: 'directeur', kindLevel: 'teamleider', amountLevel: 'directeur', effectiveAmountCents: 20_000_00, deviationLevel: null });
    expect(low.body.holders.map((h: { id: string }) => h.id)).not.toContain(uid('teamleider'));
    // A budget above the first-year cost still counts in full.
    const high = await pr.get(`/api/cases/${caseId}/breakthrough-routing?kind=budget&amountCents=${60_000_00}&firstYearCents=${20_000_00}`);
    expect(high.body).toMatchObject({ level: 'wethouder', effectiveAmountCents: 60_000_00 });
    expectError(await pr.get(`/api/cases/${caseId}/breakthrough-routing?kind=budget&firstYearCents=-1`), 400, 'ONGELDIGE_INVOER');
  });

  it('a submission asking € 1.000 for a breakthrough of € 20.000 goes to the directeur: the teamleider cannot be chosen (422), nothing written', async () => {
    const dir = await directeur();
    const pr = await as('procesregisseur');
    const caseId = await freshCase();
    const before = await snapshot();
    expectError(await pr.post(base(caseId), request(uid('teamleider'), { amountCents: 1_000_00, costs: COSTLY })), 422, 'MANDAAT_TE_LAAG');
    expect(await snapshot()).toEqual(before);

    const seq = await maxAuditSeq(server);
    const r = await submit(pr, caseId, request(dir.id, { amountCents: 1_000_00, costs: COSTLY }));
    expect(r.level).toBe('directeur');
    expect(r.current).toMatchObject({ amountCents: 1_000_00, effectiveAmountCents: 20_000_00, totals: { breakthroughFirstYear: 20_000_00 } });
    const submitted = (await auditRowsSince(server, seq)).find((x) => x.action === 'breakthrough.submitted')!;
    expect(JSON.parse(submitted.detail)).toMatchObject({ level: 'directeur', amountCents: 1_000_00, effectiveAmountCents: 20_000_00 });
  });

  it('the grant limit applies to the first-year cost too: a small budget does not bring a costly breakthrough within a lower limit (422 BOVEN_BEDRAGGRENS)', async () => {
    const dir = await directeur();
    const pr = await as('procesregisseur');
    const caseId = await tableCase();
    const r = await submit(pr, caseId, request(dir.id, { amountCents: 1_000_00, costs: COSTLY }));
    // The administrator lowers the directeur's limit below the first-year cost after routing.
    await setRouting({ ...DEFAULT_ROUTING, amountLimits: { teamleider: 10_000_00, directeur: 15_000_00, wethouder: null } });
    try {
      const before = await snapshot();
      const refused = await dir.client.post(at(caseId, r.id, 'grant'), grant(1_000_00));
      expectError(refused, 422, 'BOVEN_BEDRAGGRENS');
      expect(refused.body.error.message).toContain('eerste jaar');
      expect(await snapshot()).toEqual(before);
    } finally {
      await setRouting(DEFAULT_ROUTING);
    }
    // Within the limit again, the same grant goes through.
    expect((await act(dir.client, caseId, r.id, 'grant', grant(1_000_00))).status).toBe('toegekend');
  });
});

describe('routing: linked deviations raise the level to the mandate they need', () => {
  async function setRule(law: string, route: string, level: string): Promise<void> {
    const res = await (await as('beheer')).put(`/api/admin/mandate-rules/${law}/${route}`, { level });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
  }
  async function deviation(caseId: string, law: string, route: string): Promise<string> {
    const res = await (await as('procesregisseur')).post(`/api/cases/${caseId}/deviations`, {
      law,
      rule: `${law}: een regel waarvan wordt afgeweken`,
      route,
      willDo: 'Wat wel gebeurt.',
      willNotDo: 'Wat niet gebeurt.',
      reasoning: 'Een motivering van voldoende lengte voor deze afwijking.',
      startDate: today(),
      endDate: inDays(120),
      reviewDate: inDays(60),
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body.id as string;
  }

  it('a deviation whose rule needs the wethouder takes a small budget request to the wethouder; without the link it stays with the teamleider', async () => {
    await setRule('wmo', 'hardheidsclausule', 'wethouder');
    try {
      const pr = await as('procesregisseur');
      const caseId = await freshCase();
      const high = await deviation(caseId, 'wmo', 'hardheidsclausule');
      const plain = await deviation(caseId, 'jeugdwet', 'awb_4_84'); // the default rule: teamleider

      const q = (ids: string) => pr.get(`/api/cases/${caseId}/breakthrough-routing?kind=budget&amountCents=${1_000_00}&firstYearCents=${1_000_00}${ids ? `&deviationIds=${ids}` : ''}`);
      expect((await q('')).body).toMatchObject({ level: 'teamleider', deviationLevel: null });
      expect((await q(plain)).body).toMatchObject({ level: 'teamleider', deviationLevel: 'teamleider' });
      const raised = (await q(`${plain},${high}`)).body;
      expect(raised).toMatchObject({ level: 'wethouder', kindLevel: 'teamleider', amountLevel: 'teamleider', deviationLevel: 'wethouder' });
      expect(raised.holders.map((h: { id: string }) => h.id)).toEqual([uid('wethouder')]);
      expectError(await q(randomUUID()), 422, 'ONBEKENDE_AFWIJKING');
      expectError(await pr.get(`/api/cases/${caseId}/breakthrough-routing?kind=budget&deviationIds=a,,b`), 400, 'ONGELDIGE_INVOER');

      const cheap = { amountCents: 1_000_00, costs: { carryOn: [{ label: 'Jeugdhulp', cents: 5_000_00 }], breakthrough: [{ label: 'Nanny', cents: 1_000_00, per: 'jaar' }] } };
      const before = await snapshot();
      expectError(await pr.post(base(caseId), request(uid('teamleider'), { ...cheap, deviationIds: [high] })), 422, 'MANDAAT_TE_LAAG');
      expect(await snapshot()).toEqual(before);
      expect((await submit(pr, caseId, request(uid('wethouder'), { ...cheap, deviationIds: [high] }))).level).toBe('wethouder');
      expect((await submit(pr, caseId, request(uid('teamleider'), { ...cheap, deviationIds: [plain] }))).level).toBe('teamleider');
    } finally {
      await setRule('wmo', 'hardheidsclausule', 'teamleider');
    }
  });
});

describe('routing configuration (functional administrator)', () => {
  it('GET gives the defaults; PUT changes them, is audited, and routing follows', async () => {
    const admin = await as('beheer');
    const res = await admin.get('/api/admin/breakthrough-routing');
    expect(res.status).toBe(200);
    expect(res.body).toEqual(DEFAULT_ROUTING);

    const seq = await maxAuditSeq(server);
    const changed = { amountLimits: { teamleider: 5_000_00, directeur: 25_000_00, wethouder: null }, kindLevels: { ...DEFAULT_ROUTING.kindLevels, beleidsregel: 'directeur' } };
    const put = await admin.put('/api/admin/breakthrough-routing', changed);
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    expect(put.body).toEqual(changed);
    const rows = await auditRowsSince(server, seq);
    expect(rows.map((r) => r.action)).toEqual(['breakthrough_routing.set']);
    expect(rows[0]).toMatchObject({ actor_user_id: uid('beheer'), case_id: null });
    expect(JSON.parse(rows[0]!.detail)).toEqual(changed);

    const pr = await as('procesregisseur');
    const caseId = await freshCase();
    expect((await pr.get(`/api/cases/${caseId}/breakthrough-routing?kind=budget&amountCents=800000`)).body.level).toBe('directeur');
    expect((await pr.get(`/api/cases/${caseId}/breakthrough-routing?kind=beleidsregel&amountCents=0`)).body.level).toBe('directeur');
    await setRouting(DEFAULT_ROUTING);
    expect((await admin.get('/api/admin/breakthrough-routing')).body).toEqual(DEFAULT_ROUTING);
  });

  it('limits must rise with the level (422 GRENZEN_NIET_OPLOPEND); bad bodies 400; others 403; nothing written', async () => {
    const admin = await as('beheer');
    const pr = await as('procesregisseur');
    const wh = await as('wethouder');
    const before = await snapshot();
    expectError(await admin.put('/api/admin/breakthrough-routing', { ...DEFAULT_ROUTING, amountLimits: { teamleider: 20_000_00, directeur: 10_000_00, wethouder: null } }), 422, 'GRENZEN_NIET_OPLOPEND');
    expectError(await admin.put('/api/admin/breakthrough-routing', { ...DEFAULT_ROUTING, amountLimits: { teamleider: null, directeur: 10_000_00, wethouder: null } }), 422, 'GRENZEN_NIET_OPLOPEND');
    expectError(await admin.put('/api/admin/breakthrough-routing', { ...DEFAULT_ROUTING, amountLimits: { teamleider: 1.5, directeur: 10_000_00, wethouder: null } }), 400, 'ONGELDIGE_INVOER');
    expectError(await admin.put('/api/admin/breakthrough-routing', { ...DEFAULT_ROUTING, kindLevels: { ...DEFAULT_ROUTING.kindLevels, wet: 'burgemeester' } }), 400, 'ONGELDIGE_INVOER');
    expectError(await admin.put('/api/admin/breakthrough-routing', { amountLimits: DEFAULT_ROUTING.amountLimits }), 400, 'ONGELDIGE_INVOER');
    for (const c of [pr, wh]) {
      expectError(await c.get('/api/admin/breakthrough-routing'), 403, 'GEEN_TOESTEMMING');
      expectError(await c.put('/api/admin/breakthrough-routing', DEFAULT_ROUTING), 403, 'GEEN_TOESTEMMING');
    }
    expect(await snapshot()).toEqual(before);
  });

  it('with a limit on the wethouder too, an amount above every limit cannot be filed (422 BEDRAG_BOVEN_ALLE_GRENZEN)', async () => {
    await setRouting({ ...DEFAULT_ROUTING, amountLimits: { teamleider: 10_000_00, directeur: 50_000_00, wethouder: 100_000_00 } });
    try {
      const pr = await as('procesregisseur');
      const caseId = await freshCase();
      const before = await snapshot();
      expectError(await pr.get(`/api/cases/${caseId}/breakthrough-routing?kind=budget&amountCents=${150_000_00}`), 422, 'BEDRAG_BOVEN_ALLE_GRENZEN');
      expectError(await pr.post(base(caseId), request(uid('wethouder'), { amountCents: 150_000_00 })), 422, 'BEDRAG_BOVEN_ALLE_GRENZEN');
      expect(await snapshot()).toEqual(before);
    } finally {
      await setRouting(DEFAULT_ROUTING);
    }
  });
});

// ------------------------------------------------------------------ filing

describe('filing a request', () => {
  it('stores version 1 and the routing, computes the cost comparison, starts read access for the (non-member) assignee, all audited', async () => {
    const pr = await as('procesregisseur');
    const caseId = await tableCase();
    // A vraagstuk and a deviation of this case to link.
    const vs = await pr.post(`/api/cases/${caseId}/vraagstukken`, { title: 'Zorg voor de kinderen naast de behandeling van moeder' });
    expect(vs.status, JSON.stringify(vs.body)).toBe(201);
    const dev = await (await as('klantmanager')).post(`/api/cases/${caseId}/deviations`, {
      law: 'participatiewet',
      rule: 'Participatiewet art. 3 (gezamenlijke huishouding)',
      route: 'awb_4_84',
      willDo: 'Vader blijft betrokken.',
      willNotDo: 'Vermoeden niet actief oppakken.',
      reasoning: 'Vader brengt stabiliteit; onderzoek zou het gedeelde doel ondermijnen.',
      startDate: today(),
      endDate: inDays(120),
      reviewDate: inDays(60),
      internal: true,
    });
    expect(dev.status, JSON.stringify(dev.body)).toBe(201);
    const seq = await maxAuditSeq(server);

    const created = await submit(pr, caseId, request(uid('wethouder'), { amountCents: 60_000_00, vraagstukIds: [vs.body.id], deviationIds: [dev.body.id, dev.body.id] }));
    expect(created).toMatchObject({
      caseId,
      status: 'ingediend',
      level: 'wethouder',
      createdBy: { id: uid('procesregisseur'), name: 'Priya Ramdin' },
      grant: null,
      outcome: null,
      escalationLevel: null,
      waiting: { on: 'besluit', who: { id: uid('wethouder'), name: 'Ingrid Maas' }, level: 'wethouder' },
      can: { decide: false, amend: false, escalate: false, export: false, download: false, withdraw: true, recordOutcome: false },
    });
    expect(created.current).toMatchObject({
      version: 1,
      stuck: STUCK,
      proposal: PROPOSAL,
      kind: 'budget',
      laws: ['wmo', 'jeugdwet'],
      vraagstukken: [{ id: vs.body.id, title: 'Zorg voor de kinderen naast de behandeling van moeder' }],
      deviations: [{ id: dev.body.id, law: 'participatiewet', status: 'voorgesteld', internal: true }],
      amountCents: 60_000_00,
      submittedBy: { id: uid('procesregisseur') },
    });
    // The comparison, computed by the server: € 20.500 a year now against € 800 once and € 7.200 a year.
    expect(created.current.totals).toEqual({
      carryOnPerYear: 20_500_00,
      breakthroughOnce: 800_00,
      breakthroughPerYear: 7_200_00,
      breakthroughFirstYear: 8_000_00,
      differenceFirstYear: 12_500_00,
      differencePerYear: 13_300_00,
    });
    expect(created.versions).toHaveLength(1);
    expect(created.events).toMatchObject([{ kind: 'voorgelegd', level: 'wethouder', assignee: { id: uid('wethouder'), name: 'Ingrid Maas' }, by: { id: uid('procesregisseur') }, version: 1 }]);
    expect(await openGrants(caseId, uid('wethouder'))).toBe(1);

    const rows = await auditRowsSince(server, seq);
    expect(rows.map((r) => r.action)).toEqual(['breakthrough.submitted', 'temporary_access.started']);
    for (const r of rows) expect(r).toMatchObject({ actor_user_id: uid('procesregisseur'), case_id: caseId, ip: '127.0.0.1' });
    expect(JSON.parse(rows[0]!.detail)).toEqual({ requestId: created.id, version: 1, kind: 'budget', level: 'wethouder', assigneeId: uid('wethouder'), amountCents: 60_000_00, effectiveAmountCents: 60_000_00 });
    expect(JSON.parse(rows[1]!.detail)).toEqual({ requestId: created.id, userId: uid('wethouder') });

    // The same view from the single route and in the list.
    const one = await pr.get(at(caseId, created.id));
    expect(one.body).toEqual(created);
    const list = await pr.get(base(caseId));
    expect(list.body).toEqual({ requests: [created], temporaryAccessFor: [], canRequest: true });
  });

  it('a member assignee (the teamleider at the table) gets no temporary grant', async () => {
    const pr = await as('procesregisseur');
    const caseId = await tableCase();
    const seq = await maxAuditSeq(server);
    await submit(pr, caseId, request(uid('teamleider')));
    expect((await auditRowsSince(server, seq)).map((r) => r.action)).toEqual(['breakthrough.submitted']);
    expect(await count(server, 'select count(*) as n from temporary_access where case_id = ?', caseId)).toBe(0);
  });

  it.each([
    ['a date in the future', { stuckSince: inDays(2) }, 422, 'DATUM_IN_TOEKOMST'],
    ['a vraagstuk of another case', { vraagstukIds: ['__other_vraagstuk__'] }, 422, 'ONBEKEND_VRAAGSTUK'],
    ['a deviation of another case', { deviationIds: ['__other_deviation__'] }, 422, 'ONBEKENDE_AFWIJKING'],
    ['no laws', { laws: [] }, 400, 'ONGELDIGE_INVOER'],
    ['no cost lines of carrying on', { costs: { carryOn: [], breakthrough: [{ label: 'Nanny', cents: 100, per: 'jaar' }] } }, 400, 'ONGELDIGE_INVOER'],
    ['a negative amount', { amountCents: -1 }, 400, 'ONGELDIGE_INVOER'],
    ['euros instead of cents', { amountCents: 8000.5 }, 400, 'ONGELDIGE_INVOER'],
    ['an unknown kind', { kind: 'gunst' }, 400, 'ONGELDIGE_INVOER'],
    ['an unknown field', { urgent: true }, 400, 'ONGELDIGE_INVOER'],
    ['an impossible date', { stuckSince: '2026-02-30' }, 400, 'ONGELDIGE_INVOER'],
  ])('%s -> %i %s, nothing written', async (_name, overrides, status, code) => {
    const pr = await as('procesregisseur');
    const caseId = await freshCase();
    // Ids that exist, but in another case.
    const other = await freshCase();
    const vs = await pr.post(`/api/cases/${other}/vraagstukken`, { title: 'Vraagstuk van een ander huishouden' });
    const dev = await (await as('procesregisseur')).post(`/api/cases/${other}/deviations`, {
      law: 'wmo', rule: 'Beleidsregel Wmo', route: 'hardheidsclausule', willDo: 'Iets.', willNotDo: 'Iets niet.', reasoning: 'Een motivering van voldoende lengte.', startDate: today(), endDate: inDays(30), reviewDate: inDays(20),
    });
    const o = JSON.parse(JSON.stringify(overrides).replace('__other_vraagstuk__', vs.body.id).replace('__other_deviation__', dev.body.id));
    const before = await snapshot();
    expectError(await pr.post(base(caseId), request(uid('teamleider'), o)), status, code);
    expect(await snapshot()).toEqual(before);
  });

  it('a closed case takes no requests (409 CASUS_GESLOTEN), nothing written', async () => {
    const pr = await as('procesregisseur');
    const caseId = await freshCase();
    expect((await pr.post(`/api/cases/${caseId}/close`, { borgingsafspraken: BORGING })).status).toBe(200);
    const before = await snapshot();
    expectError(await pr.post(base(caseId), request(uid('teamleider'))), 409, 'CASUS_GESLOTEN');
    expect(await snapshot()).toEqual(before);
  });
});

// ------------------------------------------------------------------ who sees requests

describe('requests are for municipal staff and the assigned mandate holder only', () => {
  it('the external partner and the household get an empty list and 404 for a request; staff members see it', async () => {
    const pr = await as('procesregisseur');
    const caseId = await tableCase();
    const created = await submit(pr, caseId, request(uid('teamleider')));
    for (const key of ['ggz', 'inwoner']) {
      const c = await as(key);
      const list = await c.get(base(caseId));
      expect(list.status, key).toBe(200);
      expect(list.body, key).toEqual({ requests: [], temporaryAccessFor: [], canRequest: false });
      expectError(await c.get(at(caseId, created.id)), 404, 'NIET_GEVONDEN');
      expectError(await c.post(at(caseId, created.id, 'grant'), grant(100)), 404, 'NIET_GEVONDEN');
    }
    for (const key of ['casusregisseur', 'klantmanager', 'teamleider']) {
      const res = await (await as(key)).get(at(caseId, created.id));
      expect(res.status, key).toBe(200);
    }
    // Not a member and not assigned: 404 for the case itself.
    expectError(await (await as('wethouder')).get(base(caseId)), 404, 'CASUS_NIET_GEVONDEN');
    expectError(await pr.get(at(caseId, randomUUID())), 404, 'NIET_GEVONDEN');
    // A request id of another case is not found through this case.
    const other = await freshCase();
    expectError(await pr.get(at(other, created.id)), 404, 'NIET_GEVONDEN');
  });
});

// ------------------------------------------------------------------ decisions: mandate and four eyes

describe('decisions: mandate thresholds and four eyes, each refusal writes nothing', () => {
  it('the requester cannot decide (403 VIER_OGEN)', async () => {
    const pr = await as('procesregisseur');
    const caseId = await tableCase();
    const r = await submit(pr, caseId, request(uid('teamleider')));
    const before = await snapshot();
    expectError(await pr.post(at(caseId, r.id, 'grant'), grant(8_000_00)), 403, 'VIER_OGEN');
    expectError(await pr.post(at(caseId, r.id, 'refuse'), REFUSE), 403, 'VIER_OGEN');
    expectError(await pr.post(at(caseId, r.id, 'return'), { missing: 'Iets.' }), 403, 'VIER_OGEN');
    expect(await snapshot()).toEqual(before);
  });

  it('a professional without a mandate cannot decide (403 GEEN_TOESTEMMING)', async () => {
    const pr = await as('procesregisseur');
    const caseId = await tableCase();
    const r = await submit(pr, caseId, request(uid('teamleider')));
    const before = await snapshot();
    for (const key of ['casusregisseur', 'klantmanager']) expectError(await (await as(key)).post(at(caseId, r.id, 'grant'), grant(8_000_00)), 403, 'GEEN_TOESTEMMING');
    expect(await snapshot()).toEqual(before);
  });

  it('a mandate holder to whom it was not routed cannot decide (403 NIET_TOEGEWEZEN)', async () => {
    const pr = await as('procesregisseur');
    const caseId = await tableCase();
    // A teamleider-level request, routed to the wethouder: the teamleider at the table holds the level but is not the assignee.
    const r = await submit(pr, caseId, request(uid('wethouder')));
    const tl = await as('teamleider');
    const before = await snapshot();
    expectError(await tl.post(at(caseId, r.id, 'grant'), grant(8_000_00)), 403, 'NIET_TOEGEWEZEN');
    expectError(await tl.post(at(caseId, r.id, 'refuse'), REFUSE), 403, 'NIET_TOEGEWEZEN');
    expect(await snapshot()).toEqual(before);
    expect((await tl.get(at(caseId, r.id))).body.can.decide).toBe(false);
    expect((await (await as('wethouder')).get(at(caseId, r.id))).body.can.decide).toBe(true);
  });

  it('a decision above one\'s mandate is refused (403 BOVEN_MANDAAT)', async () => {
    const pr = await as('procesregisseur');
    const dir = await directeur();
    const caseId = await tableCase();
    const r = await submit(pr, caseId, request(dir.id, { amountCents: 20_000_00 }));
    const tl = await as('teamleider');
    const before = await snapshot();
    expectError(await tl.post(at(caseId, r.id, 'grant'), grant(20_000_00)), 403, 'BOVEN_MANDAAT');
    expectError(await tl.post(at(caseId, r.id, 'return'), { missing: 'Iets.' }), 403, 'BOVEN_MANDAAT');
    expect(await snapshot()).toEqual(before);
  });

  it('an amount above the decider\'s limit cannot be granted at that level (422 BOVEN_BEDRAGGRENS), nor more than was asked; the term must lie ahead', async () => {
    const pr = await as('procesregisseur');
    const caseId = await tableCase();
    // A breakthrough of € 5.000 in its first year, for which € 8.000 budget is asked.
    const costs = { carryOn: [{ label: 'Ambulante jeugdhulp', cents: 14_000_00 }], breakthrough: [{ label: 'Nanny', cents: 4_200_00, per: 'jaar' }, { label: 'Opstart', cents: 800_00, per: 'eenmalig' }] };
    const r = await submit(pr, caseId, request(uid('teamleider'), { costs }));
    const tl = await as('teamleider');
    // The administrator lowers the teamleider's limit after the request was routed.
    await setRouting({ ...DEFAULT_ROUTING, amountLimits: { teamleider: 5_000_00, directeur: 50_000_00, wethouder: null } });
    try {
      const before = await snapshot();
      expectError(await tl.post(at(caseId, r.id, 'grant'), grant(8_000_00)), 422, 'BOVEN_BEDRAGGRENS');
      expectError(await tl.post(at(caseId, r.id, 'grant'), grant(5_000_01)), 422, 'BOVEN_BEDRAGGRENS');
      expectError(await tl.post(at(caseId, r.id, 'grant'), grant(9_000_00)), 422, 'BUDGET_BOVEN_AANVRAAG');
      expectError(await tl.post(at(caseId, r.id, 'grant'), grant(4_000_00, today())), 422, 'TERMIJN_VERLEDEN');
      expectError(await tl.post(at(caseId, r.id, 'grant'), { ...grant(4_000_00), conditions: '' }), 400, 'ONGELDIGE_INVOER');
      expect(await snapshot()).toEqual(before);
      // Within the limit it can.
      const seq = await maxAuditSeq(server);
      const granted = await act(tl, caseId, r.id, 'grant', grant(5_000_00));
      expect(granted.status).toBe('toegekend');
      expect(granted.grant).toMatchObject({ by: { id: uid('teamleider'), name: 'Ruud Smeets' }, mandate: 'teamleider', budgetCents: 5_000_00, termEnd: inDays(180) });
      expect((await auditRowsSince(server, seq)).map((r2) => r2.action)).toEqual(['breakthrough.granted']);
    } finally {
      await setRouting(DEFAULT_ROUTING);
    }
  });

  it('a decided request cannot be decided again (409 NIET_IN_BEHANDELING)', async () => {
    const pr = await as('procesregisseur');
    const caseId = await tableCase();
    const r = await submit(pr, caseId, request(uid('teamleider')));
    const tl = await as('teamleider');
    await act(tl, caseId, r.id, 'refuse', REFUSE);
    const before = await snapshot();
    expectError(await tl.post(at(caseId, r.id, 'grant'), grant(1_000_00)), 409, 'NIET_IN_BEHANDELING');
    expectError(await tl.post(at(caseId, r.id, 'refuse'), REFUSE), 409, 'NIET_IN_BEHANDELING');
    expect(await snapshot()).toEqual(before);
  });
});

// ------------------------------------------------------------------ temporary access

describe('temporary access starts and ends with the request', () => {
  it('the wethouder (no member): 404 before, read-only while awaiting (HTTP and WebSocket), 404 after the decision; start and end audited', async () => {
    const pr = await as('procesregisseur');
    const wh = await as('wethouder');
    const cr = await as('casusregisseur');
    const caseId = await tableCase();
    expectError(await wh.get(`/api/cases/${caseId}`), 404, 'CASUS_NIET_GEVONDEN');
    const r = await submit(pr, caseId, request(uid('wethouder'), { kind: 'wet', amountCents: 0 }));

    const seen = await wh.get(`/api/cases/${caseId}`);
    expect(seen.status).toBe(200);
    expect(seen.body.me).toMatchObject({ caseRole: 'mandaathouder', access: 'read' });
    expect(seen.body.me.can['plan.edit']).toBe(false);
    expect(seen.body.members.map((m: { userId: string }) => m.userId)).not.toContain(uid('wethouder'));
    const list = await wh.get(base(caseId));
    expect(list.body.temporaryAccessFor).toEqual([r.id]);
    expect(list.body.requests[0].can.decide).toBe(true);
    // Writing is refused.
    const before = await snapshot();
    expectError(await wh.post(`/api/cases/${caseId}/members`, { userId: uid('wmo'), caseRole: 'consulent_wmo', access: 'edit' }), 403, 'GEEN_TOESTEMMING');
    expect(await snapshot()).toEqual(before);

    // The plan room: the wethouder reads along, her edits are dropped.
    const writer = await connectSynced(server, cr, caseId);
    const reader = await connectSynced(server, wh, caseId);
    addParagraph(writer.doc, 'De regisseur schrijft het plan.');
    await waitForText(reader, 'De regisseur schrijft het plan.');
    addParagraph(reader.doc, 'De wethouder schrijft mee.');
    await barrier(reader, [writer]);
    expect((await updateRows(server.db, caseId)).filter((u) => u.user_id === uid('wethouder'))).toEqual([]);

    // The decision ends the grant, in the same transaction, audited; her socket is closed.
    const seq = await maxAuditSeq(server);
    const granted = await act(wh, caseId, r.id, 'grant', grant(0));
    expect(granted).toMatchObject({ status: 'toegekend', grant: { mandate: 'wethouder', budgetCents: 0 }, can: { decide: false } });
    const rows = await auditRowsSince(server, seq);
    expect(rows.map((x) => x.action)).toEqual(['breakthrough.granted', 'temporary_access.ended']);
    expect(rows[1]).toMatchObject({ actor_user_id: uid('wethouder'), case_id: caseId });
    expect(JSON.parse(rows[1]!.detail)).toEqual({ requestId: r.id, userId: uid('wethouder'), reason: 'toegekend' });
    expect(await openGrants(caseId, uid('wethouder'))).toBe(0);
    await waitFor(async () => reader.closeCodes.includes(CLOSE_CODES.forbidden));
    expectError(await wh.get(`/api/cases/${caseId}`), 404, 'CASUS_NIET_GEVONDEN');
    expectError(await wh.get(at(caseId, r.id)), 404, 'CASUS_NIET_GEVONDEN');
  });

  it('closing the case withdraws the pending request and ends the grant, in the closing transaction', async () => {
    const pr = await as('procesregisseur');
    const wh = await as('wethouder');
    const caseId = await tableCase();
    const r = await submit(pr, caseId, request(uid('wethouder'), { kind: 'wet', amountCents: 0 }));
    expect((await wh.get(`/api/cases/${caseId}`)).status).toBe(200);
    const seq = await maxAuditSeq(server);
    const closed = await pr.post(`/api/cases/${caseId}/close`, { borgingsafspraken: BORGING });
    expect(closed.status, JSON.stringify(closed.body)).toBe(200);
    expect((await auditRowsSince(server, seq)).map((x) => x.action)).toEqual(['case.closed', 'breakthrough.withdrawn', 'temporary_access.ended']);
    expect(await openGrants(caseId, uid('wethouder'))).toBe(0);
    expectError(await wh.get(`/api/cases/${caseId}`), 404, 'CASUS_NIET_GEVONDEN');
    expect((await pr.get(at(caseId, r.id))).body.status).toBe('ingetrokken');
  });

  it('after "terug voor aanvulling" the grant ends; the amended version starts a new one and is routed again', async () => {
    const pr = await as('procesregisseur');
    const wh = await as('wethouder');
    const caseId = await tableCase();
    const r = await submit(pr, caseId, request(uid('wethouder'), { amountCents: 60_000_00 }));
    const seq = await maxAuditSeq(server);
    const returned = await act(wh, caseId, r.id, 'return', { missing: 'Onderbouw de kosten van de nanny met een offerte.' });
    expect(returned).toMatchObject({ status: 'terug_voor_aanvulling', waiting: { on: 'aanvulling', who: { id: uid('procesregisseur') } } });
    expect((await auditRowsSince(server, seq)).map((x) => x.action)).toEqual(['breakthrough.returned', 'temporary_access.ended']);
    expectError(await wh.get(`/api/cases/${caseId}`), 404, 'CASUS_NIET_GEVONDEN');

    // Only a returned request can be amended; the amendment is routed again, never below the level that returned it.
    const seq2 = await maxAuditSeq(server);
    const amended = await act(pr, caseId, r.id, 'versions', request(uid('wethouder'), { amountCents: 9_000_00, proposal: `${PROPOSAL} Offerte bijgevoegd: € 9.000.` }));
    expect(amended).toMatchObject({ status: 'ingediend', level: 'wethouder', current: { version: 2, amountCents: 9_000_00 } });
    expect(amended.versions.map((v: { version: number }) => v.version)).toEqual([1, 2]);
    expect(amended.events.map((e: { kind: string; version: number }) => `${e.kind}:${e.version}`)).toEqual(['voorgelegd:1', 'terug:1', 'voorgelegd:2']);
    expect((await auditRowsSince(server, seq2)).map((x) => x.action)).toEqual(['breakthrough.submitted', 'temporary_access.started']);
    expect((await wh.get(`/api/cases/${caseId}`)).status).toBe(200);
    // Once resubmitted it is no longer "terug": a second amendment is refused.
    const before = await snapshot();
    expectError(await pr.post(at(caseId, r.id, 'versions'), request(uid('teamleider'))), 409, 'NIET_TERUG');
    expect(await snapshot()).toEqual(before);
  });

  it('an amended version may not go to a level below the one that returned it (422 MANDAAT_TE_LAAG)', async () => {
    const pr = await as('procesregisseur');
    const dir = await directeur();
    const caseId = await tableCase();
    const r = await submit(pr, caseId, request(dir.id, { amountCents: 20_000_00 }));
    await act(dir.client, caseId, r.id, 'return', { missing: 'Offerte ontbreekt.' });
    const before = await snapshot();
    expectError(await pr.post(at(caseId, r.id, 'versions'), request(uid('teamleider'), { amountCents: 5_000_00 })), 422, 'MANDAAT_TE_LAAG');
    expect(await snapshot()).toEqual(before);
  });

  it('withdrawing ends the grant (audited)', async () => {
    const pr = await as('procesregisseur');
    const wh = await as('wethouder');
    const caseId = await tableCase();
    const r = await submit(pr, caseId, request(uid('wethouder')));
    const seq = await maxAuditSeq(server);
    const withdrawn = await act(pr, caseId, r.id, 'withdraw', { reason: 'Het gezin heeft zelf een oplossing gevonden.' });
    expect(withdrawn).toMatchObject({ status: 'ingetrokken', waiting: null, can: { withdraw: false } });
    expect((await auditRowsSince(server, seq)).map((x) => x.action)).toEqual(['breakthrough.withdrawn', 'temporary_access.ended']);
    expectError(await wh.get(`/api/cases/${caseId}`), 404, 'CASUS_NIET_GEVONDEN');
    const before = await snapshot();
    expectError(await pr.post(at(caseId, r.id, 'withdraw'), { reason: 'Nog eens.' }), 409, 'NIET_INTREKBAAR');
    expect(await snapshot()).toEqual(before);
  });
});

// ------------------------------------------------------------------ escalation and export

describe('escalation one level up, and above the wethouder the export', () => {
  it('teamleider refuses -> directeur (new grant) refuses -> wethouder (new grant) refuses -> export; each step audited', async () => {
    const pr = await as('procesregisseur');
    const tl = await as('teamleider');
    const wh = await as('wethouder');
    const dir = await directeur();
    const caseId = await tableCase();
    const r = await submit(pr, caseId, request(uid('teamleider')));

    // Not refused yet: nothing to escalate or export.
    let before = await snapshot();
    expectError(await pr.post(at(caseId, r.id, 'escalate'), { assigneeId: dir.id }), 409, 'NIET_AFGEWEZEN');
    expectError(await pr.post(at(caseId, r.id, 'export'), {}), 409, 'NIET_EXPORTEERBAAR');
    expect(await snapshot()).toEqual(before);

    const refused = await act(tl, caseId, r.id, 'refuse', REFUSE);
    expect(refused).toMatchObject({ status: 'afgewezen', escalationLevel: 'directeur', can: { escalate: false, export: false } });
    expect((await pr.get(at(caseId, r.id))).body.can).toMatchObject({ escalate: true, export: false, withdraw: true });

    // One level up: a teamleider is not enough, the directeur is; the escalation gives the directeur read access.
    before = await snapshot();
    expectError(await pr.post(at(caseId, r.id, 'escalate'), { assigneeId: uid('teamleider') }), 422, 'MANDAAT_TE_LAAG');
    expectError(await (await as('klantmanager')).post(at(caseId, r.id, 'escalate'), { assigneeId: dir.id }), 403, 'GEEN_TOESTEMMING');
    expect(await snapshot()).toEqual(before);
    expectError(await dir.client.get(`/api/cases/${caseId}`), 404, 'CASUS_NIET_GEVONDEN');
    let seq = await maxAuditSeq(server);
    const up = await act(pr, caseId, r.id, 'escalate', { assigneeId: dir.id, note: 'Het gezin dreigt uit huis te worden gezet.' });
    expect(up).toMatchObject({ status: 'ingediend', level: 'directeur', waiting: { on: 'besluit', who: { id: dir.id }, level: 'directeur' } });
    expect((await auditRowsSince(server, seq)).map((x) => x.action)).toEqual(['breakthrough.escalated', 'temporary_access.started']);
    expect(JSON.parse((await auditRowsSince(server, seq))[0]!.detail)).toEqual({ requestId: r.id, from: 'teamleider', level: 'directeur', assigneeId: dir.id });
    expect((await dir.client.get(`/api/cases/${caseId}`)).status).toBe(200);
    // The teamleider who refused cannot decide on the escalated request.
    expectError(await tl.post(at(caseId, r.id, 'grant'), grant(1_000_00)), 403, 'BOVEN_MANDAAT');

    seq = await maxAuditSeq(server);
    await act(dir.client, caseId, r.id, 'refuse', REFUSE);
    expect((await auditRowsSince(server, seq)).map((x) => x.action)).toEqual(['breakthrough.refused', 'temporary_access.ended']);
    expectError(await dir.client.get(`/api/cases/${caseId}`), 404, 'CASUS_NIET_GEVONDEN');
    await act(pr, caseId, r.id, 'escalate', { assigneeId: uid('wethouder') });
    const top = await act(wh, caseId, r.id, 'refuse', REFUSE);
    expect(top).toMatchObject({ status: 'afgewezen', level: 'wethouder', escalationLevel: null });

    // Above the wethouder: no escalation, the export.
    before = await snapshot();
    expectError(await pr.post(at(caseId, r.id, 'escalate'), { assigneeId: uid('wethouder') }), 409, 'BOVEN_WETHOUDER');
    expectError(await pr.get(at(caseId, r.id, 'export.json')), 409, 'NIET_GEEXPORTEERD');
    expect(await snapshot()).toEqual(before);
    expect((await pr.get(at(caseId, r.id))).body.can).toMatchObject({ escalate: false, export: true, download: false });
    seq = await maxAuditSeq(server);
    const exported = await act(pr, caseId, r.id, 'export', { note: 'Voorgelegd aan het landelijk maatwerkloket.' });
    expect(exported).toMatchObject({ status: 'landelijk', can: { export: false, download: true, escalate: false } });
    expect((await auditRowsSince(server, seq)).map((x) => x.action)).toEqual(['breakthrough.exported']);
    expect(exported.events.map((e: { kind: string }) => e.kind)).toEqual(['voorgelegd', 'afgewezen', 'opgeschaald', 'afgewezen', 'opgeschaald', 'afgewezen', 'geexporteerd']);
    expect(exported.events.filter((e: { kind: string }) => e.kind === 'afgewezen').map((e: { mandate: string }) => e.mandate)).toEqual(['teamleider', 'directeur', 'wethouder']);
  });

  it('a request of kind "wet" refused by the wethouder goes straight to export', async () => {
    const pr = await as('procesregisseur');
    const caseId = await tableCase();
    const r = await submit(pr, caseId, request(uid('wethouder'), { kind: 'wet', amountCents: 0 }));
    const refused = await act(await as('wethouder'), caseId, r.id, 'refuse', REFUSE);
    expect(refused.escalationLevel).toBeNull();
    expect((await act(pr, caseId, r.id, 'export', {})).status).toBe('landelijk');
  });

  it('a wethouder who refuses a teamleider-level request refused it as wethouder: export, not escalation', async () => {
    const pr = await as('procesregisseur');
    const caseId = await tableCase();
    const r = await submit(pr, caseId, request(uid('wethouder')));
    expect(r.level).toBe('teamleider');
    const refused = await act(await as('wethouder'), caseId, r.id, 'refuse', REFUSE);
    expect(refused.escalationLevel).toBeNull();
  });

  it('the export contains no names, BSN, address, postcode, phone number, e-mail address or real date, and keeps laws, rules, costs and mandate levels', async () => {
    const pr = await as('procesregisseur');
    const wh = await as('wethouder');
    // Identifiers and dates in the free texts, as people type them.
    const BSN = '123456782';
    const POSTCODE = '4811 AB';
    const PHONE = '06-12345678';
    const EMAIL = 'jolanda.k@example.nl';
    const TEXT_DATE = '14 maart 2025';
    const ISO_DATE = '2025-11-03';
    const STUCK_SINCE = '2025-03-14';
    const caseId = await tableCase('Familie Kowalczyk');
    // The household as drafted in the plan's Y.Doc.
    await changePlanDoc(server.services, caseId, uid('casusregisseur'), (doc) => {
      addHouseholdMember(doc, { voornaam: 'Jolanda', relatie: 'moeder', geboortejaar: 1987 });
      addHouseholdMember(doc, { voornaam: 'Mehmet', relatie: 'vader', geboortejaar: 1984 });
      addHouseholdMember(doc, { voornaam: 'Noor', relatie: 'dochter', geboortejaar: 2014 });
      addHouseholdMember(doc, { voornaam: 'Daan', relatie: 'zoon', geboortejaar: 2017 });
    });
    const vs = await pr.post(`/api/cases/${caseId}/vraagstukken`, { title: 'Opvang van Noor en Daan na school' });
    expect(vs.status).toBe(201);
    const r = await submit(
      pr,
      caseId,
      request(uid('wethouder'), {
        kind: 'wet',
        amountCents: 60_000_00,
        stuckSince: STUCK_SINCE,
        vraagstukIds: [vs.body.id],
        stuck:
          'Jolanda Kowalczyk kan de zorg voor Noor en Daan niet aan; Mehmet blijft vaak slapen. Marieke de Vries en Sanne Verbeek (buurvrouw, geen lid) zijn bezorgd. Overlegd met Kees van Dijk. ' +
          `Jolanda (BSN ${BSN}) woont op de Kastanjelaan 12a, ${POSTCODE} Breda; bereikbaar op ${PHONE} en via ${EMAIL}. Sinds ${TEXT_DATE} is er niets veranderd.`,
        proposal: 'Familie Kowalczyk krijgt een nanny; Priya Ramdin en Ruud Smeets bespreken dit met jolanda en mehmet. Mevrouw Abernathy van de school helpt mee.',
        rules: `Participatiewet art. 3: het samenwonen van Jolanda en Mehmet leidt tot een gezamenlijke huishouding (brief van ${ISO_DATE}).`,
        costs: {
          carryOn: [{ label: 'Jeugdhulp voor Noor', cents: 14_000_00 }],
          breakthrough: [{ label: 'Nanny voor Daan en Noor', cents: 60_000_00, per: 'jaar' }],
        },
      }),
    );
    await act(wh, caseId, r.id, 'refuse', { reasons: `Ingrid Maas: buiten de wettelijke kaders van de gemeente; Jolanda heeft recht op een landelijke toets. Bel ${PHONE}.` });
    await act(pr, caseId, r.id, 'export', { note: 'Priya Ramdin legt voor.' });

    const seq = await maxAuditSeq(server);
    const json = await pr.get(at(caseId, r.id, 'export.json'));
    const html = await pr.get(at(caseId, r.id, 'export.html'));
    expect(json.status).toBe(200);
    expect(html.status).toBe(200);
    expect(json.headers.get('content-type')).toMatch(/^application\/json/);
    expect(html.headers.get('content-type')).toMatch(/^text\/html/);
    for (const res of [json, html]) expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="escalatie-H-[0-9A-F]{8}-D-[0-9A-F]{8}\.(json|html)"$/);
    // Each download has its own row (the first of the day also a grouped read, server/cases/reads.ts).
    const rows = (await auditRowsSince(server, seq)).filter((x) => x.action !== 'case.content_read');
    expect(rows.map((x) => [x.action, JSON.parse(x.detail).format])).toEqual([
      ['breakthrough.exported', 'json'],
      ['breakthrough.exported', 'html'],
    ]);

    const texts = [JSON.stringify(json.body), html.body as string];
    const NAMES = ['Jolanda', 'Mehmet', 'Noor', 'Daan', 'Kowalczyk', 'Marieke', 'Vries', 'Priya', 'Ramdin', 'Ruud', 'Smeets', 'Ingrid', 'Maas', 'Sanne', 'Verbeek', 'Willemsen', 'Peeters', 'Kees', 'Dijk', 'Abernathy'];
    const IDENTIFIERS = [BSN, 'Kastanjelaan', POSTCODE, 'Breda', PHONE, '12345678', EMAIL, 'example.nl', TEXT_DATE, ISO_DATE, STUCK_SINCE];
    for (const text of texts) {
      for (const name of NAMES) expect(text.toLowerCase(), name).not.toContain(name.toLowerCase());
      for (const x of IDENTIFIERS) expect(text, x).not.toContain(x);
      expect(text).not.toContain(caseId);
    }
    const file = json.body;
    expect(file.household).toMatch(/^Huishouden H-[0-9A-F]{8}$/);
    // Stable: the same case always gets the same pseudonym.
    expect((await pr.get(at(caseId, r.id, 'export.json'))).body.household).toBe(file.household);
    // Dates are months: no day, no time of day, nothing shifted (in the fields and in the free texts alike).
    expect(file.datePrecision).toBe('maand');
    expect(file.stuckSince).toBe('2025-03');
    const events = await queryRows(server, 'select kind, at from breakthrough_events where request_id = ? order by id', r.id) as { kind: string; at: string }[];
    expect(file.createdIn).toBe(events.at(-1)!.at.slice(0, 7));
    expect(file.trail.map((e: { month: string }) => e.month)).toEqual(events.map((e) => e.at.slice(0, 7)));
    for (const text of texts) {
      expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}|T\d{2}:\d{2}|\d{2}:\d{2}:\d{2}/);
      for (const e of events) expect(text).not.toContain(e.at.slice(0, 10));
    }

    expect(file.stuck).toBe(
      'moeder kan de zorg voor kind 1 en kind 2 niet aan; vader blijft vaak slapen. de casusregisseur en het gezinslid (buurvrouw, geen lid) zijn bezorgd. Overlegd met [naam]. ' +
        'moeder (BSN [nummer]) woont op de [adres], [postcode]; bereikbaar op [telefoon] en via [e-mail]. Sinds maart 2025 is er niets veranderd.',
    );
    expect(file.proposal).toBe(`${file.household} krijgt een nanny; de procesregisseur en de teamleider bespreken dit met moeder en vader. Mevrouw [naam] van de school helpt mee.`);
    expect(file.rules).toBe('Participatiewet art. 3: het samenwonen van moeder en vader leidt tot een gezamenlijke huishouding (brief van november 2025).');
    expect(file.vraagstukken).toEqual(['Opvang van kind 1 en kind 2 na school']);
    expect(file.laws).toEqual([
      { key: 'wmo', name: 'Wmo 2015' },
      { key: 'jeugdwet', name: 'Jeugdwet' },
    ]);
    expect(file.costs.carryOn).toEqual([{ label: 'Jeugdhulp voor kind 1', cents: 14_000_00 }]);
    expect(file.costs.breakthrough).toEqual([{ label: 'Nanny voor kind 2 en kind 1', cents: 60_000_00, per: 'jaar' }]);
    expect(file.totals).toMatchObject({ carryOnPerYear: 14_000_00, breakthroughPerYear: 60_000_00, differencePerYear: -46_000_00 });
    expect(file.amountCents).toBe(60_000_00);
    expect(file.trail.map((e: { kind: string; byRole: string; mandate: string | null }) => [e.kind, e.byRole, e.mandate])).toEqual([
      ['voorgelegd', 'de procesregisseur', null],
      ['afgewezen', 'de wethouder', 'wethouder'],
      ['geexporteerd', 'de procesregisseur', null],
    ]);
    expect(file.trail[1].note).toBe('de wethouder: buiten de wettelijke kaders van de gemeente; moeder heeft recht op een landelijke toets. Bel [telefoon].');
    expect(file.trail[2].note).toBe('de procesregisseur legt voor.');
    expect(html.body).toContain('Kostenvergelijking');
    expect(html.body).toMatch(/€\s60\.000/);
    expect(html.body).toContain('mandaat wethouder');
    expect(html.body).toContain('<html lang="nl">');
    expect(html.body).toContain('<dt>Vast sinds</dt><dd>maart 2025</dd>');

    // Only staff who see the request download it; the partner gets 404.
    expectError(await (await as('ggz')).get(at(caseId, r.id, 'export.html')), 404, 'NIET_GEVONDEN');
  });
});

// ------------------------------------------------------------------ the outcome

describe('the outcome after the term', () => {
  /**
   * A request granted by the teamleider whose term ends on `termEnd`, written straight into the
   * tables: the API only grants terms that lie ahead, and the server has no clock to move.
   */
  async function grantedRequest(caseId: string, termEnd: string): Promise<string> {
    const id = randomUUID();
    const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString();
    await execSql(server, 'insert into breakthrough_requests (id, case_id, created_by, created_at) values (?, ?, ?, ?)', id, caseId, uid('procesregisseur'), daysAgo(200));
    await execSql(server, `insert into breakthrough_versions (request_id, version, stuck, stuck_since, proposal, kind, blocking, costs, amount_cents, submitted_by, submitted_at)
       values (?, 1, ?, ?, ?, 'budget', '{"laws":["wmo"],"rules":"Beleidsregel Wmo.","vraagstukIds":[],"deviationIds":[]}', ?, 800000, ?, ?)`, id, STUCK, inDays(-300), PROPOSAL, JSON.stringify(request('').costs), uid('procesregisseur'), daysAgo(200));
    const ev = 'insert into breakthrough_events (request_id, kind, level, assignee_id, by_user_id, mandate, note, conditions, budget_cents, term_end, at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)';
    await execSql(server, ev, id, 'voorgelegd', 'teamleider', uid('teamleider'), uid('procesregisseur'), null, null, null, null, null, daysAgo(200));
    await execSql(server, ev, id, 'toegekend', 'teamleider', null, uid('teamleider'), 'teamleider', null, 'Evaluatie na de termijn.', 8_000_00, termEnd, daysAgo(190));
    return id;
  }
  const good = { achieved: true, type: 'nanny', difference: 'De vaste nanny gaf rust; moeder kon haar behandeling afmaken.', successStory: true };

  it('is refused while the term still runs (409 TERMIJN_LOOPT_NOG), and before a grant (409 GEEN_TOEKENNING); nothing written', async () => {
    const pr = await as('procesregisseur');
    const cr = await as('casusregisseur');
    const tl = await as('teamleider');
    const caseId = await tableCase();
    const r = await submit(pr, caseId, request(uid('teamleider')));
    let before = await snapshot();
    expectError(await cr.post(at(caseId, r.id, 'outcome'), good), 409, 'GEEN_TOEKENNING');
    expect(await snapshot()).toEqual(before);
    const granted = await act(tl, caseId, r.id, 'grant', grant(8_000_00, inDays(1)));
    expect(granted.can.recordOutcome).toBe(false);
    expect(granted.waiting).toBeNull();

    before = await snapshot();
    for (const c of [cr, pr]) {
      const res = await c.post(at(caseId, r.id, 'outcome'), good);
      expectError(res, 409, 'TERMIJN_LOOPT_NOG');
      expect(res.body.error.message).toMatch(/^De termijn van deze doorbraak loopt nog tot en met \d{1,2} \p{L}+ \d{4}\./u);
    }
    expect(await snapshot()).toEqual(before);
    expect((await cr.get(at(caseId, r.id))).body.can.recordOutcome).toBe(false);
  });

  it('the regisseur records it once the term is over (audited); "anders" needs a description; only an achieved breakthrough can be a success story', async () => {
    const pr = await as('procesregisseur');
    const cr = await as('casusregisseur');
    const tl = await as('teamleider');
    const caseId = await tableCase();
    const id = await grantedRequest(caseId, inDays(-1));
    const r = (await cr.get(at(caseId, id))).body;
    expect(r).toMatchObject({ status: 'toegekend', can: { recordOutcome: true }, waiting: { on: 'resultaat', since: inDays(-1) } });

    const before = await snapshot();
    expectError(await cr.post(at(caseId, id, 'outcome'), { ...good, type: 'anders' }), 400, 'ONGELDIGE_INVOER');
    expectError(await cr.post(at(caseId, id, 'outcome'), { ...good, achieved: false }), 400, 'ONGELDIGE_INVOER');
    expectError(await cr.post(at(caseId, id, 'outcome'), { ...good, type: 'wonder' }), 400, 'ONGELDIGE_INVOER');
    expectError(await (await as('klantmanager')).post(at(caseId, id, 'outcome'), good), 403, 'GEEN_TOESTEMMING');
    expectError(await tl.post(at(caseId, id, 'outcome'), good), 403, 'GEEN_TOESTEMMING');
    expect(await snapshot()).toEqual(before);

    const seq = await maxAuditSeq(server);
    const recorded = await act(cr, caseId, id, 'outcome', good);
    expect(recorded.outcome).toMatchObject({ achieved: true, type: 'nanny', typeOther: null, successStory: true, by: { id: uid('casusregisseur'), name: 'Marieke de Vries' } });
    expect(recorded.waiting).toBeNull();
    const rows = await auditRowsSince(server, seq);
    expect(rows.map((x) => x.action)).toEqual(['breakthrough.outcome_recorded']);
    expect(JSON.parse(rows[0]!.detail)).toEqual({ requestId: id, achieved: true, type: 'nanny', successStory: true });
    // A correction is a new row; the latest counts.
    const corrected = await act(pr, caseId, id, 'outcome', { achieved: false, type: 'anders', typeOther: 'Tijdelijke woning', difference: 'Toch niet bereikt: de woning viel weg.' });
    expect(corrected.outcome).toMatchObject({ achieved: false, type: 'anders', typeOther: 'Tijdelijke woning', successStory: false });
    expect(await count(server, 'select count(*) as n from breakthrough_outcomes where request_id = ?', id)).toBe(2);
  });

  it('on the last day of the term it may be recorded, also once the case is closed', async () => {
    const pr = await as('procesregisseur');
    const caseId = await tableCase();
    const id = await grantedRequest(caseId, today());
    expect((await pr.post(`/api/cases/${caseId}/close`, { borgingsafspraken: BORGING })).status).toBe(200);
    const res = await act(pr, caseId, id, 'outcome', { achieved: true, type: 'regie_terug', difference: 'Het gezin regelt het nu zelf.', successStory: false });
    expect(res.outcome.type).toBe('regie_terug');
    // But no decisions in a closed case.
    const r2 = (await pr.get(base(caseId))).body.requests[0];
    expect(r2.can.withdraw).toBe(false);
  });
});

// ------------------------------------------------------------------ append-only

describe('the decided records are append-only', () => {
  it('versions, events and outcomes cannot be changed or removed', async () => {
    const pr = await as('procesregisseur');
    const caseId = await tableCase();
    await submit(pr, caseId, request(uid('teamleider')));
    for (const table of ['breakthrough_versions', 'breakthrough_events']) {
      expect(await sqlError(execSql(server, `update ${table} set request_id = request_id`)), table).toMatch(/append-only/);
      expect(await sqlError(execSql(server, `delete from ${table}`)), table).toMatch(/append-only/);
    }
  });
});

// ------------------------------------------------------------------ the API document

describe('OpenAPI', () => {
  it('documents every breakthrough route with its errors, the downloads as attachments of their type, and strict bodies', async () => {
    const doc = (await new ApiClient(server.url).get('/api/openapi.json')).body;
    const ops: [string, string][] = [
      ['get', '/api/cases/{id}/breakthroughs'],
      ['post', '/api/cases/{id}/breakthroughs'],
      ['get', '/api/cases/{id}/breakthrough-routing'],
      ['get', '/api/cases/{id}/breakthroughs/{requestId}'],
      ...['versions', 'grant', 'refuse', 'return', 'escalate', 'export', 'withdraw', 'outcome'].map((a): [string, string] => ['post', `/api/cases/{id}/breakthroughs/{requestId}/${a}`]),
      ['get', '/api/cases/{id}/breakthroughs/{requestId}/export.html'],
      ['get', '/api/cases/{id}/breakthroughs/{requestId}/export.json'],
      ['get', '/api/admin/breakthrough-routing'],
      ['put', '/api/admin/breakthrough-routing'],
      ['get', '/api/inbox'],
    ];
    for (const [method, path] of ops) {
      const op = doc.paths[path]?.[method];
      expect(op, `${method} ${path}`).toBeDefined();
      expect(op.summary).toBeTruthy();
      expect(op.security).toEqual([{ sessieCookie: [] }]);
      if (path.startsWith('/api/cases/{id}')) expect(Object.keys(op.responses), `${method} ${path}`).toEqual(expect.arrayContaining(['403', '404']));
      if (method !== 'get') expect(op.requestBody?.content['application/json'], `${method} ${path}`).toBeDefined();
    }
    expect(Object.keys(doc.paths['/api/cases/{id}/breakthroughs/{requestId}/export.html'].get.responses['200'].content)).toEqual(['text/html']);
    expect(doc.components.schemas.SubmitBreakthroughRequest.additionalProperties).toBe(false);
    expect(doc.components.schemas.GrantBreakthroughRequest.required.sort()).toEqual(['budgetCents', 'conditions', 'termEnd']);
  });
});
