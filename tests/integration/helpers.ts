// Small helpers shared by the integration tests (not a test file itself).
import { request as httpRequest } from 'node:http';
import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import { type ApiClient, type ApiResponse, demoEmail, type TestServer } from '../support/server';

/** Asserts an error answer: the status, the stable code, and exactly the shape { error: { code, message[, details] } }. */
export function expectError(res: ApiResponse, status: number, code: string): void {
  expect({ status: res.status, code: res.body?.error?.code }, JSON.stringify(res.body)).toEqual({ status, code });
  expectErrorShape(res.body);
}

export function expectErrorShape(body: unknown): void {
  expect(body).toBeTypeOf('object');
  expect(body).not.toBeNull();
  const b = body as Record<string, unknown>;
  expect(Object.keys(b)).toEqual(['error']);
  const e = b.error as Record<string, unknown>;
  expect(e).toBeTypeOf('object');
  const keys = Object.keys(e).sort();
  expect(keys.filter((k) => k !== 'details')).toEqual(['code', 'message']);
  expect(e.code).toMatch(/^[A-Z_]+$/);
  expect(typeof e.message).toBe('string');
  expect((e.message as string).length).toBeGreaterThan(0);
  if ('details' in e) {
    expect(Array.isArray(e.details)).toBe(true);
    for (const d of e.details as unknown[]) expect(Object.keys(d as object).sort()).toEqual(['message', 'path']);
  }
}

export function userId(server: TestServer, key: string): string {
  const row = server.db.$client.prepare('select id from users where email = ?').get(demoEmail(key)) as { id: string } | undefined;
  if (!row) throw new Error(`no demo account ${key}`);
  return row.id;
}

export function caseIdByTitle(server: TestServer, title: string): string {
  const row = server.db.$client.prepare('select id from cases where title = ?').get(title) as { id: string } | undefined;
  if (!row) throw new Error(`no case ${title}`);
  return row.id;
}

export function count(server: TestServer, sql: string, ...params: unknown[]): number {
  return (server.db.$client.prepare(sql).get(...params) as { n: number }).n;
}

export interface AuditRow {
  seq: number;
  at: string;
  actor_user_id: string | null;
  actor_label: string | null;
  action: string;
  case_id: string | null;
  ip: string | null;
  detail: string;
  prev_hash: string;
  hash: string;
}

export function maxAuditSeq(server: TestServer): number {
  return (server.db.$client.prepare('select coalesce(max(seq), 0) as n from audit_log').get() as { n: number }).n;
}

export function auditRowsSince(server: TestServer, seq: number): AuditRow[] {
  return server.db.$client.prepare('select * from audit_log where seq > ? order by seq').all(seq) as AuditRow[];
}

/** Active members of a case, straight from the database, as "userId:caseRole:access". */
export function activeMembers(server: TestServer, caseId: string): string[] {
  const rows = server.db.$client
    .prepare('select user_id, case_role, access from case_members where case_id = ? and removed_at is null order by user_id')
    .all(caseId) as { user_id: string; case_role: string; access: string }[];
  return rows.map((r) => `${r.user_id}:${r.case_role}:${r.access}`);
}

export function caseRow(server: TestServer, caseId: string): { status: string; regisseur_user_id: string | null; borgingsafspraken: string | null } {
  return server.db.$client.prepare('select status, regisseur_user_id, borgingsafspraken from cases where id = ?').get(caseId) as {
    status: string;
    regisseur_user_id: string | null;
    borgingsafspraken: string | null;
  };
}

/** A fresh case created through the API by `client` (who must be allowed to create cases). */
export async function createCase(client: ApiClient, extra: Record<string, unknown> = {}): Promise<any> {
  const res = await client.post('/api/cases', { title: `Testhuishouden ${randomUUID().slice(0, 8)}`, summary: 'Fictief huishouden voor een test.', ...extra });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

/** Today on the Dutch calendar (YYYY-MM-DD), computed here independently of the server's own helper. */
export function today(): string {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(new Date());
  const get = (t: string) => parts.find((p) => p.type === t)!.value;
  return `${get('year')}-${get('month')}-${get('day')}`;
}

/** The calendar day `days` after `ymd` (negative: before). */
export function addDays(ymd: string, days: number): string {
  const d = new Date(`${ymd}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** A calendar day `days` from today (negative: in the past). */
export const inDays = (days: number) => addDays(today(), days);

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

export const BORGING = 'De consulent Wmo belt over drie maanden; het gezin kan zelf contact opnemen met het wijkteam.';

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: any;
}

/**
 * One request on its own connection (no keep-alive), for requests the server may answer
 * before reading the whole body (413): a reused socket would otherwise be poisoned.
 */
export function rawRequest(
  url: string,
  opts: { method: string; headers?: Record<string, string>; body?: string | Buffer; chunks?: (string | Buffer)[] },
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: opts.method, headers: { connection: 'close', ...opts.headers }, agent: false }, (res) => {
      const parts: Buffer[] = [];
      res.on('data', (d: Buffer) => parts.push(d));
      res.on('end', () => {
        const text = Buffer.concat(parts).toString('utf8');
        let body: unknown = text;
        try {
          body = text ? JSON.parse(text) : null;
        } catch {
          // keep text
        }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body });
      });
      res.on('error', reject);
    });
    // The server may close the connection once it has answered, while we are still
    // writing; that is not a failure as long as the answer arrives.
    req.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EPIPE' || e.code === 'ECONNRESET') setTimeout(() => reject(e), 2000).unref();
      else reject(e);
    });
    if (opts.chunks) {
      for (const c of opts.chunks) req.write(c);
      req.end();
    } else {
      req.end(opts.body);
    }
  });
}

/** Polls `check` until it returns true, or fails after `timeoutMs`. */
export async function waitFor(check: () => Promise<boolean>, { timeoutMs = 10_000, intervalMs = 20 } = {}): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`condition not reached within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

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
