// `npm run audit:verify`: walks the audit trail's hash chain and reports the first broken
// row. Exit code 0 when intact, 1 when broken, 2 when the database cannot be opened.
import { openDatabase } from '../db/client';
import { verifyAuditChain } from '../db/queries/audit';
import { loadConfig } from '../server/config';

const path = process.argv[2] ?? loadConfig().DATABASE_PATH;
let db;
try {
  db = openDatabase(path, { readonly: true });
} catch (e) {
  console.error(`Kan de database ${path} niet openen: ${(e as Error).message}`);
  process.exit(2);
}
const result = verifyAuditChain(db);
db.$client.close();
if (result.ok) {
  console.log(`Audittrail intact: ${result.rows} rijen gecontroleerd (${path}).`);
} else {
  console.error(`Audittrail GEBROKEN bij rij ${result.brokenSeq}: ${result.reason}. ${result.rows} rijen daarvoor zijn in orde (${path}).`);
  process.exit(1);
}
