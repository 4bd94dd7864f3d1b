// Attack: a partner at the table watches the shared plan (and a running conference) for
// traces of internal business. Every decision on an internal deviation, and linking one to a
// vraagstuk, used to bump a counter in the shared plan's Y.Doc (and the conference's): the
// partner could see *that* something internal was decided, and when. Now no decision writes
// into a room's document at all: the change feed tells who may know (staff only, for internal
// business; tests/security/feed-visibility.test.ts), and the plan's edit history names members only.
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { conferenceRoomName, roomName } from '../../shared/plan/rooms';
import { loginCache, startTestServer, type TestServer } from '../support/server';
import { type Conn, connectSynced, destroyAll, updateRows, verbeekLikeCase } from '../support/collab';
import { closeFeeds, noticesOf, openReadyFeed } from '../support/feed';
import { userId } from '../support/db';
import { inDays, today, waitFor } from '../support/time';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterEach(() => {
  destroyAll();
  closeFeeds();
});
afterAll(async () => {
  await server?.stop();
});
const as = loginCache(() => server);

const internalDeviation = () => ({
  law: 'participatiewet',
  rule: 'Participatiewet art. 3 (gezamenlijke huishouding)',
  route: 'awb_4_84',
  willDo: `Vader blijft betrokken (${randomUUID().slice(0, 8)}).`,
  willNotDo: 'Vermoeden gezamenlijke huishouding niet actief oppakken gedurende de looptijd van het plan.',
  reasoning: 'Het gedeelde doel is een stabiele psychische gezondheid van moeder; onderzoek zou de betrokkenheid van vader nu beëindigen.',
  startDate: today(),
  endDate: inDays(120),
  reviewDate: inDays(60),
  internal: true,
});

/** Counts every update a connection receives from the server after it synced. */
function watch(conn: Conn): { updates: number } {
  const seen = { updates: 0 };
  conn.doc.on('update', (_u: Uint8Array, origin: unknown) => {
    if (origin === conn.provider) seen.updates += 1;
  });
  return seen;
}

describe('internal decisions leave no trace in the shared rooms', () => {
  it('proposing, approving, linking, unlinking and revoking an internal deviation reach the internal room only, not the plan or the conference the partner watches', async () => {
    const caseId = await verbeekLikeCase(server, (k) => userId(server, k));
    const chair = await as('casusregisseur');
    const started = await chair.post(`/api/cases/${caseId}/conferences`, {});
    expect(started.status, JSON.stringify(started.body)).toBe(201);
    const vraagstuk = await chair.post(`/api/cases/${caseId}/vraagstukken`, { title: 'Stabiliteit voor moeder en kinderen' });
    expect(vraagstuk.status, JSON.stringify(vraagstuk.body)).toBe(201);

    const partner = await as('ggz');
    const partnerPlan = await connectSynced(server, partner, roomName(caseId, 'plan'));
    const partnerConference = await connectSynced(server, partner, conferenceRoomName(caseId, started.body.id));
    const staffIntern = await connectSynced(server, await as('jeugd'), roomName(caseId, 'intern'));
    const staffFeed = await openReadyFeed(server, await as('jeugd'));
    const seenIntern = watch(staffIntern);
    const seenPlan = watch(partnerPlan);
    const seenConference = watch(partnerConference);
    const stored = { plan: (await updateRows(server.db, caseId)).length, conference: (await updateRows(server.db, conferenceRoomName(caseId, started.body.id))).length };

    const km = await as('klantmanager');
    const dev = await km.post(`/api/cases/${caseId}/deviations`, internalDeviation());
    expect(dev.status, JSON.stringify(dev.body)).toBe(201);
    const link = await km.post(`/api/cases/${caseId}/vraagstukken/${vraagstuk.body.id}/deviations`, { deviationId: dev.body.id });
    expect(link.status, JSON.stringify(link.body)).toBe(200);
    const teamleider = await as('teamleider');
    expect((await teamleider.post(`/api/cases/${caseId}/deviations/${dev.body.id}/approve`, {})).status).toBe(200);
    expect((await km.request('DELETE', `/api/cases/${caseId}/vraagstukken/${vraagstuk.body.id}/deviations/${dev.body.id}`)).status).toBe(200);
    expect((await teamleider.post(`/api/cases/${caseId}/deviations/${dev.body.id}/revoke`, { reason: 'De situatie is veranderd; niet meer nodig.' })).status).toBe(200);

    // Staff hear of the changes through the change feed; the internal room does not move either.
    await waitFor(async () => noticesOf(staffFeed, caseId, 'deviations').length > 0 && noticesOf(staffFeed, caseId, 'vraagstukken').length > 0, { timeoutMs: 3000 });
    expect(seenIntern.updates).toBe(0);
    // The partner's rooms did not move at all, not even a counter: nothing stored, nothing received.
    expect((await updateRows(server.db, caseId)).length).toBe(stored.plan);
    expect((await updateRows(server.db, conferenceRoomName(caseId, started.body.id))).length).toBe(stored.conference);
    expect(seenPlan.updates).toBe(0);
    expect(seenConference.updates).toBe(0);

    // A non-internal change afterwards does reach the partner: the channel itself works.
    expect((await km.post(`/api/cases/${caseId}/vraagstukken`, { title: 'Schulden' })).status).toBe(201);
    await waitFor(async () => seenPlan.updates > 0);
    expect((await updateRows(server.db, caseId)).length).toBeGreaterThan(stored.plan);
  });

  it("the shared plan's edit history names only members of the case, never someone outside the table", async () => {
    const caseId = await verbeekLikeCase(server, (k) => userId(server, k));
    const writer = await connectSynced(server, await as('casusregisseur'), roomName(caseId, 'plan'));
    writer.doc.getMap('signalen').set('doelen', 1);
    await waitFor(async () => (await updateRows(server.db, caseId)).length > 0);
    // A change the server stored on behalf of someone who is not a member (the wethouder,
    // e.g. through a grant that has since ended) must not name them to the table.
    const outsider = userId(server, 'wethouder');
    await server.services.collab!.rooms.withDoc(caseId, (room) => room.changeAs(outsider, (doc) => doc.getMap('signalen').set('toets', 99)));
    expect((await updateRows(server.db, caseId)).some((r) => r.user_id === outsider)).toBe(true);

    const history = await (await as('jeugd')).get(`/api/cases/${caseId}/plan/history`);
    expect(history.status).toBe(200);
    const names = history.body.sessions.map((s: { author: { id: string } }) => s.author.id);
    expect(names).toContain(userId(server, 'casusregisseur'));
    expect(names).not.toContain(outsider);
  });
});
