// Things made through the API that many tests need: cases with their table, a breakthrough
// request, a released intervision copy.
import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import type { ApiClient } from './server';
import { inDays, today } from './time';

/** A fresh case created through the API by `client` (who must be allowed to create cases). */
export async function createCase(client: ApiClient, extra: Record<string, unknown> = {}): Promise<any> {
  const res = await client.post('/api/cases', { title: `Testhuishouden ${randomUUID().slice(0, 8)}`, summary: 'Fictief huishouden voor een test.', ...extra });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

/** A member to add: demo account key, role at the table, access level. */
export type Member = [key: string, caseRole: string, access: string];

/** A fresh open case created by `client` (e.g. the procesregisseur), with these members added. */
export async function createCaseWith(client: ApiClient, uid: (key: string) => string, members: Member[], extra: Record<string, unknown> = {}): Promise<any> {
  const created = await createCase(client, extra);
  for (const [key, caseRole, access] of members) {
    const res = await client.post(`/api/cases/${created.id}/members`, { userId: uid(key), caseRole, access });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
  }
  return created;
}

/** A fresh open case with these members, and `regisseur` (a member key) made its regisseur. */
export async function tableWith(client: ApiClient, uid: (key: string) => string, members: Member[], regisseur = 'casusregisseur'): Promise<{ caseId: string; title: string }> {
  const created = await createCaseWith(client, uid, members);
  const res = await client.put(`/api/cases/${created.id}/regisseur`, { userId: uid(regisseur) });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return { caseId: created.id, title: created.title };
}

/** A plain breakthrough request (a nanny instead of three trajectories), for tests where its content does not matter. */
export function breakthroughBody(assigneeId: string, overrides: Record<string, unknown> = {}) {
  return {
    stuck: 'De hulp stapelt zich op en niets helpt.',
    stuckSince: inDays(-60),
    proposal: 'Eén nanny in plaats van drie losse trajecten.',
    kind: 'budget',
    laws: ['wmo'],
    rules: 'Beleidsregel Wmo.',
    costs: { carryOn: [{ label: 'Jeugdhulp', cents: 12_000_00 }], breakthrough: [{ label: 'Nanny', cents: 6_000_00, per: 'jaar' }] },
    amountCents: 6_000_00,
    assigneeId,
    ...overrides,
  };
}

/** Safeguarding agreements (borgingsafspraken) good enough to close a case with. */
export const BORGING = 'De consulent Wmo belt over drie maanden; het gezin kan zelf contact opnemen met het wijkteam.';

/**
 * The begeleider keeps every flag of a pseudonymised copy as written and releases it, so that
 * participants (and the session's room) see it: what they then see is what layers a and b made
 * of the case. Returns the released session.
 */
export async function releaseAsIs(client: ApiClient, session: { id: string; review: { marks: { id: string; resolution: string }[] } }): Promise<any> {
  const open = session.review.marks.filter((m) => m.resolution === 'open').map((m) => ({ markId: m.id, resolution: 'behouden' }));
  if (open.length > 0) {
    const resolved = await client.post(`/api/intervision/${session.id}/review`, { resolutions: open });
    expect(resolved.status, JSON.stringify(resolved.body)).toBe(200);
    expect(resolved.body.review.open).toBe(0);
  }
  const released = await client.post(`/api/intervision/${session.id}/release`);
  expect(released.status, JSON.stringify(released.body)).toBe(200);
  expect(released.body.review).toBeNull();
  return released.body;
}

/** A complete deviation proposal (Participatiewet), unique per call; `internal` as given. */
export const deviationBody = (internal: boolean) => ({
  law: 'participatiewet',
  rule: 'Participatiewet art. 18 (verlaging)',
  route: 'awb_4_84',
  willDo: `Bijstand zonder verlaging voortzetten (${randomUUID().slice(0, 8)}).`,
  willNotDo: 'Geen verlaging opleggen zolang het schuldhulptraject loopt.',
  reasoning: 'Een verlaging zou het schuldhulptraject en de huur in gevaar brengen; dat kost meer dan het oplevert.',
  startDate: today(),
  endDate: inDays(120),
  reviewDate: inDays(60),
  internal,
});
