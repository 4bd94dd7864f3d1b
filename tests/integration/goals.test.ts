// Goals (doelen) through the API: the worked example (one goal, legitimised under three laws)
// round-trips; every member reads goals, partners and residents included; every refusal has
// its Dutch message, exact status and code, and writes nothing; status changes, agreement and
// actions are audited; and each write reaches open browsers through the change feed.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { closeFeeds, noticesOf, openReadyFeed, recordEvents } from '../support/feed';
import { type ApiClient, demoAccounts, startTestServer, type TestServer } from '../support/server';
import { expectError, expectRefusedWithoutWrites } from '../support/api';
import { auditRowsSince, caseIdByTitle, count, execSql, maxAuditSeq, queryRows } from '../support/db';
import { BORGING, createCaseWith, type Member } from '../support/fixtures';
import { inDays, today, waitFor } from '../support/time';

let server: TestServer;
let verbeek: string;

beforeAll(async () => {
  server = await startTestServer();
  verbeek = await caseIdByTitle(server, 'Gezin Verbeek');
});

afterEach(() => closeFeeds());
afterAll(async () => {
  await server?.stop();
});

const { as, uid } = demoAccounts(() => server);

const goals = (caseId: string, goalId?: string, rest = '') => `/api/cases/${caseId}/goals${goalId ? `/${goalId}` : ''}${rest}`;

/** The shared goal of the worked example (domain.md), legitimised per law. Sent out of catalogue order on purpose. */
function workedExample(overrides: Record<string, unknown> = {}) {
  return {
    text: 'Stabiele psychische gezondheid van moeder',
    lifeDomain: 'geestelijke_gezondheid',
    legitimations: [
      { law: 'participatiewet', text: 'Een stap richting activering.' },
      { law: 'wmo', text: 'Zelfredzaamheid van moeder in haar eigen leefomgeving.' },
      { law: 'jeugdwet', text: 'Het opvoedklimaat: moeder neemt haar verantwoordelijkheid weer op.' },
    ],
    owner: { type: 'household', name: 'moeder' },
    dueDate: inDays(120),
    ...overrides,
  };
}

