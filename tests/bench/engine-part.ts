// One engine's run of an in-process part (werkbak or stuck), as a child process of run.ts:
//
//   node --import tsx tests/bench/engine-part.ts werkbak|stuck sqlite|postgres
//
// Why a child: a process binds the tables of one engine (db/schema/index.ts, bindSchema), and
// the parts start the product in-process. Running each engine in a fresh process of its own
// also gives both the same cold JIT and heap to start from. For postgres the parent passes a
// migrated, empty database in BENCH_PART_DATABASE_URL (it creates and drops it, so nothing is
// left behind when this process dies). The options come over IPC; the result goes back over
// IPC ('advanced' serialization, so NaN survives); log lines go to stdout, which the parent
// prefixes with the engine.
import { benchStuck, type StuckCounts, type StuckResult } from './stuck';
import { benchWerkbak, type WerkbakResult } from './werkbak';
import { cleanupAll, installCleanupHandlers } from './cleanup';
import { type BenchEngine, type EnginePart, type EnginePartReply, type EnginePartRequest, PART_DATABASE_ENV } from './engines';

async function run(part: EnginePart, engine: BenchEngine, request: EnginePartRequest): Promise<WerkbakResult | StuckResult> {
  const databaseUrl = engine === 'postgres' ? process.env[PART_DATABASE_ENV] : undefined;
  if (engine === 'postgres' && !databaseUrl) throw new Error(`${PART_DATABASE_ENV} ontbreekt`);
  const log = (line: string) => console.log(line);
  return part === 'werkbak'
    ? await benchWerkbak({ databaseUrl, dataset: request.dataset, counts: request.counts as WerkbakResult['counts'], log })
    : await benchStuck({ databaseUrl, dataset: request.dataset, counts: request.counts as StuckCounts, log });
}

function main(): void {
  installCleanupHandlers();
  const [part, engine] = process.argv.slice(2) as [EnginePart, BenchEngine];
  if ((part !== 'werkbak' && part !== 'stuck') || (engine !== 'sqlite' && engine !== 'postgres')) throw new Error(`onbekend deel/engine: ${part} ${engine}`);
  const send = process.send?.bind(process);
  if (!send) throw new Error('start via tests/bench/run.ts (IPC-kanaal ontbreekt)');
  process.once('message', (request: EnginePartRequest) => {
    run(part, engine, request).then(
      // Exit once the reply is out: a timer the product left (an unref'd one is fine) must not keep the child alive.
      // stdout is a pipe, which Node writes synchronously on Linux, so no log line is lost.
      (result) => send({ ok: true, result } satisfies EnginePartReply, () => process.exit(0)),
      (e: unknown) => send({ ok: false, error: e instanceof Error ? (e.stack ?? e.message) : String(e) } satisfies EnginePartReply, () => process.exit(1)),
    );
  });
}

try {
  main();
} catch (e) {
  console.error(e instanceof Error ? (e.stack ?? e.message) : String(e));
  cleanupAll();
  process.exit(1);
}
