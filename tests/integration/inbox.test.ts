// The inbox (postvak) through the API: requests awaiting my decision, decisions on my cases
// (breakthroughs for municipal staff, deviations for whoever may see them), reviews due within
// 14 days or overdue. Each item reaches the right people only, and internal deviations and
// breakthroughs never reach anyone outside the municipality.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, demoAccounts, startTestServer, type TestServer } from '../support/server';
import { expectError } from '../support/api';
import { breakthroughBody, tableWith, type Member } from '../support/fixtures';
import { inDays, today, waitFor } from '../support/time';
import { changePlanDoc, readPlanDoc } from '../../server/plan/plan-doc';
import { readVraagstukDraft, reasoningFragment, setVerdictDraft, textFragment } from '../../shared/plan/vraagstukken';
import { replaceText, signParticipatiewet } from './toets-fixtures';
import { INBOX_NEWS_KINDS, type InboxKind } from '../../shared/schemas';
import { execSql } from '../support/db';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});

afterAll(async () => {
  await server?.stop();
});

const { as, uid } = demoAccounts(() => server);

const daysAgoIso = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString();

interface Item {
  kind: string;
  caseId: string;
  caseTitle: string;
  text: string;
  date: string;
  overdue: boolean;
  href: string;
}

/** The inbox items of one case for this user. */
async function inboxOf(key: string, caseId: string): Promise<Item[]> {
  const res = await (await as(key)).get('/api/inbox');
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  expect(res.body.count).toBe(res.body.items.length);
  expect(res.body.waiting).toBe((res.body.items as Item[]).filter((i) => !INBOX_NEWS_KINDS.includes(i.kind as InboxKind)).length);
  return (res.body.items as Item[]).filter((i) => i.caseId === caseId);
}

const kinds = async (key: string, caseId: string) => (await inboxOf(key, caseId)).map((i) => i.kind);

/** Regisseur, professionals, the teamleider, an external partner and the household at one table. */
async function tableCase(): Promise<{ caseId: string; title: string }> {
  const pr = await as('procesregisseur');
  const members: Member[] = [
    ['casusregisseur', 'casusregisseur', 'edit'],
    ['klantmanager', 'klantmanager_pw', 'edit'],
    ['wmo', 'consulent_wmo', 'edit'],
    ['teamleider', 'mandaathouder', 'read'],
    ['ggz', 'extern_partner', 'comment'],
    ['inwoner', 'inwoner', 'comment'],
  ];
  return tableWith(pr, uid, members);
}

/**
 * A deviation straight into the database, approved by the teamleider unless `status` says
 * otherwise; the approval is older than 30 days, so it is no news in the inbox any more.
 */
async function insertDeviation(caseId: string, f: { reviewDate: string; internal: boolean; endDate?: string; status?: 'goedgekeurd' | 'proposed' | 'ingetrokken' }): Promise<string> {
  const id = randomUUID();
  await execSql(server, `insert into deviations (id, case_id, law, rule, route, route_other, will_do, will_not_do, reasoning, start_date, end_date, review_date, internal, proposed_by, proposed_at)
       values (?, ?, 'participatiewet', ?, 'awb_4_84', null, 'Wel.', 'Niet.', 'Een motivering die lang genoeg is.', ?, ?, ?, ?, ?, ?)`, id, caseId, `Regel ${id.slice(0, 8)}`, inDays(-40), f.endDate ?? inDays(90), f.reviewDate, f.internal, uid('klantmanager'), daysAgoIso(40));
  const event = 'insert into deviation_events (deviation_id, kind, by_user_id, mandate, at, note) values (?, ?, ?, ?, ?, ?)';
  if (f.status !== 'proposed') await execSql(server, event, id, 'goedgekeurd', uid('teamleider'), 'teamleider', daysAgoIso(35), null);
  if (f.status === 'ingetrokken') await execSql(server, event, id, 'ingetrokken', uid('casusregisseur'), null, daysAgoIso(5), 'Niet meer nodig.');
  return id;
}