async function create(client: ApiClient, caseId: string, body: Record<string, unknown> = workedExample()): Promise<any> {
  const res = await client.post(goals(caseId), body);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

/** Everything a refused request could have written. Log in (loginCache) before taking it: a login is audited. */
async function snapshot() {
  return {
    goals: await queryRows(server, 'select * from goals order by id'),
    legitimations: await queryRows(server, 'select * from goal_legitimations order by goal_id, law'),
    actions: await queryRows(server, 'select * from goal_actions order by id'),
    auditSeq: await maxAuditSeq(server),
  };
}

async function freshCase(members: Member[] = []): Promise<string> {
  return (await createCaseWith(await as('procesregisseur'), uid, members)).id;
}


describe('the worked example: one goal, three laws', () => {
  it('is created as open, round-trips with its three legitimations in catalogue order, and is audited without its free text', async () => {
    const pr = await as('procesregisseur');
    const seq = await maxAuditSeq(server);
    const goal = await create(pr, verbeek);

    expect(goal).toMatchObject({
      caseId: verbeek,
      text: 'Stabiele psychische gezondheid van moeder',
      lifeDomain: 'geestelijke_gezondheid',
      owner: { type: 'household', userId: null, name: 'moeder', stillMember: true },
      dueDate: inDays(120),
      status: 'open',
      overdue: false,
      householdAgreement: null,
      vraagstuk: null,
      actions: [],
      createdBy: { id: uid('procesregisseur'), name: 'Priya Ramdin' },
    });
    expect(goal.legitimations).toEqual([
      { law: 'wmo', text: 'Zelfredzaamheid van moeder in haar eigen leefomgeving.' },
      { law: 'jeugdwet', text: 'Het opvoedklimaat: moeder neemt haar verantwoordelijkheid weer op.' },
      { law: 'participatiewet', text: 'Een stap richting activering.' },
    ]);
    expect(await count(server, 'select count(*) as n from goal_legitimations where goal_id = ?', goal.id)).toBe(3);

    const one = await pr.get(goals(verbeek, goal.id));
    expect(one.status).toBe(200);
    expect(one.body).toEqual(goal);
    const list = await pr.get(goals(verbeek));
    expect(list.body.find((g: { id: string }) => g.id === goal.id)).toEqual(goal);

    // Reading it back is a grouped read (server/cases/reads.ts); the write has exactly its own row.
    const rows = (await auditRowsSince(server, seq)).filter((r) => r.action !== 'case.content_read');
    expect(rows.map((r) => r.action)).toEqual(['goal.created']);
    expect(rows[0]).toMatchObject({ actor_user_id: uid('procesregisseur'), case_id: verbeek });
    expect(JSON.parse(rows[0]!.detail)).toEqual({ goalId: goal.id, lifeDomain: 'geestelijke_gezondheid', laws: ['participatiewet', 'wmo', 'jeugdwet'], vraagstukId: null });
    expect(rows[0]!.detail).not.toContain('moeder');
  });

  it('an external partner (ggz), the resident and a read-only mandate holder read the goals; they are not internal', async () => {
    const pr = await as('procesregisseur');
    const goal = await create(pr, verbeek, workedExample({ text: 'Vader blijft betrokken bij de kinderen', lifeDomain: 'huiselijke_relaties', legitimations: [], legitimationWaiver: 'Een afspraak binnen het gezin; geen wet vraagt erom.' }));
    for (const key of ['ggz', 'inwoner', 'teamleider', 'gedragsdeskundige']) {
      const client = await as(key);
      const list = await client.get(goals(verbeek));
      expect(list.status, key).toBe(200);
      expect(list.body.map((g: { id: string }) => g.id), key).toContain(goal.id);
      const one = await client.get(goals(verbeek, goal.id));
      expect(one.status, key).toBe(200);
      expect(one.body.text).toBe('Vader blijft betrokken bij de kinderen');
    }
  });

  it('each write is a "goals" notice on the change feed of everyone at the table, so open browsers fetch again; a refused write is none', async () => {
    const pr = await as('procesregisseur');
    const events = recordEvents(server, 'goal.changed');
    const partner = await openReadyFeed(server, await as('ggz'));
    const goal = await create(pr, verbeek);
    await waitFor(async () => noticesOf(partner, verbeek, 'goals').length === 1, { timeoutMs: 3000 });
    expect((await pr.put(goals(verbeek, goal.id, '/status'), { status: 'bezig' })).status).toBe(200);
    await waitFor(async () => noticesOf(partner, verbeek, 'goals').length === 2, { timeoutMs: 3000 });
    expect(events).toEqual([{ type: 'goal.changed', caseId: verbeek }, { type: 'goal.changed', caseId: verbeek }]);
    // A refused write changes nothing, so it tells nobody anything.
    expect((await (await as('ggz')).put(goals(verbeek, goal.id, '/status'), { status: 'bereikt' })).status).toBe(403);
    expect(events).toHaveLength(2);
  });
});

describe('refusals: Dutch message, exact status and code, nothing written', () => {
  async function refused(key: string, method: 'post' | 'patch' | 'put' | 'delete' | 'get', path: string, body: unknown, status: number, code: string, message?: string | RegExp) {
    const client = await as(key);
    const res = await expectRefusedWithoutWrites(snapshot, () => (method === 'get' || method === 'delete' ? client[method](path) : client[method](path, body)), status, code);
    if (message instanceof RegExp) expect(res.body.error.message).toMatch(message);
    else if (message) expect(res.body.error.message).toBe(message);
    return res;
  }

  let goalId: string;
  beforeAll(async () => {
    goalId = (await create(await as('procesregisseur'), verbeek)).id;
  });

  it('an unknown law in a legitimation (400)', async () => {
    const body = workedExample({ legitimations: [{ law: 'woningwet', text: 'Passend wonen.' }] });
    await refused('procesregisseur', 'post', goals(verbeek), body, 400, 'ONGELDIGE_INVOER', /^Wet: Kies een van: wmo, jeugdwet, participatiewet, wgs, inburgering, awb\.$/);
  });

  it('an empty (or blank) legitimation text (400)', async () => {
    const body = workedExample({ legitimations: [{ law: 'wmo', text: '   ' }] });
    await refused('procesregisseur', 'post', goals(verbeek), body, 400, 'ONGELDIGE_INVOER', 'Tekst: Dit veld is verplicht.');
    await refused('procesregisseur', 'patch', goals(verbeek, goalId), { legitimations: [{ law: 'jeugdwet', text: '' }] }, 400, 'ONGELDIGE_INVOER', 'Tekst: Dit veld is verplicht.');
  });

  it('the same law twice (400)', async () => {
    const body = workedExample({ legitimations: [{ law: 'wmo', text: 'Zelfredzaamheid.' }, { law: 'wmo', text: 'Nog eens.' }] });
    await refused('procesregisseur', 'post', goals(verbeek), body, 400, 'ONGELDIGE_INVOER', 'Legitimatie per wet: Geef per wet hoogstens één legitimatie.');
  });

  it('an owner who is not a member of the case, or not a user at all (422)', async () => {
    const message = 'De eigenaar moet een huidig lid van deze casus zijn. Kies een lid van de casus of het huishouden zelf.';
    const outsider = { type: 'member', userId: uid('schuldhulp') };
    await refused('procesregisseur', 'post', goals(verbeek), workedExample({ owner: outsider }), 422, 'EIGENAAR_GEEN_LID', message);
    await refused('procesregisseur', 'post', goals(verbeek), workedExample({ owner: { type: 'member', userId: 'bestaat-niet' } }), 422, 'EIGENAAR_GEEN_LID', message);
    await refused('procesregisseur', 'patch', goals(verbeek, goalId), { owner: outsider }, 422, 'EIGENAAR_GEEN_LID', message);
    await refused('procesregisseur', 'post', goals(verbeek, goalId, '/actions'), { text: 'Bellen met de huisarts.', owner: outsider, dueDate: inDays(14) }, 422, 'EIGENAAR_GEEN_LID', message);
    // A household owner needs a name; an owner of another kind does not exist.
    await refused('procesregisseur', 'post', goals(verbeek), workedExample({ owner: { type: 'household', name: '' } }), 400, 'ONGELDIGE_INVOER', 'Naam: Dit veld is verplicht.');
    await refused('procesregisseur', 'post', goals(verbeek), workedExample({ owner: { type: 'buurman', name: 'Jan' } }), 400, 'ONGELDIGE_INVOER');
  });

  it('a due date that does not exist, such as 30 February (400)', async () => {
    await refused('procesregisseur', 'post', goals(verbeek), workedExample({ dueDate: '2026-02-30' }), 400, 'ONGELDIGE_INVOER', 'Streefdatum: Deze datum bestaat niet.');
    await refused('procesregisseur', 'patch', goals(verbeek, goalId), { dueDate: '2026-02-30' }, 400, 'ONGELDIGE_INVOER', 'Streefdatum: Deze datum bestaat niet.');
    await refused('procesregisseur', 'post', goals(verbeek, goalId, '/actions'), { text: 'Intake GGZ.', owner: { type: 'household', name: 'moeder' }, dueDate: '2026-02-30' }, 400, 'ONGELDIGE_INVOER', 'Streefdatum: Deze datum bestaat niet.');
    await refused('procesregisseur', 'post', goals(verbeek), workedExample({ dueDate: '1-3-2026' }), 400, 'ONGELDIGE_INVOER', 'Streefdatum: Gebruik een datum als JJJJ-MM-DD.');
  });

  it('a household agreement dated in the future (422) or on a day that does not exist (400)', async () => {
    await refused('procesregisseur', 'put', goals(verbeek, goalId, '/agreement'), { agreedOn: inDays(1) }, 422, 'DATUM_IN_TOEKOMST', 'De datum van instemming ligt in de toekomst. Leg instemming vast nadat het gezin heeft ingestemd.');
    await refused('procesregisseur', 'put', goals(verbeek, goalId, '/agreement'), { agreedOn: '2026-02-30' }, 400, 'ONGELDIGE_INVOER', 'Datum van instemming: Deze datum bestaat niet.');
  });

  it('an unknown life domain (400)', async () => {
    await refused('procesregisseur', 'post', goals(verbeek), workedExample({ lifeDomain: 'hobby' }), 400, 'ONGELDIGE_INVOER', /^Leefgebied: Kies een van: financien, /);
    await refused('procesregisseur', 'patch', goals(verbeek, goalId), { lifeDomain: 'hobby' }, 400, 'ONGELDIGE_INVOER', /^Leefgebied: Kies een van: /);
  });

  it('unknown fields in any body (400), also inside the owner or a legitimation', async () => {
    await refused('procesregisseur', 'post', goals(verbeek), workedExample({ status: 'bereikt' }), 400, 'ONGELDIGE_INVOER', 'Onbekend veld: status.');
    await refused('procesregisseur', 'post', goals(verbeek), workedExample({ owner: { type: 'household', name: 'moeder', userId: 'x' } }), 400, 'ONGELDIGE_INVOER');
    await refused('procesregisseur', 'post', goals(verbeek), workedExample({ legitimations: [{ law: 'wmo', text: 'Zelfredzaamheid.', article: '2.3.5' }] }), 400, 'ONGELDIGE_INVOER', 'Legitimatie per wet: Onbekend veld: article.');
    await refused('procesregisseur', 'patch', goals(verbeek, goalId), { householdAgreedOn: today() }, 400, 'ONGELDIGE_INVOER', 'Onbekend veld: householdAgreedOn.');
    await refused('procesregisseur', 'put', goals(verbeek, goalId, '/status'), { status: 'bezig', note: 'x' }, 400, 'ONGELDIGE_INVOER', 'Onbekend veld: note.');
    await refused('procesregisseur', 'put', goals(verbeek, goalId, '/status'), { status: 'klaar' }, 400, 'ONGELDIGE_INVOER', 'Status: Kies een van: open, bezig, bereikt, gestopt.');
    await refused('procesregisseur', 'patch', goals(verbeek, goalId), {}, 400, 'ONGELDIGE_INVOER', 'Geef minstens één wijziging op.');
  });

  it('a link to a vraagstuk that is not in this case (422)', async () => {
    await refused('procesregisseur', 'post', goals(verbeek), workedExample({ vraagstukId: 'geen-vraagstuk' }), 422, 'ONBEKEND_VRAAGSTUK', 'Dit vraagstuk bestaat niet in deze casus.');
  });

  it('members with comment or read access cannot write (403): external partner, resident, behavioural expert, mandate holder', async () => {
    for (const key of ['ggz', 'inwoner', 'gedragsdeskundige', 'teamleider']) {
      await refused(key, 'post', goals(verbeek), workedExample(), 403, 'GEEN_TOESTEMMING');
      await refused(key, 'patch', goals(verbeek, goalId), { text: 'Anders verwoord' }, 403, 'GEEN_TOESTEMMING');
      await refused(key, 'put', goals(verbeek, goalId, '/status'), { status: 'bereikt' }, 403, 'GEEN_TOESTEMMING');
      await refused(key, 'put', goals(verbeek, goalId, '/agreement'), { agreedOn: today() }, 403, 'GEEN_TOESTEMMING');
      await refused(key, 'delete', goals(verbeek, goalId, '/agreement'), undefined, 403, 'GEEN_TOESTEMMING');
      await refused(key, 'post', goals(verbeek, goalId, '/actions'), { text: 'Iets doen.', owner: { type: 'household', name: 'moeder' }, dueDate: inDays(14) }, 403, 'GEEN_TOESTEMMING');
    }
  });

  it('a non-member gets 404 for reading and writing, as if the case did not exist', async () => {
    await refused('schuldhulp', 'get', goals(verbeek), undefined, 404, 'CASUS_NIET_GEVONDEN');
    await refused('schuldhulp', 'get', goals(verbeek, goalId), undefined, 404, 'CASUS_NIET_GEVONDEN');
    await refused('schuldhulp', 'post', goals(verbeek), workedExample(), 404, 'CASUS_NIET_GEVONDEN');
    await refused('schuldhulp', 'put', goals(verbeek, goalId, '/status'), { status: 'bezig' }, 404, 'CASUS_NIET_GEVONDEN');
    await refused('beheer', 'get', goals(verbeek), undefined, 404, 'CASUS_NIET_GEVONDEN');
  });

  it('a goal or action that is not in this case is not found (404)', async () => {
    const other = await freshCase();
    const foreign = await create(await as('procesregisseur'), other);
    await refused('procesregisseur', 'get', goals(verbeek, foreign.id), undefined, 404, 'NIET_GEVONDEN', 'Dit doel bestaat niet in deze casus.');
    await refused('procesregisseur', 'put', goals(verbeek, foreign.id, '/status'), { status: 'bezig' }, 404, 'NIET_GEVONDEN');
    await refused('procesregisseur', 'patch', goals(verbeek, goalId, '/actions/geen-actie'), { done: true }, 404, 'NIET_GEVONDEN', 'Deze actie bestaat niet bij dit doel.');
  });

  it('in a closed case goals can be read but not written (409)', async () => {
    const pr = await as('procesregisseur');
    const caseId = await freshCase();
    const goal = await create(pr, caseId);
    expect((await pr.post(`/api/cases/${caseId}/close`, { borgingsafspraken: BORGING })).status).toBe(200);

    const read = await pr.get(goals(caseId));
    expect(read.status).toBe(200);
    expect(read.body.map((g: { id: string }) => g.id)).toEqual([goal.id]);
    const closed = 'Deze casus is gesloten. Heropen de casus eerst.';
    await refused('procesregisseur', 'post', goals(caseId), workedExample(), 409, 'CASUS_GESLOTEN', closed);
    await refused('procesregisseur', 'put', goals(caseId, goal.id, '/status'), { status: 'bereikt' }, 409, 'CASUS_GESLOTEN', closed);
    await refused('procesregisseur', 'put', goals(caseId, goal.id, '/agreement'), { agreedOn: today() }, 409, 'CASUS_GESLOTEN', closed);
    await refused('procesregisseur', 'post', goals(caseId, goal.id, '/actions'), { text: 'Nazorg.', owner: { type: 'household', name: 'het gezin' }, dueDate: inDays(14) }, 409, 'CASUS_GESLOTEN', closed);
  });

  it('a goal and an action need a due date: missing or cleared is refused in Dutch, and nothing is written', async () => {
    const pr = await as('procesregisseur');
    const goal = await create(pr, verbeek);
    const { dueDate: _left, ...withoutDate } = workedExample();
    await refused('procesregisseur', 'post', goals(verbeek), withoutDate, 400, 'ONGELDIGE_INVOER', 'Streefdatum: Dit veld is verplicht.');
    await refused('procesregisseur', 'patch', goals(verbeek, goal.id), { dueDate: null }, 400, 'ONGELDIGE_INVOER');
    await refused('procesregisseur', 'post', goals(verbeek, goal.id, '/actions'), { text: 'Huisarts bellen.', owner: { type: 'household', name: 'moeder' } }, 400, 'ONGELDIGE_INVOER', 'Streefdatum: Dit veld is verplicht.');
  });
});

describe('status, agreement and edits', () => {
  it('a status change is audited with from and to; setting the same status again writes nothing', async () => {
    const pr = await as('klantmanager');
    const goal = await create(pr, verbeek);
    const seq = await maxAuditSeq(server);
    const res = await pr.put(goals(verbeek, goal.id, '/status'), { status: 'bezig' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.status).toBe('bezig');
    expect(res.body.updatedBy).toEqual({ id: uid('klantmanager'), name: 'Sander Willemsen' });
    const rows = await auditRowsSince(server, seq);
    expect(rows.map((r) => r.action)).toEqual(['goal.status_changed']);
    expect(JSON.parse(rows[0]!.detail)).toEqual({ goalId: goal.id, from: 'open', to: 'bezig' });

    const again = await maxAuditSeq(server);
    expect((await pr.put(goals(verbeek, goal.id, '/status'), { status: 'bezig' })).body.status).toBe('bezig');
    expect(await maxAuditSeq(server)).toBe(again);

    for (const status of ['bereikt', 'gestopt', 'open']) expect((await pr.put(goals(verbeek, goal.id, '/status'), { status })).body.status).toBe(status);
  });

  it('a goal past its due date that is still open is overdue; one that is reached is not', async () => {
    const pr = await as('procesregisseur');
    const created = await create(pr, verbeek, workedExample({ dueDate: inDays(0) }));
    // A past streefdatum is refused on creation (see 'goal rules'); time passes instead.
    await execSql(server, 'update goals set due_date = ? where id = ?', inDays(-1), created.id);
    const goal = (await pr.get(goals(verbeek, created.id))).body;
    expect(goal.overdue).toBe(true);
    expect((await pr.put(goals(verbeek, goal.id, '/status'), { status: 'bereikt' })).body.overdue).toBe(false);
  });

  it('the household agreement is recorded with date and recorder, audited, and can be withdrawn', async () => {
    const pr = await as('procesregisseur');
    const goal = await create(pr, verbeek);
    const seq = await maxAuditSeq(server);
    const agreed = await pr.put(goals(verbeek, goal.id, '/agreement'), { agreedOn: inDays(-2) });
    expect(agreed.status, JSON.stringify(agreed.body)).toBe(200);
    expect(agreed.body.householdAgreement).toEqual({ agreedOn: inDays(-2), recordedBy: { id: uid('procesregisseur'), name: 'Priya Ramdin' } });
    // Today is allowed: "not in the future".
    expect((await pr.put(goals(verbeek, goal.id, '/agreement'), { agreedOn: today() })).body.householdAgreement.agreedOn).toBe(today());
    // The resident sees that they agreed.
    expect((await (await as('inwoner')).get(goals(verbeek, goal.id))).body.householdAgreement.agreedOn).toBe(today());

    const withdrawn = await pr.delete(goals(verbeek, goal.id, '/agreement'));
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body.householdAgreement).toBeNull();
    const rows = await auditRowsSince(server, seq);
    expect(rows.map((r) => r.action)).toEqual(['goal.household_agreed', 'goal.household_agreed', 'goal.agreement_withdrawn']);
    expect(JSON.parse(rows[0]!.detail)).toEqual({ goalId: goal.id, agreedOn: inDays(-2) });
    expect(JSON.parse(rows[2]!.detail)).toEqual({ goalId: goal.id, agreedOn: today() });

    // Withdrawing again changes nothing.
    const again = await maxAuditSeq(server);
    expect((await pr.delete(goals(verbeek, goal.id, '/agreement'))).status).toBe(200);
    expect(await maxAuditSeq(server)).toBe(again);
  });

  it('new wording withdraws the agreement (the household agreed to other words); other edits keep it', async () => {
    const pr = await as('procesregisseur');
    const goal = await create(pr, verbeek);
    await pr.put(goals(verbeek, goal.id, '/agreement'), { agreedOn: today() });
    const kept = await pr.patch(goals(verbeek, goal.id), { dueDate: inDays(90) });
    expect(kept.body.householdAgreement?.agreedOn).toBe(today());

    const seq = await maxAuditSeq(server);
    const res = await pr.patch(goals(verbeek, goal.id), { text: 'Moeder voelt zich stabiel en heeft rust in haar hoofd' });
    expect(res.status).toBe(200);
    expect(res.body.text).toBe('Moeder voelt zich stabiel en heeft rust in haar hoofd');
    expect(res.body.householdAgreement).toBeNull();
    const rows = await auditRowsSince(server, seq);
    expect(rows.map((r) => r.action)).toEqual(['goal.updated', 'goal.agreement_withdrawn']);
    expect(JSON.parse(rows[0]!.detail)).toEqual({ goalId: goal.id, fields: ['text'] });
    expect(JSON.parse(rows[1]!.detail)).toEqual({ goalId: goal.id, agreedOn: today(), reason: 'text_changed' });
  });

  it('an edit changes only what was sent: legitimations as a set, owner, due date; an unchanged edit writes nothing', async () => {
    const pr = await as('procesregisseur');
    const goal = await create(pr, verbeek);
    const seq = await maxAuditSeq(server);
    const klantmanager = uid('klantmanager');
    const res = await pr.patch(goals(verbeek, goal.id), {
      legitimations: [
        { law: 'wmo', text: 'Zelfredzaamheid.' },
        { law: 'jeugdwet', text: 'Opvoedklimaat.' },
      ],
      owner: { type: 'member', userId: klantmanager },
      dueDate: inDays(60),
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.legitimations.map((l: { law: string }) => l.law)).toEqual(['wmo', 'jeugdwet']);
    expect(res.body.owner).toEqual({ type: 'member', userId: klantmanager, name: 'Sander Willemsen', stillMember: true });
    expect(res.body.dueDate).toBe(inDays(60));
    expect(res.body.text).toBe(goal.text);
    expect(await count(server, 'select count(*) as n from goal_legitimations where goal_id = ?', goal.id)).toBe(2);
    const rows = await auditRowsSince(server, seq);
    expect(rows.map((r) => r.action)).toEqual(['goal.updated']);
    expect(JSON.parse(rows[0]!.detail)).toEqual({ goalId: goal.id, fields: ['dueDate', 'owner', 'legitimations'], laws: ['wmo', 'jeugdwet'] });

    const again = await maxAuditSeq(server);
    const same = await pr.patch(goals(verbeek, goal.id), { text: goal.text, owner: { type: 'member', userId: klantmanager }, legitimations: [...res.body.legitimations].reverse() });
    expect(same.status).toBe(200);
    expect(await maxAuditSeq(server)).toBe(again);
  });

  it('an owner who has left the case is shown as no longer a member', async () => {
    const pr = await as('procesregisseur');
    const caseId = await freshCase([['wmo', 'consulent_wmo', 'edit']]);
    const wmo = uid('wmo');
    const goal = await create(pr, caseId, workedExample({ owner: { type: 'member', userId: wmo } }));
    expect(goal.owner).toEqual({ type: 'member', userId: wmo, name: 'Fatma Yildiz', stillMember: true });
    expect((await pr.delete(`/api/cases/${caseId}/members/${wmo}`)).status).toBe(200);
    expect((await pr.get(goals(caseId, goal.id))).body.owner).toEqual({ type: 'member', userId: wmo, name: 'Fatma Yildiz', stillMember: false });

    // Keeping the owner while changing something else is allowed; someone must take it over eventually.
    const kept = await pr.patch(goals(caseId, goal.id), { owner: { type: 'member', userId: wmo }, dueDate: inDays(30) });
    expect(kept.status, JSON.stringify(kept.body)).toBe(200);
    expect(kept.body.owner.userId).toBe(wmo);
    // Giving another goal to someone who left is refused.
    const other = await create(pr, caseId);
    expectError(await pr.patch(goals(caseId, other.id), { owner: { type: 'member', userId: wmo } }), 422, 'EIGENAAR_GEEN_LID');
  });
});

describe('actions under a goal', () => {
  it('an action is added, marked done and undone, each step audited', async () => {
    const pr = await as('procesregisseur');
    const goal = await create(pr, verbeek);
    const jeugd = uid('jeugd');
    const seq = await maxAuditSeq(server);

    const added = await pr.post(goals(verbeek, goal.id, '/actions'), { text: 'Aanmelden bij de KOPP-groep voor de kinderen.', owner: { type: 'member', userId: jeugd }, dueDate: inDays(14) });
    expect(added.status, JSON.stringify(added.body)).toBe(201);
    expect(added.body.id).toBe(goal.id);
    const [action] = added.body.actions;
    expect(action).toMatchObject({
      text: 'Aanmelden bij de KOPP-groep voor de kinderen.',
      owner: { type: 'member', userId: jeugd, name: 'Lotte Hendriks', stillMember: true },
      dueDate: inDays(14),
      done: false,
      doneAt: null,
      overdue: false,
      createdBy: { id: uid('procesregisseur'), name: 'Priya Ramdin' },
    });

    const done = await pr.patch(goals(verbeek, goal.id, `/actions/${action.id}`), { done: true });
    expect(done.status).toBe(200);
    expect(done.body.actions[0].done).toBe(true);
    expect(Date.parse(done.body.actions[0].doneAt)).toBeGreaterThan(Date.now() - 60_000);

    const undone = await pr.patch(goals(verbeek, goal.id, `/actions/${action.id}`), { done: false });
    expect(undone.body.actions[0]).toMatchObject({ done: false, doneAt: null });

    const edited = await pr.patch(goals(verbeek, goal.id, `/actions/${action.id}`), { owner: { type: 'household', name: 'moeder' }, dueDate: inDays(21) });
    expect(edited.body.actions[0]).toMatchObject({ owner: { type: 'household', userId: null, name: 'moeder' }, dueDate: inDays(21) });

    const rows = await auditRowsSince(server, seq);
    expect(rows.map((r) => r.action)).toEqual(['goal.action_added', 'goal.action_done', 'goal.action_reopened', 'goal.action_updated']);
    expect(JSON.parse(rows[0]!.detail)).toEqual({ goalId: goal.id, actionId: action.id });
    expect(JSON.parse(rows[3]!.detail)).toEqual({ goalId: goal.id, actionId: action.id, fields: ['dueDate', 'owner'] });
    for (const r of rows) expect(r.detail).not.toContain('KOPP');

    // Everyone at the table sees the action, the resident too.
    expect((await (await as('inwoner')).get(goals(verbeek, goal.id))).body.actions).toHaveLength(1);
  });

  it('an action past its due date and not done is overdue', async () => {
    const pr = await as('procesregisseur');
    const goal = await create(pr, verbeek);
    const res = await pr.post(goals(verbeek, goal.id, '/actions'), { text: 'Huisarts bellen.', owner: { type: 'household', name: 'moeder' }, dueDate: inDays(-3) });
    expect(res.body.actions[0].overdue).toBe(true);
    const done = await pr.patch(goals(verbeek, goal.id, `/actions/${res.body.actions[0].id}`), { done: true });
    expect(done.body.actions[0].overdue).toBe(false);
  });
});
