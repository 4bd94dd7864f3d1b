// Part 2: latency of the werkbak (GET /api/cases) and the case detail (GET /api/cases/:id,
// which also appends an audit row) with 5,000 cases in the database, against GET /healthz
// on the same server in the same run.
import { join } from 'node:path';
import { loadConfig } from '../../server/config';
import { demoEmail } from '../../server/demo/seed';
import { startServer, type RunningServer } from '../../server/start';
import { makeTempDir, removeTempDir } from './cleanup';
import { buildDataset, type Dataset, type DatasetOptions } from './dataset';
import { BenchClient } from './http';
import { ms, summarize, type Summary } from './stats';

export const DEMO_PASSWORD = 'Casustafel-demo-2026';

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
  counts: { healthz: number; werkbak: number; heavy: number; detail: number; warmup: number };
}

async function measure(
  client: BenchClient,
  label: string,
  paths: readonly string[],
  n: number,
  warmup: number,
): Promise<Scenario> {
  const first = paths[0];
  if (!first) throw new Error(`${label}: geen adressen`);
  const check = await client.get(first);
  if (check.status !== 200) throw new Error(`${label}: GET ${first} gaf ${check.status}: ${check.body.toString('utf8').slice(0, 300)}`);
  const parsed: unknown = JSON.parse(check.body.toString('utf8'));
  const items = Array.isArray(parsed) ? parsed.length : undefined;

  for (let i = 0; i < warmup; i++) await client.get(paths[i % paths.length]!);
  const samples: number[] = [];
  let bytes = 0;
  for (let i = 0; i < n; i++) {
    const path = paths[i % paths.length]!;
    const res = await client.get(path);
    if (res.status !== 200) throw new Error(`${label}: GET ${path} gaf ${res.status}`);
    samples.push(res.ms);
    bytes = Math.max(bytes, res.bytes);
  }
  return { label, path: paths.length === 1 ? first : `${first.replace(/[^/]+$/, ':id')} (${paths.length} verschillende)`, summary: summarize(samples), bytes, items };
}

export async function benchWerkbak(opts: {
  dataset: DatasetOptions;
  counts: WerkbakResult['counts'];
  log: (line: string) => void;
}): Promise<WerkbakResult> {
  const { log, counts } = opts;
  const dir = makeTempDir('werkbak');
  let server: RunningServer | undefined;
  const clients: BenchClient[] = [];
  try {
    const config = loadConfig({}, { PORT: 0, HOST: '127.0.0.1', DATABASE_PATH: join(dir, 'casustafel.db'), DEMO_DATA: true, DEMO_PASSWORD, CLIENT_DIST: join(dir, 'no-client') });
    server = await startServer(config);
    log(`  server op ${server.url} (in dit proces, via startServer), database in ${dir}`);

    const dataset = buildDataset(server.db, opts.dataset);
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

    log(`  GET /healthz × ${counts.healthz} (na ${counts.warmup} opwarmverzoeken) …`);
    const healthz = await measure(pr, 'healthz', ['/healthz'], counts.healthz, counts.warmup);
    log(`  GET /api/cases als procesregisseur × ${counts.werkbak} …`);
    const werkbak = await measure(pr, `werkbak procesregisseur (${opts.dataset.procesregisseurCases} bench-casussen)`, ['/api/cases'], counts.werkbak, counts.warmup);
    log(`  GET /api/cases als zwaar belaste gebruiker × ${counts.heavy} …`);
    const werkbakHeavy = await measure(heavy, `werkbak zwaar belast (${opts.dataset.heavyUserCases} casussen)`, ['/api/cases'], counts.heavy, counts.warmup);
    log(`  GET /api/cases/:id als procesregisseur × ${counts.detail} (schrijft elk een auditregel) …`);
    const detailPaths = dataset.procesregisseurCaseIds.map((id) => `/api/cases/${id}`);
    const detail = await measure(pr, 'casusdetail (met auditregel)', detailPaths, counts.detail, Math.min(counts.warmup, 20));

    return { dataset, options: opts.dataset, healthz, werkbak, werkbakHeavy, detail, counts };
  } finally {
    for (const c of clients) c.close();
    if (server) await server.close();
    removeTempDir(dir);
  }
}
