// `npm run db:dev-postgres`: a PostgreSQL server for development, in a folder of this checkout
// (./data/postgres-dev, not in git), on 127.0.0.1 only. It uses Debian's `postgresql` package
// (apt-get install postgresql); it does not touch that package's own clusters or service.
//
//   npm run db:dev-postgres                      initialise if needed, start, create `casustafel`
//   npm run db:dev-postgres -- --stop            stop it
//   npm run db:dev-postgres -- --dir D --port P --database postgres --fast --url-only
//                                                (what .ci/run uses: a throwaway cluster)
//
// The cluster trusts every connection from this machine (no passwords): it is for demo data
// and tests, never for real case files. Its text sorts byte by byte (locale C), as SQLite's
// does, so lists come out in the same order on both engines.
//
// initdb refuses to run as root. Run as root (a bare CI machine, a container), the cluster
// belongs to the `postgres` user that Debian's package creates, and every command runs as that
// user through runuser; the folder must then be reachable by that user.
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { appendFileSync, chownSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

const ROOT = resolve(fileURLToPath(import.meta.url), '../..');
const DEFAULT_DIR = join(ROOT, 'data/postgres-dev');
const DEFAULT_PORT = 54329;

interface Args {
  dir: string;
  /** 0: any free port (only when the cluster is new or stopped). */
  port: number;
  database: string;
  stop: boolean;
  fast: boolean;
  urlOnly: boolean;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { dir: DEFAULT_DIR, port: DEFAULT_PORT, database: 'casustafel', stop: false, fast: false, urlOnly: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) fail(`${a} verwacht een waarde`);
      return v;
    };
    if (a === '--dir') args.dir = resolve(value());
    else if (a === '--port') {
      const v = value();
      args.port = v === 'auto' ? 0 : Number(v);
    }
    else if (a === '--database') args.database = value();
    else if (a === '--stop') args.stop = true;
    else if (a === '--fast') args.fast = true;
    else if (a === '--url-only') args.urlOnly = true;
    else fail(`onbekende optie ${a}`);
  }
  if (!Number.isInteger(args.port) || args.port < 0 || args.port > 65535) fail('--port verwacht een poortnummer of "auto"');
  if (!/^[a-z_][a-z0-9_]*$/.test(args.database)) fail('--database: alleen kleine letters, cijfers en _');
  return args;
}

function fail(message: string): never {
  console.error(`db:dev-postgres: ${message}`);
  process.exit(1);
}

/** The newest PostgreSQL under /usr/lib/postgresql/<version>/bin (Debian), or PG_BIN. */
export function postgresBinDir(): string {
  if (process.env.PG_BIN) return process.env.PG_BIN;
  const base = '/usr/lib/postgresql';
  const versions = existsSync(base)
    ? readdirSync(base)
        .filter((v) => existsSync(join(base, v, 'bin', 'pg_ctl')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (!versions[0]) fail('PostgreSQL niet gevonden onder /usr/lib/postgresql. Installeer het: sudo apt-get install postgresql (of zet PG_BIN).');
  return join(base, versions[0], 'bin');
}

const asRoot = process.getuid?.() === 0;

/** Runs a PostgreSQL program, as the `postgres` user when we are root (initdb and the server refuse root). */
function run(bin: string, program: string, args: string[], opts: SpawnSyncOptions = {}) {
  const cmd = asRoot ? 'runuser' : join(bin, program);
  const argv = asRoot ? ['-u', 'postgres', '--', join(bin, program), ...args] : args;
  // cwd '/': the postgres user may not be allowed into the caller's directory.
  return spawnSync(cmd, argv, { cwd: '/', encoding: 'utf8', ...opts });
}

function isRunning(bin: string, dir: string): boolean {
  return existsSync(join(dir, 'PG_VERSION')) && run(bin, 'pg_ctl', ['status', '-D', dir]).status === 0;
}

function configuredPort(dir: string): number | undefined {
  const pid = join(dir, 'postmaster.pid');
  if (!existsSync(pid)) return undefined;
  // postmaster.pid: line 4 is the port the running server listens on.
  return Number(readFileSync(pid, 'utf8').split('\n')[3]) || undefined;
}

async function freePort(): Promise<number> {
  return new Promise((done, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? done(address.port) : reject(new Error('geen poort'))));
    });
  });
}

