// Helpers for the collaboration tests (not a test file itself): stock y-websocket providers
// in Node with the session cookie on the upgrade, raw `ws` clients for hostile input, and
// small readers for what the server stored.
import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { fragmentToText, type PlanSectionKey, sectionFragment, INTERN_NOTES } from '../../shared/plan/doc';
import { readBody } from './api';
import { createCaseWith, type Member } from './fixtures';
import { type ApiClient, loginAs } from './server';
import { waitFor } from './time';
import type { Db } from '../../db/client';
import { queryRows } from './db';

type WsPolyfill = NonNullable<NonNullable<ConstructorParameters<typeof WebsocketProvider>[3]>['WebSocketPolyfill']>;

/** `ws` with the session cookie on the upgrade request, as a browser would send it. */
export function cookieWebSocket(cookie: string | undefined): WsPolyfill {
  return class CookieWebSocket extends WebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols, { headers: cookie ? { cookie } : {} });
    }
  } as unknown as WsPolyfill;
}

export function collabBase(server: { url: string }): string {
  return `${server.url.replace(/^http/, 'ws')}/collab`;
}

export interface Conn {
  doc: Y.Doc;
  provider: WebsocketProvider;
  /** Close codes the server sent, in order. */
  closeCodes: number[];
  destroy(): void;
}

const open = new Set<Conn>();

/**
 * A stock WebsocketProvider for `room`. disableBc is essential: without it, providers in
 * one process would sync through an in-process BroadcastChannel and bypass the server.
 */
export function connect(server: { url: string }, cookie: string | undefined, room: string, doc = new Y.Doc()): Conn {
  const provider = new WebsocketProvider(collabBase(server), room, doc, { disableBc: true, WebSocketPolyfill: cookieWebSocket(cookie), maxBackoffTime: 500 });
  // Like the web client, announce a presence at once: the awareness state a provider starts
  // with has clock 0, which y-protocols never relays. The claimed name must be overwritten.
  provider.awareness.setLocalStateField('user', { name: 'Door de client opgegeven naam', role: 'Wethouder' });
  const closeCodes: number[] = [];
  provider.on('connection-close', (event) => {
    if (event) closeCodes.push(event.code);
  });
  const conn: Conn = {
    doc,
    provider,
    closeCodes,
    destroy() {
      if (!open.delete(conn)) return;
      provider.destroy();
      doc.destroy();
    },
  };
  open.add(conn);
  return conn;
}

/** Destroys every provider still open (for afterEach / afterAll). */
export function destroyAll(): void {
  for (const c of [...open]) c.destroy();
}

export async function connectSynced(server: { url: string }, client: ApiClient, room: string): Promise<Conn> {
  const conn = connect(server, client.cookie, room);
  await waitFor(async () => conn.provider.synced);
  return conn;
}

/** The text of one plan section (or the internal notes), as the server would read it. */
export function sectionText(doc: Y.Doc, key: PlanSectionKey | typeof INTERN_NOTES.key = 'beeldvorming'): string {
  return fragmentToText(sectionFragment(doc, key));
}

/** Adds a paragraph with `text` at the end of a section, as the editor would (one update). */
export function addParagraph(doc: Y.Doc, text: string, key: PlanSectionKey | typeof INTERN_NOTES.key = 'beeldvorming'): void {
  const fragment = sectionFragment(doc, key);
  doc.transact(() => {
    const p = new Y.XmlElement('paragraph');
    p.insert(0, [new Y.XmlText(text)]);
    fragment.insert(fragment.length, [p]);
  });
}

/** Types `text` one character per update into the last paragraph of a section. */
export function typeInto(doc: Y.Doc, text: string, key: PlanSectionKey | typeof INTERN_NOTES.key = 'beeldvorming'): void {
  const fragment = sectionFragment(doc, key);
  if (fragment.length === 0) addParagraph(doc, '', key);
  const p = fragment.get(fragment.length - 1) as Y.XmlElement;
  const t = p.get(0) as Y.XmlText;
  for (const ch of text) t.insert(t.length, ch);
}

export async function waitForText(conn: Conn, includes: string, key: PlanSectionKey | typeof INTERN_NOTES.key = 'beeldvorming'): Promise<void> {
  await waitFor(async () => sectionText(conn.doc, key).includes(includes), { timeoutMs: 10_000 });
}

/**
 * Everything `from` sent before this call has been handled by the server once the
 * observers see this marker: the marker is an awareness update on the same connection,
 * relayed over the same connections as any document update would have been.
 */
