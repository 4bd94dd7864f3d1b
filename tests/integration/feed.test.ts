// The change feed (GET /api/feed) read by a real HTTP client: how a stream opens and is refused,
// what a notice holds, the heartbeat, the Postvak topic, and that no stream outlives its
// session, its client or its server.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { expectErrorShape } from '../support/api';
import { verbeekLikeCase } from '../support/collab';
import { userId } from '../support/db';
import { closeFeeds, noticesOf, openFeed, openReadyFeed } from '../support/feed';
import { ApiClient, loginAs, loginCache, startTestServer, type TestServer } from '../support/server';
import { deviationBody } from '../support/fixtures';
import { waitFor } from '../support/time';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ FEED_HEARTBEAT_MS: 150 });
});
afterEach(() => closeFeeds());
afterAll(async () => {
  await server?.stop();
});
const as = loginCache(() => server);


describe('opening the feed', () => {
  it('refuses without a session (401) and without Accept: text/event-stream (406), with the usual error shape', async () => {
    const anonymous = await openFeed(server, new ApiClient(server.url));
    expect(anonymous.status).toBe(401);
    const km = await as('klantmanager');
    const plain = await fetch(`${server.url}/api/feed`, { headers: { cookie: km.cookie! } });
    expect(plain.status).toBe(406);
    const body = await plain.json();
    expectErrorShape(body);
    expect(body.error.code).toBe('ALLEEN_EVENT_STREAM');
  });

  it('opens a text/event-stream that is not cached, says ready, and keeps itself open with comment lines', async () => {
    const feed = await openReadyFeed(server, await as('klantmanager'));
    expect(feed.headers['content-type']).toMatch(/^text\/event-stream/);
    expect(feed.headers['cache-control']).toBe('no-store');
    await waitFor(async () => feed.comments >= 2, { timeoutMs: 5000 });
    expect(feed.hasEnded()).toBe(false);
  });

  it('is in the OpenAPI document as a text/event-stream answer with its refusals', async () => {
    const doc = (await new ApiClient(server.url).get('/api/openapi.json')).body;
    const op = doc.paths['/api/feed'].get;
    expect(Object.keys(op.responses['200'].content)).toEqual(['text/event-stream']);
    expect(Object.keys(op.responses).sort()).toEqual(['200', '401', '403', '406', '429', '503']);
    expect(op.security).toEqual([{ sessieCookie: [] }]);
  });
});

describe('notices', () => {
  it('a proposed deviation reaches everyone at the table as a notice naming only topic and case, within the same moment', async () => {
    const caseId = await verbeekLikeCase(server, (k) => userId(server, k));
    const [staff, partner] = [await openReadyFeed(server, await as('jeugd')), await openReadyFeed(server, await as('ggz'))];
    const res = await (await as('klantmanager')).post(`/api/cases/${caseId}/deviations`, deviationBody(false));
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    await waitFor(async () => noticesOf(staff, caseId, 'deviations').length > 0 && noticesOf(partner, caseId, 'deviations').length > 0, { timeoutMs: 3000 });
    for (const e of staff.events.filter((x) => x.event === 'change')) {
      expect(Object.keys(e.data as object).sort()).toEqual(['caseId', 'topic']);
    }
    // No content: the proposal's text is nowhere on the stream.
    expect(JSON.stringify(staff.events)).not.toContain(res.body.willDo);
  });

  it('a burst of changes to one list is one notice, not one per change', async () => {
    const caseId = await verbeekLikeCase(server, (k) => userId(server, k));
    const feed = await openReadyFeed(server, await as('jeugd'));
    const km = await as('klantmanager');
    await Promise.all([km.post(`/api/cases/${caseId}/deviations`, deviationBody(false)), km.post(`/api/cases/${caseId}/deviations`, deviationBody(false))]);
    await waitFor(async () => noticesOf(feed, caseId, 'deviations').length > 0, { timeoutMs: 3000 });
    await new Promise((r) => setTimeout(r, 300));
    expect(noticesOf(feed, caseId, 'deviations').length).toBeLessThanOrEqual(2);
  });

  it("'inbox' goes only to users whose Postvak changed: an approval is news for the members, not for someone elsewhere", async () => {
    const caseId = await verbeekLikeCase(server, (k) => userId(server, k));
    const km = await as('klantmanager');
    const dev = await km.post(`/api/cases/${caseId}/deviations`, deviationBody(false));
    expect(dev.status).toBe(201);
    const member = await openReadyFeed(server, await as('jeugd'));
    const elsewhere = await openReadyFeed(server, await as('schuldhulp'));
    expect((await (await as('teamleider')).post(`/api/cases/${caseId}/deviations/${dev.body.id}/approve`, {})).status).toBe(200);
    await waitFor(async () => member.notices().some((n) => n.topic === 'inbox'), { timeoutMs: 3000 });
    expect(member.notices().filter((n) => n.topic === 'inbox')).toEqual([{ topic: 'inbox', caseId: null }]);
    // Given the feed time to deliver everything: the other user's Postvak did not change.
    await waitFor(async () => noticesOf(member, caseId, 'deviations').length > 0);
    expect(elsewhere.notices()).toEqual([]);
  });
});