/** A breakthrough granted by the teamleider 40 days ago, with its term ending on `termEnd`. */
async function insertGrantedRequest(caseId: string, termEnd: string): Promise<string> {
  const id = randomUUID();
  await execSql(server, 'insert into breakthrough_requests (id, case_id, created_by, created_at) values (?, ?, ?, ?)', id, caseId, uid('procesregisseur'), daysAgoIso(60));
  await execSql(server, `insert into breakthrough_versions (request_id, version, stuck, stuck_since, proposal, kind, blocking, costs, amount_cents, submitted_by, submitted_at)
     values (?, 1, 'Vast.', ?, 'Doorbraak.', 'budget', '{"laws":["wmo"],"rules":"","vraagstukIds":[],"deviationIds":[]}', '{"carryOn":[],"breakthrough":[]}', 100, ?, ?)`, id, inDays(-100), uid('procesregisseur'), daysAgoIso(60));
  const ev = 'insert into breakthrough_events (request_id, kind, level, assignee_id, by_user_id, mandate, note, conditions, budget_cents, term_end, at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)';
  await execSql(server, ev, id, 'voorgelegd', 'teamleider', uid('teamleider'), uid('procesregisseur'), null, null, null, null, null, daysAgoIso(60));
  await execSql(server, ev, id, 'toegekend', 'teamleider', null, uid('teamleider'), 'teamleider', null, 'Voorwaarden.', 100, termEnd, daysAgoIso(40));
  return id;
}

async function insertConcludedVraagstuk(caseId: string, reviewDate: string, reopened = false): Promise<string> {
  const id = randomUUID();
  await execSql(server, 'insert into vraagstukken (id, case_id, title, created_by, created_at) values (?, ?, ?, ?, ?)', id, caseId, `Vraagstuk ${id.slice(0, 8)}`, uid('procesregisseur'), daysAgoIso(40));
  const decide = `insert into vraagstuk_decisions (vraagstuk_id, kind, outcome, motivation, review_date, basis, by_user_id, by_name, by_case_role, at) values (?, ?, ?, ?, ?, '{"laws":[],"signatures":[],"deviations":[],"citations":[],"catalogueVersion":"2026-11"}', ?, 'Priya Ramdin', 'procesregisseur', ?)`;
  await execSql(server, decide, id, 'besloten', 'uitvoeren', 'We doen het.', reviewDate, uid('procesregisseur'), daysAgoIso(20));
  if (reopened) await execSql(server, decide, id, 'heropend', null, 'Nieuwe feiten.', null, uid('procesregisseur'), daysAgoIso(2));
  return id;
}

describe('GET /api/inbox', () => {
  it('needs a session (401); the functional administrator has an empty inbox', async () => {
    expectError(await new ApiClient(server.url).get('/api/inbox'), 401, 'NIET_INGELOGD');
    const res = await (await as('beheer')).get('/api/inbox');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ items: [], count: 0, waiting: 0 });
  });
});

