// Two people act at the same moment: the four decisions that must stay single and in order,
// fired concurrently through the API against a real server, on whichever engine the suite runs
// (SQLite by default; PostgreSQL when TEST_DATABASE_URL is set, as in .ci/run). On PostgreSQL
// several connections really run at once; the command runner takes the write lock before it
// reads (server/domain/commit.ts), so the second request finds the first one's result.
//
// Each race is run a few rounds: one lucky ordering proves little.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count, maxAuditSeq, queryRows } from '../support/db';
import { breakthroughBody, tableWith } from '../support/fixtures';
import { demoAccounts, startTestServer, type TestServer } from '../support/server';
import { inDays, today } from '../support/time';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});

afterAll(async () => {
  await server?.stop();
});

const { as, uid } = demoAccounts(() => server);
const ROUNDS = 4;

/** A fresh table: the casusregisseur leads, the klantmanager proposes, the teamleider and wethouder hold mandates. */
async function freshTable(): Promise<string> {
  const { caseId } = await tableWith(await as('procesregisseur'), uid, [
    ['casusregisseur', 'casusregisseur', 'edit'],
    ['klantmanager', 'klantmanager_pw', 'edit'],
    ['teamleider', 'mandaathouder', 'read'],
    ['wethouder', 'mandaathouder', 'read'],
  ]);
  return caseId;
}

const statuses = (results: { status: number }[]) => results.map((r) => r.status).sort();

