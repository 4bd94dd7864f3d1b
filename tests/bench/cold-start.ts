// Part 1: how long the real product takes from "start the process" until GET /healthz
// answers 200, on an empty and on an existing database, against a trivial Node HTTP
// server measured the same way in the same run.
import { clientIsCurrent } from '../../scripts/build-client';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../../server/config';
import { makeTempDir, removeTempDir, signalGroup, trackChild } from './cleanup';
import { freePort, probe } from './http';
import { median, ms } from './stats';

export const ROOT = resolve(fileURLToPath(import.meta.url), '../../..');
/** What `tsx` in an npm script resolves to (node_modules/.bin/tsx links here). */
const TSX_CLI = join(ROOT, 'node_modules/tsx/dist/cli.mjs');
const POLL_MS = 10;
const READY_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 10_000;

export interface StartSample {
  /** Spawn until the first 200 from /healthz. */
  readyMs: number;
  /** The "opgestart in N ms" the server itself logs (after its modules are loaded), if any. */
  serverLogMs: number | undefined;
  exitCode: number | null;
  exitSignal: NodeJS.Signals | null;
}

export interface StartSeries {
  label: string;
  command: string;
  samples: StartSample[];
}

export interface ColdStartResult {
  warmup: StartSample;
  reference: StartSeries;
  product: StartSeries[];
  build: { command: string; samples: number[]; rebuilt: number; skipped?: string };
  clientDist: string;
}

const sleep = (n: number) => new Promise((r) => setTimeout(r, n));

/**
 * The bench's own environment without any of the product's settings (a DEMO_DATA=off or
 * LOG_REQUESTS=true in the developer's shell would change what is measured); each launch
 * then sets the ones it needs.
 */
function baseEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const key of Object.keys(loadConfig({}))) delete env[key];
  return env;
}

interface Launch {
  args: string[];
  env: Record<string, string>;
}