describe('breakthrough requests', () => {
  it('a request awaits the assigned mandate holder only; after the decision, every municipal professional at the table sees it, nobody outside the municipality', async () => {
    const { caseId, title } = await tableCase();
    const pr = await as('procesregisseur');
    const created = await pr.post(`/api/cases/${caseId}/breakthroughs`, breakthroughBody(uid('wethouder')));
    expect(created.status, JSON.stringify(created.body)).toBe(201);

    const waiting = await inboxOf('wethouder', caseId);
    expect(waiting).toEqual([
      {
        kind: 'besluit_nodig',
        caseId,
        caseTitle: title,
        text: expect.stringContaining('wacht op uw besluit'),
        date: created.body.events[0].at,
        overdue: false,
        href: `/casussen/${caseId}#doorbraken`,
      },
    ]);
    for (const key of ['teamleider', 'casusregisseur', 'procesregisseur', 'klantmanager', 'ggz', 'inwoner']) expect(await kinds(key, caseId), key).toEqual([]);

    const granted = await (await as('wethouder')).post(`/api/cases/${caseId}/breakthroughs/${created.body.id}/grant`, { conditions: 'Evaluatie na drie maanden.', budgetCents: 6_000_00, termEnd: inDays(90) });
    expect(granted.status, JSON.stringify(granted.body)).toBe(200);
    // The wethouder's access ended with her decision: the case is gone from her inbox.
    expect(await kinds('wethouder', caseId)).toEqual([]);
    for (const key of ['casusregisseur', 'procesregisseur', 'klantmanager', 'wmo', 'teamleider']) {
      const items = await inboxOf(key, caseId);
      expect(items.map((i) => i.kind), key).toEqual(['besluit_genomen']);
      expect(items[0]!.text).toContain('toegekend door Ingrid Maas (wethouder)');
      expect(items[0]!.overdue).toBe(false);
    }
    // Breakthroughs are for municipal staff: the partner and the household see nothing of it.
    for (const key of ['ggz', 'inwoner']) expect(await kinds(key, caseId), key).toEqual([]);
  });

  it('decisions older than 30 days drop out', async () => {
    const { caseId } = await tableCase();
    const requestId = randomUUID();
    await execSql(server, 'insert into breakthrough_requests (id, case_id, created_by, created_at) values (?, ?, ?, ?)', requestId, caseId, uid('procesregisseur'), daysAgoIso(50));
    await execSql(server, `insert into breakthrough_versions (request_id, version, stuck, stuck_since, proposal, kind, blocking, costs, amount_cents, submitted_by, submitted_at)
       values (?, 1, 'Vast.', ?, 'Doorbraak.', 'budget', '{"laws":["wmo"],"rules":"","vraagstukIds":[],"deviationIds":[]}', '{"carryOn":[],"breakthrough":[]}', 100, ?, ?)`, requestId, inDays(-100), uid('procesregisseur'), daysAgoIso(50));
    const ev = 'insert into breakthrough_events (request_id, kind, level, assignee_id, by_user_id, mandate, note, at) values (?, ?, ?, ?, ?, ?, ?, ?)';
    await execSql(server, ev, requestId, 'voorgelegd', 'teamleider', uid('teamleider'), uid('procesregisseur'), null, null, daysAgoIso(50));
    await execSql(server, ev, requestId, 'afgewezen', 'teamleider', null, uid('teamleider'), 'teamleider', 'Nee.', daysAgoIso(31));
    expect(await kinds('procesregisseur', caseId)).toEqual([]);
    expect(await kinds('casusregisseur', caseId)).toEqual([]);
  });

  it('a granted breakthrough whose term ends within 14 days announces its outcome; once the term is over it asks for it, until the outcome is recorded', async () => {
    const { caseId } = await tableCase();
    const pr = await as('procesregisseur');
    const created = await pr.post(`/api/cases/${caseId}/breakthroughs`, breakthroughBody(uid('teamleider')));
    const tl = await as('teamleider');
    const granted = await tl.post(`/api/cases/${caseId}/breakthroughs/${created.body.id}/grant`, { conditions: 'Korte termijn.', budgetCents: 6_000_00, termEnd: inDays(3) });
    expect(granted.status, JSON.stringify(granted.body)).toBe(200);
    for (const key of ['casusregisseur', 'procesregisseur']) {
      const items = await inboxOf(key, caseId);
      expect(items.map((i) => i.kind), key).toEqual(['resultaat_doorbraak', 'besluit_genomen']);
      expect(items[0]).toMatchObject({ date: inDays(3), overdue: false });
      expect(items[0]!.text).toContain('leg daarna het resultaat vast');
    }
    for (const key of ['klantmanager', 'ggz', 'inwoner', 'teamleider']) expect(await kinds(key, caseId), key).not.toContain('resultaat_doorbraak');
    // Too early: the term still runs.
    const outcome = { achieved: true, type: 'nanny', difference: 'Rust in huis.', successStory: false };
    expectError(await (await as('casusregisseur')).post(`/api/cases/${caseId}/breakthroughs/${created.body.id}/outcome`, outcome), 409, 'TERMIJN_LOOPT_NOG');

    // A grant whose term ended two days ago (written directly: the API grants only terms ahead).
    const ended = await insertGrantedRequest(caseId, inDays(-2));
    const due = (await inboxOf('casusregisseur', caseId)).filter((i) => i.kind === 'resultaat_doorbraak');
    expect(due.map((i) => [i.date, i.overdue])).toEqual([
      [inDays(-2), true],
      [inDays(3), false],
    ]);
    expect(due[0]!.text).toContain(': leg het resultaat vast');
    const recorded = await (await as('casusregisseur')).post(`/api/cases/${caseId}/breakthroughs/${ended}/outcome`, outcome);
    expect(recorded.status, JSON.stringify(recorded.body)).toBe(200);
    expect((await inboxOf('procesregisseur', caseId)).filter((i) => i.kind === 'resultaat_doorbraak').map((i) => i.date)).toEqual([inDays(3)]);
  });
});

