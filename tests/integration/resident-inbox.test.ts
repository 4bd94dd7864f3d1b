// The household's own Postvak through the API: a goal that waits for her opinion (until she
// has given it), news of exceptions the municipality made, could not make or stopped, all in
// plain Dutch with a link to her overview; nothing written for professionals, nothing internal.
// Her Postvak also moves live on the change feed when a goal waits for her.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { readability } from '../../shared/readability';
import { closeFeeds, noticesOf, openReadyFeed } from '../support/feed';
import { deviationBody, createCaseWith, tableWith, type Member } from '../support/fixtures';
import { demoAccounts, startTestServer, type TestServer } from '../support/server';
import { formatDayNl } from '../../server/dates';
import { inDays, waitFor } from '../support/time';

let server: TestServer;
const { as, uid } = demoAccounts(() => server);

beforeAll(async () => {
  server = await startTestServer();
});
afterEach(() => closeFeeds());
afterAll(async () => {
  await server?.stop();
});

interface Item {
  kind: string;
  caseId: string;
  caseTitle: string;
  text: string;
  date: string;
  overdue: boolean;
  href: string;
}
interface Inbox {
  items: Item[];
  count: number;
  waiting: number;
}

const GOAL = 'De huur wordt elke maand op tijd betaald.';
const WILL_DO = 'Uw uitkering gaat gewoon door.';

async function tableCase(): Promise<{ caseId: string; title: string }> {
  const pr = await as('procesregisseur');
  const members: Member[] = [
    ['casusregisseur', 'casusregisseur', 'edit'],
    ['klantmanager', 'klantmanager_pw', 'edit'],
    ['teamleider', 'mandaathouder', 'read'],
    ['ggz', 'extern_partner', 'comment'],
    ['inwoner', 'inwoner', 'comment'],
  ];
  return tableWith(pr, uid, members);
}

async function inbox(key: string): Promise<Inbox> {
  const res = await (await as(key)).get('/api/inbox');
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}
const itemsOf = async (key: string, caseId: string) => (await inbox(key)).items.filter((i) => i.caseId === caseId);

