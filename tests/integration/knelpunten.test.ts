// The knelpunten view and the pilot figures on a fixture with known answers: rows written
// straight into the database of a test server, all in the first half of 2024 so the demo
// data (dated around today) stays out of the period. Also: who may see them, the period
// filter on Dutch calendar days, the CSV export, the audit rows, and that neither the JSON
// nor the CSV holds a case title, a name or free text beyond a recurring rule reference.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginCache, startTestServer, type TestServer } from '../support/server';
import { expectError } from '../support/api';
import { auditRowsSince, execSql, maxAuditSeq, queryRows, userId } from '../support/db';

let server: TestServer;
const as = loginCache(() => server);
const PERIOD = '?from=2024-01-01&to=2024-06-30';

beforeAll(async () => {
  server = await startTestServer();
  for (const key of ['procesregisseur', 'teamleider', 'wethouder', 'casusregisseur', 'ggz', 'beheer']) await as(key);
  await seedFixture();
});

afterAll(async () => {
  await server?.stop();
});

// ------------------------------------------------------------------ the fixture

/** Free text that must never reach the policy views. */
const SECRETS = ['Gezin Fixtuur-Jansen', 'Dhr. Q. Fixtuur', 'Mw. Z. Fixtuur', 'Familie Fixtuur-Bakker', 'Fixtuur-El Idrissi', 'Fixtuur-Nalaat', 'Sanne Verbeek', 'oma Verbeek', 'Kees logeert bij zijn tante'];

const at = (iso: string) => (iso.length === 10 ? `${iso}T10:00:00.000Z` : iso);

