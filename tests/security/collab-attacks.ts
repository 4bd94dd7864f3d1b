// Tools for attacking the collaboration server the way a hostile member would (not a test file
// itself): updates forged under someone else's Yjs client id, raw y-websocket messages on a
// member's own socket, and readers for what ended up where.
import * as encoding from 'lib0/encoding';
import { expect } from 'vitest';
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import { loadRoomState } from '../../db/queries/collab';
import { type Conn, verbeekLikeCase } from '../support/collab';
import { type AuditRow, auditRowsSince } from '../support/db';
import { releaseAsIs } from '../support/fixtures';
import type { ApiClient, TestServer } from '../support/server';

/** Adds a paragraph with `text` to the XML fragment `name`, as the editor would. */
export function paragraphIn(name: string, text: string): (doc: Y.Doc) => void {
  return (doc) => {
    const fragment = doc.getXmlFragment(name);
    const p = new Y.XmlElement('paragraph');
    p.insert(0, [new Y.XmlText(text)]);
    fragment.insert(fragment.length, [p]);
  };
}

/**
 * An update that continues the document `base` under `clientId`, the way an attacker who
 * copied a victim's id from presence would: same id, next clock, new content.
 */
export function forgedUpdate(base: Y.Doc, clientId: number, change: (doc: Y.Doc) => void): Uint8Array {
  const doc = new Y.Doc();
  try {
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(base));
    doc.clientID = clientId;
    const before = Y.encodeStateVector(doc);
    doc.transact(() => change(doc));
    return Y.encodeStateAsUpdate(doc, before);
  } finally {
    doc.destroy();
  }
}

/** One update carrying structs of `count` distinct client ids (from `firstId` on). */
export function manyClientsUpdate(count: number, firstId = 1_000_000): Uint8Array {
  const updates: Uint8Array[] = [];
  for (let i = 0; i < count; i++) {
    const doc = new Y.Doc();
    doc.clientID = firstId + i;
    doc.getText('flood').insert(0, 'x');
    updates.push(Y.encodeStateAsUpdate(doc));
    doc.destroy();
  }
  return Y.mergeUpdates(updates);
}

/** y-websocket sync message: an update (type 2), step 2 (1) or step 1 (0). */
export function syncMessage(payload: Uint8Array, syncType = 2): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 0);
  encoding.writeVarUint(e, syncType);
  encoding.writeVarUint8Array(e, payload);
  return encoding.toUint8Array(e);
}

/** y-websocket awareness message with raw entries (id, clock, JSON text). */
export function awarenessMessage(entries: { id: number; clock: number; state: string }[]): Uint8Array {
  const inner = encoding.createEncoder();
  encoding.writeVarUint(inner, entries.length);
  for (const e of entries) {
    encoding.writeVarUint(inner, e.id);
    encoding.writeVarUint(inner, e.clock);
    encoding.writeVarString(inner, e.state);
  }
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 1);
  encoding.writeVarUint8Array(e, encoding.toUint8Array(inner));
  return encoding.toUint8Array(e);
}

/** Sends raw bytes on a stock provider's own socket, as a modified client would. */
export function sendOn(conn: Conn, message: Uint8Array): void {
  const ws = conn.provider.ws as unknown as { send(m: Uint8Array): void } | null;
  if (!ws) throw new Error('provider is not connected');
  ws.send(message);
}

/** Resolves with the close code of a raw socket (or of a provider's socket). */
export function closeCode(ws: WebSocket): Promise<number> {
  return new Promise((resolve) => {
    if (ws.readyState === WebSocket.CLOSED) return resolve(-1);
    ws.on('error', () => undefined);
    ws.once('close', (code) => resolve(code));
  });
}

/** Whether `marker` occurs in the bytes of a document's whole state. */
export function docHas(doc: Y.Doc, marker: string): boolean {
  return Buffer.from(Y.encodeStateAsUpdate(doc)).includes(Buffer.from(marker, 'utf8'));
}

