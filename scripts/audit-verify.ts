// `npm run audit:verify [pad]`: checks the audit trail with its key, and against the
// checkpoints kept outside the database. Reports the first broken row, and every checkpoint
// the database no longer matches (rows cut off at the end, or rewritten).
// Exit code 0 when intact, 1 when broken, 2 when the database or the key cannot be read.
// The key and checkpoint file come from the same configuration as the server
// (AUDIT_KEY / AUDIT_KEY_FILE / AUDIT_CHECKPOINT_FILE, by default beside the database).
import { closeDatabase, describeDatabase, isPostgresUrl, openDatabase } from '../db/client';
import { describePostgresUrl } from '../db/engines/postgres';
import { verifyAuditChain } from '../db/queries/audit';
import { checkAgainstCheckpoints, readCheckpoints } from '../server/audit/checkpoints';
import { AuditKeyMissing, checkpointFileOf, resolveAuditKey } from '../server/audit/key';
import { loadConfig } from '../server/config';

const config = loadConfig();
const path = process.argv[2] ?? config.DATABASE_URL ?? config.DATABASE_PATH;
// A PostgreSQL URL names no folder: the key and checkpoints then come from the configuration.
const located = isPostgresUrl(path) ? config : { ...config, DATABASE_PATH: path };
let key;
try {
  key = resolveAuditKey(located, { create: false });
} catch (e) {
  if (!(e instanceof AuditKeyMissing)) throw e;
  console.error(e.message);
  process.exit(2);
}
let db;
try {
  db = await openDatabase(path, { readonly: true });
} catch (e) {
  console.error(`Kan de database ${isPostgresUrl(path) ? describePostgresUrl(path) : path} niet openen: ${(e as Error).message}`);
  process.exit(2);
}
const name = describeDatabase(db);
const checkpointFile = checkpointFileOf(located);
const chain = await verifyAuditChain(db, key);
const lines = readCheckpoints(checkpointFile, key);
const problems = await checkAgainstCheckpoints(db, lines);
await closeDatabase(db);

let broken = false;
if (chain.ok) {
  const unkeyed = chain.unkeyedRows > 0 ? ` (waarvan ${chain.unkeyedRows} van vóór de sleutel)` : '';
  console.log(`Audittrail intact: ${chain.rows} rijen gecontroleerd${unkeyed} (${name}).`);
} else {
  broken = true;
  console.error(`Audittrail GEBROKEN bij rij ${chain.brokenSeq}: ${chain.reason}. ${chain.rows} rijen daarvoor zijn in orde (${name}).`);
}
if (lines.length === 0) {
  console.log(`Geen controlepunten gevonden in ${checkpointFile}: afkappen van de nieuwste rijen is zo niet vast te stellen.`);
} else if (problems.length === 0) {
  console.log(`Controlepunten: alle ${lines.length} kloppen (${checkpointFile}).`);
} else {
  broken = true;
  for (const p of problems) console.error(`Controlepunt op regel ${p.line} van ${checkpointFile}: ${p.reason}.`);
}
if (broken) process.exit(1);
