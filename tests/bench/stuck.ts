// Part 4: latency of the procesregisseur's stuck-case overview (GET /api/stuck), for the demo
// procesregisseur (~250 cases) and for a heavy one (~2,000 cases), and the knelpunten view
// (GET /api/knelpunten, across all cases; it also appends an audit row) with 5,000 cases of
// realistic size, against GET /healthz on the same server in the same run.
// Also the pilot figures and one case's signals, where the overview's time goes, and the Postvak
// (GET /api/inbox) of the same two people: after each domain event the change feed recomputes
// that same Postvak for every connected user the case concerns (server/live/feed.ts).
import { sql } from 'drizzle-orm';
import { rawRun } from '../../db/raw';
import { signalThresholds } from '../../db/queries/stuck';
import { describeDatabase } from '../../db/client';
import { demoEmail } from '../../server/demo/seed';
import { knelpunten as knelpuntenView } from '../../server/knelpunten/figures';
import { resolvePeriod } from '../../server/knelpunten/period';
import { startServer, type RunningServer } from '../../server/start';
import { loadCaseFacts } from '../../server/stuck/facts';
import { computeSignals } from '../../server/stuck/signals';
import { todayNl } from '../../server/dates';
import { makeTempDir, removeTempDir } from './cleanup';
import { buildDataset, type Dataset, type DatasetOptions } from './dataset';
import { BenchClient } from './http';
import { ms, summarize } from './stats';
import { buildStuckDataset, type StuckDataset } from './stuck-dataset';
import { DEMO_PASSWORD } from '../support/demo';
import { benchConfig, type Scenario, scenario, timeRequests } from './werkbak';

export interface StuckResult {
  options: DatasetOptions;
  dataset: Dataset;
  stuckData: StuckDataset;
  /** Cases in the overview / cases the procesregisseur is a member of. */
  overviewCases: { shown: number; checked: number };
  heavyOverviewCases: { shown: number; checked: number };
  healthz: Scenario;
  overview: Scenario;
  overviewHeavy: Scenario;
  knelpunten: Scenario;
  pilot: Scenario;
  signals: Scenario;
  inbox: Scenario;
  inboxHeavy: Scenario;
  /** p50 in ms, in process: loading the facts (SQL), computing the signals, the whole knelpunten view. */
  inProcess: { facts: number; compute: number; knelpunten: number; n: number };
  counts: StuckCounts;
}

export interface StuckCounts {
  healthz: number;
  overview: number;
  overviewHeavy: number;
  knelpunten: number;
  pilot: number;
  signals: number;
  inbox: number;
  inboxHeavy: number;
  warmup: number;
}

async function splitInProcess(server: RunningServer, userId: string, n: number): Promise<StuckResult['inProcess']> {
  const WARMUP = 20;
  const facts: number[] = [];
  const compute: number[] = [];
  const knelpunten: number[] = [];
  const today = todayNl();
  const period = resolvePeriod({}, today);
  for (let i = 0; i < n + WARMUP; i++) {
    let t = performance.now();
    const loaded = await loadCaseFacts(server.db, { memberUserId: userId }, today, true);
    const tFacts = performance.now() - t;
    t = performance.now();
    const thresholds = await signalThresholds(server.db);
    for (const c of loaded) computeSignals(c.facts, thresholds, today);
    const tCompute = performance.now() - t;
    t = performance.now();
    await knelpuntenView(server.db, period);
    const tKnelpunten = performance.now() - t;
    if (i < WARMUP) continue;
    facts.push(tFacts);
    compute.push(tCompute);
    knelpunten.push(tKnelpunten);
  }
  return { facts: summarize(facts).p50, compute: summarize(compute).p50, knelpunten: summarize(knelpunten).p50, n };
}

