// Stuck cases through the API: a member flags a case vastgelopen and another clears it, the
// procesregisseur takes the lead and hands it back, the cluster, the signals fed by the real
// tables, the procesregisseur's overview (only member cases; whom each case waits for and how
// long), and the thresholds the functional administrator sets. Every refusal with its exact
// status and code, and nothing written (no event row, no audit row).
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayNl } from '../../server/dates';
import { demoAccounts, startTestServer, type TestServer } from '../support/server';
import { expectError } from '../support/api';
import { auditRowsSince, caseIdByTitle, count, execSql, maxAuditSeq, queryRow, queryRows } from '../support/db';
import { breakthroughBody, createCaseWith, type Member } from '../support/fixtures';

let server: TestServer;

const { as, uid } = demoAccounts(() => server);
const ACCOUNTS = ['procesregisseur', 'casusregisseur', 'klantmanager', 'wmo', 'jeugd', 'schuldhulp', 'ggz', 'teamleider', 'wethouder', 'inwoner', 'beheer'];

beforeAll(async () => {
  server = await startTestServer();
  // Logged in up front: a login writes an audit row, and the tests count audit rows.
  for (const key of ACCOUNTS) await as(key);
});

afterAll(async () => {
  await server?.stop();
});

const DAY = 86_400_000;
const daysAgo = (n: number) => new Date(Date.now() - n * DAY).toISOString();
const dayOffset = (n: number) => todayNl(new Date(Date.now() + n * DAY));

