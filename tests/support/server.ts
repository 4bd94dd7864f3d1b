// A real server on a random 127.0.0.1 port with a fresh database of its own, plus a small
// cookie-keeping HTTP client. Every test file gets its own server.
//
// The engine: a temporary SQLite file, or, when TEST_DATABASE_URL names a PostgreSQL server
// (.ci/run starts one), a fresh migrated database on it per server, dropped at stop. So the
// same integration suite runs on both engines. `{ DATABASE_URL: undefined }` asks for SQLite
// whatever the environment says (a test about the SQLite file itself).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { loadConfig, type Config } from '../../server/config';
import { demoEmail } from '../../server/demo/seed';
import { startServer, type RunningServer } from '../../server/start';
import { loadDemoUserIds, userId } from './db';
import { createTestDatabase, type TestDatabase } from './postgres';
import { DEMO_PASSWORD } from './demo';

export { DEMO_PASSWORD, demoEmail };

/** The integration suite runs on PostgreSQL in this process (TEST_DATABASE_URL is set). */
export const onPostgres = Boolean(process.env.TEST_DATABASE_URL);

export interface TestServer extends RunningServer {
  dbPath: string;
  /** Set when the server runs on PostgreSQL: its own database on the test server. */
  databaseUrl?: string;
  /** The PostgreSQL test database behind it, kept across restartTestServer. */
  database?: TestDatabase;
  /** Stops the server and removes the temporary database. */
  stop(): Promise<void>;
}

export async function startTestServer(overrides: Partial<Config> = {}): Promise<TestServer> {
  const dir = mkdtempSync(join(tmpdir(), 'casustafel-test-'));
  const database = onPostgres && !('DATABASE_URL' in overrides) ? await createTestDatabase() : null;
  try {
    return await serverOn(join(dir, 'test.db'), 0, database ? { DATABASE_URL: database.url, ...overrides } : overrides, database);
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    await database?.drop();
    throw error;
  }
}

/**
 * Stops the server but keeps its SQLite file (and the audit key beside it), then starts a new
 * one on the same port and file: a restart, as an operator would do it.
 */
export async function restartTestServer(server: TestServer, overrides: Partial<Config> = {}): Promise<TestServer> {
  await server.close();
  const database = server.database ?? null;
  return serverOn(server.dbPath, server.port, database ? { DATABASE_URL: database.url, ...overrides } : overrides, database);
}

async function serverOn(dbPath: string, port: number, overrides: Partial<Config>, database: TestDatabase | null = null): Promise<TestServer> {
  const dir = dirname(dbPath);
  const config = loadConfig({}, { PORT: port, HOST: '127.0.0.1', DATABASE_PATH: dbPath, DEMO_DATA: true, DEMO_PASSWORD, ...overrides });
  const server = await startServer(config);
  await loadDemoUserIds(server);
  return {
    ...server,
    dbPath,
    ...(database ? { databaseUrl: database.url, database } : {}),
    async stop() {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
      await database?.drop();
    },
  };
}

export interface ApiResponse<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

/** A client that keeps its session cookie between calls, like one browser tab. */
export class ApiClient {
  cookie: string | undefined;

  constructor(readonly baseUrl: string) {}

  async request<T = any>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<ApiResponse<T>> {
    const init: RequestInit = { method, headers: { ...headers } };
    if (this.cookie) (init.headers as Record<string, string>).cookie = this.cookie;
    if (body !== undefined) {
      init.body = typeof body === 'string' ? body : JSON.stringify(body);
      (init.headers as Record<string, string>)['content-type'] ??= 'application/json';
    }
    const res = await fetch(this.baseUrl + path, init);
    const setCookie = res.headers.get('set-cookie');
    if (setCookie) {
      const pair = setCookie.split(';')[0]!;
      this.cookie = pair.endsWith('=') ? undefined : pair;
    }
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      // Not JSON (e.g. the HTML client); keep the text.
    }
    return { status: res.status, body: parsed as T, headers: res.headers };
  }

  get<T = any>(path: string) {
    return this.request<T>('GET', path);
  }
  post<T = any>(path: string, body?: unknown, headers?: Record<string, string>) {
    return this.request<T>('POST', path, body, headers);
  }
  patch<T = any>(path: string, body?: unknown) {
    return this.request<T>('PATCH', path, body);
  }
  put<T = any>(path: string, body?: unknown) {
    return this.request<T>('PUT', path, body);
  }
  delete<T = any>(path: string) {
    return this.request<T>('DELETE', path);
  }

  async login(email: string, password = DEMO_PASSWORD): Promise<ApiResponse> {
    return this.post('/api/auth/login', { email, password });
  }
}

/** A logged-in client for one of the demo accounts (key as in server/demo/households.ts). */
export async function loginAs(server: { url: string }, key: string): Promise<ApiClient> {
  const client = new ApiClient(server.url);
  const res = await client.login(demoEmail(key));
  if (res.status !== 200) throw new Error(`login as ${key} failed: ${res.status} ${JSON.stringify(res.body)}`);
  return client;
}

/**
 * One logged-in client per demo account, made on first use and kept for the test file, so
 * tests do not each pay for an argon2 login. `server` is read lazily (set in beforeAll).
 */
export function loginCache(server: () => { url: string }): (key: string) => Promise<ApiClient> {
  const clients = new Map<string, Promise<ApiClient>>();
  return (key) => {
    let c = clients.get(key);
    if (!c) clients.set(key, (c = loginAs(server(), key)));
    return c;
  };
}

/**
 * The demo accounts of one test file's server: `as` gives a logged-in client (see loginCache),
 * `uid` the account's user id. `server` is read lazily (set in beforeAll).
 */
export function demoAccounts(server: () => TestServer): { as: (key: string) => Promise<ApiClient>; uid: (key: string) => string } {
  return { as: loginCache(server), uid: (key) => userId(server(), key) };
}