export async function barrier(from: Conn, observers: Conn[]): Promise<void> {
  // The server relays only the presence fields our client uses; of `user` it keeps just a
  // valid colour. A fresh random colour is the marker.
  const mark = `#${randomUUID().replace(/-/g, '').slice(0, 6)}`;
  const user = (from.provider.awareness.getLocalState()?.user ?? {}) as Record<string, unknown>;
  from.provider.awareness.setLocalStateField('user', { ...user, color: mark });
  const id = from.doc.clientID;
  await waitFor(async () => observers.every((o) => (o.provider.awareness.getStates().get(id) as { user?: { color?: string } } | undefined)?.user?.color === mark));
}

/**
 * The server still works for everyone else, for a test that attacks one room: in another room
 * `writer` adds a line that `reader` receives, /healthz answers ok, and neither was cut off.
 */
export async function expectStillWorking(server: { url: string }, writer: Conn, reader: Conn): Promise<void> {
  const line = `De klantmanager schrijft verder (${randomUUID().slice(0, 8)}).`;
  addParagraph(writer.doc, line);
  await waitForText(reader, line);
  const health = await fetch(`${server.url}/healthz`);
  expect(health.status).toBe(200);
  expect(await health.json()).toEqual({ status: 'ok', database: 'ok' });
  expect(writer.closeCodes).toEqual([]);
  expect(reader.closeCodes).toEqual([]);
}

export interface Upgrade {
  /** The HTTP status when the upgrade was refused; 101 when a WebSocket was opened. */
  status: number;
  body: unknown;
  ws: WebSocket | null;
}

/** A raw upgrade to /collab/<path>; resolves with the refusal, or the opened socket. */
export function rawUpgrade(server: { url: string }, path: string, headers: Record<string, string> = {}): Promise<Upgrade> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${collabBase(server)}/${path}`, { headers });
    ws.on('unexpected-response', (_req, res) => {
      readBody(res).then((body) => {
        resolve({ status: res.statusCode ?? 0, body, ws: null });
        ws.terminate();
      }, reject);
    });
    ws.on('open', () => resolve({ status: 101, body: null, ws }));
    ws.on('error', (e) => {
      if (!/Unexpected server response/.test(e.message)) reject(e);
    });
  });
}

/** A raw, accepted socket for hostile input. */
export async function rawSocket(server: { url: string }, room: string, cookie: string | undefined): Promise<WebSocket> {
  const up = await rawUpgrade(server, encodeURIComponent(room), cookie ? { cookie } : {});
  expect(up.status, JSON.stringify(up.body)).toBe(101);
  return up.ws!;
}

export function closeOf(ws: WebSocket): Promise<{ code: number; reason: string }> {
  return new Promise((resolve) => {
    if (ws.readyState === WebSocket.CLOSED) resolve({ code: -1, reason: 'already closed' });
    ws.on('error', () => undefined);
    ws.on('close', (code, reason) => resolve({ code, reason: reason.toString('utf8') }));
  });
}

export interface UpdateRow {
  id: number;
  room: string;
  user_id: string;
  at: string;
  size: number;
  update: Buffer | null;
}

export async function updateRows(db: Db, room: string): Promise<UpdateRow[]> {
  return queryRows<UpdateRow>({ db }, 'select * from collab_updates where room = ? order by id', room);
}

/**
 * A fresh case shaped like Gezin Verbeek: the procesregisseur creates it, the casusregisseur
 * is the regisseur, and the usual table sits around it. Each test gets a clean document.
 */
export async function verbeekLikeCase(
  server: { url: string },
  userIdOf: (key: string) => string,
  title = `Testgezin ${randomUUID().slice(0, 8)}`,
  summary = 'Fictief huishouden voor een samenwerkingstest.',
): Promise<string> {
  const pr = await loginAs(server, 'procesregisseur');
  const members: Member[] = [
    ['casusregisseur', 'casusregisseur', 'edit'],
    ['klantmanager', 'klantmanager_pw', 'edit'],
    ['jeugd', 'consulent_jeugd', 'edit'],
    ['wmo', 'consulent_wmo', 'edit'],
    ['gedragsdeskundige', 'gedragsdeskundige', 'comment'],
    ['ggz', 'extern_partner', 'comment'],
    ['teamleider', 'mandaathouder', 'read'],
    ['inwoner', 'inwoner', 'comment'],
  ];
  const caseId = (await createCaseWith(pr, userIdOf, members, { title, summary })).id as string;
  const reg = await pr.put(`/api/cases/${caseId}/regisseur`, { userId: userIdOf('casusregisseur') });
  expect(reg.status, JSON.stringify(reg.body)).toBe(200);
  return caseId;
}
