// Hostile input on WS /collab: every bad message closes only its own connection (4400, or
// 1009 when oversized), bad room names are refused at the upgrade, and after each attack
// another room keeps working for other people and the server stays healthy.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WebSocket } from 'ws';
import * as encoding from 'lib0/encoding';
import { type ApiClient, loginAs, startTestServer, type TestServer } from '../support/server';
import { addParagraph, closeOf, type Conn, connectSynced, destroyAll, expectStillWorking, rawSocket, rawUpgrade, sectionText, updateRows } from '../support/collab';
import { caseIdByTitle } from '../support/db';
import { waitFor } from '../support/time';

let server: TestServer;
let attacker: ApiClient;
let verbeek: string;
let deGraaf: string;
/** Two people working in another case's room throughout. */
let km: Conn;
let sh: Conn;
/** Someone working in the attacked room itself. */
let bystander: Conn;

beforeAll(async () => {
  server = await startTestServer();
  verbeek = await caseIdByTitle(server, 'Gezin Verbeek');
  deGraaf = await caseIdByTitle(server, 'Dhr. R. de Graaf');
  attacker = await loginAs(server, 'jeugd');
  km = await connectSynced(server, await loginAs(server, 'klantmanager'), deGraaf);
  sh = await connectSynced(server, await loginAs(server, 'schuldhulp'), deGraaf);
  bystander = await connectSynced(server, await loginAs(server, 'casusregisseur'), verbeek);
});

afterAll(async () => {
  destroyAll();
  await server?.stop();
});

/** Another room still syncs an edit between two other people, and /healthz answers. */
async function stillWorks(): Promise<void> {
  await expectStillWorking(server, km, sh);
  // The attacked room's other connection was not touched.
  expect(bystander.closeCodes).toEqual([]);
  expect(bystander.provider.wsconnected).toBe(true);
}

async function attack(send: (ws: WebSocket) => void, expectedCode: number): Promise<void> {
  const before = (await updateRows(server.db, verbeek)).length;
  const ws = await rawSocket(server, verbeek, attacker.cookie);
  const closed = closeOf(ws);
  send(ws);
  const { code } = await closed;
  expect(code).toBe(expectedCode);
  expect(await updateRows(server.db, verbeek)).toHaveLength(before);
  await stillWorks();
}

const bytes = (...b: number[]) => new Uint8Array(b);

/** A sync message of `syncType` carrying `payload` as its (length-prefixed) body. */
function syncMessage(syncType: number, payload: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 0);
  encoding.writeVarUint(e, syncType);
  encoding.writeVarUint8Array(e, payload);
  return encoding.toUint8Array(e);
}

function awarenessMessage(payload: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 1);
  encoding.writeVarUint8Array(e, payload);
  return encoding.toUint8Array(e);
}

describe('bad messages close only their own connection', () => {
  it('the setup works: both rooms sync', async () => {
    await stillWorks();
  });

  it('a text frame -> 4400', async () => {
    await attack((ws) => ws.send('hallo, dit is tekst'), 4400);
  });

  it.each([
    ['an empty binary frame', bytes()],
    ['a sync message without its type', bytes(0)],
    ['an update without its payload', bytes(0, 2)],
    ['an update whose length runs past the end', bytes(0, 2, 10, 1, 2)],
    ['sync step 1 with a truncated state vector', syncMessage(0, bytes(3, 1))],
    ['an awareness message without its payload', bytes(1)],
    ['an awareness update cut short', awarenessMessage(bytes(1, 5))],
  ])('truncated: %s -> 4400', async (_name, message) => {
    await attack((ws) => ws.send(message), 4400);
  });

  it.each([
    ['garbage bytes', bytes(0xde, 0xad, 0xbe, 0xef, 0x00, 0x01)],
    ['a varint that never ends', new Uint8Array(12).fill(0xff)],
    ['a Yjs update of garbage', syncMessage(2, bytes(0xde, 0xad, 0xbe, 0xef, 0x00, 0x01))],
    ['sync step 2 of garbage', syncMessage(1, bytes(0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff))],
    ['awareness with invalid JSON', awarenessMessage((() => {
      const e = encoding.createEncoder();
      encoding.writeVarUint(e, 1);
      encoding.writeVarUint(e, 12345);
      encoding.writeVarUint(e, 1);
      encoding.writeVarString(e, '{geen json');
      return encoding.toUint8Array(e);
    })())],
  ])('%s -> 4400', async (_name, message) => {
    await attack((ws) => ws.send(message), 4400);
  });

  it.each([
    ['message type 7', bytes(7)],
    ['message type 200', bytes(200, 1)],
    ['sync type 9', syncMessage(9, bytes())],
  ])('unknown %s -> 4400', async (_name, message) => {
    await attack((ws) => ws.send(message), 4400);
  });

  it('a message over 2 MB -> closed with 1009, nothing stored', async () => {
    const big = new Uint8Array(2 * 1024 * 1024 + 1);
    big.set(syncMessage(2, bytes()).subarray(0, 2));
    await attack((ws) => ws.send(big), 1009);
  });

  it('the attacked room still has its content, and a new member syncs it', async () => {
    addParagraph(bystander.doc, 'Na alle aanvallen nog steeds hier.');
    const other = await connectSynced(server, await loginAs(server, 'wmo'), verbeek);
    await waitFor(async () => sectionText(other.doc).includes('Na alle aanvallen nog steeds hier.'));
    expect(sectionText(other.doc)).toBe(sectionText(bystander.doc));
  });
});

describe('bad room names are refused at the upgrade', () => {
  it.each([
    ['too long (141 characters)', 'a'.repeat(141), 400],
    ['an empty part', 'abc::intern', 400],
    ['an overleg room without its conference', 'abc:overleg', 400],
    ['an intervision room with a case part', 'intervisie:abc:intern', 400],
    ['path traversal (encoded)', '..%2F..%2Fetc', 400],
    ['path traversal (dot segments)', `..%2F${'x'}`, 400],
    ['a slash', 'a/b', 400],
    ['an unknown room kind', 'x:geheim', 400],
    ['three parts', 'abc:intern:extra', 400],
    ['an empty name', '', 400],
    ['a broken percent escape', '%E0%A4%A', 400],
    ['a space', 'gezin%20verbeek', 400],
  ])('%s (%s) -> %d', async (_name, path, status) => {
    const up = await rawUpgrade(server, path, { cookie: attacker.cookie! });
    expect(up.ws).toBeNull();
    expect(up.status, JSON.stringify(up.body)).toBe(status);
    await stillWorks();
  });

  it('a known case with a bad suffix is refused too', async () => {
    for (const path of [`${verbeek}:geheim`, `${verbeek}:intern:x`, `${verbeek}%2F..`, `${verbeek}:`]) {
      const up = await rawUpgrade(server, path, { cookie: attacker.cookie! });
      expect([400, 404], `${path}: ${up.status}`).toContain(up.status);
    }
  });

  it('a case id of 64 characters (the longest allowed) is not a name error, just no such case (404); 65 is', async () => {
    expect((await rawUpgrade(server, 'a'.repeat(64), { cookie: attacker.cookie! })).status).toBe(404);
    expect((await rawUpgrade(server, `${'a'.repeat(64)}:intern`, { cookie: attacker.cookie! })).status).toBe(404);
    expect((await rawUpgrade(server, 'a'.repeat(65), { cookie: attacker.cookie! })).status).toBe(400);
  });
});
