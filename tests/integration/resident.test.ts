// The resident's own view (inwoner) through the API: the adopted plan in plain words, agreeing
// with a goal, who does what, comments, and "wie heeft mijn dossier bekeken" from the audit
// trail. Then every GET route in the OpenAPI document and every room the resident can reach is
// walked as the demo inwoner of a case that holds an internal deviation, internal notes, an
// internal reliance in the reverse test and a breakthrough: no internal text may come back.
import { randomUUID } from 'node:crypto';
import { extractText, getDocumentProxy } from 'unpdf';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { changePlanDoc } from '../../server/plan/plan-doc';
import { INTERN_NOTES } from '../../shared/plan/doc';
import { conferenceRoomName, roomName } from '../../shared/plan/rooms';
import { recordEvents } from '../support/feed';
import { DEVIATION_ROUTES, LAW_KEYS } from '../../shared/laws';
import { demoAccounts, startTestServer, type TestServer } from '../support/server';
import { expectError } from '../support/api';
import { addParagraph, connectSynced, destroyAll, rawUpgrade, verbeekLikeCase } from '../support/collab';
import { auditRowsSince, caseIdByTitle, count, execSql, maxAuditSeq, queryRows, sqlError } from '../support/db';
import { BORGING } from '../support/fixtures';
import { inDays, today } from '../support/time';
import { concludedVraagstuk } from './toets-fixtures';

let server: TestServer;
const { as, uid } = demoAccounts(() => server);
const KEYS = ['procesregisseur', 'casusregisseur', 'klantmanager', 'wmo', 'teamleider', 'ggz', 'inwoner', 'schuldhulp', 'beheer'];

let caseId: string;

const secret = (what: string) => `GEHEIM-${what}-${randomUUID().slice(0, 8)}`;
/** Text that exists only in internal places: none of it may reach the resident. */
const INTERNAL = {
  notes: secret('notitie'),
  rule: secret('regel'),
  willDo: secret('welDoen'),
  willNotDo: secret('nietDoen'),
  reasoning: secret('motivering-van-de-afwijking'),
  proposedRule: secret('voorgestelde-interne-regel'),
  breakthrough: secret('doorbraak'),
};
const SHARED = { plan: `Moeder wil rust in huis. ${randomUUID().slice(0, 8)}`, goal: `Moeder voelt zich stabiel ${randomUUID().slice(0, 8)}`, vraagstuk: 'Rust voor moeder en de kinderen' };
/** Ids of internal records: their existence may not show either. */
const internalIds: string[] = [];

async function approvedDeviation(body: Record<string, unknown>): Promise<string> {
  const res = await (await as('klantmanager')).post(`/api/cases/${caseId}/deviations`, body);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  const ok = await (await as('teamleider')).post(`/api/cases/${caseId}/deviations/${res.body.id}/approve`, {});
  expect(ok.status, JSON.stringify(ok.body)).toBe(200);
  return res.body.id;
}

function deviationBody(rule: string, internal: boolean, extra: Record<string, unknown> = {}) {
  return {
    law: 'participatiewet',
    rule,
    route: 'awb_4_84',
    willDo: 'Vader blijft betrokken bij de kinderen.',
    willNotDo: 'Geen onderzoek gedurende de looptijd.',
    reasoning: 'Vader brengt stabiliteit; evenredig gedurende de looptijd van het plan.',
    startDate: today(),
    endDate: inDays(120),
    reviewDate: inDays(60),
    internal,
    ...extra,
  };
}