describe('no stream outlives what it stands on', () => {
  it('logging out ends the stream of that session (told "sessie"); another session of the same user keeps its own', async () => {
    const first = await loginAs(server, 'wmo');
    const second = await loginAs(server, 'wmo');
    const a = await openReadyFeed(server, first);
    const b = await openReadyFeed(server, second);
    expect((await first.post('/api/auth/logout')).status).toBeLessThan(300);
    await a.ended;
    expect(a.events.at(-1)).toEqual({ event: 'bye', data: { reason: 'sessie' } });
    expect(b.hasEnded()).toBe(false);
  });

  it('a client that goes away is let go of by the server', async () => {
    // The streams of earlier tests were closed by their clients (afterEach): the server lets go of them too.
    await waitFor(async () => server.services.feed.size === 0, { timeoutMs: 3000 });
    const feed = await openReadyFeed(server, await as('wmo'));
    expect(server.services.feed.size).toBe(1);
    feed.close();
    await waitFor(async () => server.services.feed.size === 0, { timeoutMs: 3000 });
  });
});

describe('bounds and shutdown', () => {
  it('a session that ran idle ends its stream at the next heartbeat (told "sessie"): an open tab does not keep it alive', async () => {
    const idle = await startTestServer({ SESSION_IDLE_MINUTES: 0.02, FEED_HEARTBEAT_MS: 200 });
    try {
      const feed = await openReadyFeed(idle, await loginAs(idle, 'wmo'));
      await feed.ended;
      expect(feed.events.at(-1)).toEqual({ event: 'bye', data: { reason: 'sessie' } });
      expect(feed.comments).toBeGreaterThan(0);
    } finally {
      await idle.stop();
    }
  });


  it('refuses a stream beyond the per-session bound (429) and beyond the total (503); stopping the server ends every stream', async () => {
    const small = await startTestServer({ FEED_MAX_STREAMS_PER_SESSION: 2, FEED_MAX_STREAMS: 3 });
    try {
      const km = await loginAs(small, 'klantmanager');
      const jeugd = await loginAs(small, 'jeugd');
      const streams = [await openReadyFeed(small, km), await openReadyFeed(small, km)];
      const third = await openFeed(small, km);
      expect(third.status).toBe(429);
      streams.push(await openReadyFeed(small, jeugd));
      const full = await openFeed(small, jeugd);
      expect(full.status).toBe(503);
      expect(small.services.feed.size).toBe(3);

      await small.close();
      await Promise.all(streams.map((s) => s.ended));
      for (const s of streams) expect(s.events.at(-1)).toEqual({ event: 'bye', data: { reason: 'server' } });
      expect(small.services.feed.size).toBe(0);
    } finally {
      await small.stop();
    }
  });
});
