// Attack: the resident reads her own Postvak (GET /api/inbox) to learn of internal business on
// her case. Her Postvak has news of exceptions the municipality made, refused or stopped for
// her, so an internal deviation (a fraud-relevant suspicion) going through the same steps is
// the obvious thing to leak. Through approval, refusal and withdrawal of internal deviations,
// and a breakthrough request, her answer stays byte for byte the same: no item, no text, no id,
// no different count; and her change feed does not even nudge her Postvak.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { closeFeeds, noticesOf, openReadyFeed } from '../support/feed';
import { breakthroughBody, deviationBody, tableWith, type Member } from '../support/fixtures';
import { demoAccounts, startTestServer, type TestServer } from '../support/server';
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

const SECRET = 'Vermoeden samenwonen';

async function herInbox(): Promise<unknown> {
  const res = await (await as('inwoner')).get('/api/inbox');
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}

describe("the resident's Postvak never carries anything internal", () => {
  it('internal deviations approved, refused and withdrawn, and a breakthrough request, leave her Postvak and its count exactly as they were', async () => {
    const members: Member[] = [
      ['casusregisseur', 'casusregisseur', 'edit'],
      ['klantmanager', 'klantmanager_pw', 'edit'],
      ['teamleider', 'mandaathouder', 'read'],
      ['inwoner', 'inwoner', 'comment'],
    ];
    const pr = await as('procesregisseur');
    const { caseId } = await tableWith(pr, uid, members);
    const km = await as('klantmanager');
    const tl = await as('teamleider');

    // She has real items (a question and news), so there is a list and a count that could move.
    const goal = await (await as('casusregisseur')).post(`/api/cases/${caseId}/goals`, { text: 'De huur wordt op tijd betaald.', lifeDomain: 'financien', legitimations: [{ law: 'participatiewet', text: 'Bestaanszekerheid.' }], owner: { type: 'household', name: 'moeder' }, dueDate: inDays(60) });
    expect(goal.status, JSON.stringify(goal.body)).toBe(201);
    const open = await km.post(`/api/cases/${caseId}/deviations`, deviationBody(false));
    expect((await tl.post(`/api/cases/${caseId}/deviations/${open.body.id}/approve`, {})).status).toBe(200);
    const before = await herInbox();
    expect((before as { waiting: number }).waiting).toBeGreaterThan(0);
    expect((before as { items: unknown[] }).items.length).toBe(2);

    const feed = await openReadyFeed(server, await as('inwoner'));
    const secret = (n: number) => ({ ...deviationBody(true), willDo: `${SECRET} ${n} niet onderzoeken.` });
    const ids: string[] = [];
    for (const [n, step] of [
      [1, 'approve'],
      [2, 'reject'],
      [3, 'revoke'],
    ] as const) {
      const d = await km.post(`/api/cases/${caseId}/deviations`, secret(n));
      expect(d.status, JSON.stringify(d.body)).toBe(201);
      ids.push(d.body.id);
      const decided = await tl.post(`/api/cases/${caseId}/deviations/${d.body.id}/${step === 'reject' ? 'reject' : 'approve'}`, step === 'reject' ? { note: 'Nee.' } : {});
      expect(decided.status, JSON.stringify(decided.body)).toBe(200);
      if (step === 'revoke') expect((await tl.post(`/api/cases/${caseId}/deviations/${d.body.id}/revoke`, { reason: 'Niet meer nodig, situatie veranderd.' })).status).toBe(200);
    }
    const bt = await pr.post(`/api/cases/${caseId}/breakthroughs`, breakthroughBody(uid('teamleider')));
    expect(bt.status, JSON.stringify(bt.body)).toBe(201);
    ids.push(bt.body.id);

    // The attack means something: the klantmanager's Postvak has the internal decisions.
    const staff = JSON.stringify((await km.get('/api/inbox')).body);
    expect(staff).toContain('afgewezen');
    expect((staff.match(/goedgekeurd door/g) ?? []).length).toBeGreaterThanOrEqual(3);

    const after = await herInbox();
    expect(after).toEqual(before);
    const raw = JSON.stringify(after);
    expect(raw).not.toContain(SECRET);
    for (const id of ids) expect(raw).not.toContain(id);

    // Nothing nudged her Postvak: a public change made afterwards arrives, and still no inbox notice.
    const comments = noticesOf(feed, caseId, 'resident').length;
    expect((await (await as('inwoner')).post(`/api/cases/${caseId}/inwoner/comments`, { body: 'Wanneer is de volgende afspraak?' })).status).toBe(201);
    await waitFor(async () => noticesOf(feed, caseId, 'resident').length > comments, { timeoutMs: 3000 });
    expect(feed.notices().filter((n) => n.topic === 'inbox')).toEqual([]);
  });
});