const signalsOf = async (key: string, caseId: string) => {
  const res = await (await as(key)).get(`/api/cases/${caseId}/signals`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
};
const signalKeys = (body: { signals: { key: string }[] }) => body.signals.map((s) => s.key);

/** Everything a refused request here could have written. Log in first: a login is audited. */
async function snapshot() {
  return {
    flags: await count(server, 'select count(*) as n from case_stuck_flags'),
    leads: await count(server, 'select count(*) as n from case_lead_events'),
    settings: await queryRows(server, 'select * from signal_settings order by key'),
    clusters: await queryRows(server, 'select id, cluster from cases order by id'),
    auditSeq: await maxAuditSeq(server),
  };
}

/** A fresh open case made by the procesregisseur (its regisseur), with these members. */
async function freshCase(members: Member[] = []): Promise<string> {
  return (await createCaseWith(await as('procesregisseur'), uid, members, { iAmRegisseur: true })).id;
}

async function overview(query = '') {
  const res = await (await as('procesregisseur')).get(`/api/stuck${query}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as { cases: any[]; thresholds: Record<string, number>; casesChecked: number };
}

// ------------------------------------------------------------------ flag

describe('flagging a case vastgelopen', () => {
  it('any member, even an external partner with comment rights, flags it with a reason; every member sees who and why', async () => {
    const caseId = await freshCase([
      ['ggz', 'extern_partner', 'comment'],
      ['wmo', 'consulent_wmo', 'edit'],
    ]);
    const ggz = await as('ggz');
    const before = await maxAuditSeq(server);
    const res = await ggz.post(`/api/cases/${caseId}/stuck-flag`, { reason: 'De woningcorporatie en het Wmo-team wachten al weken op elkaar.' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.flag).toMatchObject({ by: { id: uid('ggz'), name: 'Anouk Peeters' }, reason: 'De woningcorporatie en het Wmo-team wachten al weken op elkaar.' });
    expect(res.body.can).toMatchObject({ flag: false, clearFlag: true });

    const seen = await signalsOf('wmo', caseId);
    const signal = seen.signals.find((s: any) => s.key === 'vastgelopen');
    expect(signal.reason).toContain('Als vastgelopen gemeld door Anouk Peeters');
    expect(signal.reason).toContain('De woningcorporatie en het Wmo-team wachten al weken op elkaar.');

    // Reading the signals is a grouped read (server/cases/reads.ts); the flag has exactly its own row.
    const audit = (await auditRowsSince(server, before)).filter((a) => a.action !== 'case.content_read');
    expect(audit.map((a) => a.action)).toEqual(['case.stuck_flagged']);
    expect(audit[0]).toMatchObject({ actor_user_id: uid('ggz'), case_id: caseId });
    expect(await count(server, "select count(*) as n from case_stuck_flags where case_id = ? and kind = 'gemeld'", caseId)).toBe(1);
  });

  it('another member clears it with a reason; the history stays (append-only)', async () => {
    const caseId = await freshCase([['wmo', 'consulent_wmo', 'edit']]);
    const wmo = await as('wmo');
    expect((await wmo.post(`/api/cases/${caseId}/stuck-flag`, { reason: 'Niemand reageert op de vraag over de woning.' })).status).toBe(200);
    const before = await maxAuditSeq(server);
    const cleared = await (await as('procesregisseur')).post(`/api/cases/${caseId}/stuck-flag/clear`, { reason: 'Afspraak met de corporatie staat.' });
    expect(cleared.status, JSON.stringify(cleared.body)).toBe(200);
    expect(cleared.body.flag).toBeNull();
    expect(signalKeys(cleared.body)).not.toContain('vastgelopen');
    expect((await auditRowsSince(server, before)).map((a) => a.action)).toEqual(['case.stuck_cleared']);
    expect(await queryRows(server, 'select kind from case_stuck_flags where case_id = ? order by id', caseId)).toEqual([{ kind: 'gemeld' }, { kind: 'opgeheven' }]);
  });

  it('refusals write nothing: already flagged, not flagged, no reason, a non-member, a closed case', async () => {
    const caseId = await freshCase([['wmo', 'consulent_wmo', 'edit']]);
    const wmo = await as('wmo');
    const outsider = await as('schuldhulp');
    const admin = await as('beheer');
    const pr = await as('procesregisseur');
    const closedId = await caseIdByTitle(server, 'Mw. J. Koster (18-/18+)');

    let snap = await snapshot();
    expectError(await pr.post(`/api/cases/${caseId}/stuck-flag/clear`, { reason: 'Niets aan de hand.' }), 409, 'NIET_GEMELD');
    expectError(await wmo.post(`/api/cases/${caseId}/stuck-flag`, { reason: 'kort' }), 400, 'ONGELDIGE_INVOER');
    expectError(await wmo.post(`/api/cases/${caseId}/stuck-flag`, {}), 400, 'ONGELDIGE_INVOER');
    expectError(await wmo.post(`/api/cases/${caseId}/stuck-flag`, { reason: 'Een reden die lang genoeg is.', extra: 1 }), 400, 'ONGELDIGE_INVOER');
    expectError(await outsider.post(`/api/cases/${caseId}/stuck-flag`, { reason: 'Ik ben geen lid van deze casus.' }), 404, 'CASUS_NIET_GEVONDEN');
    expectError(await admin.post(`/api/cases/${caseId}/stuck-flag`, { reason: 'De beheerder ziet geen casussen.' }), 404, 'CASUS_NIET_GEVONDEN');
    expectError(await pr.post(`/api/cases/${closedId}/stuck-flag`, { reason: 'Deze casus is al gesloten.' }), 409, 'CASUS_GESLOTEN');
    expect(await snapshot()).toEqual(snap);

    expect((await wmo.post(`/api/cases/${caseId}/stuck-flag`, { reason: 'Het plan staat al weken stil.' })).status).toBe(200);
    snap = await snapshot();
    const again = await pr.post(`/api/cases/${caseId}/stuck-flag`, { reason: 'Ik meld hem ook nog eens.' });
    expectError(again, 409, 'AL_GEMELD');
    expect(again.body.error.message).toContain('Fatma Yildiz');
    expect(await snapshot()).toEqual(snap);
  });

  it('signals are for members only: 404 for others and for the functional administrator', async () => {
    const caseId = await freshCase();
    expectError(await (await as('schuldhulp')).get(`/api/cases/${caseId}/signals`), 404, 'CASUS_NIET_GEVONDEN');
    expectError(await (await as('beheer')).get(`/api/cases/${caseId}/signals`), 404, 'CASUS_NIET_GEVONDEN');
  });
});

// ------------------------------------------------------------------ lead

describe('taking the lead', () => {
  it('the procesregisseur takes the lead, every member sees it, and hands it back', async () => {
    const caseId = await freshCase([['jeugd', 'consulent_jeugd', 'edit']]);
    const pr = await as('procesregisseur');
    const jeugd = await as('jeugd');
    expect((await signalsOf('procesregisseur', caseId)).can).toMatchObject({ takeLead: true, releaseLead: false });

    const before = await maxAuditSeq(server);
    const taken = await pr.post(`/api/cases/${caseId}/lead`, { note: 'Ik neem de regie tot de doorbraak er is.' });
    expect(taken.status, JSON.stringify(taken.body)).toBe(200);
    expect(taken.body.lead).toMatchObject({ by: { id: uid('procesregisseur'), name: 'Priya Ramdin' }, note: 'Ik neem de regie tot de doorbraak er is.' });
    expect(taken.body.can).toMatchObject({ takeLead: false, releaseLead: true });
    const seen = await signalsOf('jeugd', caseId);
    expect(seen.lead.by.name).toBe('Priya Ramdin');
    expect(seen.can).toMatchObject({ takeLead: false, releaseLead: false });

    let snap = await snapshot();
    expectError(await pr.post(`/api/cases/${caseId}/lead`, {}), 409, 'AL_REGIE');
    expectError(await jeugd.post(`/api/cases/${caseId}/lead/release`, {}), 403, 'GEEN_TOESTEMMING');
    expect(await snapshot()).toEqual(snap);

    const released = await pr.post(`/api/cases/${caseId}/lead/release`, { note: 'De regisseur pakt het weer op.' });
    expect(released.status, JSON.stringify(released.body)).toBe(200);
    expect(released.body.lead).toBeNull();
    expect((await auditRowsSince(server, before)).filter((a) => a.action !== 'case.content_read').map((a) => a.action)).toEqual(['case.lead_taken', 'case.lead_released']);
    snap = await snapshot();
    expectError(await pr.post(`/api/cases/${caseId}/lead/release`, {}), 409, 'GEEN_REGIE');
    expect(await snapshot()).toEqual(snap);
  });

  it('only a procesregisseur with edit rights may take it (403 with a reason), nothing written', async () => {
    const caseId = await freshCase([
      ['casusregisseur', 'casusregisseur', 'edit'],
      ['ggz', 'extern_partner', 'comment'],
    ]);
    const snap = await snapshot();
    for (const key of ['casusregisseur', 'ggz']) {
      const res = await (await as(key)).post(`/api/cases/${caseId}/lead`, {});
      expectError(res, 403, 'GEEN_TOESTEMMING');
      expect(res.body.error.message).toContain('procesregisseur');
    }
    expectError(await (await as('schuldhulp')).post(`/api/cases/${caseId}/lead`, {}), 404, 'CASUS_NIET_GEVONDEN');
    expect(await snapshot()).toEqual(snap);
  });
});

// ------------------------------------------------------------------ cluster

describe('the pilot cluster', () => {
  it('the regisseur or procesregisseur sets and clears it, audited; others may not', async () => {
    const caseId = await freshCase([
      ['casusregisseur', 'casusregisseur', 'edit'],
      ['wmo', 'consulent_wmo', 'edit'],
    ]);
    const before = await maxAuditSeq(server);
    const set = await (await as('casusregisseur')).put(`/api/cases/${caseId}/cluster`, { cluster: 'gezin_met_kinderen' });
    expect(set.status, JSON.stringify(set.body)).toBe(200);
    expect(set.body.cluster).toBe('gezin_met_kinderen');
    expect(await auditRowsSince(server, before)).toMatchObject([{ action: 'case.cluster_set', case_id: caseId, detail: JSON.stringify({ from: null, to: 'gezin_met_kinderen' }) }]);

    const snap = await snapshot();
    expectError(await (await as('wmo')).put(`/api/cases/${caseId}/cluster`, { cluster: 'anders' }), 403, 'GEEN_TOESTEMMING');
    expectError(await (await as('casusregisseur')).put(`/api/cases/${caseId}/cluster`, { cluster: 'eenoudergezin' }), 400, 'ONGELDIGE_INVOER');
    expectError(await (await as('casusregisseur')).put(`/api/cases/${caseId}/cluster`, {}), 400, 'ONGELDIGE_INVOER');
    expect(await snapshot()).toEqual(snap);

    const cleared = await (await as('procesregisseur')).put(`/api/cases/${caseId}/cluster`, { cluster: null });
    expect(cleared.body.cluster).toBeNull();
  });
});

// ------------------------------------------------------------------ signals from the real tables

describe('signals fed by the tables', () => {
  it('overdue goals, a long-open vraagstuk, a deviation past review, no regisseur and a closure without borging reach the overview', async () => {
    const prId = uid('procesregisseur');
    const caseId = await freshCase();
    await execSql(server, 'update cases set regisseur_user_id = null where id = ?', caseId);
    const goal = `insert into goals (id, case_id, text, life_domain, status, due_date, created_by, created_at, updated_by, updated_at) values (?, ?, 'Een doel', 'financien', ?, ?, ?, ?, ?, ?)`;
    await execSql(server, goal, randomUUID(), caseId, 'open', dayOffset(-30), prId, daysAgo(60), prId, daysAgo(60));
    await execSql(server, goal, randomUUID(), caseId, 'bezig', dayOffset(-3), prId, daysAgo(60), prId, daysAgo(60));
    await execSql(server, goal, randomUUID(), caseId, 'bereikt', dayOffset(-90), prId, daysAgo(60), prId, daysAgo(60));
    await execSql(server, 'insert into vraagstukken (id, case_id, title, created_by, created_at) values (?, ?, ?, ?, ?)', randomUUID(), caseId, 'Huurachterstand', prId, daysAgo(60));
    const devId = randomUUID();
    await execSql(server, `insert into deviations (id, case_id, law, rule, route, route_other, will_do, will_not_do, reasoning, start_date, end_date, review_date, internal, proposed_by, proposed_at)
         values (?, ?, 'wmo', 'Beleidsregel Wmo huishoudelijke hulp', 'hardheidsclausule', null, 'Wel', 'Niet', 'Motivering', ?, ?, ?, false, ?, ?)`, devId, caseId, dayOffset(-60), dayOffset(60), dayOffset(-5), prId, daysAgo(60));
    await execSql(server, `insert into deviation_events (deviation_id, kind, by_user_id, mandate, at) values (?, 'goedgekeurd', ?, 'teamleider', ?)`, devId, uid('teamleider'), daysAgo(59));

    const body = await signalsOf('procesregisseur', caseId);
    expect(signalKeys(body)).toEqual(['doelen_verlopen', 'vraagstuk_lang_open', 'afwijking_herbeoordelen', 'geen_regisseur']);
    expect(body.signals[0].reason).toMatch(/^2 doelen over de streefdatum, de oudste sinds /);
    expect(body.signals[1].reason).toBe('Vraagstuk „Huurachterstand” staat 60 dagen open (drempel 42 dagen).');

    const closedId = await caseIdByTitle(server, 'Mw. J. Koster (18-/18+)');
    await execSql(server, "update cases set borgingsafspraken = '' where id = ?", closedId);
    try {
      const all = await overview();
      expect(signalKeys(all.cases.find((c) => c.id === caseId))).toEqual(signalKeys(body));
      expect(signalKeys(all.cases.find((c) => c.id === closedId))).toEqual(['gesloten_zonder_borging']);
    } finally {
      await execSql(server, "update cases set borgingsafspraken = 'Consulent Wmo belt over drie maanden; mevrouw kan zelf contact opnemen.' where id = ?", closedId);
    }
  });
});

describe('internal deviations stay internal', () => {
  it('an internal deviation past its review date is a signal for municipal staff only; partners and the household never see its rule', async () => {
    const caseId = await freshCase([
      ['klantmanager', 'klantmanager_pw', 'edit'],
      ['ggz', 'extern_partner', 'comment'],
      ['inwoner', 'inwoner', 'comment'],
    ]);
    const devId = randomUUID();
    const rule = 'Participatiewet art. 3 (vermoeden gezamenlijke huishouding)';
    await execSql(server, `insert into deviations (id, case_id, law, rule, route, route_other, will_do, will_not_do, reasoning, start_date, end_date, review_date, internal, proposed_by, proposed_at)
         values (?, ?, 'participatiewet', ?, 'awb_4_84', null, 'Wel', 'Niet', 'Motivering', ?, ?, ?, true, ?, ?)`, devId, caseId, rule, dayOffset(-60), dayOffset(60), dayOffset(-2), uid('klantmanager'), daysAgo(60));
    await execSql(server, `insert into deviation_events (deviation_id, kind, by_user_id, mandate, at) values (?, 'goedgekeurd', ?, 'teamleider', ?)`, devId, uid('teamleider'), daysAgo(59));

    const staff = await signalsOf('klantmanager', caseId);
    expect(staff.signals.find((s: any) => s.key === 'afwijking_herbeoordelen').reason).toContain(rule);
    for (const key of ['ggz', 'inwoner']) {
      const outside = await signalsOf(key, caseId);
      expect(signalKeys(outside)).not.toContain('afwijking_herbeoordelen');
      expect(JSON.stringify(outside)).not.toContain('gezamenlijke huishouding');
    }
  });
});

// ------------------------------------------------------------------ overview

describe('the procesregisseur overview', () => {
  it('lists flagged member cases with the reason, never cases they are not a member of', async () => {
    const verbeek = await caseIdByTitle(server, 'Gezin Verbeek');
    const deGraaf = await caseIdByTitle(server, 'Dhr. R. de Graaf'); // the procesregisseur is not at this table
    const elKhatib = await caseIdByTitle(server, 'Gezin El Khatib');
    await (await as('klantmanager')).post(`/api/cases/${deGraaf}/stuck-flag`, { reason: 'Geheime reden die alleen leden zien.' });
    await (await as('jeugd')).post(`/api/cases/${verbeek}/stuck-flag`, { reason: 'Vader en moeder krijgen tegenstrijdige adviezen.' });

    const all = await overview();
    expect(all.cases.map((c) => c.id)).not.toContain(deGraaf);
    expect(JSON.stringify(all)).not.toContain('Geheime reden');
    const v = all.cases.find((c) => c.id === verbeek);
    expect(v.signals.find((s: any) => s.key === 'vastgelopen').reason).toContain('Vader en moeder krijgen tegenstrijdige adviezen.');
    expect(signalKeys(all.cases.find((c) => c.id === elKhatib))).toContain('geen_regisseur');
    expect(all.thresholds).toEqual({ plan_stil_weken: 6, vraagstuk_open_dagen: 42 });

    const filtered = await overview('?signal=vastgelopen');
    expect(filtered.cases.every((c) => c.signals.some((s: any) => s.key === 'vastgelopen'))).toBe(true);
    expect(filtered.cases.map((c) => c.id)).toContain(verbeek);
    expect(filtered.cases.map((c) => c.id)).not.toContain(elKhatib);
  });

  it('shows whom each case waits for and how long: the mandate holder of a breakthrough, unsigned verdicts, a deviation proposal', async () => {
    const caseId = await freshCase([
      ['klantmanager', 'klantmanager_pw', 'edit'],
      ['wmo', 'consulent_wmo', 'edit'],
      ['teamleider', 'mandaathouder', 'read'],
    ]);
    const prId = uid('procesregisseur');
    // A breakthrough request submitted four days ago, routed to the wethouder (the other helper's tables, written directly).
    const requestId = randomUUID();
    await execSql(server, 'insert into breakthrough_requests (id, case_id, created_by, created_at) values (?, ?, ?, ?)', requestId, caseId, prId, daysAgo(4));
    await execSql(server, `insert into breakthrough_versions (request_id, version, stuck, stuck_since, proposal, kind, blocking, costs, amount_cents, submitted_by, submitted_at)
         values (?, 1, 'Vast', ?, 'Voorstel', 'wet', '{"laws":[],"rules":"","vraagstukIds":[],"deviationIds":[]}', '{}', 0, ?, ?)`, requestId, dayOffset(-30), prId, daysAgo(4));
    await execSql(server, `insert into breakthrough_events (request_id, kind, level, assignee_id, by_user_id, at) values (?, 'voorgelegd', 'wethouder', ?, ?, ?)`, requestId, uid('wethouder'), prId, daysAgo(4));
    // An open vraagstuk (through the API: it also makes its draft in the plan) and a deviation proposal.
    const opened = await (await as('procesregisseur')).post(`/api/cases/${caseId}/vraagstukken`, { title: 'Wonen en inkomen' });
    expect(opened.status, JSON.stringify(opened.body)).toBe(201);
    const proposed = await (await as('klantmanager')).post(`/api/cases/${caseId}/deviations`, {
      law: 'participatiewet',
      rule: 'Participatiewet art. 3 (gezamenlijke huishouding)',
      route: 'awb_4_84',
      willDo: 'Vader blijft betrokken.',
      willNotDo: 'Het vermoeden niet actief oppakken.',
      reasoning: 'Vader brengt stabiliteit; onderzoek zou het gedeelde doel ondermijnen (Awb 3:4 lid 2).',
      startDate: dayOffset(0),
      endDate: dayOffset(120),
      reviewDate: dayOffset(60),
      internal: true,
    });
    expect(proposed.status, JSON.stringify(proposed.body)).toBe(201);

    const c = (await overview()).cases.find((x) => x.id === caseId);
    expect(c.escalated).toBe(true);
    const byKind = (k: string) => c.waiting.find((w: any) => w.kind === k);
    expect(byKind('doorbraak')).toMatchObject({ subject: 'Doorbraakverzoek', waitingFor: [{ name: 'Ingrid Maas', role: 'Wethouder' }], level: 'wethouder', days: 4 });
    expect(byKind('vraagstuk').subject).toBe('Wonen en inkomen');
    expect(byKind('vraagstuk').waitingFor.map((w: any) => w.name).sort()).toEqual(['Fatma Yildiz', 'Sander Willemsen']);
    expect(byKind('afwijking')).toMatchObject({ subject: 'Participatiewet art. 3 (gezamenlijke huishouding)', waitingFor: [{ name: 'Ruud Smeets', role: 'Teamleider' }], level: 'teamleider', days: 0 });
    // Longest wait first.
    expect(c.waiting[0].kind).toBe('doorbraak');
  });

  it('every signal says whom it waits for and since when: goal owners, the regisseur, the proposer and approver of a deviation past review', async () => {
    const caseId = await freshCase([
      ['wmo', 'consulent_wmo', 'edit'],
      ['klantmanager', 'klantmanager_pw', 'edit'],
    ]);
    const prId = uid('procesregisseur');
    // Started 60 days ago, nobody wrote in its plan since: the plan is quiet since its start.
    await execSql(server, 'update cases set created_at = ? where id = ?', daysAgo(60), caseId);
    const goal = `insert into goals (id, case_id, text, life_domain, owner_user_id, owner_household, status, due_date, created_by, created_at, updated_by, updated_at) values (?, ?, ?, 'financien', ?, ?, 'open', ?, ?, ?, ?, ?)`;
    await execSql(server, goal, randomUUID(), caseId, 'Vaste lasten op tijd betalen', uid('wmo'), null, dayOffset(-10), prId, daysAgo(60), prId, daysAgo(60));
    await execSql(server, goal, randomUUID(), caseId, 'Een aanvraag huishoudelijke hulp indienen', uid('wmo'), null, dayOffset(-3), prId, daysAgo(60), prId, daysAgo(60));
    await execSql(server, goal, randomUUID(), caseId, 'Elke week samen boodschappen doen', null, 'moeder', dayOffset(-4), prId, daysAgo(60), prId, daysAgo(60));
    await execSql(server, goal, randomUUID(), caseId, 'Een vaste dagbesteding vinden', null, null, dayOffset(-2), prId, daysAgo(60), prId, daysAgo(60));
    const devId = randomUUID();
    await execSql(server, `insert into deviations (id, case_id, law, rule, route, route_other, will_do, will_not_do, reasoning, start_date, end_date, review_date, internal, proposed_by, proposed_at)
       values (?, ?, 'participatiewet', 'Participatiewet art. 22a (kostendelersnorm)', 'pwet_18_1', null, 'Wel', 'Niet', 'Motivering', ?, ?, ?, false, ?, ?)`, devId, caseId, dayOffset(-50), dayOffset(50), dayOffset(-7), uid('klantmanager'), daysAgo(50));
    await execSql(server, `insert into deviation_events (deviation_id, kind, by_user_id, mandate, at) values (?, 'goedgekeurd', ?, 'teamleider', ?)`, devId, uid('teamleider'), daysAgo(49));
    const flagged = await (await as('wmo')).post(`/api/cases/${caseId}/stuck-flag`, { reason: 'De corporatie en het wijkteam wachten op elkaar.' });
    expect(flagged.status, JSON.stringify(flagged.body)).toBe(200);
    const flagAt = (await queryRow(server, 'select at from case_stuck_flags where case_id = ? order by id desc limit 1', caseId) as { at: string }).at;

    const c = (await overview()).cases.find((x) => x.id === caseId);
    expect(signalKeys(c).sort()).toEqual(['afwijking_herbeoordelen', 'doelen_verlopen', 'plan_stil', 'vastgelopen']);
    const of = (kind: string) => c.waiting.filter((w: any) => w.kind === kind);
    expect(of('doel')).toEqual([
      // One entry per owner, since the oldest due date.
      { kind: 'doel', subject: '2 doelen, het oudste „Vaste lasten op tijd betalen”', waitingFor: [{ name: 'Fatma Yildiz', role: 'Consulent Wmo (eigenaar)' }], note: null, level: null, since: dayOffset(-10), days: 10 },
      { kind: 'doel', subject: 'Elke week samen boodschappen doen', waitingFor: [], note: 'Het huishouden (moeder), met de regisseur', level: null, since: dayOffset(-4), days: 4 },
      { kind: 'doel', subject: 'Een vaste dagbesteding vinden', waitingFor: [{ name: 'Priya Ramdin', role: 'Regisseur (doel zonder eigenaar)' }], note: null, level: null, since: dayOffset(-2), days: 2 },
    ]);
    expect(of('herbeoordeling')).toEqual([
      {
        kind: 'herbeoordeling',
        subject: 'Participatiewet art. 22a (kostendelersnorm)',
        waitingFor: [
          { name: 'Sander Willemsen', role: 'Indiener (herbeoordeling)' },
          { name: 'Ruud Smeets', role: 'Goedgekeurd door (opnieuw besluiten)' },
        ],
        note: null,
        level: 'teamleider',
        since: dayOffset(-7),
        days: 7,
      },
    ]);
    expect(of('plan')).toMatchObject([{ subject: 'Plan niet gewijzigd', waitingFor: [{ name: 'Priya Ramdin', role: 'Regisseur (plan bijwerken)' }], days: 60 }]);
    expect(of('vastgelopen')).toEqual([
      { kind: 'vastgelopen', subject: 'De corporatie en het wijkteam wachten op elkaar.', waitingFor: [{ name: 'Priya Ramdin', role: 'Regisseur (vastgelopen melding)' }], note: null, level: null, since: flagAt, days: 0 },
    ]);
    // Longest wait first.
    expect(c.waiting[0].kind).toBe('plan');
    expect(c.waiting.map((w: any) => w.days)).toEqual([...c.waiting.map((w: any) => w.days)].sort((a: number, b: number) => b - a));
  });

  it('a case without a regisseur waits for whoever may appoint one, since the regisseur was taken off; a closure without borging waits for the last regisseur', async () => {
    const pr = await as('procesregisseur');
    const caseId = await freshCase([
      ['casusregisseur', 'casusregisseur', 'edit'],
      ['wmo', 'consulent_wmo', 'edit'],
      ['ggz', 'extern_partner', 'comment'],
    ]);
    expect((await pr.put(`/api/cases/${caseId}/regisseur`, { userId: uid('casusregisseur') })).status).toBe(200);
    expect((await pr.put(`/api/cases/${caseId}/regisseur`, { userId: null })).status).toBe(200);
    const droppedAt = (await queryRow(server, "select at from audit_log where case_id = ? and action = 'case.regisseur_assigned' order by seq desc limit 1", caseId) as { at: string }).at;
    expect((await (await as('ggz')).post(`/api/cases/${caseId}/stuck-flag`, { reason: 'Niemand pakt de regie op sinds de wissel.' })).status).toBe(200);

    let c = (await overview()).cases.find((x) => x.id === caseId);
    expect(signalKeys(c)).toEqual(['geen_regisseur', 'vastgelopen']);
    const assigners = [
      { name: 'Marieke de Vries', role: 'Casusregisseur (wijst een regisseur aan)' },
      { name: 'Priya Ramdin', role: 'Procesregisseur (wijst een regisseur aan)' },
    ];
    const byName = (xs: { name: string }[]) => [...xs].sort((a, b) => a.name.localeCompare(b.name));
    const regisseur = c.waiting.find((w: any) => w.kind === 'regisseur');
    expect({ ...regisseur, waitingFor: byName(regisseur.waitingFor) }).toEqual({ kind: 'regisseur', subject: 'Regisseur aanwijzen', waitingFor: assigners, note: null, level: null, since: droppedAt, days: 0 });
    // The flag waits for the regisseur; without one, for the same people.
    expect(byName(c.waiting.find((w: any) => w.kind === 'vastgelopen').waitingFor).map((p) => p.name)).toEqual(['Marieke de Vries', 'Priya Ramdin']);

    // Closed without follow-up agreements (a closure from before they were required): the last regisseur.
    expect((await pr.put(`/api/cases/${caseId}/regisseur`, { userId: uid('casusregisseur') })).status).toBe(200);
    expect((await pr.post(`/api/cases/${caseId}/close`, { borgingsafspraken: 'Het wijkteam blijft aanspreekpunt voor het gezin en belt na drie maanden.' })).status).toBe(200);
    await execSql(server, "update cases set borgingsafspraken = '' where id = ?", caseId);
    const closedAt = (await queryRow(server, 'select closed_at as at from cases where id = ?', caseId) as { at: string }).at;
    c = (await overview()).cases.find((x) => x.id === caseId);
    expect(signalKeys(c)).toEqual(['gesloten_zonder_borging']);
    expect(c.waiting).toEqual([
      { kind: 'borging', subject: 'Vervolgafspraken (borgingsafspraken) vastleggen', waitingFor: [{ name: 'Marieke de Vries', role: 'Laatste regisseur' }], note: null, level: null, since: closedAt, days: 0 },
    ]);
  });

  it('a refused request stays in the overview, waiting for the procesregisseur to escalate or withdraw it; withdrawn, it leaves', async () => {
    const pr = await as('procesregisseur');
    const caseId = await freshCase([['teamleider', 'mandaathouder', 'read']]);
    const r = await pr.post(`/api/cases/${caseId}/breakthroughs`, breakthroughBody(uid('teamleider')));
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    const refused = await (await as('teamleider')).post(`/api/cases/${caseId}/breakthroughs/${r.body.id}/refuse`, { reasons: 'Eerst de voorliggende voorzieningen benutten.' });
    expect(refused.status, JSON.stringify(refused.body)).toBe(200);

    const c = (await overview()).cases.find((x) => x.id === caseId);
    expect(c.escalated).toBe(true);
    expect(c.waiting).toEqual([
      {
        kind: 'doorbraak',
        subject: 'Doorbraakverzoek (afgewezen)',
        waitingFor: [{ name: 'Priya Ramdin', role: 'Procesregisseur (opschalen naar directeur of intrekken)' }],
        note: null,
        level: 'teamleider',
        since: refused.body.events.at(-1).at,
        days: 0,
      },
    ]);
    expect((await overview('?signal=vastgelopen')).cases.map((x) => x.id)).not.toContain(caseId);

    const withdrawn = await pr.post(`/api/cases/${caseId}/breakthroughs/${r.body.id}/withdraw`, { reason: 'Het gezin heeft zelf een oplossing gevonden.' });
    expect(withdrawn.status, JSON.stringify(withdrawn.body)).toBe(200);
    expect((await overview()).cases.map((x) => x.id)).not.toContain(caseId);
  });

  it('a request with the national maatwerkloket stays until its outcome is recorded, then it leaves', async () => {
    const pr = await as('procesregisseur');
    const caseId = await freshCase();
    const r = await pr.post(`/api/cases/${caseId}/breakthroughs`, breakthroughBody(uid('wethouder'), { kind: 'wet' }));
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    const path = `/api/cases/${caseId}/breakthroughs/${r.body.id}`;
    expect((await (await as('wethouder')).post(`${path}/refuse`, { reasons: 'Buiten de wettelijke kaders van de gemeente.' })).status).toBe(200);
    expect((await pr.post(`${path}/export`, {})).status).toBe(200);

    const c = (await overview()).cases.find((x) => x.id === caseId);
    expect(c.escalated).toBe(true);
    expect(c.waiting).toMatchObject([{ kind: 'doorbraak', subject: 'Doorbraakverzoek (landelijk)', waitingFor: [], note: expect.stringContaining('landelijk maatwerkloket') }]);

    const outcome = await pr.post(`${path}/outcome`, { achieved: true, type: 'uithuisplaatsing_voorkomen', difference: 'Het landelijk maatwerkloket stemde in; het gezin blijft samen.', successStory: false });
    expect(outcome.status, JSON.stringify(outcome.body)).toBe(200);
    expect((await overview()).cases.map((x) => x.id)).not.toContain(caseId);
  });

  it('is for procesregisseurs only; an unknown signal filter is refused', async () => {
    for (const key of ['casusregisseur', 'teamleider', 'beheer', 'inwoner']) expectError(await (await as(key)).get('/api/stuck'), 403, 'GEEN_TOESTEMMING');
    expectError(await (await as('procesregisseur')).get('/api/stuck?signal=onbekend'), 400, 'ONGELDIGE_INVOER');
  });
});

// ------------------------------------------------------------------ thresholds

describe('signal thresholds', () => {
  it('the functional administrator reads and sets them within bounds, audited; a new threshold applies at once', async () => {
    const admin = await as('beheer');
    const list = await admin.get('/api/admin/signal-settings');
    expect(list.status).toBe(200);
    expect(list.body).toEqual([
      { key: 'plan_stil_weken', label: 'Plan niet gewijzigd na (weken)', value: 6, default: 6, min: 1, max: 104, updatedAt: null, updatedBy: null },
      { key: 'vraagstuk_open_dagen', label: 'Vraagstuk open langer dan (dagen)', value: 42, default: 42, min: 1, max: 730, updatedAt: null, updatedBy: null },
    ]);

    // Dhr. R. de Graaf started 23 days ago and nobody wrote in its plan: three weeks quiet.
    const deGraaf = await caseIdByTitle(server, 'Dhr. R. de Graaf');
    expect(signalKeys(await signalsOf('casusregisseur', deGraaf))).not.toContain('plan_stil');
    const before = await maxAuditSeq(server);
    const set = await admin.put('/api/admin/signal-settings/plan_stil_weken', { value: 3 });
    expect(set.status, JSON.stringify(set.body)).toBe(200);
    expect(set.body).toMatchObject({ key: 'plan_stil_weken', value: 3, updatedBy: { id: uid('beheer'), name: 'Tom Kuipers' } });
    expect(await auditRowsSince(server, before)).toMatchObject([{ action: 'signal_setting.set', actor_user_id: uid('beheer'), case_id: null, detail: JSON.stringify({ key: 'plan_stil_weken', from: 6, to: 3 }) }]);
    const quiet = (await signalsOf('casusregisseur', deGraaf)).signals.find((s: any) => s.key === 'plan_stil');
    expect(quiet.reason).toMatch(/^In het plan is sinds de start op .* niets geschreven \(3 weken; drempel 3 weken\)\.$/);

    expect((await admin.put('/api/admin/signal-settings/plan_stil_weken', { value: 6 })).status).toBe(200);
  });

  it('refuses values out of bounds, non-integers, unknown keys and other accounts, writing nothing', async () => {
    const admin = await as('beheer');
    const pr = await as('procesregisseur');
    const snap = await snapshot();
    const low = await admin.put('/api/admin/signal-settings/vraagstuk_open_dagen', { value: 0 });
    expectError(low, 422, 'BUITEN_GRENZEN');
    expect(low.body.error.message).toBe('Kies voor „Vraagstuk open langer dan (dagen)” een waarde van 1 tot en met 730 dagen.');
    expectError(await admin.put('/api/admin/signal-settings/plan_stil_weken', { value: 105 }), 422, 'BUITEN_GRENZEN');
    expectError(await admin.put('/api/admin/signal-settings/plan_stil_weken', { value: 2.5 }), 400, 'ONGELDIGE_INVOER');
    expectError(await admin.put('/api/admin/signal-settings/plan_stil_weken', { value: '4' }), 400, 'ONGELDIGE_INVOER');
    expectError(await admin.put('/api/admin/signal-settings/onbekend', { value: 4 }), 400, 'ONGELDIGE_INVOER');
    expectError(await pr.put('/api/admin/signal-settings/plan_stil_weken', { value: 4 }), 403, 'GEEN_TOESTEMMING');
    expectError(await pr.get('/api/admin/signal-settings'), 403, 'GEEN_TOESTEMMING');
    expect(await snapshot()).toEqual(snap);
  });
});