async function seedFixture(): Promise<void> {
  const pr = userId(server, 'procesregisseur');
  const tl = userId(server, 'teamleider');
  const wh = userId(server, 'wethouder');

  const cases: Record<string, string> = {};
  const addCase = async (key: string, title: string, createdAt: string, cluster: string | null, closedAt?: string) => {
    const id = randomUUID();
    cases[key] = id;
    await execSql(server, `insert into cases (id, title, summary, status, regisseur_user_id, created_by, created_at, last_activity_at, closed_at, borgingsafspraken, cluster)
       values (?, ?, 'Samenvatting met Sanne Verbeek erin.', ?, ?, ?, ?, ?, ?, ?, ?)`, id, title, closedAt ? 'gesloten' : 'open', pr, pr, at(createdAt), at(createdAt), closedAt ? at(closedAt) : null, closedAt ? 'Borging.' : null, cluster);
    await execSql(server, `insert into case_status_changes (case_id, status, at, by_user_id, note) values (?, 'open', ?, ?, 'Casus aangemaakt')`, id, at(createdAt), pr);
    if (closedAt) await execSql(server, `insert into case_status_changes (case_id, status, at, by_user_id, note) values (?, 'gesloten', ?, ?, 'Gesloten')`, id, at(closedAt), pr);
  };
  await addCase('K1', 'Gezin Fixtuur-Jansen', '2024-01-10', 'alleenstaande_ouder');
  await addCase('K2', 'Dhr. Q. Fixtuur', '2024-02-01', 'alleenstaande_ouder', '2024-03-02'); // 30 days
  await addCase('K3', 'Mw. Z. Fixtuur', '2023-11-01', 'gezin_met_kinderen', '2024-01-31'); // 91 days
  await addCase('K4', 'Familie Fixtuur-Bakker', '2024-05-01', null);
  await addCase('K5', 'Fixtuur-El Idrissi', '2023-06-01', 'overgang_18', '2023-12-01'); // closed before the period
  await addCase('K6', 'Fixtuur-Nalaat', '2024-08-01', 'anders'); // begins after the period

  const deviation = async (caseKey: string, law: string, rule: string, events: [kind: string, when: string][]) => {
    const id = randomUUID();
    await execSql(server, `insert into deviations (id, case_id, law, rule, route, route_other, will_do, will_not_do, reasoning, start_date, end_date, review_date, internal, proposed_by, proposed_at)
       values (?, ?, ?, ?, 'hardheidsclausule', null, 'Kees logeert bij zijn tante', 'Sanne Verbeek niet korten', 'Motivering met namen: Sanne Verbeek.', '2024-01-01', '2024-12-31', '2024-06-01', true, ?, ?)`, id, cases[caseKey], law, rule, pr, at('2023-12-20'));
    for (const [kind, when] of events) {
      await execSql(server, 'insert into deviation_events (deviation_id, kind, by_user_id, mandate, at) values (?, ?, ?, ?, ?)', id, kind, tl, kind === 'ingetrokken' ? null : 'teamleider', at(when));
    }
  };
  // One rule, four approvals in three cases, in three spellings.
  await deviation('K1', 'wmo', 'Beleidsregel Wmo huishoudelijke hulp max 2 uur', [['goedgekeurd', '2024-02-10']]);
  await deviation('K2', 'wmo', '  beleidsregel wmo   huishoudelijke hulp max 2 uur. ', [['goedgekeurd', '2024-03-10']]);
  await deviation('K3', 'wmo', 'Beleidsregel Wmo huishoudelijke hulp max 2 uur', [['goedgekeurd', '2024-01-20']]);
  await deviation('K3', 'wmo', '„Beleidsregel Wmo huishoudelijke hulp max 2 uur”', [['goedgekeurd', '2024-01-25']]);
  // "Artikel 3" and "art. 3" are the same rule.
  await deviation('K1', 'participatiewet', 'Artikel 3 Participatiewet', [['goedgekeurd', '2024-02-10']]);
  await deviation('K2', 'participatiewet', 'art. 3 participatiewet', [['goedgekeurd', '2024-04-01']]);
  // A formula-looking reference in two cases: shown, and defused in the CSV.
  await deviation('K1', 'inburgering', '=HYPERLINK("http://voorbeeld.invalid")', [['goedgekeurd', '2024-02-10']]);
  await deviation('K4', 'inburgering', '=HYPERLINK("http://voorbeeld.invalid")', [['goedgekeurd', '2024-05-10']]);
  // In one case only: counted per law, never named (this one holds a name).
  await deviation('K4', 'jeugdwet', 'Sanne Verbeek mag zelf kiezen', [['goedgekeurd', '2024-05-10']]);
  // Approved in the period and revoked later: the deviation was still needed.
  await deviation('K3', 'awb', 'Awb 4:84', [['goedgekeurd', '2024-02-01'], ['ingetrokken', '2024-03-01']]);
  // Period edges on Dutch days: 00:30 on 1 January 2024 in the Netherlands is inside, 00:30 on 1 July is outside.
  await deviation('K1', 'wgs', 'Wgs art. 3', [['goedgekeurd', '2023-12-31T23:30:00.000Z']]);
  await deviation('K3', 'wgs', 'Wgs art 3', [['goedgekeurd', '2024-06-30T22:30:00.000Z']]);
  // Not counted: only proposed, rejected, or approved outside the period.
  await deviation('K1', 'wmo', 'Verordening Wmo art. 5', []);
  await deviation('K2', 'wmo', 'Verordening Wmo art. 5', [['afgewezen', '2024-02-01']]);
  await deviation('K5', 'wmo', 'Verordening Wmo art. 5', [['goedgekeurd', '2023-07-01']]);
  await deviation('K6', 'wmo', 'Verordening Wmo art. 5', [['goedgekeurd', '2024-08-02']]);

  const vraagstuk = async (caseKey: string, verdicts: [law: string, verdict: string, when: string][]) => {
    const id = randomUUID();
    await execSql(server, 'insert into vraagstukken (id, case_id, title, created_by, created_at) values (?, ?, ?, ?, ?)', id, cases[caseKey], 'Vraagstuk van Sanne Verbeek', pr, at('2023-10-01'));
    for (const [law, verdict, when] of verdicts) {
      await execSql(server, `insert into verdict_signatures (vraagstuk_id, law, verdict, reasoning, solution, by_user_id, by_name, by_case_role, at) values (?, ?, ?, 'Reden', 'Oplossing', ?, 'Priya Ramdin', 'procesregisseur', ?)`, id, law, verdict, pr, at(when));
    }
  };
  await vraagstuk('K1', [['wmo', 'past', '2024-02-01'], ['participatiewet', 'past_niet', '2024-02-05'], ['jeugdwet', 'nvt', '2024-02-05']]);
  await vraagstuk('K2', [['jeugdwet', 'past_deels', '2024-03-01'], ['participatiewet', 'past_niet', '2024-03-02'], ['wmo', 'past_niet', '2024-03-03']]);
  // Re-signed: the latest verdict per law counts.
  await vraagstuk('K3', [['wmo', 'past_niet', '2024-01-05'], ['participatiewet', 'past_niet', '2024-01-06'], ['wmo', 'past', '2024-02-01']]);
  // Before the period, and a tension that only arises after it.
  await vraagstuk('K4', [['wmo', 'past', '2023-10-01'], ['participatiewet', 'past_niet', '2023-10-02']]);
  await vraagstuk('K4', [['jeugdwet', 'past', '2024-06-01'], ['wmo', 'past_niet', '2024-07-15']]);

  const request = async (caseKey: string, versions: string[], events: [kind: string, when: string][], outcomes: [achieved: boolean, type: string, when: string, other?: string][] = []) => {
    const id = randomUUID();
    await execSql(server, 'insert into breakthrough_requests (id, case_id, created_by, created_at) values (?, ?, ?, ?)', id, cases[caseKey], pr, at(versions[0]!));
    for (const [i, when] of versions.entries()) {
      await execSql(server, `insert into breakthrough_versions (request_id, version, stuck, stuck_since, proposal, kind, blocking, costs, amount_cents, submitted_by, submitted_at)
           values (?, ?, 'Sanne Verbeek zit vast', '2023-06-01', 'Een nanny voor Sanne Verbeek', 'budget', '{"laws":["wmo"],"rules":"","vraagstukIds":[],"deviationIds":[]}', '{}', 100000, ?, ?)`, id, i + 1, pr, at(when));
    }
    for (const [kind, when] of events) {
      await execSql(server, 'insert into breakthrough_events (request_id, kind, level, assignee_id, by_user_id, mandate, at) values (?, ?, ?, ?, ?, ?, ?)', id,
        kind,
        'wethouder',
        kind === 'voorgelegd' || kind === 'opgeschaald' ? wh : null,
        kind === 'voorgelegd' || kind === 'opgeschaald' || kind === 'terug' ? pr : wh,
        kind === 'toegekend' || kind === 'afgewezen' ? 'wethouder' : null,
        at(when));
    }
    for (const [achieved, type, when, other] of outcomes) {
      await execSql(server, `insert into breakthrough_outcomes (request_id, achieved, type, type_other, difference, success_story, by_user_id, at) values (?, ?, ?, ?, 'Sanne Verbeek kreeg rust', false, ?, ?)`, id, achieved, type, other ?? null, pr, at(when));
    }
  };
  // 10 days to a decision; the outcome was corrected afterwards (the latest counts).
  await request('K1', ['2024-02-01'], [['voorgelegd', '2024-02-01'], ['toegekend', '2024-02-11']], [[true, 'nanny', '2024-05-01'], [true, 'schuldenregeling', '2024-05-02']]);
  // Refused after 4 days (the first decision), escalated, then granted.
  await request('K2', ['2024-03-01'], [['voorgelegd', '2024-03-01'], ['afgewezen', '2024-03-05'], ['opgeschaald', '2024-03-06'], ['toegekend', '2024-03-20']], [[false, 'afschalen', '2024-06-01']]);
  // Returned for more (not a decision), resubmitted, granted 20 days after the first version.
  await request('K3', ['2024-01-10', '2024-01-20'], [['voorgelegd', '2024-01-10'], ['terug', '2024-01-12'], ['voorgelegd', '2024-01-20'], ['toegekend', '2024-01-30']], [[true, 'anders', '2024-04-01', 'Bij oma Verbeek wonen']]);
  // Still waiting; and one entirely after the period.
  await request('K4', ['2024-06-20'], [['voorgelegd', '2024-06-20']]);
  await request('K6', ['2024-08-01'], [['voorgelegd', '2024-08-01'], ['toegekend', '2024-08-05']], [[true, 'nanny', '2024-09-01']]);
}