beforeAll(async () => {
  server = await startTestServer();
  // Log everyone in up front: a login is audited, and refusals are checked to write no audit row.
  for (const key of KEYS) await as(key);
  caseId = await caseIdByTitle(server, 'Gezin Verbeek');

  // The shared plan, and the internal notes in the internal room.
  await changePlanDoc(server.services, caseId, uid('casusregisseur'), (doc) => addParagraph(doc, SHARED.plan));
  await server.services.collab!.rooms.withDoc(roomName(caseId, 'intern'), (room) => room.changeAs(uid('klantmanager'), (doc) => addParagraph(doc, INTERNAL.notes, INTERN_NOTES.key)));

  // An approved internal deviation (the worked example's), one only proposed, and an ordinary one.
  const internalId = await approvedDeviation(deviationBody(INTERNAL.rule, true, { willDo: INTERNAL.willDo, willNotDo: INTERNAL.willNotDo, reasoning: `${INTERNAL.reasoning} (evenredig, tijdelijk).` }));
  internalIds.push(internalId);
  const proposed = await (await as('klantmanager')).post(`/api/cases/${caseId}/deviations`, deviationBody(INTERNAL.proposedRule, true));
  expect(proposed.status).toBe(201);
  internalIds.push(proposed.body.id);
  await approvedDeviation(deviationBody('Beleidsregel Wmo: huishoudelijke hulp maximaal 2 uur per week', false, { law: 'wmo' }));

  // The reverse test relies on the internal deviation, and is concluded on it.
  await concludedVraagstuk(server, as, uid, caseId, { title: SHARED.vraagstuk, motivation: 'Eén gedeeld doel; de tijdelijke afwijking is evenredig en wordt herbeoordeeld.', deviationId: internalId, reviewDate: inDays(90) });

  // A breakthrough request: for municipal staff only.
  const submitted = await (await as('procesregisseur')).post(`/api/cases/${caseId}/breakthroughs`, {
    stuck: `De opvoedondersteuning past in geen enkele regeling. ${INTERNAL.breakthrough}`,
    stuckSince: inDays(-120),
    proposal: `Een nanny voor twee dagdelen per week. ${INTERNAL.breakthrough}`,
    kind: 'budget',
    laws: ['wmo', 'jeugdwet'],
    rules: 'Beleidsregel Wmo: geen huishoudelijke hulp bij een aanwezige partner.',
    costs: { carryOn: [{ label: 'Ambulante jeugdhulp', cents: 14_000_00 }], breakthrough: [{ label: 'Nanny', cents: 7_200_00, per: 'jaar' }] },
    amountCents: 7_200_00,
    assigneeId: uid('teamleider'),
  });
  expect(submitted.status, JSON.stringify(submitted.body)).toBe(201);
  internalIds.push(submitted.body.id);

  // A goal, and the plan adopted with all of the above in its records.
  const goal = await (await as('casusregisseur')).post(`/api/cases/${caseId}/goals`, {
    text: SHARED.goal,
    lifeDomain: 'geestelijke_gezondheid',
    legitimations: [{ law: 'wmo', text: 'Zelfredzaamheid van moeder.' }],
    owner: { type: 'member', userId: uid('wmo') },
    dueDate: inDays(120),
  });
  expect(goal.status, JSON.stringify(goal.body)).toBe(201);
  const adopted = await (await as('casusregisseur')).post(`/api/cases/${caseId}/plan/versions`, {});
  expect(adopted.status, JSON.stringify(adopted.body)).toBe(201);
});

afterEach(() => destroyAll());
afterAll(async () => {
  destroyAll();
  await server?.stop();
});

const inwoner = () => as('inwoner');
const base = (rest = '') => `/api/cases/${caseId}/inwoner${rest}`;

// ------------------------------------------------------------------ the resident's view

