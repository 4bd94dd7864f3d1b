// `npm start`: configuration from the environment, then the server, then a short note on
// where to go. Stops cleanly on SIGINT/SIGTERM so SQLite's WAL is checkpointed.
import { loadConfig } from './config';
import { DEMO_EMAIL_DOMAIN } from './demo/households';
import { startServer } from './start';
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
  if (e instanceof AuditKeyMissing) {
    console.error(e.message);
    process.exit(1);
  }
  throw e;
}
const ms = Math.round(performance.now() - started);
console.log(`Casustafel draait op ${server.url}  (opgestart in ${ms} ms, database ${config.DATABASE_PATH})`);
if (server.seeded) console.log('Lege database: demodata geladen (vier fictieve huishoudens).');
if (server.demoAccountsActive > 0) {
  console.warn(
    `LET OP: ${server.demoAccountsActive} demo-accounts (@${DEMO_EMAIL_DOMAIN}) zijn actief, met een openbaar wachtwoord. ` +
      'Zie README.md voor de accounts. Gebruik in productie DEMO_DATA=off en een lege database.',
  );
}

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    server.close().then(() => process.exit(0));
  });
}
