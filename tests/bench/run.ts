// `npm run bench`: cold start of the product, werkbak latency with 5,000 cases, the
// collaboration server (WS /collab) against a bare y-websocket server, and the stuck-case
// overview and knelpunten with 5,000 cases of realistic size.
// Every number is printed next to a reference measured in the same run (a bare Node HTTP
// server, GET /healthz), so results from different machines can be compared by ratio.
// Nothing here asserts a timing.
//
// Both engines: with TEST_DATABASE_URL set (an admin URL of a PostgreSQL server, as for the
// tests; `npm run db:dev-postgres` prints one), werkbak, stuck (with knelpunten) and the
// collaboration fan-out run on SQLite and on PostgreSQL in the same run, and a last table sets
// the two side by side against issue 14's goals. Without it: SQLite only, and the output says
// PostgreSQL was skipped. werkbak and stuck start the product in-process, and a process binds
// one engine (db/schema/index.ts), so each engine's run of them is a child process of its own
// (engine-part.ts); the collaboration servers were child processes already.
//
// Options (after `npm run bench --`): --only coldstart | --only werkbak | --only collab | --only stuck
import { execFileSync } from 'node:child_process';
import { cpus, release, tmpdir, totalmem } from 'node:os';
import { benchColdStart, type ColdStartResult, ROOT, type StartSeries } from './cold-start';
import { cleanupAll, installCleanupHandlers } from './cleanup';
import { benchCollab, type CollabResult, printCollabSummary } from './collab';
import { max, median, min, ms, ratio, bytes as fmtBytes, table } from './stats';
import type { StuckResult } from './stuck';
import { type BenchEngine, benchEngines, describePostgresServer, ENGINE_LABEL, postgresSettings, runEnginePart, withPostgresDatabase } from './engines';
import type { Scenario, WerkbakResult } from './werkbak';

const COLD_START_RUNS = 5;
const BUILD_CLIENT_RUNS = 5;
const DATASET = { cases: 5000, people: 40, procesregisseurCases: 250, heavyUserCases: 2000, minMembers: 4, maxMembers: 8 };
const REQUESTS = { healthz: 500, werkbak: 500, heavy: 500, detail: 500, warmup: 200 };
const STUCK_REQUESTS = { healthz: 500, overview: 500, overviewHeavy: 300, knelpunten: 500, pilot: 300, signals: 300, inbox: 300, inboxHeavy: 200, warmup: 100 };
/** The issue's goal for the stuck-case overview and the knelpunten view (issue 5). */
const STUCK_GOAL_P95_MS = 200;
/** Issue 14: PostgreSQL within this factor of SQLite on each figure, and the werkbak's p95 under WERKBAK_GOAL_P95_MS on both. */
const ENGINE_GOAL_RATIO = 1.5;
const WERKBAK_GOAL_P95_MS = 20;

type Part = 'coldstart' | 'werkbak' | 'collab' | 'stuck';

function parseOnly(argv: readonly string[]): Part | undefined {
  const i = argv.findIndex((a) => a === '--only' || a.startsWith('--only='));
  if (i < 0) return undefined;
  const arg = argv[i]!;
  const v = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : argv[i + 1];
  if (v === 'coldstart' || v === 'werkbak' || v === 'collab' || v === 'stuck') return v;
  throw new Error(`--only verwacht coldstart, werkbak, collab of stuck, niet ${v ?? '(niets)'}`);
}