/** `databaseUrl`: a migrated, empty PostgreSQL database to run on; without it, a SQLite file in a temporary folder. */
export async function benchStuck(opts: { dataset: DatasetOptions; counts: StuckCounts; log: (line: string) => void; databaseUrl?: string }): Promise<StuckResult> {
  const { log, counts } = opts;
  const dir = makeTempDir('stuck');
  let server: RunningServer | undefined;
  const clients: BenchClient[] = [];
  try {
    server = await startServer(benchConfig(dir, opts.databaseUrl));
    log(`  server op ${server.url} (in dit proces, via startServer), ${describeDatabase(server.db)}`);

    const dataset = await buildDataset(server.db, opts.dataset);
    const stuckData = await buildStuckDataset(server.db);
    log(
      `  ${opts.dataset.cases} casussen (${ms(dataset.buildMs)} ms) met per casus doelen, planwijzigingen, vraagstukken, afwijkingen en doorbraken (${ms(stuckData.buildMs)} ms): ` +
        `${stuckData.goals} doelen, ${stuckData.planUpdates} opgeslagen planwijzigingen, ${stuckData.vraagstukken} vraagstukken met ${stuckData.signatures} oordelen, ` +
        `${stuckData.deviations} afwijkingen, ${stuckData.flags} meldingen vastgelopen, ${stuckData.leads} keer regie genomen, ${stuckData.requests} doorbraakverzoeken, ${stuckData.outcomes} resultaten`,
    );
    // Fresh statistics for the query planner, as a long-running database would have them.
    await rawRun(server.db, sql`analyze`);

    const pr = new BenchClient(server.url);
    const heavy = new BenchClient(server.url);
    clients.push(pr, heavy);
    await pr.login(demoEmail('procesregisseur'), DEMO_PASSWORD);
    await heavy.login(stuckData.heavyProcesregisseur.email, DEMO_PASSWORD);
    const casesIn = async (c: BenchClient) => {
      const res = await c.get('/api/stuck');
      if (res.status !== 200) throw new Error(`GET /api/stuck gaf ${res.status}`);
      const body = JSON.parse(res.body.toString('utf8')) as { cases: unknown[]; casesChecked: number };
      return { shown: body.cases.length, checked: body.casesChecked };
    };
    const overviewCases = await casesIn(pr);
    const heavyOverviewCases = await casesIn(heavy);
    log(`  overzicht procesregisseur: ${overviewCases.shown} van ${overviewCases.checked} casussen met een signaal of een lopend doorbraakverzoek`);
    log(`  overzicht zware procesregisseur: ${heavyOverviewCases.shown} van ${heavyOverviewCases.checked} casussen`);

    const signalPaths = dataset.procesregisseurCaseIds.map((id) => `/api/cases/${id}/signals`);
    const run = {
      healthz: (n: number) => timeRequests(pr, 'healthz', ['/healthz'], n),
      overview: (n: number) => timeRequests(pr, 'overzicht', ['/api/stuck'], n),
      overviewHeavy: (n: number) => timeRequests(heavy, 'overzicht zwaar', ['/api/stuck'], n),
      knelpunten: (n: number) => timeRequests(pr, 'knelpunten', ['/api/knelpunten'], n),
      pilot: (n: number) => timeRequests(pr, 'pilotcijfers', ['/api/pilot-figures'], n),
      signals: (n: number) => timeRequests(pr, 'signalen', signalPaths, n),
      inbox: (n: number) => timeRequests(pr, 'postvak', ['/api/inbox'], n),
      inboxHeavy: (n: number) => timeRequests(heavy, 'postvak zwaar', ['/api/inbox'], n),
    };

    const warmStart = performance.now();
    for (let i = 0; i < counts.warmup; i++) {
      await run.healthz(4);
      await run.overview(1);
      await run.overviewHeavy(1);
      await run.knelpunten(1);
      await run.pilot(1);
      await run.signals(1);
      await run.inbox(1);
      await run.inboxHeavy(1);
    }
    log(`  opwarmen: ${counts.warmup} rondes over alle verzoeken (${ms(performance.now() - warmStart)} ms, telt niet mee)`);

    log(`  GET /healthz × ${counts.healthz} (referentie, eerste blok) …`);
    const h1 = await run.healthz(counts.healthz);
    log(`  GET /api/stuck als procesregisseur × ${counts.overview} …`);
    const o = await run.overview(counts.overview);
    log(`  GET /api/stuck als zware procesregisseur (${heavyOverviewCases.checked} casussen) × ${counts.overviewHeavy} …`);
    const oh = await run.overviewHeavy(counts.overviewHeavy);
    log(`  GET /api/knelpunten × ${counts.knelpunten} (over alle casussen; schrijft elk een auditregel) …`);
    const k = await run.knelpunten(counts.knelpunten);
    log(`  GET /api/pilot-figures × ${counts.pilot} …`);
    const p = await run.pilot(counts.pilot);
    log(`  GET /api/cases/:id/signals × ${counts.signals} …`);
    const s = await run.signals(counts.signals);
    log(`  GET /api/inbox als procesregisseur × ${counts.inbox}, als zware procesregisseur × ${counts.inboxHeavy} …`);
    const i = await run.inbox(counts.inbox);
    const ih = await run.inboxHeavy(counts.inboxHeavy);
    log(`  GET /healthz × ${counts.healthz} (referentie, laatste blok) …`);
    const h2 = await run.healthz(counts.healthz);

    const healthz = scenario(`healthz (referentie, ${counts.healthz}× eerst + ${counts.healthz}× laatst)`, ['/healthz'], { samples: [...h1.samples, ...h2.samples], bytes: h1.bytes, items: undefined });
    log('  uitsplitsing zonder HTTP (p50 van feiten laden (SQL) / signalen berekenen / knelpunten) …');
    const inProcess = await splitInProcess(server, dataset.procesregisseurId, 100);
    log(`    ${ms(inProcess.facts)} / ${ms(inProcess.compute)} / ${ms(inProcess.knelpunten)} ms`);
    return {
      options: opts.dataset,
      dataset,
      stuckData,
      overviewCases,
      heavyOverviewCases,
      healthz,
      overview: scenario(`overzicht vastgelopen, procesregisseur (${overviewCases.checked} casussen)`, ['/api/stuck'], { ...o, items: overviewCases.shown }),
      overviewHeavy: scenario(`overzicht vastgelopen, zware procesregisseur (${heavyOverviewCases.checked} casussen)`, ['/api/stuck'], { ...oh, items: heavyOverviewCases.shown }),
      knelpunten: scenario('knelpunten, standaardperiode (alle casussen; schrijft auditregel)', ['/api/knelpunten'], k),
      pilot: scenario('pilotcijfers, standaardperiode (alle casussen; schrijft auditregel)', ['/api/pilot-figures'], p),
      signals: { ...scenario('signalen van één casus (procesregisseur)', signalPaths, s), path: `/api/cases/:id/signals (${signalPaths.length} verschillende)` },
      inbox: scenario(`Postvak, procesregisseur (${overviewCases.checked} casussen)`, ['/api/inbox'], i),
      inboxHeavy: scenario(`Postvak, zware procesregisseur (${heavyOverviewCases.checked} casussen)`, ['/api/inbox'], ih),
      inProcess,
      counts,
    };
  } finally {
    for (const c of clients) c.close();
    if (server) await server.close();
    removeTempDir(dir);
  }
}
