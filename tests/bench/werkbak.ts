// Part 2: latency of the werkbak (GET /api/cases) and the case detail (GET /api/cases/:id,
// which also appends an audit row) with 5,000 cases in the database, against GET /healthz
// on the same server in the same run.
import { join } from 'node:path';
import { listCasesForUser } from '../../db/queries/cases';
import { describeDatabase } from '../../db/client';
import { type Config, loadConfig } from '../../server/config';
import { demoEmail } from '../../server/demo/seed';
import { werkbak as werkbakView } from '../../server/cases/views';
import { startServer, type RunningServer } from '../../server/start';
import { DEMO_PASSWORD } from '../support/demo';
import { makeTempDir, removeTempDir } from './cleanup';
import { buildDataset, type Dataset, type DatasetOptions } from './dataset';
import { BenchClient } from './http';
import { ms, summarize, type Summary } from './stats';

export interface Scenario {
  label: string;
  path: string;
  summary: Summary;
  bytes: number;
  items?: number;
}

export interface WerkbakResult {
  dataset: Dataset;
  options: DatasetOptions;
  healthz: Scenario;
  werkbak: Scenario;
  werkbakHeavy: Scenario;
  detail: Scenario;
  /** The same werkbak without HTTP, to see where the time goes. */
  inProcess: InProcessSplit[];
  counts: { healthz: number; werkbak: number; heavy: number; detail: number; warmup: number };
}

export interface InProcessSplit {
  label: string;
  rows: number;
  /** p50 in ms of: the SQL query alone (listCasesForUser); query + mapping (views.ts werkbak); JSON.stringify of that result alone. */
  sql: number;
  view: number;
  json: number;
  /** The same werkbak over HTTP (p50 from the measurement above). */
  httpP50: number;
  n: number;
}

/** The three parts are timed in turn within each round, so JIT and GC state hit them alike. */
async function splitInProcess(server: RunningServer, label: string, userId: string, http: Scenario, n: number): Promise<InProcessSplit> {
  const WARMUP = 20;
  const sql: number[] = [];
  const view: number[] = [];
  const json: number[] = [];
  let rows = 0;
  for (let i = 0; i < n + WARMUP; i++) {
    let t = performance.now();
    rows = (await listCasesForUser(server.db, userId)).length;
    const tSql = performance.now() - t;
    t = performance.now();
    const items = await werkbakView(server.db, userId);
    const tView = performance.now() - t;
    t = performance.now();
    JSON.stringify(items);
    const tJson = performance.now() - t;
    if (i < WARMUP) continue;
    sql.push(tSql);
    view.push(tView);
    json.push(tJson);
  }
  return { label, rows, sql: summarize(sql).p50, view: summarize(view).p50, json: summarize(json).p50, httpP50: http.summary.p50, n };
}

export interface Timed {
  samples: number[];
  bytes: number;
  items: number | undefined;
}

export async function timeRequests(client: BenchClient, label: string, paths: readonly string[], n: number): Promise<Timed> {
  const first = paths[0];
  if (!first) throw new Error(`${label}: geen adressen`);
  const check = await client.get(first);
  if (check.status !== 200) throw new Error(`${label}: GET ${first} gaf ${check.status}: ${check.body.toString('utf8').slice(0, 300)}`);
  const parsed: unknown = JSON.parse(check.body.toString('utf8'));
  const items = Array.isArray(parsed) ? parsed.length : undefined;
  const samples: number[] = [];
  let bytes = check.bytes;
  for (let i = 0; i < n; i++) {
    const path = paths[i % paths.length]!;
    const res = await client.get(path);
    if (res.status !== 200) throw new Error(`${label}: GET ${path} gaf ${res.status}`);
    samples.push(res.ms);
    bytes = Math.max(bytes, res.bytes);
  }
  return { samples, bytes, items };
}

export function scenario(label: string, paths: readonly string[], t: Timed): Scenario {
  const first = paths[0] ?? '';
  const path = paths.length === 1 ? first : `${first.replace(/[^/]+$/, ':id')} (${paths.length} verschillende)`;
  return { label, path, summary: summarize(t.samples), bytes: t.bytes, items: t.items };
}

/**
 * The in-process server's configuration: demo data on, in `dir` (the audit key and checkpoints
 * go beside DATABASE_PATH on either engine); `databaseUrl` (a migrated, empty PostgreSQL
 * database) selects PostgreSQL, else SQLite at dir/casustafel.db.
 */
export function benchConfig(dir: string, databaseUrl: string | undefined): Config {
  return loadConfig(
    {},
    { PORT: 0, HOST: '127.0.0.1', DATABASE_PATH: join(dir, 'casustafel.db'), DATABASE_URL: databaseUrl, DEMO_DATA: true, DEMO_PASSWORD, CLIENT_DIST: dir },
  );
}

