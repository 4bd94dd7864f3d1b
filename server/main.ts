// `npm start`: configuration from the environment, then the server, then a short note on
// where to go. Stops cleanly on SIGINT/SIGTERM so SQLite's WAL is checkpointed.
import { loadConfig } from './config';
import { DEMO_EMAIL_DOMAIN } from './demo/households';
import { startServer } from './start';
import { DatabaseNotMigrated, describeDatabase } from '../db/client';
import { AuditKeyMissing } from './audit/key';

const started = performance.now();
let config;
try {
  config = loadConfig();
} catch (e) {
  console.error((e as Error).message);
  process.exit(1);
}

let server;
try {
  server = await startServer(config);
} catch (e) {
  // A configuration problem found while starting (a missing audit key, say): say it, plainly.
  if (e instanceof AuditKeyMissing || e instanceof DatabaseNotMigrated) {
    console.error(e.message);
    process.exit(1);
  }
  throw e;
}
const ms = Math.round(performance.now() - started);
console.log(`Casustafel draait op ${server.url}  (opgestart in ${ms} ms, database: ${describeDatabase(server.db)})`);
if (server.seeded) console.log('Lege database: demodata geladen (vier fictieve huishoudens).');
if (server.demoAccountsActive > 0) {
  console.warn(
    `LET OP: ${server.demoAccountsActive} demo-accounts (@${DEMO_EMAIL_DOMAIN}) zijn actief, met een openbaar wachtwoord. ` +
      'Zie README.md voor de accounts. Gebruik in productie DEMO_DATA=off en een lege database.',
  );
}

// Timers, sockets and handlers are guarded where they are made; should a rejected promise still
// slip through somewhere, log it instead of ending the service for everyone.
process.on('unhandledRejection', (reason) => console.error('[casustafel] onafgehandelde fout', reason));

/** A stop that hangs (a client that never lets go) must still end the process. */
const STOP_TIMEOUT_MS = 10_000;

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    // close() is idempotent: a second signal while stopping waits for the same stop.
    setTimeout(() => {
      console.error(`Casustafel stopte niet binnen ${STOP_TIMEOUT_MS / 1000} s; proces wordt beëindigd.`);
      process.exit(1);
    }, STOP_TIMEOUT_MS).unref();
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error('Stoppen mislukt', error);
        process.exit(1);
      },
    );
  });
}