// ------------------------------------------------------------------ the known answers

describe('knelpunten on the fixture', () => {
  it('rules most often deviated from: normalised, approved in the period, recurring ones named, the rest counted per law', async () => {
    const res = await (await as('procesregisseur')).get(`/api/knelpunten${PERIOD}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const k = res.body;
    expect({ from: k.from, to: k.to, minCases: k.minCases }).toEqual({ from: '2024-01-01', to: '2024-06-30', minCases: 2 });
    expect(k.rules[0]).toEqual({ law: 'wmo', rule: 'Beleidsregel Wmo huishoudelijke hulp max 2 uur', deviations: 4, cases: 3 });
    expect(k.rules.slice(1)).toHaveLength(2);
    expect(k.rules.slice(1)).toEqual(
      expect.arrayContaining([
        { law: 'participatiewet', rule: expect.stringMatching(/^(art\. 3 participatiewet|Artikel 3 Participatiewet)$/), deviations: 2, cases: 2 },
        { law: 'inburgering', rule: '=HYPERLINK("http://voorbeeld.invalid")', deviations: 2, cases: 2 },
      ]),
    );
    expect(k.otherRules).toEqual([
      { law: 'jeugdwet', deviations: 1 },
      { law: 'wgs', deviations: 1 },
      { law: 'awb', deviations: 1 },
    ]);
  });

  it('law pairs in tension: latest verdict per law, one fits and the other does not, the later one signed in the period', async () => {
    const k = (await (await as('teamleider')).get(`/api/knelpunten${PERIOD}`)).body;
    expect(k.lawPairs).toEqual([
      { laws: ['participatiewet', 'wmo'], vraagstukken: 2 },
      { laws: ['jeugdwet', 'participatiewet'], vraagstukken: 1 },
      { laws: ['jeugdwet', 'wmo'], vraagstukken: 1 },
    ]);
  });

  it('breakthrough types from the latest outcome per request, and the median time from request to first decision', async () => {
    const k = (await (await as('wethouder')).get(`/api/knelpunten${PERIOD}`)).body;
    expect(k.breakthroughTypes).toEqual([
      { type: 'schuldenregeling', outcomes: 1, achieved: 1 },
      { type: 'afschalen', outcomes: 1, achieved: 0 },
      { type: 'anders', outcomes: 1, achieved: 1 },
    ]);
    // 10, 4 and 20 days.
    expect(k.requestToDecision).toEqual({ n: 3, medianDays: 10 });
  });

  it('the pilot figures: cases, breakthroughs, clusters and median durations', async () => {
    const res = await (await as('procesregisseur')).get(`/api/pilot-figures${PERIOD}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toEqual({
      from: '2024-01-01',
      to: '2024-06-30',
      cases: { opened: 3, active: 4, closed: 2 },
      breakthroughs: { requested: 4, granted: 3, refused: 1, achieved: 2 },
      clusters: [
        { cluster: 'alleenstaande_ouder', opened: 2, active: 2, granted: 2 },
        { cluster: 'alleenstaande_verslaving', opened: 0, active: 0, granted: 0 },
        { cluster: 'gezin_met_kinderen', opened: 0, active: 1, granted: 1 },
        { cluster: 'overgang_18', opened: 0, active: 0, granted: 0 },
        { cluster: 'anders', opened: 0, active: 0, granted: 0 },
        { cluster: null, opened: 1, active: 1, granted: 0 },
      ],
      durations: { caseOpenToClosed: { n: 2, medianDays: 60.5 }, requestToDecision: { n: 3, medianDays: 10 } },
    });
  });

  it('a narrower period narrows every count', async () => {
    const k = (await (await as('procesregisseur')).get('/api/knelpunten?from=2024-03-01&to=2024-03-31')).body;
    expect(k.rules).toEqual([]);
    // Only K2's Wmo approval falls in March: one case, so counted and not named.
    expect(k.otherRules).toEqual([{ law: 'wmo', deviations: 1 }]);
    expect(k.lawPairs).toEqual([
      { laws: ['jeugdwet', 'participatiewet'], vraagstukken: 1 },
      { laws: ['jeugdwet', 'wmo'], vraagstukken: 1 },
    ]);
    expect(k.requestToDecision).toEqual({ n: 1, medianDays: 4 });
  });
});

// ------------------------------------------------------------------ privacy and access

describe('no personal data, only for those who may', () => {
  async function allNames(): Promise<string[]> {
    const titles = (await queryRows(server, 'select title from cases') as { title: string }[]).map((r) => r.title);
    const names = (await queryRows(server, 'select name from users') as { name: string }[]).map((r) => r.name);
    const ids = (await queryRows(server, 'select id from cases') as { id: string }[]).map((r) => r.id);
    return [...SECRETS, ...titles, ...names, ...ids];
  }

  it('neither the JSON views nor the CSV contain a case title, id, name or free text', async () => {
    const pr = await as('procesregisseur');
    const bodies = [
      JSON.stringify((await pr.get(`/api/knelpunten${PERIOD}`)).body),
      JSON.stringify((await pr.get(`/api/pilot-figures${PERIOD}`)).body),
      JSON.stringify((await pr.get('/api/knelpunten')).body),
      (await pr.get(`/api/knelpunten.csv${PERIOD}`)).body as string,
    ];
    for (const body of bodies) for (const secret of await allNames()) expect(body, secret).not.toContain(secret);
  });

  it('exports a CSV attachment (UTF-8, semicolons, formulas defused), audited as an export', async () => {
    const pr = await as('procesregisseur');
    const before = await maxAuditSeq(server);
    const res = await pr.get(`/api/knelpunten.csv${PERIOD}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="knelpunten-2024-01-01-2024-06-30.csv"');
    const text = res.body as string;
    const lines = text.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe('"Onderdeel";"Wet of soort";"Omschrijving";"Aantal";"Toelichting"');
    expect(lines).toContain('"Regel waarvan is afgeweken";"Wmo 2015";"Beleidsregel Wmo huishoudelijke hulp max 2 uur";"4";"in 3 casussen"');
    expect(lines).toContain('"Regel waarvan is afgeweken";"Wet inburgering 2021";"\'=HYPERLINK(""http://voorbeeld.invalid"")";"2";"in 2 casussen"');
    expect(lines).toContain('"Doorlooptijd";"Casus van start tot sluiten";"mediaan in dagen";"60,5";"n = 2"');
    expect(await auditRowsSince(server, before)).toMatchObject([
      { action: 'knelpunten.exported', actor_user_id: userId(server, 'procesregisseur'), case_id: null, detail: JSON.stringify({ view: 'csv', from: '2024-01-01', to: '2024-06-30' }) },
    ]);
  });

  it('every view is audited, without a case', async () => {
    const before = await maxAuditSeq(server);
    await (await as('teamleider')).get(`/api/knelpunten${PERIOD}`);
    await (await as('teamleider')).get(`/api/pilot-figures${PERIOD}`);
    expect((await auditRowsSince(server, before)).map((a) => [a.action, a.case_id, JSON.parse(a.detail).view])).toEqual([
      ['knelpunten.viewed', null, 'knelpunten'],
      ['knelpunten.viewed', null, 'pilotcijfers'],
    ]);
  });

  it('refuses other accounts and bad periods, writing no audit row', async () => {
    const before = await maxAuditSeq(server);
    for (const key of ['casusregisseur', 'ggz', 'beheer']) {
      for (const path of ['/api/knelpunten', '/api/pilot-figures', '/api/knelpunten.csv']) expectError(await (await as(key)).get(path), 403, 'GEEN_TOESTEMMING');
    }
    const pr = await as('procesregisseur');
    expectError(await pr.get('/api/knelpunten?from=2024-07-01&to=2024-06-30'), 422, 'PERIODE_ONGELDIG');
    expectError(await pr.get('/api/knelpunten?from=2024-02-30'), 400, 'ONGELDIGE_INVOER');
    expectError(await pr.get('/api/pilot-figures?to=morgen'), 400, 'ONGELDIGE_INVOER');
    expect(await maxAuditSeq(server)).toBe(before);
  });

  it('defaults to the year up to today', async () => {
    const res = await (await as('procesregisseur')).get('/api/pilot-figures');
    expect(res.status).toBe(200);
    const days = (Date.parse(res.body.to) - Date.parse(res.body.from)) / 86_400_000;
    expect(days).toBe(364);
    // The demo households were all opened within the last year.
    expect(res.body.cases.opened).toBeGreaterThanOrEqual(4);
  });
});