describe('the plain-language view', () => {
  it('shows the adopted version, the goals, who does what with the regisseur on top, and is a logged read', async () => {
    const seq = await maxAuditSeq(server);
    const res = await (await inwoner()).get(base());
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const v = res.body;
    expect(v).toMatchObject({ caseId, title: 'Gezin Verbeek', status: 'open', can: { agree: true, comment: true } });
    expect(v.plan.adopted).toMatchObject({ number: 1 });
    expect(v.plan.adopted.sections.find((s: { key: string }) => s.key === 'beeldvorming').text).toContain(SHARED.plan);
    expect(v.plan.newerDraft).toBe(false);

    const goal = v.goals.find((g: { text: string }) => g.text === SHARED.goal);
    expect(goal).toMatchObject({ lifeDomain: 'Geestelijke gezondheid', status: 'open', owner: 'Fatma Yildiz', agreedOn: null, dueDate: inDays(120) });

    expect(v.people[0]).toMatchObject({ name: 'Marieke de Vries', role: 'Casusregisseur', isRegisseur: true, email: 'casusregisseur@demo.casustafel.nl', organisation: 'Gemeente Zuiderhaven' });
    const names = v.people.map((p: { name: string }) => p.name);
    expect(names).toEqual(expect.arrayContaining(['Priya Ramdin', 'Sander Willemsen', 'Fatma Yildiz', 'Anouk Peeters']));
    // Mandate holders decide from a distance; the household itself is not "whom to reach".
    expect(names).not.toContain('Ruud Smeets');
    expect(names).not.toContain('Sanne Verbeek');
    expect(v.people.filter((p: { isRegisseur: boolean }) => p.isRegisseur)).toHaveLength(1);
    expect(v.people.find((p: { name: string }) => p.name === 'Fatma Yildiz').tasks).toContain(SHARED.goal);

    // Besides the grouped read of the day (server/cases/reads.ts), which the access-log tests cover.
    const rows = (await auditRowsSince(server, seq)).filter((r) => r.action !== 'case.content_read');
    expect(rows.map((r) => r.action)).toEqual(['case.read']);
    expect(rows[0]).toMatchObject({ actor_user_id: uid('inwoner'), case_id: caseId });
  });

  it('says when the professionals are working on a newer version than the adopted one', async () => {
    await changePlanDoc(server.services, caseId, uid('casusregisseur'), (doc) => addParagraph(doc, 'Een nieuwe afspraak in het concept.', 'afspraken'));
    const res = await (await inwoner()).get(base());
    expect(res.body.plan.newerDraft).toBe(true);
    expect(JSON.stringify(res.body.plan.adopted)).not.toContain('Een nieuwe afspraak in het concept.');
  });

  it('is the household\'s own: a professional gets 403, someone outside the case 404, and nothing is logged', async () => {
    for (const [key, status, code] of [
      ['casusregisseur', 403, 'GEEN_TOESTEMMING'],
      ['ggz', 403, 'GEEN_TOESTEMMING'],
      ['teamleider', 403, 'GEEN_TOESTEMMING'],
      ['schuldhulp', 404, 'CASUS_NIET_GEVONDEN'],
      ['beheer', 404, 'CASUS_NIET_GEVONDEN'],
    ] as const) {
      const seq = await maxAuditSeq(server);
      expectError(await (await as(key)).get(base()), status, code);
      expectError(await (await as(key)).get(base('/accesslog')), status, code);
      expect(await maxAuditSeq(server), key).toBe(seq);
    }
  });
});

describe('"daar ben ik het mee eens"', () => {
  it('records today and the resident, audited, tells the table (goal.changed); agreeing again changes nothing; professionals see it', async () => {
    const goalId = (await (await inwoner()).get(base())).body.goals.find((g: { text: string }) => g.text === SHARED.goal).id;
    const events = recordEvents(server, 'goal.changed');
    const seq = await maxAuditSeq(server);
    const res = await (await inwoner()).put(base(`/goals/${goalId}/agreement`));
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ id: goalId, agreedOn: today() });
    const rows = await auditRowsSince(server, seq);
    expect(rows.map((r) => r.action)).toEqual(['resident.goal_agreed']);
    expect(rows[0]).toMatchObject({ actor_user_id: uid('inwoner'), case_id: caseId });
    expect(JSON.parse(rows[0]!.detail)).toEqual({ goalId, agreedOn: today() });
    // Everyone with the goals open hears of it through the change feed.
    expect(events).toEqual([{ type: 'goal.changed', caseId }]);

    const again = await (await inwoner()).put(base(`/goals/${goalId}/agreement`));
    expect(again.status).toBe(200);
    expect(again.body.agreedOn).toBe(today());
    expect(await auditRowsSince(server, seq)).toHaveLength(1);

    const seen = await (await as('casusregisseur')).get(`/api/cases/${caseId}/goals/${goalId}`);
    expect(seen.body.householdAgreement).toEqual({ agreedOn: today(), recordedBy: { id: uid('inwoner'), name: 'Sanne Verbeek' } });
  });

  it('refuses professionals (403), unknown goals (404) and closed cases (409), writing nothing', async () => {
    const goalId = (await (await inwoner()).get(base())).body.goals[0].id;
    const snapshot = async () => ({ audit: await maxAuditSeq(server), goals: await queryRows(server, 'select * from goals order by id') });
    let before = await snapshot();
    expectError(await (await as('casusregisseur')).put(base(`/goals/${goalId}/agreement`)), 403, 'GEEN_TOESTEMMING');
    expectError(await (await inwoner()).put(base(`/goals/${randomUUID()}/agreement`)), 404, 'NIET_GEVONDEN');
    expect(await snapshot()).toEqual(before);

    // A closed case of the same household: reading and the access log stay, writing stops.
    const closedCase = await verbeekLikeCase(server, uid);
    const cr = await as('casusregisseur');
    const g = await cr.post(`/api/cases/${closedCase}/goals`, { text: 'Rust', lifeDomain: 'financien', legitimations: [], legitimationWaiver: 'Een afspraak binnen het gezin zelf.', owner: { type: 'household', name: 'moeder' }, dueDate: inDays(30) });
    expect(g.status).toBe(201);
    expect((await cr.post(`/api/cases/${closedCase}/close`, { borgingsafspraken: BORGING })).status).toBe(200);
    before = await snapshot();
    expectError(await (await inwoner()).put(`/api/cases/${closedCase}/inwoner/goals/${g.body.id}/agreement`), 409, 'CASUS_GESLOTEN');
    expectError(await (await inwoner()).post(`/api/cases/${closedCase}/inwoner/comments`, { body: 'Nog een vraag.' }), 409, 'CASUS_GESLOTEN');
    expect(await snapshot()).toEqual(before);
    const view = await (await inwoner()).get(`/api/cases/${closedCase}/inwoner`);
    expect(view.status).toBe(200);
    expect(view.body.can).toEqual({ agree: false, comment: false });
    expect((await (await inwoner()).get(`/api/cases/${closedCase}/inwoner/accesslog`)).status).toBe(200);
  });
});

