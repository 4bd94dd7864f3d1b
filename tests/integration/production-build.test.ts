// The production start: `npm run build` compiles the server into dist/server, and plain `node`
// runs it (no tsx in the process). This builds the server exactly as `npm run build` does and
// starts dist/server/main.js as a real process, as `npm start` would: a fresh SQLite file,
// the demo data. The web client is a small stand-in in a temporary folder (CLIENT_DIST), so the
// test does not pay for a Vite build nor race the browser tests' build of dist/client; what is
// checked is that the built server serves whatever client it is pointed at.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../scripts/build-server';
import { ApiClient, DEMO_PASSWORD, demoEmail } from '../support/server';

const MARKER = 'casustafel-productie-testclient';
const INDEX_HTML = `<!doctype html><html lang="nl"><head><title>Casustafel</title><script type="module" src="/assets/app-test.js"></script></head><body><div id="root" data-test="${MARKER}"></div></body></html>`;

interface Started {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

let dir: string;
let main: string;
const children: ChildProcess[] = [];

/** Starts the built server with only the environment given (plus PATH), as an operator would. */
function startBuilt(env: Record<string, string>): Started {
  const child = spawn(process.execPath, ['--enable-source-maps', main], {
    env: { PATH: process.env.PATH ?? '', HOST: '127.0.0.1', PORT: '0', CLIENT_DIST: join(dir, 'client'), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let text = '';
  child.stdout!.on('data', (d: Buffer) => (text += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (text += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output: () => text, exited };
}

/** The address the server names in its start line (PORT=0: the system picks a free port). */
async function urlOf(started: Started): Promise<string> {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    const found = /Casustafel draait op (http:\/\/127\.0\.0\.1:\d+)/.exec(started.output());
    if (found) return found[1]!;
    if (started.child.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`de gebouwde server startte niet:\n${started.output()}`);
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'casustafel-prod-'));
  mkdirSync(join(dir, 'client/assets'), { recursive: true });
  writeFileSync(join(dir, 'client/index.html'), INDEX_HTML);
  writeFileSync(join(dir, 'client/assets/app-test.js'), 'export {};\n');
  main = await buildServer({ quiet: true });
});

afterAll(async () => {
  // Whatever a failed test left running is stopped here, so no process or port outlives the file.
  for (const child of children) {
    if (child.exitCode === null && child.signalCode === null) {
      const gone = new Promise((r) => child.once('exit', r));
      child.kill('SIGKILL');
      await gone;
    }
  }
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('node dist/server/main.js', () => {
  it('runs without tsx: answers /healthz, serves the client, lets a demo account in, and stops cleanly on SIGTERM', async () => {
    // A folder that does not exist yet, like data/ on a fresh checkout.
    const server = startBuilt({ DATABASE_PATH: join(dir, 'demo/casustafel.db'), DEMO_PASSWORD });
    const url = await urlOf(server);
    expect(server.output()).toContain('demodata geladen');

    // The process runs the compiled JavaScript, not TypeScript through a loader.
    const cmdline = readFileSync(`/proc/${server.child.pid}/cmdline`, 'utf8').split('\0');
    expect(cmdline).toContain(main);
    expect(cmdline.join(' ')).not.toMatch(/tsx/);

    const health = await fetch(`${url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok', database: 'ok' });

    // The login page is a client route: the server answers it with the client's index.html.
    const login = await fetch(`${url}/login`);
    expect(login.status).toBe(200);
    expect(login.headers.get('content-type')).toMatch(/text\/html/);
    expect(await login.text()).toContain(MARKER);
    const asset = await fetch(`${url}/assets/app-test.js`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toContain('immutable');
    await asset.text();

    // Migrations (found beside the bundle) and the native password hashing (an external package) both work.
    const api = new ApiClient(url);
    const res = await api.login(demoEmail('procesregisseur'));
    expect(res.status).toBe(200);
    expect((await api.get('/api/cases')).status).toBe(200);

    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    await expect(fetch(`${url}/healthz`)).rejects.toThrow();
  });

  it('keeps the production checks: DEMO_DATA=off without an audit key stops with a Dutch message', async () => {
    const server = startBuilt({ DATABASE_PATH: join(dir, 'prod/casustafel.db'), DEMO_DATA: 'off' });
    expect(await server.exited).toBe(1);
    expect(server.output()).toMatch(/Zet AUDIT_KEY of AUDIT_KEY_FILE/);
  });
});
