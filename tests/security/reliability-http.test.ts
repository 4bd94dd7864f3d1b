// A refused oversized body (413) must not break the kept-alive connection it came on: the
// server answers with `Connection: close` (it does not read the rest of the body), so a client
// that keeps connections alive opens a fresh one for its next request instead of reusing a
// connection the server has given up on.
import { Agent, request } from 'node:http';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});

afterAll(async () => {
  await server?.stop();
});

const ONE_MB = 1024 * 1024;
const bigBody = JSON.stringify({ email: 'iemand@example.org', password: 'p'.repeat(ONE_MB + 100) });

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  /** The socket the answer came on, to tell reuse from a fresh connection. */
  socketId: number;
}

let nextSocketId = 0;
const socketIds = new WeakMap<object, number>();

/** One request through `agent`; an error writing the body is tolerated once the answer is there. */
function send(agent: Agent, method: string, path: string, opts: { body?: string; chunks?: string[]; headers?: Record<string, string> } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    let answered = false;
    const req = request(`${server.url}${path}`, { method, agent, headers: opts.headers ?? {} }, (res) => {
      answered = true;
      const socket = res.socket;
      if (!socketIds.has(socket)) socketIds.set(socket, ++nextSocketId);
      const parts: Buffer[] = [];
      res.on('data', (d: Buffer) => parts.push(d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(parts).toString('utf8'), socketId: socketIds.get(socket)! }));
      res.on('error', reject);
    });
    req.on('error', (e: NodeJS.ErrnoException) => {
      // The server may close once it has answered while we are still writing the body.
      if ((e.code === 'EPIPE' || e.code === 'ECONNRESET') && answered) return;
      if (e.code === 'EPIPE' || e.code === 'ECONNRESET') setTimeout(() => (answered ? undefined : reject(e)), 2000).unref();
      else reject(e);
    });
    if (opts.chunks) {
      for (const c of opts.chunks) req.write(c);
      req.end();
    } else req.end(opts.body);
  });
}

describe('413 on a kept-alive connection', () => {
  it('with Content-Length: the 413 says Connection: close, and the agent\'s next requests work', async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      // A normal request first, so the agent holds a live kept-alive socket.
      const first = await send(agent, 'GET', '/healthz');
      expect(first.status).toBe(200);
      expect(first.headers.connection).toBe('keep-alive');

      for (let round = 0; round < 3; round++) {
        const refused = await send(agent, 'POST', '/api/auth/login', {
          body: bigBody,
          headers: { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(bigBody)) },
        });
        expect(refused.status).toBe(413);
        expect(JSON.parse(refused.body).error.code).toBe('TE_GROOT');
        expect(refused.headers.connection).toBe('close');

        const after = await send(agent, 'GET', '/healthz');
        expect(after.status, after.body).toBe(200);
        expect(JSON.parse(after.body)).toEqual({ status: 'ok', database: 'ok' });
        // A fresh connection: the refused one was not reused.
        expect(after.socketId).not.toBe(refused.socketId);
        // And a normal JSON request still works on it.
        const login = await send(agent, 'POST', '/api/auth/login', {
          body: JSON.stringify({ email: 'niemand@example.org', password: 'fout' }),
          headers: { 'content-type': 'application/json' },
        });
        expect(login.status).toBe(401);
      }
    } finally {
      agent.destroy();
    }
  });

  it('chunked (no Content-Length): the same', async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const chunk = 'y'.repeat(64 * 1024);
      const refused = await send(agent, 'POST', '/api/auth/login', {
        chunks: ['{"email":"a@example.org","password":"', ...Array.from({ length: 17 }, () => chunk), '"}'],
        headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' },
      });
      expect(refused.status).toBe(413);
      expect(refused.headers.connection).toBe('close');
      const after = await send(agent, 'GET', '/healthz');
      expect(after.status).toBe(200);
    } finally {
      agent.destroy();
    }
  });

  it('on a raw socket: the server says close and does close, after answering in full', async () => {
    const socket = connect(server.port, '127.0.0.1');
    socket.on('error', () => undefined);
    await new Promise((resolve) => socket.once('connect', resolve));
    let text = '';
    socket.on('data', (d: Buffer) => (text += d.toString('utf8')));
    const ended = new Promise<void>((resolve) => socket.once('close', () => resolve()));
    socket.write(`POST /api/auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(bigBody)}\r\n\r\n`);
    socket.write(bigBody);
    await ended;
    expect(text).toMatch(/^HTTP\/1\.1 413 /);
    expect(text.toLowerCase()).toContain('\r\nconnection: close\r\n');
    expect(text).toContain('"code":"TE_GROOT"');
    // Exactly one answer: nothing of the unread body was taken for a second request.
    expect(text.match(/HTTP\/1\.1 /g)).toHaveLength(1);
    const health = await fetch(`${server.url}/healthz`);
    expect(health.status).toBe(200);
  });
});
