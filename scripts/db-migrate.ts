// `npm run db:migrate`: brings the configured database's schema up to date.
// - SQLite (DATABASE_PATH): the same migrations the server applies when it opens the file.
// - PostgreSQL (DATABASE_URL): run as the schema's owner. The server itself never migrates
//   PostgreSQL (its role may not change the schema); it refuses to start on an older schema.
//   `-- --grant-role NAME` then (re)grants the application role its rights: SELECT and INSERT
//   everywhere, UPDATE and DELETE only where no append-only trigger forbids them.
import { closeDatabase, describeDatabase, openDatabase } from '../db/client';
import { describePostgresUrl, grantAppRole, migratePostgres, pendingPostgresMigrations } from '../db/engines/postgres';
import pg from 'pg';
import { loadConfig } from '../server/config';

const config = loadConfig();
const roleAt = process.argv.indexOf('--grant-role');
const role = roleAt >= 0 ? process.argv[roleAt + 1] : undefined;
if (roleAt >= 0 && !role) {
  console.error('Gebruik: npm run db:migrate -- --grant-role <rolnaam>');
  process.exit(2);
}

if (config.DATABASE_URL) {
  const url = config.DATABASE_URL;
  const owner = new pg.Pool({ connectionString: url, max: 1 });
  try {
    const before = await pendingPostgresMigrations(owner);
    await migratePostgres(url);
    console.log(before.length > 0 ? `PostgreSQL ${describePostgresUrl(url)}: ${before.length} migratie(s) toegepast (${before.join(', ')}).` : `PostgreSQL ${describePostgresUrl(url)}: al bij.`);
    if (role) {
      await grantAppRole(owner, role);
      console.log(`Rechten voor rol ${role} gezet.`);
    }
  } catch (error) {
    console.error(`Migreren mislukt: ${(error as Error).message}`);
    process.exitCode = 1;
  } finally {
    await owner.end();
  }
} else {
  if (role) {
    console.error('--grant-role geldt alleen voor PostgreSQL (DATABASE_URL).');
    process.exit(2);
  }
  const db = await openDatabase(config.DATABASE_PATH);
  console.log(`${describeDatabase(db)}: bijgewerkt.`);
  await closeDatabase(db);
}
