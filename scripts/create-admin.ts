// `npm run admin:create -- <e-mail> "<naam>"`: the first functional administrator of a
// production database (DEMO_DATA=off has no accounts at all). Prints a one-time temporary
// password unless ADMIN_PASSWORD is set; it must be changed at first login.
import { randomBytes } from 'node:crypto';
import { closeDatabase, openDatabase, transaction } from '../db/client';
import { appendAudit, installAuditKey } from '../db/queries/audit';
import { AuditKeyMissing, resolveAuditKey } from '../server/audit/key';
import { findUserByEmail, insertUser } from '../db/queries/users';
import { hashPassword } from '../server/auth/passwords';
import { loadConfig } from '../server/config';
import { CreateUserRequest } from '../shared/schemas';

const [email, name, organisation = 'Gemeente'] = process.argv.slice(2);
const temporaryPassword = process.env.ADMIN_PASSWORD || randomBytes(12).toString('base64url');
const parsed = CreateUserRequest.safeParse({ email, name, organisation, functie: 'functioneel_beheerder', temporaryPassword });
if (!parsed.success) {
  console.error('Gebruik: npm run admin:create -- <e-mailadres> "<naam>" ["<organisatie>"]');
  for (const i of parsed.error.issues) console.error(`  ${i.path.join('.')}: ${i.message}`);
  process.exit(2);
}
const config = loadConfig();
let auditKey;
try {
  auditKey = resolveAuditKey(config, { create: true });
} catch (e) {
  if (!(e instanceof AuditKeyMissing)) throw e;
  console.error(e.message);
  process.exit(2);
}
const db = await openDatabase(config.DATABASE_URL ?? config.DATABASE_PATH);
installAuditKey(db, auditKey);
if (await findUserByEmail(db, parsed.data.email)) {
  console.error(`Er bestaat al een account met e-mailadres ${parsed.data.email}.`);
  process.exit(1);
}
const passwordHash = await hashPassword(parsed.data.temporaryPassword);
await transaction(db, async (tx) => {
  const user = await insertUser(tx, { ...parsed.data, passwordHash, mustChangePassword: true });
  await appendAudit(tx, { action: 'user.created', actorLabel: 'admin:create (commandoregel)', detail: { userId: user.id, functie: user.functie } });
});
await closeDatabase(db);
console.log(`Functioneel beheerder ${parsed.data.email} aangemaakt in ${config.DATABASE_URL ? 'de PostgreSQL-database' : config.DATABASE_PATH}.`);
if (!process.env.ADMIN_PASSWORD) console.log(`Tijdelijk wachtwoord (wordt niet opnieuw getoond; wijzigen bij eerste login): ${temporaryPassword}`);