/** Starts a server process, waits for /healthz, then stops it (SIGTERM, SIGKILL as a last resort). */
async function measureStart(launch: Launch): Promise<StartSample> {
  const port = await freePort();
  const env = { ...baseEnv(), ...launch.env, PORT: String(port), HOST: '127.0.0.1' };
  let output = '';
  const started = performance.now();
  const child = spawn(process.execPath, launch.args, { cwd: ROOT, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  trackChild(child);
  child.stdout.setEncoding('utf8').on('data', (d: string) => (output += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (output += d));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) => child.once('exit', (code, signal) => r({ code, signal })));
  let exitedEarly = false;
  void exited.then(() => (exitedEarly = true));

  let readyMs: number | undefined;
  try {
    const url = `http://127.0.0.1:${port}/healthz`;
    while (readyMs === undefined) {
      if (exitedEarly) throw new Error(`het proces stopte voordat /healthz antwoordde`);
      if (performance.now() - started > READY_TIMEOUT_MS) throw new Error(`/healthz antwoordde niet binnen ${READY_TIMEOUT_MS / 1000} s`);
      const status = await probe(url, 2000).catch(() => 0);
      if (status === 200) readyMs = performance.now() - started;
      else await sleep(POLL_MS);
    }
  } catch (e) {
    signalGroup(child, 'SIGKILL');
    await exited;
    throw new Error(`${(e as Error).message}\n  commando: node ${launch.args.join(' ')}\n  uitvoer:\n${output.replace(/^/gm, '    ')}`);
  }

  signalGroup(child, 'SIGTERM');
  const killer = setTimeout(() => signalGroup(child, 'SIGKILL'), STOP_TIMEOUT_MS);
  const { code, signal } = await exited;
  clearTimeout(killer);
  const logged = /opgestart in (\d+) ms/.exec(output);
  return { readyMs, serverLogMs: logged ? Number(logged[1]) : undefined, exitCode: code, exitSignal: signal };
}

async function runToExit(args: string[]): Promise<{ ms: number; code: number | null; output: string }> {
  let output = '';
  const started = performance.now();
  const child = spawn(process.execPath, args, { cwd: ROOT, env: baseEnv(), detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  trackChild(child);
  child.stdout.setEncoding('utf8').on('data', (d: string) => (output += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (output += d));
  const code = await new Promise<number | null>((r) => child.once('exit', (c) => r(c)));
  return { ms: performance.now() - started, code, output };
}

const REFERENCE_SERVER = `// Reference for the cold-start benchmark: the least a Node HTTP server can do.
import { createServer } from 'node:http';
const server = createServer((req, res) => {
  if (req.url === '/healthz') {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{"status":"ok"}');
  } else {
    res.writeHead(404);
    res.end();
  }
});
server.listen(Number(process.env.PORT), process.env.HOST);
process.on('SIGTERM', () => server.close(() => process.exit(0)));
`;

function describeSample(s: StartSample): string {
  const log = s.serverLogMs === undefined ? '' : `, server meldt "opgestart in ${s.serverLogMs} ms"`;
  return `${ms(s.readyMs)} ms${log}`;
}

function checkCleanStop(label: string, s: StartSample): void {
  if (s.exitCode !== 0) console.warn(`  ! ${label}: stopte niet netjes na SIGTERM (code ${s.exitCode}, signaal ${s.exitSignal})`);
}

export async function benchColdStart(opts: { runs: number; buildRuns: number; log: (line: string) => void }): Promise<ColdStartResult> {
  const { log } = opts;
  if (!existsSync(TSX_CLI)) throw new Error(`${TSX_CLI} ontbreekt; voer eerst npm install uit.`);

  const scratch = makeTempDir('coldstart');
  const refScript = join(scratch, 'reference-server.mjs');
  writeFileSync(refScript, REFERENCE_SERVER);
  const builtDist = join(ROOT, 'dist/client');
  // Without a built client, an empty directory (the server then answers 503 outside /api).
  const clientDist = existsSync(join(builtDist, 'index.html')) ? builtDist : join(scratch, 'no-client');
  mkdirSync(clientDist, { recursive: true });

  const productEnv = (dbPath: string): Record<string, string> => ({
    DATABASE_PATH: dbPath,
    CLIENT_DIST: clientDist,
    DEMO_DATA: 'true',
    LOG_REQUESTS: 'false',
  });

  // The existing database for (b) comes from this first, uncounted empty-database start,
  // which also fills tsx's transform cache and the OS file cache.
  const existingDb = join(scratch, 'existing', 'casustafel.db');
  log('  opwarmen (telt niet mee): lege database, tsx server/main.ts …');
  const warmup = await measureStart({ args: [TSX_CLI, 'server/main.ts'], env: productEnv(existingDb) });
  checkCleanStop('opwarmrun', warmup);
  log(`    ${describeSample(warmup)}`);

  const reference: StartSeries = { label: 'referentie: kale node:http-server', command: 'node reference-server.mjs', samples: [] };
  const empty: StartSeries = { label: '(a) lege database: migraties + demodata', command: 'tsx server/main.ts', samples: [] };
  const existing: StartSeries = { label: '(b) bestaande database', command: 'tsx server/main.ts', samples: [] };
  const direct: StartSeries = { label: '(b) bestaande database, zonder tsx-cli', command: 'node --import tsx server/main.ts', samples: [] };

  for (let i = 1; i <= opts.runs; i++) {
    // Round-robin, so drift in machine load hits every variant alike.
    const ref = await measureStart({ args: [refScript], env: {} });
    reference.samples.push(ref);

    const fresh = makeTempDir('empty');
    const a = await measureStart({ args: [TSX_CLI, 'server/main.ts'], env: productEnv(join(fresh, 'casustafel.db')) });
    removeTempDir(fresh);
    checkCleanStop('(a)', a);
    empty.samples.push(a);

    const b = await measureStart({ args: [TSX_CLI, 'server/main.ts'], env: productEnv(existingDb) });
    checkCleanStop('(b)', b);
    existing.samples.push(b);

    const c = await measureStart({ args: ['--import', 'tsx', 'server/main.ts'], env: productEnv(existingDb) });
    checkCleanStop('(b) node --import tsx', c);
    direct.samples.push(c);

    log(`  ronde ${i}/${opts.runs}: referentie ${ms(ref.readyMs)} ms | (a) ${describeSample(a)} | (b) ${describeSample(b)} | (b) node --import tsx ${ms(c.readyMs)} ms`);
  }

  // `npm start` first runs `tsx scripts/build-client.ts`, which only checks a fingerprint
  // when the client is already built.
  const build: ColdStartResult['build'] = { command: 'tsx scripts/build-client.ts', samples: [], rebuilt: 0 };
  const stamp = join(builtDist, '.fingerprint');
  if (!existsSync(stamp) || !existsSync(join(builtDist, 'index.html'))) {
    build.skipped = 'dist/client/.fingerprint ontbreekt: de webclient is nog niet gebouwd (npm run build)';
  } else if (!clientIsCurrent()) {
    build.skipped = 'dist/client is verouderd (vingerafdruk past niet bij de bronnen), dus npm start zou nu bouwen; voer eerst npm run build uit';
  }
  if (build.skipped) {
    log(`  build-client: overgeslagen, ${build.skipped}. De bench bouwt zelf niets.`);
  } else {
    for (let i = 0; i <= opts.buildRuns; i++) {
      const before = readFileSync(stamp, 'utf8');
      const r = await runToExit([TSX_CLI, 'scripts/build-client.ts']);
      if (r.code !== 0) throw new Error(`tsx scripts/build-client.ts faalde (code ${r.code}):\n${r.output}`);
      if (r.output.includes('Webclient bouwen') || readFileSync(stamp, 'utf8') !== before) {
        // Only possible when the sources changed during the run.
        build.rebuilt++;
        log(`  build-client: bouwde de client toch (${ms(r.ms)} ms, telt niet mee); onverwacht, want clientIsCurrent() zei dat de client actueel was.`);
        continue;
      }
      if (i === 0) {
        log(`  build-client opwarmen (telt niet mee): ${ms(r.ms)} ms`);
        continue;
      }
      build.samples.push(r.ms);
    }
    log(`  build-client (vingerafdruk klopt, niets te bouwen): mediaan ${ms(median(build.samples))} ms over ${build.samples.length} runs`);
  }

  removeTempDir(scratch);
  return { warmup, reference, product: [empty, existing, direct], build, clientDist: clientDist === builtDist ? 'dist/client' : '(geen gebouwde client; lege map)' };
}