/** `databaseUrl`: see benchConfig. */
export async function benchWerkbak(opts: {
  databaseUrl?: string;
  dataset: DatasetOptions;
  counts: WerkbakResult['counts'];
  log: (line: string) => void;
}): Promise<WerkbakResult> {
  const { log, counts } = opts;
  const dir = makeTempDir('werkbak');
  let server: RunningServer | undefined;
  const clients: BenchClient[] = [];
  try {
    server = await startServer(benchConfig(dir, opts.databaseUrl));
    log(`  server op ${server.url} (in dit proces, via startServer), ${describeDatabase(server.db)}`);

    const dataset = await buildDataset(server.db, opts.dataset);
    log(
      `  ${opts.dataset.cases} casussen in één transactie in ${ms(dataset.buildMs)} ms: ${dataset.activeMemberships} lidmaatschappen ` +
        `(+${dataset.removedMemberships} verwijderd), ${dataset.closedCases} gesloten; per persoon min/mediaan/max ` +
        `${dataset.perPerson.min}/${dataset.perPerson.median}/${dataset.perPerson.max} casussen`,
    );

    const pr = new BenchClient(server.url);
    const heavy = new BenchClient(server.url);
    clients.push(pr, heavy);
    await pr.login(demoEmail('procesregisseur'), DEMO_PASSWORD);
    await heavy.login(dataset.heavyUserEmail, DEMO_PASSWORD);

    const detailPaths = dataset.procesregisseurCaseIds.map((id) => `/api/cases/${id}`);
    const run = {
      healthz: (n: number) => timeRequests(pr, 'healthz', ['/healthz'], n),
      werkbak: (n: number) => timeRequests(pr, 'werkbak procesregisseur', ['/api/cases'], n),
      heavy: (n: number) => timeRequests(heavy, 'werkbak zwaar belast', ['/api/cases'], n),
      detail: (n: number) => timeRequests(pr, 'casusdetail', detailPaths, n),
    };

    // Until the JIT has settled, a trivial request keeps getting faster for ~1,000 requests;
    // warm every endpoint up together first, so the reference is not measured colder.
    const warmStart = performance.now();
    for (let i = 0; i < counts.warmup; i++) {
      await run.healthz(4);
      await run.werkbak(1);
      await run.detail(1);
      if (i % 4 === 0) await run.heavy(1);
    }
    log(`  opwarmen: ${counts.warmup} rondes over alle verzoeken (${ms(performance.now() - warmStart)} ms, telt niet mee)`);

    // Blocks, with the reference both first and last, so drift during the run shows up.
    log(`  GET /healthz × ${counts.healthz} (referentie, eerste blok) …`);
    const h1 = await run.healthz(counts.healthz);
    log(`  GET /api/cases als procesregisseur × ${counts.werkbak} …`);
    const w = await run.werkbak(counts.werkbak);
    log(`  GET /api/cases als zwaar belaste gebruiker × ${counts.heavy} …`);
    const hv = await run.heavy(counts.heavy);
    log(`  GET /api/cases/:id als procesregisseur × ${counts.detail} (schrijft elk een auditregel) …`);
    const d = await run.detail(counts.detail);
    log(`  GET /healthz × ${counts.healthz} (referentie, laatste blok) …`);
    const h2 = await run.healthz(counts.healthz);
    const s1 = summarize(h1.samples);
    const s2 = summarize(h2.samples);
    log(`  referentie eerste/laatste blok: p50 ${ms(s1.p50)}/${ms(s2.p50)} ms, p95 ${ms(s1.p95)}/${ms(s2.p95)} ms (samen gebruikt)`);

    const healthz = scenario(`healthz (referentie, ${counts.healthz}× eerst + ${counts.healthz}× laatst)`, ['/healthz'], {
      samples: [...h1.samples, ...h2.samples],
      bytes: h1.bytes,
      items: undefined,
    });
    const werkbak = scenario(`werkbak procesregisseur (${opts.dataset.procesregisseurCases} bench-casussen + demo)`, ['/api/cases'], w);
    const werkbakHeavy = scenario(`werkbak zwaar belaste gebruiker (${opts.dataset.heavyUserCases} casussen)`, ['/api/cases'], hv);
    const detail = scenario('casusdetail procesregisseur (schrijft auditregel)', detailPaths, d);

    log('  uitsplitsing zonder HTTP (p50 van SQL / SQL + omzetten / alleen JSON.stringify) …');
    const inProcess = [
      await splitInProcess(server, 'werkbak procesregisseur', dataset.procesregisseurId, werkbak, 200),
      await splitInProcess(server, 'werkbak zwaar belaste gebruiker', dataset.heavyUserId, werkbakHeavy, 100),
    ];
    for (const x of inProcess) log(`    ${x.label} (${x.rows} rijen): ${ms(x.sql)} / ${ms(x.view)} / ${ms(x.json)} ms`);

    return { dataset, options: opts.dataset, healthz, werkbak, werkbakHeavy, detail, inProcess, counts };
  } finally {
    for (const c of clients) c.close();
    if (server) await server.close();
    removeTempDir(dir);
  }
}
