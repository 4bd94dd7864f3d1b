// A socket lives exactly as long as the session behind it: an idle session ends its sockets,
// while typing in the plan counts as activity and keeps the session alive.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CLOSE_CODES } from '../../shared/plan/rooms';
import { loginAs, startTestServer, type TestServer } from '../support/server';
import { addParagraph, connectSynced, destroyAll, waitForText } from '../support/collab';
import { caseIdByTitle } from '../support/db';
import { waitFor } from '../support/time';

const IDLE_MINUTES = 0.02; // 1.2 s
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ SESSION_IDLE_MINUTES: IDLE_MINUTES, COLLAB_PING_MS: 100 });
});
afterEach(() => destroyAll());
afterAll(async () => {
  destroyAll();
  await server?.stop();
});

describe('collaboration sockets and the session idle timeout', () => {
  it('an idle session closes its socket with 4401, and the HTTP session is gone too', async () => {
    const caseId = await caseIdByTitle(server, 'Gezin Verbeek');
    const client = await loginAs(server, 'jeugd');
    const conn = await connectSynced(server, client, caseId);
    await waitFor(async () => conn.closeCodes.includes(CLOSE_CODES.unauthorized));
    expect((await client.get('/api/auth/me')).status).toBe(401);
  });

  it('typing keeps the session alive beyond the idle timeout', async () => {
    const caseId = await caseIdByTitle(server, 'Gezin Verbeek');
    const writer = await loginAs(server, 'casusregisseur');
    const reader = await loginAs(server, 'wmo');
    const w = await connectSynced(server, writer, caseId);
    const started = Date.now();
    let n = 0;
    // Type for three idle periods, a little every 200 ms.
    while (Date.now() - started < IDLE_MINUTES * 60_000 * 3) {
      addParagraph(w.doc, `regel ${n++}`);
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(w.closeCodes).toEqual([]);
    expect((await writer.get('/api/auth/me')).status).toBe(200);
    // The reader's own session, unused meanwhile, has expired: it cannot join any more.
    expect((await reader.get('/api/auth/me')).status).toBe(401);
    const fresh = await loginAs(server, 'wmo');
    const r = await connectSynced(server, fresh, caseId);
    await waitForText(r, `regel ${n - 1}`);
  });
});