/** Whether `marker` occurs anywhere in what the server stored for a room (snapshot and updates). */
export async function storedHas(server: TestServer, room: string, marker: string): Promise<boolean> {
  const stored = await loadRoomState(server.db, room);
  const doc = new Y.Doc();
  try {
    if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
    for (const u of stored.updates) Y.applyUpdate(doc, u.update);
    return docHas(doc, marker);
  } finally {
    doc.destroy();
  }
}

/** The collab.refused rows written since `seq`, as [actor, detail]. */
export async function refusalsSince(server: TestServer, seq: number): Promise<{ actor: string | null; caseId: string | null; detail: Record<string, unknown> }[]> {
  return (await auditRowsSince(server, seq))
    .filter((r: AuditRow) => r.action === 'collab.refused')
    .map((r) => ({ actor: r.actor_user_id, caseId: r.case_id, detail: JSON.parse(r.detail) as Record<string, unknown> }));
}

/** The connection is open, was never closed by the server, and `observer` receives its next edit. */
export async function stillWriting(
  server: TestServer,
  room: string,
  writer: Conn,
  observer: Conn,
  change: (text: string) => (doc: Y.Doc) => void,
  waitFor: (check: () => Promise<boolean>, opts?: { timeoutMs?: number }) => Promise<void>,
  /** Close codes the writer had before the attack (e.g. a reconnect after a rights change). */
  earlierCloses: number[] = [],
): Promise<void> {
  const text = `Van de schrijver ${Math.random().toString(36).slice(2, 10)}`;
  writer.doc.transact(() => change(text)(writer.doc));
  await waitFor(async () => docHas(observer.doc, text), { timeoutMs: 10_000 });
  await waitFor(async () => await storedHas(server, room, text));
  expect(writer.closeCodes).toEqual(earlierCloses);
  expect(writer.provider.wsconnected).toBe(true);
}

export interface RoomSetup {
  room: string;
  caseId: string | null;
  /** The XML fragment the room's editor writes into. */
  fragment: string;
  writer: string;
  observer: string;
  /** Members of the room who may not write (read, comment); none in an open intervision session. */
  readOnly: string[];
  /** Members who may write too. */
  otherWriters: string[];
}

/** A fresh room of each kind (plan, intern, overleg, intervisie) with who is who in it. */
export async function roomKinds(server: () => TestServer, as: (key: string) => Promise<ApiClient>, uid: (key: string) => string): Promise<Record<string, () => Promise<RoomSetup>>> {
  return {
    async plan() {
      const caseId = await verbeekLikeCase(server(), uid);
      return { room: caseId, caseId, fragment: 'tekst.beeldvorming', writer: 'casusregisseur', observer: 'jeugd', readOnly: ['teamleider', 'ggz', 'inwoner'], otherWriters: ['wmo'] };
    },
    async intern() {
      const caseId = await verbeekLikeCase(server(), uid);
      return { room: `${caseId}:intern`, caseId, fragment: 'tekst.notities', writer: 'jeugd', observer: 'wmo', readOnly: ['teamleider', 'gedragsdeskundige'], otherWriters: ['klantmanager'] };
    },
    async overleg() {
      const caseId = await verbeekLikeCase(server(), uid);
      const res = await (await as('casusregisseur')).post(`/api/cases/${caseId}/conferences`, {});
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      return { room: res.body.room as string, caseId, fragment: 'verslag', writer: 'casusregisseur', observer: 'klantmanager', readOnly: ['teamleider', 'ggz'], otherWriters: ['wmo'] };
    },
    async intervisie() {
      const caseId = await verbeekLikeCase(server(), uid);
      const pr = await as('procesregisseur');
      const res = await pr.post(`/api/cases/${caseId}/intervision`, {});
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      await releaseAsIs(pr, res.body);
      for (const key of ['jeugd', 'wmo']) expect((await pr.post(`/api/intervision/${res.body.id}/participants`, { userId: uid(key) })).status).toBe(201);
      return { room: res.body.room as string, caseId: null, fragment: 'reflectie.wat_hielp', writer: 'procesregisseur', observer: 'jeugd', readOnly: [], otherWriters: ['wmo'] };
    },
  };
}