describe('deviation decisions', () => {
  const proposal = (internal: boolean, rule: string) => ({
    law: 'participatiewet',
    rule,
    route: 'awb_4_84',
    willDo: 'Vader blijft betrokken.',
    willNotDo: 'Het vermoeden niet actief oppakken.',
    reasoning: 'Vader brengt stabiliteit; onderzoek zou het gedeelde doel ondermijnen.',
    startDate: today(),
    endDate: inDays(120),
    reviewDate: inDays(60),
    internal,
  });

  it('an approval reaches every member who may see the deviation, not the one who decided; an internal rejection reaches municipal staff only', async () => {
    const { caseId } = await tableCase();
    const km = await as('klantmanager');
    const tl = await as('teamleider');
    const open = await km.post(`/api/cases/${caseId}/deviations`, proposal(false, 'Participatiewet art. 22a (kostendelersnorm)'));
    expect(open.status, JSON.stringify(open.body)).toBe(201);
    const secret = await km.post(`/api/cases/${caseId}/deviations`, proposal(true, 'Participatiewet art. 3 (vermoeden gezamenlijke huishouding)'));
    expect(secret.status, JSON.stringify(secret.body)).toBe(201);
    // Proposals are no decisions; they wait on the teamleider (below, 'proposed deviations').
    for (const key of ['procesregisseur', 'ggz']) expect(await kinds(key, caseId), key).toEqual([]);

    expect((await tl.post(`/api/cases/${caseId}/deviations/${open.body.id}/approve`, {})).status).toBe(200);
    expect((await tl.post(`/api/cases/${caseId}/deviations/${secret.body.id}/reject`, { note: 'Onvoldoende onderbouwd.' })).status).toBe(200);

    for (const key of ['procesregisseur', 'casusregisseur', 'klantmanager', 'wmo']) {
      const items = await inboxOf(key, caseId);
      expect(items.map((i) => i.kind), key).toEqual(['besluit_genomen', 'besluit_genomen']);
      expect(items.map((i) => i.text).sort(), key).toEqual([
        'Afwijking van Participatiewet („Participatiewet art. 22a (kostendelersnorm)”) goedgekeurd door Ruud Smeets (teamleider).',
        'Afwijking van Participatiewet („Participatiewet art. 3 (vermoeden gezamenlijke huishouding)”) afgewezen door Ruud Smeets (teamleider).',
      ]);
    }
    // The partner sees the deviation that is not internal, so its approval; never the internal one.
    expect((await inboxOf('ggz', caseId)).map((i) => i.text)).toEqual(['Afwijking van Participatiewet („Participatiewet art. 22a (kostendelersnorm)”) goedgekeurd door Ruud Smeets (teamleider).']);
    // The household hears of it in its own words (tests/integration/resident-inbox.test.ts), never of the internal one.
    expect((await inboxOf('inwoner', caseId)).map((i) => i.kind)).toEqual(['bericht']);
    for (const key of ['ggz', 'inwoner']) {
      const all = await (await as(key)).get('/api/inbox');
      expect(JSON.stringify(all.body), key).not.toContain('gezamenlijke huishouding');
    }
    // The decider does not hear of their own decision; someone outside the case hears of nothing.
    expect(await kinds('teamleider', caseId)).toEqual([]);
    expect(await kinds('jeugd', caseId)).toEqual([]);
  });

  it('decisions older than 30 days drop out', async () => {
    const { caseId } = await tableCase();
    const id = await insertDeviation(caseId, { reviewDate: inDays(60), internal: false, status: 'proposed' });
    await execSql(server, 'insert into deviation_events (deviation_id, kind, by_user_id, mandate, at, note) values (?, ?, ?, ?, ?, ?)', id, 'goedgekeurd', uid('teamleider'), 'teamleider', daysAgoIso(31), null);
    expect(await kinds('procesregisseur', caseId)).toEqual([]);
    expect(await kinds('ggz', caseId)).toEqual([]);
  });
});

