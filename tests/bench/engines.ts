// Which engines the bench runs on, and the parent's side of engine-part.ts.
//
// SQLite always. PostgreSQL when TEST_DATABASE_URL names a server (the same admin URL the
// integration tests use: a role that may CREATE DATABASE, e.g. the one `npm run db:dev-postgres`
// prints). Every PostgreSQL part gets a fresh migrated database of its own (createTestDatabase),
// dropped afterwards, so the two engines start from the same empty schema and the dataset
// builders fill both the same way.
import { spawn } from 'node:child_process';
import pg from 'pg';
import { ROOT } from './cold-start';
import { trackChild } from './cleanup';
import { createTestDatabase, NO_TEST_DATABASE, testDatabaseAdminUrl, type TestDatabase } from '../support/postgres';
import type { DatasetOptions } from './dataset';
import type { StuckCounts, StuckResult } from './stuck';
import type { WerkbakResult } from './werkbak';

/** What engine-part.ts runs (it imports these from here: importing it would start it). */
export type EnginePart = 'werkbak' | 'stuck';
export type BenchEngine = 'sqlite' | 'postgres';

export interface EnginePartRequest {
  dataset: DatasetOptions;
  counts: WerkbakResult['counts'] | StuckCounts;
}

export type EnginePartReply = { ok: true; result: WerkbakResult | StuckResult } | { ok: false; error: string };

/** The env variable the parent hands the PostgreSQL database to the child in. */
export const PART_DATABASE_ENV = 'BENCH_PART_DATABASE_URL';

export const ENGINE_LABEL: Record<BenchEngine, string> = { sqlite: 'SQLite', postgres: 'PostgreSQL' };

/** The engines of this run, and why PostgreSQL is not among them when it is not. */
export function benchEngines(): { engines: BenchEngine[]; skipped?: string } {
  return testDatabaseAdminUrl() ? { engines: ['sqlite', 'postgres'] } : { engines: ['sqlite'], skipped: NO_TEST_DATABASE };
}

/** The PostgreSQL server the bench runs on, for the header (no password). */
export function describePostgresServer(): string | undefined {
  const url = testDatabaseAdminUrl();
  if (!url) return undefined;
  const u = new URL(url);
  return `${u.hostname}:${u.port || '5432'} (TEST_DATABASE_URL, rol ${decodeURIComponent(u.username)}; per deel een verse gemigreerde database)`;
}

/** A fresh database for one PostgreSQL part; `drop` always runs, also when the part failed. */
export async function withPostgresDatabase<T>(fn: (url: string) => Promise<T>): Promise<T> {
  const db: TestDatabase = await createTestDatabase();
  try {
    return await fn(db.url);
  } finally {
    await db.drop();
  }
}

/** Runs one in-process part for one engine in a child process; its log lines come through with the engine in front. */
export async function runEnginePart<T>(part: EnginePart, engine: BenchEngine, request: EnginePartRequest, log: (line: string) => void): Promise<T> {
  const go = (databaseUrl: string | undefined) =>
    new Promise<T>((resolve, reject) => {
      const env = { ...process.env };
      delete env.DATABASE_URL;
      if (databaseUrl) env[PART_DATABASE_ENV] = databaseUrl;
      const child = spawn(process.execPath, ['--import', 'tsx', 'tests/bench/engine-part.ts', part, engine], {
        cwd: ROOT,
        env,
        detached: true,
        stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
        serialization: 'advanced',
      });
      trackChild(child);
      const prefix = `  [${ENGINE_LABEL[engine]}]`;
      let stderr = '';
      let pending = '';
      child.stdout?.setEncoding('utf8').on('data', (d: string) => {
        pending += d;
        const lines = pending.split('\n');
        pending = lines.pop() ?? '';
        for (const line of lines) log(`${prefix}${line}`);
      });
      child.stderr?.setEncoding('utf8').on('data', (d: string) => (stderr += d));
      let reply: EnginePartReply | undefined;
      child.on('message', (m: EnginePartReply) => (reply = m));
      child.once('error', reject);
      child.once('exit', (code, signal) => {
        if (pending) log(`${prefix}${pending}`);
        if (reply?.ok) return resolve(reply.result as T);
        const why = reply && !reply.ok ? reply.error : `geen resultaat (code ${code}, signaal ${signal})`;
        reject(new Error(`${part} op ${ENGINE_LABEL[engine]}: ${why}${stderr.trim() ? `\n${stderr.trim().replace(/^/gm, '    ')}` : ''}`));
      });
      child.send(request);
    });
  if (engine === 'sqlite') return go(undefined);
  return withPostgresDatabase((url) => go(url));
}


/** The PostgreSQL server's version and the settings that decide what a commit costs, for the header. */
export async function postgresSettings(): Promise<string> {
  const url = testDatabaseAdminUrl();
  if (!url) return '';
  const client = new pg.Client({ connectionString: url, application_name: 'casustafel-bench' });
  await client.connect();
  try {
    const names = ['server_version', 'fsync', 'synchronous_commit', 'full_page_writes', 'shared_buffers'];
    const values: string[] = [];
    for (const name of names) values.push(`${name}=${String((await client.query<{ v: string }>(`select current_setting('${name}') as v`)).rows[0]?.v)}`);
    return values.join(', ');
  } finally {
    await client.end();
  }
}