describe('comments', () => {
  it('the resident adds a comment (audited without its words); every member reads it; it cannot be changed', async () => {
    const body = `Ik wil graag dat papa op woensdag blijft koken. ${randomUUID().slice(0, 8)}`;
    const seq = await maxAuditSeq(server);
    const res = await (await inwoner()).post(base('/comments'), { body: `  ${body}  ` });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ body, by: { id: uid('inwoner'), name: 'Sanne Verbeek' } });
    const rows = await auditRowsSince(server, seq);
    expect(rows.map((r) => r.action)).toEqual(['resident.comment_added']);
    expect(JSON.parse(rows[0]!.detail)).toEqual({ commentId: res.body.id, length: body.length });
    expect(rows[0]!.detail).not.toContain('papa');

    for (const key of ['casusregisseur', 'ggz', 'teamleider', 'inwoner']) {
      const list = await (await as(key)).get(base('/comments'));
      expect(list.status, key).toBe(200);
      expect(list.body.at(-1), key).toEqual(res.body);
    }
    expect((await (await inwoner()).get(base())).body.comments.at(-1)).toEqual(res.body);
    expectError(await (await as('schuldhulp')).get(base('/comments')), 404, 'CASUS_NIET_GEVONDEN');
    expect(await sqlError(execSql(server, 'update resident_comments set body = ? where id = ?', 'anders', res.body.id))).toMatch(/append-only/);
  });

  it('refuses empty, too long, extra fields and professionals, writing nothing', async () => {
    const before = { audit: await maxAuditSeq(server), n: await count(server, 'select count(*) as n from resident_comments') };
    expectError(await (await inwoner()).post(base('/comments'), { body: '   ' }), 400, 'ONGELDIGE_INVOER');
    expectError(await (await inwoner()).post(base('/comments'), { body: 'x'.repeat(2001) }), 400, 'ONGELDIGE_INVOER');
    expectError(await (await inwoner()).post(base('/comments'), { body: 'Hallo', extra: true }), 400, 'ONGELDIGE_INVOER');
    expectError(await (await as('casusregisseur')).post(base('/comments'), { body: 'Namens het gezin' }), 403, 'GEEN_TOESTEMMING');
    expect({ audit: await maxAuditSeq(server), n: await count(server, 'select count(*) as n from resident_comments') }).toEqual(before);
  });
});