describe('two people act at the same moment', () => {
  it('a deviation gets one decision: approval and rejection by two mandate holders at once, one wins, the other gets 409', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const caseId = await freshTable();
      const proposed = await (await as('klantmanager')).post(`/api/cases/${caseId}/deviations`, {
        law: 'wmo',
        rule: `Beleidsregel Wmo: huishoudelijke hulp maximaal 2 uur per week (ronde ${round})`,
        route: 'hardheidsclausule',
        willDo: 'Tijdelijk 4 uur huishoudelijke hulp.',
        willNotDo: 'Geen eigen bijdrage voor de extra uren.',
        reasoning: 'Moeder herstelt van een operatie; zonder extra hulp loopt het huishouden vast en komen de kinderen in de knel.',
        startDate: today(),
        endDate: inDays(90),
        reviewDate: inDays(45),
        internal: false,
      });
      expect(proposed.status, JSON.stringify(proposed.body)).toBe(201);
      const id = proposed.body.id as string;
      const [tl, wh] = [await as('teamleider'), await as('wethouder')];
      const results = await Promise.all([
        tl.post(`/api/cases/${caseId}/deviations/${id}/approve`, { note: 'Akkoord.' }),
        wh.post(`/api/cases/${caseId}/deviations/${id}/reject`, { note: 'Onvoldoende gemotiveerd waarom de regel hier niet past.' }),
      ]);
      expect(statuses(results), JSON.stringify(results.map((r) => r.body))).toEqual([200, 409]);
      const events = await queryRows<{ kind: string }>(server, 'select kind from deviation_events where deviation_id = ?', id);
      expect(events).toHaveLength(1);
      // What the winner was told is what is stored.
      const winner = results.find((r) => r.status === 200)!;
      expect(winner.body.status).toBe(events[0]!.kind);
    }
  });

  it('a breakthrough request gets one mandate decision: grant and refusal sent at once, one wins, the other gets 409', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const caseId = await freshTable();
      const submitted = await (await as('procesregisseur')).post(`/api/cases/${caseId}/breakthroughs`, breakthroughBody(uid('teamleider'), { amountCents: 2_000_00 }));
      expect(submitted.status, JSON.stringify(submitted.body)).toBe(201);
      const id = submitted.body.id as string;
      const tl = await as('teamleider');
      const at = (action: string) => `/api/cases/${caseId}/breakthroughs/${id}/${action}`;
      const results = await Promise.all([
        tl.post(at('grant'), { conditions: 'Evaluatie na drie maanden met het gezin.', budgetCents: 2_000_00, termEnd: inDays(180) }),
        tl.post(at('refuse'), { reasons: 'Past niet binnen het budget van dit jaar; eerst de voorliggende voorzieningen benutten.' }),
      ]);
      expect(statuses(results), JSON.stringify(results.map((r) => r.body))).toEqual([200, 409]);
      const decisions = await queryRows<{ kind: string }>(server, "select kind from breakthrough_events where request_id = ? and kind in ('toegekend', 'afgewezen')", id);
      expect(decisions).toHaveLength(1);
    }
  });

  it('plan versions adopted at the same moment get the numbers 1 to n, each once', async () => {
    const caseId = await freshTable();
    const cr = await as('casusregisseur');
    const pr = await as('procesregisseur');
    const n = 6;
    const results = await Promise.all(Array.from({ length: n }, (_, i) => (i % 2 ? pr : cr).post(`/api/cases/${caseId}/plan/versions`, { note: `Tegelijk vastgesteld (${i}).` })));
    expect(statuses(results), JSON.stringify(results.map((r) => r.body))).toEqual(Array(n).fill(201));
    expect(results.map((r) => r.body.number).sort((a, b) => a - b)).toEqual(Array.from({ length: n }, (_, i) => i + 1));
    const stored = await queryRows<{ number: number }>(server, 'select number from plan_versions where case_id = ? order by number', caseId);
    expect(stored.map((r) => Number(r.number))).toEqual(Array.from({ length: n }, (_, i) => i + 1));
  });

  it('a conference closed by two chairs at once is closed once, with one adopted version', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const caseId = await freshTable();
      const cr = await as('casusregisseur');
      const pr = await as('procesregisseur');
      const started = await cr.post(`/api/cases/${caseId}/conferences`, {});
      expect(started.status, JSON.stringify(started.body)).toBe(201);
      const close = `/api/cases/${caseId}/conferences/${started.body.id}/close`;
      const results = await Promise.all([cr.post(close, {}), pr.post(close, {})]);
      expect(statuses(results), JSON.stringify(results.map((r) => r.body))).toEqual([200, 409]);
      expect(results.find((r) => r.status === 409)!.body.error.code).toBe('OVERLEG_AFGESLOTEN');
      expect(await count(server, 'select count(*) as n from plan_versions where case_id = ?', caseId)).toBe(1);
      expect(await count(server, "select count(*) as n from audit_log where case_id = ? and action = 'conference.closed'", caseId)).toBe(1);
    }
  });

  it('the audit trail stays one chain under concurrent writers: no gaps in the sequence, no two rows on the same predecessor', async () => {
    const before = await maxAuditSeq(server);
    const caseId = await freshTable();
    const clients = await Promise.all(['casusregisseur', 'procesregisseur', 'klantmanager'].map((k) => as(k)));
    // Many small audited writes from three people at once: goals.
    const writes = await Promise.all(
      Array.from({ length: 24 }, (_, i) => clients[i % 3]!.post(`/api/cases/${caseId}/goals`, { text: `Gelijktijdig doel ${i}`, lifeDomain: 'huiselijke_relaties', legitimationWaiver: 'Een afspraak binnen het gezin; geen wet vraagt erom.', owner: { type: 'household', name: 'moeder' }, dueDate: inDays(30) })),
    );
    expect(writes.every((w) => w.status === 201), JSON.stringify(writes.find((w) => w.status !== 201)?.body)).toBe(true);
    const rows = await queryRows<{ seq: number; prev_hash: string; hash: string }>(server, 'select seq, prev_hash, hash from audit_log where seq > ? order by seq', before - 1);
    expect(rows.length).toBeGreaterThanOrEqual(24);
    rows.forEach((r, i) => {
      expect(Number(r.seq)).toBe(before + i);
      if (i > 0) expect(r.prev_hash).toBe(rows[i - 1]!.hash);
    });
    expect(await count(server, 'select count(*) as n from (select prev_hash from audit_log group by prev_hash having count(*) > 1) as forks')).toBe(0);
  });
});