describe('reviews due', () => {
  it('approved deviations due within 14 days or overdue reach the regisseur, the procesregisseur and the proposer; internal ones never reach non-staff', async () => {
    const { caseId } = await tableCase();
    const soonInternal = await insertDeviation(caseId, { reviewDate: inDays(5), internal: true });
    const overdue = await insertDeviation(caseId, { reviewDate: inDays(-3), internal: false });
    await insertDeviation(caseId, { reviewDate: inDays(30), internal: false }); // not due yet
    await insertDeviation(caseId, { reviewDate: inDays(2), internal: false, status: 'proposed' }); // not approved
    await insertDeviation(caseId, { reviewDate: inDays(2), internal: true, status: 'ingetrokken' }); // no longer in force
    await insertDeviation(caseId, { reviewDate: inDays(-10), internal: false, endDate: inDays(-1) }); // expired

    for (const key of ['casusregisseur', 'procesregisseur', 'klantmanager']) {
      const items = (await inboxOf(key, caseId)).filter((i) => i.kind === 'herbeoordeling_afwijking');
      expect(items.map((i) => [i.date, i.overdue]), key).toEqual([
        [inDays(-3), true],
        [inDays(5), false],
      ]);
      expect(items[0]!.text).toContain('had herbeoordeeld moeten worden');
      expect(items.some((i) => i.text.includes(soonInternal.slice(0, 8))), key).toBe(true);
      expect(items.some((i) => i.text.includes(overdue.slice(0, 8))), key).toBe(true);
    }
    for (const key of ['wmo', 'ggz', 'inwoner']) expect(await kinds(key, caseId), key).toEqual([]);
    // The teamleider has only the proposal waiting on his mandate, no reviews.
    expect(await kinds('teamleider', caseId)).toEqual(['besluit_nodig']);
    // Nothing of an internal deviation, on any route into the inbox, for the partner or the household.
    for (const key of ['ggz', 'inwoner']) {
      const res = await (await as(key)).get('/api/inbox');
      expect(JSON.stringify(res.body)).not.toContain(soonInternal.slice(0, 8));
    }
  });

  it('a member who left the case no longer gets its reviews', async () => {
    const { caseId } = await tableCase();
    await insertDeviation(caseId, { reviewDate: inDays(1), internal: false });
    expect(await kinds('klantmanager', caseId)).toEqual(['herbeoordeling_afwijking']);
    const removed = await (await as('procesregisseur')).delete(`/api/cases/${caseId}/members/${uid('klantmanager')}`);
    expect(removed.status, JSON.stringify(removed.body)).toBe(200);
    expect(await kinds('klantmanager', caseId)).toEqual([]);
  });

  it('concluded vraagstukken with a review date within 14 days reach the regisseur and the procesregisseur; reopened ones do not', async () => {
    const { caseId } = await tableCase();
    const due = await insertConcludedVraagstuk(caseId, inDays(3));
    await insertConcludedVraagstuk(caseId, inDays(2), true);
    await insertConcludedVraagstuk(caseId, inDays(40));
    for (const key of ['casusregisseur', 'procesregisseur']) {
      const items = await inboxOf(key, caseId);
      expect(items.map((i) => i.kind), key).toEqual(['herbeoordeling_vraagstuk']);
      expect(items[0]!.text).toContain(`Vraagstuk ${due.slice(0, 8)}`);
      expect(items[0]!.date).toBe(inDays(3));
    }
    for (const key of ['teamleider', 'ggz', 'inwoner']) expect(await kinds(key, caseId), key).toEqual([]);
    // The reopened one is open again: the professionals who answer for its laws are asked to sign, nothing more.
    for (const key of ['klantmanager', 'wmo']) expect(await kinds(key, caseId), key).toEqual(['ondertekening_nodig']);
  });

  it('a closed case asks for no reviews', async () => {
    const { caseId } = await tableCase();
    await insertDeviation(caseId, { reviewDate: inDays(1), internal: false });
    await insertConcludedVraagstuk(caseId, inDays(1));
    expect((await kinds('casusregisseur', caseId)).sort()).toEqual(['herbeoordeling_afwijking', 'herbeoordeling_vraagstuk']);
    const closed = await (await as('procesregisseur')).post(`/api/cases/${caseId}/close`, { borgingsafspraken: 'De consulent Wmo belt over drie maanden; het gezin kan zelf contact opnemen.' });
    expect(closed.status, JSON.stringify(closed.body)).toBe(200);
    expect(await kinds('casusregisseur', caseId)).toEqual([]);
  });
});