function initCluster(bin: string, dir: string, fast: boolean): void {
  // Only the cluster's own folder is private (initdb wants that); its parents keep the usual
  // mode, so the postgres user can reach it when we run as root.
  mkdirSync(dirname(dir), { recursive: true });
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (asRoot) {
    const ids = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
    const gid = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
    if (ids.status !== 0) fail('als root is de gebruiker "postgres" nodig (die maakt het Debian-pakket postgresql aan)');
    chownSync(dir, Number(ids.stdout), Number(gid.stdout));
    if (spawnSync('runuser', ['-u', 'postgres', '--', 'test', '-w', dir]).status !== 0) {
      fail(`de gebruiker postgres kan niet in ${dir}; kies met --dir een map die voor die gebruiker bereikbaar is (bv. onder /tmp)`);
    }
  }
  const init = run(bin, 'initdb', ['-D', dir, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--locale=C', '--no-instructions']);
  if (init.status !== 0) fail(`initdb mislukte:\n${init.stderr}`);
  // Only this machine, and the socket in the cluster's own folder (the system's
  // /var/run/postgresql may not exist or belong to someone else).
  const settings = [`listen_addresses = '127.0.0.1'`, `unix_socket_directories = '${dir}'`, 'max_connections = 200'];
  // For throwaway test clusters: no flushing to disk. A crash of the machine would lose the
  // cluster, which the tests recreate anyway; never for data that must survive.
  if (fast) settings.push('fsync = off', 'synchronous_commit = off', 'full_page_writes = off');
  appendFileSync(join(dir, 'postgresql.conf'), `\n# db:dev-postgres\n${settings.join('\n')}\n`);
}

async function ensureDatabase(url: string, database: string): Promise<void> {
  if (database === 'postgres') return;
  const client = new pg.Client({ connectionString: url.replace(/\/[^/]*$/, '/postgres') });
  await client.connect();
  try {
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (exists.rowCount === 0) await client.query(`CREATE DATABASE ${pg.escapeIdentifier(database)}`);
  } finally {
    await client.end();
  }
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const bin = postgresBinDir();
  const say = args.urlOnly ? () => {} : (line: string) => console.log(line);

  if (args.stop) {
    if (!isRunning(bin, args.dir)) {
      say(`Er draait geen PostgreSQL in ${args.dir}.`);
      return;
    }
    const stop = run(bin, 'pg_ctl', ['stop', '-D', args.dir, '-m', 'fast', '-w']);
    if (stop.status !== 0) fail(`pg_ctl stop mislukte:\n${stop.stderr}`);
    say(`PostgreSQL in ${args.dir} is gestopt.`);
    return;
  }

  if (!existsSync(join(args.dir, 'PG_VERSION'))) {
    say(`Nieuw PostgreSQL-cluster in ${args.dir} (${bin})…`);
    initCluster(bin, args.dir, args.fast);
  } else if (!statSync(args.dir).isDirectory()) {
    fail(`${args.dir} is geen map`);
  }

  let port = configuredPort(args.dir);
  if (!isRunning(bin, args.dir)) {
    port = args.port || (await freePort());
    const log = join(args.dir, 'server.log');
    const start = run(bin, 'pg_ctl', ['start', '-D', args.dir, '-l', log, '-w', '-t', '60', '-o', `-p ${port}`]);
    if (start.status !== 0) fail(`pg_ctl start mislukte (zie ${log}):\n${start.stderr}${start.stdout}`);
  }
  if (!port) fail(`kan de poort van de draaiende server in ${args.dir} niet lezen`);

  const url = `postgres://postgres@127.0.0.1:${port}/${args.database}`;
  await ensureDatabase(url, args.database);
  if (args.urlOnly) {
    console.log(url);
    return;
  }
  const stopCmd = args.dir === DEFAULT_DIR ? 'npm run db:dev-postgres -- --stop' : `npm run db:dev-postgres -- --dir ${args.dir} --stop`;
  console.log(`PostgreSQL draait op 127.0.0.1:${port} (map ${args.dir}).`);
  console.log('');
  console.log(`  DATABASE_URL=${url}`);
  console.log(`  TEST_DATABASE_URL=postgres://postgres@127.0.0.1:${port}/postgres   (voor de tests: een eigen database per suite)`);
  console.log('');
  console.log(`Stoppen: ${stopCmd}`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await main();
}