describe('a household member who reads along only', () => {
  it('with access "lezen" the resident reads her page, but cannot agree or comment (403, in Dutch); with "reageren" again she can', async () => {
    const cr = await as('casusregisseur');
    const setAccess = async (access: string) => {
      const res = await cr.patch(`/api/cases/${caseId}/members/${uid('inwoner')}`, { access });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
    };
    await setAccess('read');
    try {
      const view = await (await inwoner()).get(base());
      expect(view.status).toBe(200);
      expect(view.body.can).toMatchObject({ agree: false, comment: false });
      const goalId = view.body.goals[0].id as string;
      const before = { audit: await maxAuditSeq(server), n: await count(server, 'select count(*) as n from resident_comments') };
      const comment = await (await inwoner()).post(base('/comments'), { body: 'Mag ik iets zeggen?' });
      expectError(comment, 403, 'GEEN_TOESTEMMING');
      expect(comment.body.error.message).toContain('meelezen');
      expectError(await (await inwoner()).put(base(`/goals/${goalId}/agreement`)), 403, 'GEEN_TOESTEMMING');
      expect({ audit: await maxAuditSeq(server), n: await count(server, 'select count(*) as n from resident_comments') }).toEqual(before);
      expect((await (await inwoner()).get(base('/accesslog'))).status).toBe(200);
    } finally {
      await setAccess('comment');
    }
    expect((await (await inwoner()).get(base())).body.can).toMatchObject({ agree: true, comment: true });
  });
});

