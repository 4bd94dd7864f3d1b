// Attack: the Postvak as a side channel for internal deviations. An internal deviation (a
// fraud-relevant suspicion) waits on the teamleider, then asks for a mandate nobody at the
// table holds, then is decided. Through all of it the external partner and the household get
// nothing of it from GET /api/inbox: no item, no rule, no id, and not even a different count.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoAccounts, startTestServer, type TestServer } from '../support/server';
import { createCaseWith, type Member } from '../support/fixtures';
import { inDays, today } from '../support/time';

let server: TestServer;
const { as, uid } = demoAccounts(() => server);

beforeAll(async () => {
  server = await startTestServer();
});

afterAll(async () => {
  await server?.stop();
});

const OUTSIDERS = ['ggz', 'inwoner'] as const;
const RULE = 'Participatiewet art. 3 (vermoeden gezamenlijke huishouding)';

const proposal = (route: string) => ({
  law: 'participatiewet',
  rule: RULE,
  route,
  willDo: 'Het vermoeden vastleggen.',
  willNotDo: 'Het vermoeden nu niet onderzoeken.',
  reasoning: 'Onderzoek zou het gedeelde doel ondermijnen; we herbeoordelen over twee maanden.',
  startDate: today(),
  endDate: inDays(120),
  reviewDate: inDays(60),
  internal: true,
});

async function inboxBody(key: string): Promise<{ items: unknown[]; count: number; waiting: number }> {
  const res = await (await as(key)).get('/api/inbox');
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}

describe('the Postvak never tells outsiders of an internal deviation', () => {
  it('while it waits on a mandate holder, while nobody at the table holds the mandate, and once decided', async () => {
    const members: Member[] = [
      ['casusregisseur', 'casusregisseur', 'edit'],
      ['klantmanager', 'klantmanager_pw', 'edit'],
      ['teamleider', 'mandaathouder', 'read'],
      ['ggz', 'extern_partner', 'comment'],
      ['inwoner', 'inwoner', 'comment'],
    ];
    const created = await createCaseWith(await as('procesregisseur'), uid, members);
    const caseId = created.id as string;
    const before = Object.fromEntries(await Promise.all(OUTSIDERS.map(async (k) => [k, await inboxBody(k)] as const)));
    const unchanged = async (stage: string) => {
      for (const key of OUTSIDERS) {
        const now = await inboxBody(key);
        expect(now, `${key} ${stage}`).toEqual(before[key]);
        expect(JSON.stringify(now), `${key} ${stage}`).not.toContain('gezamenlijke huishouding');
      }
    };

    const km = await as('klantmanager');
    const waiting = await km.post(`/api/cases/${caseId}/deviations`, proposal('awb_4_84'));
    expect(waiting.status, JSON.stringify(waiting.body)).toBe(201);
    // The attack only means something if the item exists for someone: the teamleider has it.
    const tl = (await inboxBody('teamleider')).items as { kind: string; caseId: string; text: string }[];
    expect(tl.filter((i) => i.caseId === caseId).map((i) => i.kind)).toEqual(['besluit_nodig']);
    await unchanged('waiting on the teamleider');

    const beheer = await as('beheer');
    expect((await beheer.put('/api/admin/mandate-rules/participatiewet/pwet_16', { level: 'directeur' })).status).toBe(200);
    try {
      const above = await km.post(`/api/cases/${caseId}/deviations`, proposal('pwet_16'));
      expect(above.status, JSON.stringify(above.body)).toBe(201);
      const pr = (await inboxBody('procesregisseur')).items as { kind: string; caseId: string }[];
      expect(pr.filter((i) => i.caseId === caseId).map((i) => i.kind)).toContain('mandaathouder_nodig');
      await unchanged('no mandate holder at the table');
    } finally {
      await beheer.put('/api/admin/mandate-rules/participatiewet/pwet_16', { level: 'teamleider' });
    }

    expect((await (await as('teamleider')).post(`/api/cases/${caseId}/deviations/${waiting.body.id}/approve`, {})).status).toBe(200);
    const kr = (await inboxBody('klantmanager')).items as { kind: string; caseId: string }[];
    expect(kr.filter((i) => i.caseId === caseId).map((i) => i.kind)).toContain('besluit_genomen');
    await unchanged('decided');
  });
});