function git(args: string[]): string | undefined {
  try {
    return execFileSync('git', args, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return undefined;
  }
}

function environment(): string[] {
  const commit = git(['rev-parse', '--short', 'HEAD']);
  const dirty = git(['status', '--porcelain']);
  const cpu = cpus();
  return [
    `Datum:      ${new Date().toISOString()}`,
    `Commit:     ${commit ?? 'onbekend'}${dirty ? ' (met lokale wijzigingen)' : ''}`,
    `Node:       ${process.version} op ${process.platform}/${process.arch}, kernel ${release()}`,
    `Machine:    ${cpu.length} × ${cpu[0]?.model.trim() ?? 'onbekende cpu'}, ${(totalmem() / 1024 ** 3).toFixed(1)} GiB geheugen`,
    `Tijdelijk:  ${tmpdir()} (SQLite-bestanden, WAL; synchronous=NORMAL zoals de productstandaard, dus geen fsync per commit;`,
    `            synchronous=FULL (optie SQLITE_SYNCHRONOUS=FULL) wordt in het samenwerkingsdeel apart gemeten)`,
  ];
}

const section = (title: string) => console.log(`\n== ${title} ${'='.repeat(Math.max(0, 76 - title.length))}`);
const log = (line: string) => console.log(line);

function readySamples(s: StartSeries): number[] {
  return s.samples.map((x) => x.readyMs);
}

function coldStartRows(r: ColdStartResult): string[][] {
  const ref = median(readySamples(r.reference));
  const row = (label: string, command: string, samples: number[], withRatio: boolean, extra = ''): string[] => [
    label,
    `\`${command}\``,
    ms(median(samples)),
    `${ms(min(samples))}–${ms(max(samples))}`,
    withRatio ? ratio(median(samples), ref) : '1 (ref.)',
    `${samples.length}${extra}`,
  ];
  const rows = [row(r.reference.label, r.reference.command, readySamples(r.reference), false)];
  for (const s of r.product) {
    const logged = s.samples.map((x) => x.serverLogMs).filter((x): x is number => x !== undefined);
    rows.push(row(s.label, s.command, readySamples(s), true, logged.length ? `; server zelf: mediaan ${ms(median(logged))} ms` : ''));
  }
  if (r.build.skipped) rows.push(['npm start, stap 1: client-vingerafdruk', `\`${r.build.command}\``, 'overgeslagen', '–', '–', '0 (zie onder)']);
  else rows.push(row('npm start, stap 1: client-vingerafdruk (niets te bouwen)', r.build.command, r.build.samples, true));
  return rows;
}

/** One table row per HTTP scenario, with its p50 and p95 against the /healthz reference; `items` names what was counted. */
function scenarioRows(reference: Scenario, scenarios: Scenario[], items: string): string[][] {
  const ref = reference.summary;
  const row = (s: Scenario, isRef: boolean): string[] => [
    s.label,
    `GET ${s.path}`,
    ms(s.summary.p50),
    ms(s.summary.p95),
    ms(s.summary.p99),
    ms(s.summary.max),
    `${fmtBytes(s.bytes)}${s.items === undefined ? '' : ` (${s.items} ${items})`}`,
    isRef ? '1 (ref.)' : ratio(s.summary.p50, ref.p50),
    isRef ? '1 (ref.)' : ratio(s.summary.p95, ref.p95),
    String(s.summary.n),
  ];
  return [row(reference, true), ...scenarios.map((s) => row(s, false))];
}

function apiRows(r: WerkbakResult): string[][] {
  return scenarioRows(r.healthz, [r.werkbak, r.werkbakHeavy, r.detail], 'items');
}

function stuckRows(r: StuckResult): string[][] {
  return scenarioRows(r.healthz, [r.overview, r.overviewHeavy, r.knelpunten, r.pilot, r.signals, r.inbox, r.inboxHeavy], 'casussen');
}

/** One line per measured view against the issue's goal: a report, never an assertion. */
function stuckGoalLines(r: StuckResult): string[] {
  return [r.overview, r.overviewHeavy, r.knelpunten].map((s) => {
    const ok = s.summary.p95 < STUCK_GOAL_P95_MS;
    return `${ok ? '✔' : '✘'} ${s.label}: p50 ${ms(s.summary.p50)} ms, p95 ${ms(s.summary.p95)} ms (doel p95 < ${STUCK_GOAL_P95_MS} ms${ok ? '' : ', niet gehaald'})`;
  });
}

type Row = { label: string; sqlite?: number; postgres?: number; werkbakGoal?: boolean; ref?: { sqlite?: number; postgres?: number } };

/**
 * Issue 14's table: every figure on both engines, PostgreSQL ÷ SQLite against the goal of at most
 * ENGINE_GOAL_RATIO, and the werkbak's p95 against WERKBAK_GOAL_P95_MS on each engine. A report:
 * a goal not met is printed as such, the exit code does not change.
 */
function printEngineComparison(
  apiBy: Partial<Record<BenchEngine, WerkbakResult>>,
  stuckBy: Partial<Record<BenchEngine, StuckResult>>,
  collab: CollabResult | undefined,
  skipped: string | undefined,
): void {
  const rows: Row[] = [];
  const both = <T>(by: Partial<Record<BenchEngine, T>>, f: (r: T) => number) => ({ sqlite: by.sqlite && f(by.sqlite), postgres: by.postgres && f(by.postgres) });
  if (apiBy.sqlite || apiBy.postgres) {
    const cases = (apiBy.sqlite ?? apiBy.postgres)!.options.cases;
    rows.push({ label: `werkbak procesregisseur, p95 (${cases} casussen in de database)`, ...both(apiBy, (r) => r.werkbak.summary.p95), werkbakGoal: true });
    rows.push({ label: `werkbak zwaar belaste gebruiker (${(apiBy.sqlite ?? apiBy.postgres)!.options.heavyUserCases} casussen), p95`, ...both(apiBy, (r) => r.werkbakHeavy.summary.p95) });
    rows.push({ label: 'casusdetail (schrijft auditregel), p95', ...both(apiBy, (r) => r.detail.summary.p95) });
  }
  if (stuckBy.sqlite || stuckBy.postgres) {
    rows.push({ label: 'overzicht vastgelopen, procesregisseur, p95', ...both(stuckBy, (r) => r.overview.summary.p95) });
    rows.push({ label: 'overzicht vastgelopen, zware procesregisseur, p95', ...both(stuckBy, (r) => r.overviewHeavy.summary.p95) });
    rows.push({ label: 'knelpunten (procesregisseur, alle casussen), p95', ...both(stuckBy, (r) => r.knelpunten.summary.p95) });
  }
  if (collab) {
    const { load } = collab;
    const l = `${load.ours.rooms}×${load.ours.clientsPerRoom}`;
    const ref = load.reference.summary;
    for (const [name, key] of [['p50', 'p50'], ['p95', 'p95'], ['p99', 'p99']] as const) {
      rows.push({
        label: `samenwerken met opslag, fan-out ${l}, ${name}`,
        sqlite: load.ours.summary[key],
        postgres: load.postgres?.summary[key],
        ref: { sqlite: ref[key], postgres: (load.referenceAgain ?? load.reference).summary[key] },
      });
    }
  }
  if (rows.length === 0) return;
  const yes = (ok: boolean) => (ok ? 'ja' : 'NEE');
  const pgMissing = skipped ? 'overgeslagen' : 'n/a';
  const cells = rows.map((r) => {
    const goals: string[] = [];
    if (r.sqlite !== undefined && r.postgres !== undefined) goals.push(`PG ≤ ${ENGINE_GOAL_RATIO}× SQLite: ${yes(r.postgres <= ENGINE_GOAL_RATIO * r.sqlite)}`);
    if (r.werkbakGoal) {
      const under = (v: number | undefined, engine: string) => (v === undefined ? [] : [`${engine} < ${WERKBAK_GOAL_P95_MS} ms: ${yes(v < WERKBAK_GOAL_P95_MS)}`]);
      goals.push(...under(r.sqlite, 'SQLite'), ...under(r.postgres, 'PG'));
    }
    const withRef = (v: number | undefined, refV: number | undefined) => (v === undefined ? pgMissing : refV === undefined ? ms(v) : `${ms(v)} (${ratio(v, refV)} ref.)`);
    return [
      r.label,
      r.sqlite === undefined ? 'n/a' : withRef(r.sqlite, r.ref?.sqlite),
      withRef(r.postgres, r.ref?.postgres),
      r.sqlite !== undefined && r.postgres !== undefined ? ratio(r.postgres, r.sqlite) : '–',
      goals.join('; ') || '–',
    ];
  });
  console.log(
    `\nSQLite en PostgreSQL naast elkaar (issue 14; ms, zelfde run, zelfde datasets via dezelfde querylaag). ` +
      `Doel: PostgreSQL binnen ${ENGINE_GOAL_RATIO}× SQLite per cijfer, werkbak p95 < ${WERKBAK_GOAL_P95_MS} ms op beide. Gemeten, niet afgedwongen.\n`,
  );
  console.log(table(['Meting', 'SQLite', 'PostgreSQL', 'PG ÷ SQLite', 'Doel gehaald?'], cells));
  if (collab?.load.postgres) {
    console.log(
      `"ref." = dezelfde belasting op de kale y-websocket-server (referentie): SQLite tegen de eerste referentiemeting, ` +
        `PostgreSQL tegen de referentie die direct erna nog eens liep.`,
    );
  }
  if (skipped) console.log(`\nPostgreSQL OVERGESLAGEN: ${skipped}. Alleen SQLite gemeten; de vergelijking en het doel PG ≤ ${ENGINE_GOAL_RATIO}× SQLite zijn niet beoordeeld.`);
}

async function main(): Promise<void> {
  installCleanupHandlers();
  const only = parseOnly(process.argv.slice(2));
  const started = performance.now();
  const command = `npm run bench${only ? ` -- --only ${only}` : ''}`;

  console.log('Casustafel benchmark (verhoudingen tegen een referentie uit dezelfde run; geen drempels)');
  for (const line of environment()) console.log(line);

  let cold: ColdStartResult | undefined;
  const apiBy: Partial<Record<BenchEngine, WerkbakResult>> = {};
  let collab: CollabResult | undefined;
  const stuckBy: Partial<Record<BenchEngine, StuckResult>> = {};
  const runs = (part: Part) => only === undefined || only === part;
  const { engines, skipped } = benchEngines();
  if (skipped) console.log(`PostgreSQL: OVERGESLAGEN (${skipped}); alleen SQLite`);
  else console.log(`PostgreSQL: ${describePostgresServer() ?? ''}; ${await postgresSettings()}`);

  if (runs('coldstart')) {
    section(`1. Koude start: spawn tot GET /healthz 200 (poll elke 10 ms), ${COLD_START_RUNS}× per variant`);
    cold = await benchColdStart({ runs: COLD_START_RUNS, buildRuns: BUILD_CLIENT_RUNS, log });
    log(`  CLIENT_DIST voor de servers: ${cold.clientDist}`);
  }

  if (runs('werkbak')) {
    for (const engine of engines) {
      section(`2. Werkbak-API met ${DATASET.cases} casussen, ${ENGINE_LABEL[engine]} (eigen proces)`);
      const api = await runEnginePart<WerkbakResult>('werkbak', engine, { dataset: DATASET, counts: REQUESTS }, log);
      apiBy[engine] = api;
      for (const s of [api.healthz, api.werkbak, api.werkbakHeavy, api.detail]) {
        log(`  ${s.label}: p50 ${ms(s.summary.p50)} ms, p95 ${ms(s.summary.p95)} ms, p99 ${ms(s.summary.p99)} ms, max ${ms(s.summary.max)} ms, ${fmtBytes(s.bytes)}`);
      }
    }
  }

  if (runs('collab')) {
    section('3. Samenwerking: WS /collab tegen een kale y-websocket-server');
    collab = await benchCollab({ log, postgres: engines.includes('postgres') ? withPostgresDatabase : undefined });
  }

  if (runs('stuck')) {
    for (const engine of engines) {
      section(`4. Vastgelopen casussen en knelpunten met ${DATASET.cases} casussen, ${ENGINE_LABEL[engine]} (eigen proces)`);
      const stuck = await runEnginePart<StuckResult>('stuck', engine, { dataset: DATASET, counts: STUCK_REQUESTS }, log);
      stuckBy[engine] = stuck;
      for (const s of [stuck.healthz, stuck.overview, stuck.overviewHeavy, stuck.knelpunten, stuck.pilot, stuck.signals, stuck.inbox, stuck.inboxHeavy]) {
        log(`  ${s.label}: p50 ${ms(s.summary.p50)} ms, p95 ${ms(s.summary.p95)} ms, p99 ${ms(s.summary.p99)} ms, max ${ms(s.summary.max)} ms, ${fmtBytes(s.bytes)}`);
      }
    }
  }

  section('Samenvatting');
  if (cold) {
    console.log(`\nKoude start (wandkloktijd vanaf spawn tot /healthz 200, ms; referentie = kale node:http-server)\n`);
    console.log(table(['Meting', 'Commando', 'Mediaan', 'Min–max', '× referentie', 'n'], coldStartRows(cold)));
    console.log(
      `\n"server zelf" = de "opgestart in N ms" die server/main.ts logt, gemeten na het laden van de modules; ` +
        `het verschil met de wandkloktijd is node + tsx + imports. Eén extra start op een lege database ging vooraf en telt niet mee ` +
        `(${ms(cold.warmup.readyMs)} ms; vult de tsx-cache en levert de bestaande database).`,
    );
    if (cold.build.skipped) console.log(`build-client niet gemeten: ${cold.build.skipped}.`);
  }
  for (const [engine, api] of Object.entries(apiBy) as [BenchEngine, WerkbakResult][]) {
    const d = api.options;
    console.log(
      `\n${ENGINE_LABEL[engine]}: API-latentie (ms, van verzoek tot laatste byte, één keep-alive-verbinding, sequentieel, client en server in één proces; ` +
        `eerst ${api.counts.warmup} opwarmrondes over alle verzoeken, niet meegeteld)\n` +
        `Dataset: ${d.cases} casussen, ${d.people} personen, ${d.minMembers}–${d.maxMembers} leden per casus ` +
        `(per persoon ${api.dataset.perPerson.min}–${api.dataset.perPerson.max} casussen, mediaan ${api.dataset.perPerson.median}); ` +
        `procesregisseur lid van ${d.procesregisseurCases} bench-casussen (+ demo), zwaar belaste gebruiker van ${d.heavyUserCases}.\n`,
    );
    console.log(table(['Meting', 'Verzoek', 'p50', 'p95', 'p99', 'max', 'Antwoord', '× healthz p50', '× healthz p95', 'n'], apiRows(api)));
    console.log(`\n${ENGINE_LABEL[engine]}: waar de werkbak-tijd zit, zonder HTTP (p50 in ms, in hetzelfde proces op dezelfde database)\n`);
    console.log(
      table(
        ['Werkbak van', 'Rijen', 'SQL (listCasesForUser)', 'SQL + omzetten (views.werkbak)', 'alleen JSON.stringify', 'HTTP p50 (tabel boven)', 'n'],
        api.inProcess.map((x) => [x.label, String(x.rows), ms(x.sql), ms(x.view), ms(x.json), ms(x.httpP50), String(x.n)]),
      ),
    );
  }
  if (collab) printCollabSummary(collab);
  for (const [engine, stuck] of Object.entries(stuckBy) as [BenchEngine, StuckResult][]) {
    const d = stuck.stuckData;
    console.log(
      `\n${ENGINE_LABEL[engine]}: vastgelopen casussen en knelpunten (ms, van verzoek tot laatste byte, één keep-alive-verbinding, sequentieel; eerst ${stuck.counts.warmup} opwarmrondes, niet meegeteld)\n` +
        `Dataset: ${stuck.options.cases} casussen met ${d.goals} doelen, ${d.planUpdates} opgeslagen planwijzigingen, ${d.vraagstukken} vraagstukken (${d.signatures} oordelen), ` +
        `${d.deviations} afwijkingen, ${d.flags} meldingen vastgelopen, ${d.requests} doorbraakverzoeken (${d.outcomes} resultaten); ` +
        `procesregisseur lid van ${stuck.overviewCases.checked} casussen, waarvan ${stuck.overviewCases.shown} in het overzicht; ` +
        `zware procesregisseur lid van ${stuck.heavyOverviewCases.checked} casussen, waarvan ${stuck.heavyOverviewCases.shown} in het overzicht.\n`,
    );
    console.log(table(['Meting', 'Verzoek', 'p50', 'p95', 'p99', 'max', 'Antwoord', '× healthz p50', '× healthz p95', 'n'], stuckRows(stuck)));
    console.log(
      `\nZonder HTTP, p50 in ms: feiten van het overzicht laden (SQL) ${ms(stuck.inProcess.facts)}, signalen berekenen ${ms(stuck.inProcess.compute)}, ` +
        `knelpunten (alle casussen) ${ms(stuck.inProcess.knelpunten)} (n = ${stuck.inProcess.n}).`,
    );
    console.log(`\n${ENGINE_LABEL[engine]}: doel uit issue 5 (p95 < ${STUCK_GOAL_P95_MS} ms; geen drempel in de tests):`);
    for (const line of stuckGoalLines(stuck)) console.log(`  ${line}`);
  }
  printEngineComparison(apiBy, stuckBy, collab, skipped);
  console.log(`\nOpdracht: ${command}   (totale duur ${((performance.now() - started) / 1000).toFixed(0)} s)`);
}

main().then(
  () => {
    cleanupAll();
  },
  (e: unknown) => {
    console.error(`\nBenchmark afgebroken: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    cleanupAll();
    process.exitCode = 1;
  },
);
