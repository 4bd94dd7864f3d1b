// A minimal HTTP client on node:http, so the client's own overhead stays small and equal
// for every endpoint: one keep-alive connection (like one browser tab), no JSON parsing
// inside the timed part.
import { Agent, request } from 'node:http';
import { createServer } from 'node:net';

export interface TimedResponse {
  status: number;
  /** From writing the request until the last byte of the body arrived. */
  ms: number;
  bytes: number;
  body: Buffer;
  headers: Record<string, string | string[] | undefined>;
}

export class BenchClient {
  private readonly agent = new Agent({ keepAlive: true, maxSockets: 1 });
  cookie: string | undefined;

  constructor(private readonly baseUrl: string) {}

  send(method: string, path: string, body?: unknown): Promise<TimedResponse> {
    const url = new URL(path, this.baseUrl);
    const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    const headers: Record<string, string> = { accept: 'application/json' };
    if (this.cookie) headers.cookie = this.cookie;
    if (payload) {
      headers['content-type'] = 'application/json';
      headers['content-length'] = String(payload.length);
    }
    return new Promise((resolveResponse, reject) => {
      const started = performance.now();
      const req = request(url, { method, headers, agent: this.agent }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () => {
          const elapsed = performance.now() - started;
          const buf = Buffer.concat(chunks);
          const setCookie = res.headers['set-cookie']?.[0];
          if (setCookie) {
            const pair = setCookie.split(';')[0] ?? '';
            this.cookie = pair.endsWith('=') ? undefined : pair;
          }
          resolveResponse({ status: res.statusCode ?? 0, ms: elapsed, bytes: buf.length, body: buf, headers: res.headers });
        });
      });
      req.setTimeout(30_000, () => req.destroy(new Error(`timeout: ${method} ${path}`)));
      req.on('error', reject);
      req.end(payload);
    });
  }

  get(path: string): Promise<TimedResponse> {
    return this.send('GET', path);
  }

  async login(email: string, password: string): Promise<void> {
    const res = await this.send('POST', '/api/auth/login', { email, password });
    if (res.status !== 200 || !this.cookie) throw new Error(`inloggen als ${email} mislukt: ${res.status} ${res.body.toString('utf8').slice(0, 300)}`);
  }

  close(): void {
    this.agent.destroy();
  }
}

/** GET without keep-alive; resolves with the status code, rejects when nobody listens. */
export function probe(url: string, timeoutMs = 1000): Promise<number> {
  return new Promise((resolveStatus, reject) => {
    const req = request(url, { agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolveStatus(res.statusCode ?? 0));
      res.on('error', reject);
    });
    req.setTimeout(timeoutMs, () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    req.end();
  });
}

/** A port that was free a moment ago (the child binds it right after). */
export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => (port ? resolvePort(port) : reject(new Error('geen vrije poort gevonden'))));
    });
  });
}