async function addGoal(caseId: string, text = GOAL): Promise<string> {
  const res = await (await as('casusregisseur')).post(`/api/cases/${caseId}/goals`, {
    text,
    lifeDomain: 'financien',
    legitimations: [{ law: 'participatiewet', text: 'Bestaanszekerheid van het gezin.' }],
    owner: { type: 'household', name: 'moeder' },
    dueDate: inDays(60),
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id;
}

async function decidedDeviation(caseId: string, internal: boolean, decision: 'approve' | 'reject', willDo = WILL_DO): Promise<string> {
  const proposed = await (await as('klantmanager')).post(`/api/cases/${caseId}/deviations`, { ...deviationBody(internal), willDo });
  expect(proposed.status, JSON.stringify(proposed.body)).toBe(201);
  const decided = await (await as('teamleider')).post(`/api/cases/${caseId}/deviations/${proposed.body.id}/${decision}`, decision === 'reject' ? { note: 'Onvoldoende onderbouwd.' } : {});
  expect(decided.status, JSON.stringify(decided.body)).toBe(200);
  return proposed.body.id;
}

const agree = async (caseId: string, goalId: string) => {
  const res = await (await as('inwoner')).put(`/api/cases/${caseId}/inwoner/goals/${goalId}/agreement`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
};

/** Words and names of the professionals' Postvak that have no place in hers. */
const JARGON = /afwijking|mandaat|teamleider|Ruud Smeets|Participatiewet|art\.|awb|route|verlaging|goedgekeurd|afgewezen/i;

describe("the household's Postvak", () => {
  it('a goal waits for her opinion, with a link to her goals, and goes once she has agreed; a new wording asks again', async () => {
    const { caseId, title } = await tableCase();
    const before = await inbox('inwoner');
    const goalId = await addGoal(caseId);

    const after = await inbox('inwoner');
    expect(after.waiting).toBe(before.waiting + 1);
    expect(after.count).toBe(before.count + 1);
    const items = after.items.filter((i) => i.caseId === caseId);
    expect(items).toEqual([
      {
        kind: 'mening_gevraagd',
        caseId,
        caseTitle: title,
        text: 'Er staat een doel in uw plan waarover we uw mening vragen. Het doel is: „De huur wordt elke maand op tijd betaald”. Bent u het ermee eens?',
        date: expect.any(String),
        overdue: false,
        href: `/casussen/${caseId}#doelen`,
      },
    ]);
    // The professionals are not asked: the question is hers.
    for (const key of ['casusregisseur', 'procesregisseur', 'klantmanager', 'ggz']) expect((await itemsOf(key, caseId)).map((i) => i.kind), key).not.toContain('mening_gevraagd');

    await agree(caseId, goalId);
    expect(await itemsOf('inwoner', caseId)).toEqual([]);
    expect((await inbox('inwoner')).waiting).toBe(before.waiting);

    // A professional rewords the goal: her agreement no longer holds, so she is asked again.
    expect((await (await as('casusregisseur')).patch(`/api/cases/${caseId}/goals/${goalId}`, { text: 'De huur en de energie worden elke maand op tijd betaald.' })).status).toBe(200);
    expect((await itemsOf('inwoner', caseId)).map((i) => i.text)).toEqual([expect.stringContaining('„De huur en de energie worden elke maand op tijd betaald”')]);
  });

  it('a goal reached or withdrawn asks nothing of her any more', async () => {
    const { caseId } = await tableCase();
    const reached = await addGoal(caseId, 'De kinderen gaan elke dag naar school.');
    const mistake = await addGoal(caseId, 'Een doel dat per vergissing is ingevoerd.');
    expect((await itemsOf('inwoner', caseId)).length).toBe(2);
    const cr = await as('casusregisseur');
    expect((await cr.put(`/api/cases/${caseId}/goals/${reached}/status`, { status: 'bereikt' })).status).toBe(200);
    expect((await cr.post(`/api/cases/${caseId}/goals/${mistake}/withdraw`, { reason: 'Per vergissing bij dit gezin ingevoerd.' })).status).toBe(200);
    expect(await itemsOf('inwoner', caseId)).toEqual([]);
  });

  it('a household member who only reads along is not asked (she cannot agree), but does hear the news', async () => {
    const pr = await as('procesregisseur');
    const created = await createCaseWith(pr, uid, [
      ['casusregisseur', 'casusregisseur', 'edit'],
      ['klantmanager', 'klantmanager_pw', 'edit'],
      ['teamleider', 'mandaathouder', 'read'],
      ['inwoner', 'inwoner', 'read'],
    ]);
    const caseId = created.id as string;
    await addGoal(caseId);
    await decidedDeviation(caseId, false, 'approve');
    expect((await itemsOf('inwoner', caseId)).map((i) => i.kind)).toEqual(['bericht']);
  });

  it('an approved exception is news for her: what is arranged and until when, linking to her exceptions; a refused one says her regisseur will explain', async () => {
    const { caseId } = await tableCase();
    const before = await inbox('inwoner');
    await decidedDeviation(caseId, false, 'approve');
    await decidedDeviation(caseId, false, 'reject', 'De boete wordt niet geïnd.');

    const after = await inbox('inwoner');
    // News, not a question: the count in the menu stays.
    expect(after.waiting).toBe(before.waiting);
    const items = after.items.filter((i) => i.caseId === caseId);
    expect(items.map((i) => [i.kind, i.text, i.href]).sort()).toEqual(
      [
        ['bericht', `De gemeente maakt een uitzondering voor u. Dit is voor u geregeld: „Uw uitkering gaat gewoon door”. Dit geldt tot en met ${formatDayNl(inDays(120))}.`, `/casussen/${caseId}#uitzonderingen`],
        ['bericht', 'De gemeente kon deze uitzondering niet voor u maken: „De boete wordt niet geïnd”. Uw regisseur legt u uit waarom.', `/casussen/${caseId}#contactpersoon`],
      ].sort(),
    );
    for (const i of items) expect(i.text).not.toMatch(JARGON);
  });

  it('an exception that is withdrawn later is news too', async () => {
    const { caseId } = await tableCase();
    const id = await decidedDeviation(caseId, false, 'approve');
    expect((await (await as('teamleider')).post(`/api/cases/${caseId}/deviations/${id}/revoke`, { reason: 'De situatie is veranderd; niet meer nodig.' })).status).toBe(200);
    expect((await itemsOf('inwoner', caseId)).map((i) => i.text)).toEqual(['Deze uitzondering voor u stopt: „Uw uitkering gaat gewoon door”. Uw regisseur legt u uit waarom.']);
  });

  it('nothing of the professionals reaches her: no proposal waiting on a mandate holder, no decision in their words', async () => {
    const { caseId } = await tableCase();
    const proposed = await (await as('klantmanager')).post(`/api/cases/${caseId}/deviations`, deviationBody(false));
    expect(proposed.status, JSON.stringify(proposed.body)).toBe(201);
    // The proposal is in the teamleider's Postvak, so there is something that could have leaked.
    expect((await itemsOf('teamleider', caseId)).map((i) => i.kind)).toEqual(['besluit_nodig']);
    expect(await itemsOf('inwoner', caseId)).toEqual([]);

    await decidedDeviation(caseId, false, 'approve');
    // The professionals get their own text; hers is a different one.
    const theirs = (await itemsOf('casusregisseur', caseId)).filter((i) => i.kind === 'besluit_genomen');
    expect(theirs.length).toBe(1);
    const mine = await itemsOf('inwoner', caseId);
    expect(mine.map((i) => i.kind)).toEqual(['bericht']);
    expect(mine[0]!.text).not.toBe(theirs[0]!.text);
    expect(JSON.stringify(await inbox('inwoner'))).not.toMatch(/Afwijking van|besluit_genomen|besluit_nodig|\/casussen\/[^"#]*#afwijking/);
  });

  it('an approved internal deviation gives her no item and leaves her count as it was', async () => {
    const { caseId } = await tableCase();
    await addGoal(caseId);
    const before = await inbox('inwoner');
    const id = await decidedDeviation(caseId, true, 'approve', 'Het vermoeden van samenwonen nu niet onderzoeken.');
    // Staff have it (so the check below means something).
    expect((await itemsOf('klantmanager', caseId)).map((i) => i.kind)).toContain('besluit_genomen');
    const after = await inbox('inwoner');
    expect(after).toEqual(before);
    expect(JSON.stringify(after)).not.toContain(id);
    expect(JSON.stringify(after)).not.toContain('samenwonen');
  });

  it('every text she gets reads at about B1 (Flesch-Douma, as the readability hint for writers measures it)', async () => {
    const { caseId } = await tableCase();
    await addGoal(caseId);
    await decidedDeviation(caseId, false, 'approve');
    const id = await decidedDeviation(caseId, false, 'approve', 'Wij betalen de huur van deze maand.');
    await decidedDeviation(caseId, false, 'reject', 'De boete wordt niet geïnd.');
    expect((await (await as('teamleider')).post(`/api/cases/${caseId}/deviations/${id}/revoke`, { reason: 'De situatie is veranderd; niet meer nodig.' })).status).toBe(200);
    const items = await itemsOf('inwoner', caseId);
    // One of each: the question, an approval, a refusal, a withdrawal.
    expect(items.map((i) => i.text.split(' ').slice(0, 3).join(' ')).sort()).toEqual(['De gemeente kon', 'De gemeente maakt', 'Deze uitzondering voor', 'Er staat een']);
    for (const i of items) {
      const r = readability(i.text);
      expect(r.level, `${i.text} → ${JSON.stringify(r)}`).toBe('eenvoudig');
    }
  });

  it('her Postvak moves live: a new goal sends her an inbox notice, her agreement another; an internal decision none', async () => {
    const { caseId } = await tableCase();
    const feed = await openReadyFeed(server, await as('inwoner'));
    const inboxNotices = () => feed.notices().filter((n) => n.topic === 'inbox').length;
    const goalId = await addGoal(caseId);
    await waitFor(async () => inboxNotices() === 1, { timeoutMs: 3000 });
    await agree(caseId, goalId);
    await waitFor(async () => inboxNotices() === 2, { timeoutMs: 3000 });

    await decidedDeviation(caseId, true, 'approve');
    // A public change afterwards: once it has arrived, anything from the internal decision would have too.
    const goals = noticesOf(feed, caseId, 'goals').length;
    expect((await (await as('casusregisseur')).put(`/api/cases/${caseId}/goals/${goalId}/status`, { status: 'bezig' })).status).toBe(200);
    await waitFor(async () => noticesOf(feed, caseId, 'goals').length > goals, { timeoutMs: 3000 });
    expect(inboxNotices()).toBe(2);
  });
});