describe('proposed deviations wait on the mandate holder at the table', () => {
  const proposal = (internal: boolean, rule: string, route = 'awb_4_84') => ({
    law: 'participatiewet',
    rule,
    route,
    willDo: 'Vader blijft betrokken.',
    willNotDo: 'De kostendelersnorm niet toepassen.',
    reasoning: 'Vader brengt stabiliteit; de korting zou het gedeelde doel ondermijnen.',
    startDate: today(),
    endDate: inDays(120),
    reviewDate: inDays(60),
    internal,
  });

  it('the moment it is filed, the teamleider (a reading member) has it waiting, with a link to the register; once decided it is gone', async () => {
    const { caseId } = await tableCase();
    const km = await as('klantmanager');
    const filed = await km.post(`/api/cases/${caseId}/deviations`, proposal(false, 'Participatiewet art. 22a (kostendelersnorm)'));
    expect(filed.status, JSON.stringify(filed.body)).toBe(201);

    const waiting = await inboxOf('teamleider', caseId);
    expect(waiting).toEqual([
      expect.objectContaining({ kind: 'besluit_nodig', date: filed.body.proposedAt, overdue: false, href: `/casussen/${caseId}#afwijking-${filed.body.id}` }),
    ]);
    expect(waiting[0]!.text).toBe('Sander Willemsen stelde een afwijking van de Participatiewet („Participatiewet art. 22a (kostendelersnorm)”) voor; die wacht op uw besluit, onder het mandaat van teamleider.');
    const before = (await (await as('teamleider')).get('/api/inbox')).body.waiting as number;
    expect(before).toBeGreaterThanOrEqual(1);
    // It waits on nobody else: not on the proposer, not on the others at the table.
    for (const key of ['klantmanager', 'casusregisseur', 'procesregisseur', 'wmo', 'ggz', 'inwoner']) expect(await kinds(key, caseId), key).toEqual([]);

    expect((await (await as('teamleider')).post(`/api/cases/${caseId}/deviations/${filed.body.id}/approve`, {})).status).toBe(200);
    expect(await kinds('teamleider', caseId)).toEqual([]);
    expect((await (await as('teamleider')).get('/api/inbox')).body.waiting).toBe(before - 1);
  });

  it('a mandate holder who proposed it himself is not asked (four eyes); a revoked or expired proposal waits on nobody', async () => {
    const { caseId } = await tableCase();
    const revoked = await (await as('klantmanager')).post(`/api/cases/${caseId}/deviations`, proposal(false, 'Ingetrokken voorstel'));
    expect((await (await as('klantmanager')).post(`/api/cases/${caseId}/deviations/${revoked.body.id}/revoke`, { reason: 'Toch niet nodig.' })).status).toBe(200);
    await insertDeviation(caseId, { reviewDate: inDays(-20), endDate: inDays(-1), internal: false, status: 'proposed' });
    expect(await kinds('teamleider', caseId)).toEqual([]);
  });

  it('above the mandate of everyone at the table: the regisseur, procesregisseur and proposer are told to add a mandate holder; once one is a member, it waits on him', async () => {
    const { caseId } = await tableCase();
    const beheer = await as('beheer');
    // Only this law and route, so the other tests keep the default (teamleider).
    expect((await beheer.put('/api/admin/mandate-rules/participatiewet/pwet_16', { level: 'wethouder' })).status).toBe(200);
    try {
      const filed = await (await as('klantmanager')).post(`/api/cases/${caseId}/deviations`, proposal(false, 'Participatiewet art. 16 (zeer dringende redenen)', 'pwet_16'));
      expect(filed.status, JSON.stringify(filed.body)).toBe(201);
      expect(await kinds('teamleider', caseId)).toEqual([]);
      for (const key of ['casusregisseur', 'procesregisseur', 'klantmanager']) {
        const items = await inboxOf(key, caseId);
        expect(items.map((i) => i.kind), key).toEqual(['mandaathouder_nodig']);
        expect(items[0]!.text).toContain('vraagt het mandaat van wethouder, maar niemand aan tafel heeft dat mandaat');
      }
      for (const key of ['wmo', 'ggz', 'inwoner']) expect(await kinds(key, caseId), key).toEqual([]);

      const added = await (await as('procesregisseur')).post(`/api/cases/${caseId}/members`, { userId: uid('wethouder'), caseRole: 'mandaathouder', access: 'read' });
      expect(added.status, JSON.stringify(added.body)).toBe(201);
      expect(await kinds('wethouder', caseId)).toEqual(['besluit_nodig']);
      for (const key of ['casusregisseur', 'procesregisseur', 'klantmanager']) expect(await kinds(key, caseId), key).toEqual([]);
    } finally {
      await beheer.put('/api/admin/mandate-rules/participatiewet/pwet_16', { level: 'teamleider' });
    }
  });
});