describe('wie heeft mijn dossier bekeken (AVG art. 15)', () => {
  it('lists who looked, per person per day, with role and organisation; not the resident; reading it is logged', async () => {
    const kp = await as('klantmanager');
    expect((await kp.get(`/api/cases/${caseId}`)).status).toBe(200);
    expect((await kp.get(`/api/cases/${caseId}/plan/versions/1`)).status).toBe(200);
    const pdf = await fetch(`${server.url}/api/cases/${caseId}/versions/1/dossier.pdf`, { headers: { cookie: kp.cookie! } });
    expect(pdf.status).toBe(200);
    // Joining the internal room is a look at the file, told without saying which room.
    const up = await rawUpgrade(server, encodeURIComponent(roomName(caseId, 'intern')), { cookie: kp.cookie! });
    expect(up.status).toBe(101);
    up.ws!.close();
    await (await inwoner()).get(`/api/cases/${caseId}`);
    expect((await (await as('teamleider')).get(`/api/cases/${caseId}`)).status).toBe(200);

    const seq = await maxAuditSeq(server);
    const res = await (await inwoner()).get(base('/accesslog'));
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const mine = res.body.find((e: { day: string; person: { name: string } }) => e.person.name === 'Sander Willemsen' && e.day === today());
    expect(mine).toMatchObject({ day: today(), person: { name: 'Sander Willemsen', role: 'Klantmanager Participatiewet', organisation: 'Gemeente Zuiderhaven, Werk & Inkomen' } });
    const kinds = mine.what.map((w: { kind: string }) => w.kind);
    expect(kinds).toEqual(expect.arrayContaining(['dossier_geopend', 'versie_bekeken', 'gedownload']));
    expect(mine.what.find((w: { kind: string }) => w.kind === 'gedownload')).toMatchObject({ label: 'Heeft gegevens uit uw dossier gedownload', times: 1 });
    // One entry per person per day.
    const keys = res.body.map((e: { day: string; person: { name: string } }) => `${e.day}|${e.person.name}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(res.body.some((e: { person: { name: string } }) => e.person.name === 'Sanne Verbeek')).toBe(false);
    expect(JSON.stringify(res.body)).not.toMatch(/intern/i);
    // A mandate holder is not in "wie doet wat", but a look at the file is told all the same.
    // He also read the household's comments earlier in this file: told as what it was.
    expect(res.body.find((e: { person: { name: string } }) => e.person.name === 'Ruud Smeets')).toMatchObject({
      person: { role: 'Mandaathouder' },
      what: [
        { kind: 'dossier_geopend', times: 1 },
        { kind: 'reacties_bekeken', label: 'Heeft uw reacties gelezen' },
      ],
    });

    // Besides the resident's own grouped read of the day (server/cases/reads.ts), which her list leaves out.
    const rows = (await auditRowsSince(server, seq)).filter((r) => r.action !== 'case.content_read');
    expect(rows.map((r) => r.action)).toEqual(['resident.accesslog_read']);
    expect(rows[0]).toMatchObject({ actor_user_id: uid('inwoner'), case_id: caseId });
  });
});

// ------------------------------------------------------------------ every route and room, checked for internal content

function leaks(text: string): string[] {
  return [...Object.values(INTERNAL), ...internalIds].filter((m) => text.includes(m));
}

interface Param {
  name: string;
  in: 'path' | 'query';
  required?: boolean;
  schema?: { enum?: string[]; type?: string };
}

/** Real values for every path parameter, from this case's own records. */
async function pathValues(name: string, path: string): Promise<string[]> {
  const ids = async (sql: string) => (await queryRows(server, sql, caseId) as { id: string | number }[]).map((r) => String(r.id));
  switch (name) {
    case 'id':
      return path.startsWith('/api/cases/') ? [caseId] : ['1'];
    case 'goalId':
      return ids('select id from goals where case_id = ?');
    case 'actionId':
      return ids('select a.id from goal_actions a join goals g on g.id = a.goal_id where g.case_id = ?');
    case 'deviationId':
      return ids('select id from deviations where case_id = ?');
    case 'vraagstukId':
      return ids('select id from vraagstukken where case_id = ?');
    case 'requestId':
      return ids('select id from breakthrough_requests where case_id = ?');
    case 'number':
      return ids('select number as id from plan_versions where case_id = ?');
    case 'conferenceId':
      return ids('select id from conferences where case_id = ?');
    case 'userId':
      return ids('select user_id as id from case_members where case_id = ?');
    case 'sessionId':
      return (await queryRows(server, 'select id from intervision_sessions') as { id: string }[]).map((r) => r.id);
    case 'articleId':
      return (await queryRows(server, 'select id from local_articles') as { id: string }[]).map((r) => r.id);
    case 'law':
      return [...LAW_KEYS];
    case 'route':
      return DEVIATION_ROUTES.map((r) => r.key);
    default:
      // A parameter this walk does not know yet: try every id of the case's records.
      return [caseId, ...(await ids('select id from deviations where case_id = ?')), ...(await ids('select id from breakthrough_requests where case_id = ?')), '1'];
  }
}

/** Query strings to try: nothing, then each value of every enum (room=intern, variant=volledig …). */
function queryVariants(params: Param[]): string[] {
  const query = params.filter((p) => p.in === 'query');
  const required = Object.fromEntries(
    query.filter((p) => p.required).map((p) => [p.name, p.schema?.enum?.[0] ?? (p.name === 'from' ? '1' : p.name === 'to' ? 'concept' : '1')]),
  );
  const variants = [new URLSearchParams(required).toString()];
  for (const p of query) for (const v of p.schema?.enum ?? []) variants.push(new URLSearchParams({ ...required, [p.name]: v }).toString());
  // A diff read the other way round, from the concept back to the adopted version.
  if (query.some((p) => p.name === 'from') && query.some((p) => p.name === 'to' && p.required)) variants.push(new URLSearchParams({ ...required, from: 'concept', to: '1' }).toString());
  return [...new Set(variants)];
}

async function expand(path: string, params: Param[]): Promise<string[]> {
  let paths = [path];
  for (const p of params.filter((x) => x.in === 'path')) {
    const values = await pathValues(p.name, path);
    paths = paths.flatMap((x) => (values.length ? values : ['onbekend']).map((v) => x.replace(`{${p.name}}`, encodeURIComponent(v))));
  }
  return paths;
}

async function bodyText(res: Response): Promise<string> {
  const bytes = new Uint8Array(await res.arrayBuffer());
  if (res.headers.get('content-type')?.includes('application/pdf')) {
    const { text } = await extractText(await getDocumentProxy(bytes), { mergePages: true });
    return text;
  }
  return new TextDecoder().decode(bytes);
}

function docText(doc: Y.Doc): string {
  const parts: string[] = [Buffer.from(Y.encodeStateAsUpdate(doc)).toString('utf8')];
  for (const name of doc.share.keys()) {
    parts.push(doc.getXmlFragment(name).toString());
  }
  return parts.join('\n');
}

describe('every route and room the resident can reach, checked for internal content', () => {
  it('staff do see the internal records (so the markers are real)', async () => {
    const staff = await as('casusregisseur');
    const deviations = JSON.stringify((await staff.get(`/api/cases/${caseId}/deviations`)).body);
    expect(deviations).toContain(INTERNAL.rule);
    expect(deviations).toContain(INTERNAL.proposedRule);
    expect(JSON.stringify((await staff.get(`/api/cases/${caseId}/breakthroughs`)).body)).toContain(INTERNAL.breakthrough);
    expect(JSON.stringify((await staff.get(`/api/cases/${caseId}/vraagstukken`)).body)).toContain(internalIds[0]);
    expect(JSON.stringify((await staff.get(`/api/cases/${caseId}/plan/versions/1`)).body)).toContain(INTERNAL.rule);
    const notes = await server.services.collab!.rooms.withDoc(roomName(caseId, 'intern'), (room) => docText(room.doc));
    expect(notes).toContain(INTERNAL.notes);
  });

  it('a live case conference: its room and its routes carry nothing internal; closing it adopts a version whose records are filtered too', async () => {
    const chair = await as('casusregisseur');
    const started = await chair.post(`/api/cases/${caseId}/conferences`, {});
    expect(started.status, JSON.stringify(started.body)).toBe(201);
    const conferenceId = started.body.id as string;
    const client = await inwoner();
    const conn = await connectSynced(server, client, conferenceRoomName(caseId, conferenceId));
    expect(leaks(docText(conn.doc))).toEqual([]);
    const live = await client.get(`/api/cases/${caseId}/conferences/${conferenceId}`);
    expect(live.status, JSON.stringify(live.body)).toBe(200);
    expect(leaks(JSON.stringify(live.body))).toEqual([]);
    conn.destroy();

    const closed = await chair.post(`/api/cases/${caseId}/conferences/${conferenceId}/close`, {});
    expect(closed.status, JSON.stringify(closed.body)).toBe(200);
    const view = await client.get(base());
    expect(view.body.plan.adopted.number).toBe(2);
    for (const path of [`/api/cases/${caseId}/plan/versions/2`, `/api/cases/${caseId}/conferences/${conferenceId}`, `/api/cases/${caseId}/conferences`]) {
      const res = await client.get(path);
      expect(res.status, path).toBe(200);
      expect(leaks(JSON.stringify(res.body)), path).toEqual([]);
    }
    // Staff see version 2's internal records: the copy was taken.
    expect(JSON.stringify((await chair.get(`/api/cases/${caseId}/plan/versions/2`)).body)).toContain(INTERNAL.rule);
  });

  // The household and an external partner (GGZ, a member of this case) are the two kinds of
  // member that must never get internal content; both walk the whole API.
  it.each(['inwoner', 'ggz'])('%s walks every GET route of the OpenAPI document with real ids: no internal text, and no server error', async (key) => {
    const client = await as(key);
    const doc = (await client.get('/api/openapi.json')).body as { paths: Record<string, Record<string, { parameters?: Param[] }>> };
    const gets = Object.entries(doc.paths).filter(([, ops]) => ops.get);
    expect(gets.length).toBeGreaterThan(25);
    const visited: string[] = [];
    const problems: string[] = [];
    for (const [path, ops] of gets) {
      const params = ops.get!.parameters ?? [];
      for (const p of await expand(path, params)) {
        for (const q of queryVariants(params)) {
          const url = q ? `${p}?${q}` : p;
          const res = await fetch(server.url + url, { headers: { cookie: client.cookie! } });
          const text = await bodyText(res);
          visited.push(`${res.status} ${url}`);
          if (res.status >= 500) problems.push(`${url}: ${res.status} ${text.slice(0, 200)}`);
          const found = leaks(text);
          if (found.length > 0) problems.push(`${url} (${res.status}) laat interne inhoud zien: ${found.join(', ')}`);
        }
      }
    }
    if (process.env.RESIDENT_WALK_LOG) console.log(visited.join('\n'));
    expect(problems, visited.join('\n')).toEqual([]);
    // The walk reached the case's shared records (and, for the household, its own view).
    const shared = [`200 /api/cases/${caseId}/plan/versions/1`, `200 /api/cases/${caseId}/vraagstukken`, `200 /api/cases/${caseId}/deviations`, `200 /api/cases/${caseId}/goals`];
    for (const reached of key === 'inwoner' ? [...shared, `200 /api/cases/${caseId}/inwoner`] : shared) {
      expect(visited).toContain(reached);
    }
    // The internal room's history, the internal deviation and the breakthrough request are refused outright.
    expect(visited).toContain(`403 /api/cases/${caseId}/plan/history?room=intern`);
    expect(visited).toContain(`404 /api/cases/${caseId}/deviations/${internalIds[0]}`);
    expect(visited).toContain(`404 /api/cases/${caseId}/deviations/${internalIds[1]}`);
    if (key === 'inwoner') {
      expect(visited).toContain(`403 /api/cases/${caseId}/versions/1/dossier.pdf`);
    } else {
      // The partner gets the dossier, always the variant without anything internal, even when
      // asking for the full one; the PDF's text went through leaks() above.
      expect(visited).toContain(`200 /api/cases/${caseId}/versions/1/dossier.pdf?variant=extern`);
      expect(visited).toContain(`200 /api/cases/${caseId}/versions/1/dossier.pdf?variant=volledig`);
    }
  });

  it('the plan room syncs the shared plan without internal text; the internal room is refused (403)', async () => {
    const client = await inwoner();
    const conn = await connectSynced(server, client, roomName(caseId, 'plan'));
    const text = docText(conn.doc);
    expect(text).toContain(SHARED.plan);
    expect(leaks(text)).toEqual([]);

    const refused = await rawUpgrade(server, encodeURIComponent(roomName(caseId, 'intern')), { cookie: client.cookie! });
    expect(refused.status).toBe(403);
    expect(JSON.stringify(refused.body)).not.toContain(INTERNAL.notes);
  });
});

// ------------------------------------------------------------------ what the household is told (issue 12, section 4)

describe('what the municipality does differently, told to the household', () => {
  it('lists approved deviations in what they mean and until when: never internal, proposed or rejected ones, nor the rule or the reasoning', async () => {
    const km = await as('klantmanager');
    const rejectedRule = `Afgewezen regel ${randomUUID().slice(0, 8)}`;
    const rejected = await km.post(`/api/cases/${caseId}/deviations`, deviationBody(rejectedRule, false, { law: 'jeugdwet', willDo: `Afgewezen wel ${rejectedRule}` }));
    expect(rejected.status, JSON.stringify(rejected.body)).toBe(201);
    const no = await (await as('teamleider')).post(`/api/cases/${caseId}/deviations/${rejected.body.id}/reject`, { note: 'Onvoldoende gemotiveerd waarom de regel hier niet past.' });
    expect(no.status, JSON.stringify(no.body)).toBe(200);

    const v = (await (await inwoner()).get(base())).body;
    expect(v.deviations).toEqual([
      { id: expect.any(String), lawName: 'Wmo 2015', willDo: 'Vader blijft betrokken bij de kinderen.', willNotDo: 'Geen onderzoek gedurende de looptijd.', startDate: today(), endDate: inDays(120) },
    ]);
    const told = JSON.stringify(v.deviations);
    for (const hidden of ['Beleidsregel Wmo', 'Vader brengt stabiliteit', rejectedRule, INTERNAL.willDo, INTERNAL.rule]) expect(told).not.toContain(hidden);
  });

  it('a revoked deviation leaves the household’s overview', async () => {
    const id = await approvedDeviation(deviationBody(`Tijdelijke regel ${randomUUID().slice(0, 8)}`, false, { willDo: 'Bijzondere bijstand voor de verhuizing.' }));
    const before = (await (await inwoner()).get(base())).body.deviations.map((d: { id: string }) => d.id);
    expect(before).toContain(id);
    const revoked = await (await as('teamleider')).post(`/api/cases/${caseId}/deviations/${id}/revoke`, { reason: 'De verhuizing gaat niet door; de afwijking is niet meer nodig.' });
    expect(revoked.status, JSON.stringify(revoked.body)).toBe(200);
    const after = (await (await inwoner()).get(base())).body.deviations.map((d: { id: string }) => d.id);
    expect(after).not.toContain(id);
  });

  it('the professionals’ text in plain language takes the place of their own texts once adopted', async () => {
    const plain = `Wij helpen u met rust in huis. Papa kookt op woensdag. ${randomUUID().slice(0, 8)}`;
    await changePlanDoc(server.services, caseId, uid('casusregisseur'), (doc) => addParagraph(doc, plain, 'eenvoudig'));
    // Not before adoption: the household reads the adopted plan only.
    expect((await (await inwoner()).get(base())).body.plan.adopted.plain ?? '').not.toContain(plain);

    const adopted = await (await as('casusregisseur')).post(`/api/cases/${caseId}/plan/versions`, {});
    expect(adopted.status, JSON.stringify(adopted.body)).toBe(201);
    const v = (await (await inwoner()).get(base())).body;
    expect(v.plan.adopted.plain).toContain(plain);
    expect(v.plan.adopted.sections.map((s: { key: string }) => s.key)).toEqual(['beeldvorming', 'wens', 'afspraken']);
    expect(v.plan.newerDraft).toBe(false);
  });
});