describe('verdicts to sign (reverse test, step 3)', () => {
  it('each professional who answers for a law in an open vraagstuk is asked, with a link to the vraagstuk at step 3; signing takes it away, a change after signing asks again', async () => {
    const { caseId } = await tableCase();
    const cr = await as('casusregisseur');
    const opened = await cr.post(`/api/cases/${caseId}/vraagstukken`, { title: 'Stabiele psychische gezondheid moeder', laws: ['participatiewet', 'wmo'] });
    expect(opened.status, JSON.stringify(opened.body)).toBe(201);
    const id = opened.body.id as string;
    const href = `/casussen/${caseId}?vraagstuk=${id}&stap=3`;

    for (const [key, law] of [['klantmanager', 'Participatiewet'], ['wmo', 'Wmo 2015']] as const) {
      const items = await inboxOf(key, caseId);
      expect(items.map((i) => [i.kind, i.href]), key).toEqual([['ondertekening_nodig', href]]);
      expect(items[0]!.text, key).toContain(`Uw oordeel over de ${law}`);
      expect(items[0]!.text, key).toContain('„Stabiele psychische gezondheid moeder”');
    }
    // Nobody else signs for these laws: the regisseur, the teamleider, the partner and the household are not asked.
    for (const key of ['casusregisseur', 'procesregisseur', 'teamleider', 'ggz', 'inwoner']) expect(await kinds(key, caseId), key).toEqual([]);

    await waitFor(async () => await readPlanDoc(server.services, caseId, (doc) => readVraagstukDraft(doc, id) !== null));
    await changePlanDoc(server.services, caseId, uid('casusregisseur'), (doc) => {
      replaceText(textFragment(doc, id, 'oplossing')!, 'Begeleiding bij de behandeling van moeder; vader blijft betrokken.');
      setVerdictDraft(doc, id, 'participatiewet', 'past_deels');
      replaceText(reasoningFragment(doc, id, 'participatiewet')!, 'Een stap richting activering; tijdelijk met een afwijking.');
    });
    await signParticipatiewet(server, as, caseId, id);
    expect(await kinds('klantmanager', caseId)).toEqual([]);
    expect(await kinds('wmo', caseId)).toEqual(['ondertekening_nodig']);

    await changePlanDoc(server.services, caseId, uid('casusregisseur'), (doc) => replaceText(textFragment(doc, id, 'oplossing')!, 'Een andere oplossing.'));
    const again = await inboxOf('klantmanager', caseId);
    expect(again.map((i) => i.kind)).toEqual(['ondertekening_nodig']);
    expect(again[0]!.text).toContain('gewijzigd na ondertekening');
  });
});
