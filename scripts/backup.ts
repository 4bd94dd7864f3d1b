// `npm run backup [doelbestand]`: a consistent copy of the SQLite database while the server
// keeps running, through SQLite's online backup API (better-sqlite3's db.backup). The copy is
// checked before it gets its final name: integrity_check, a few row counts, and the audit
// chain with its key (the same verifier as `npm run audit:verify`). A file under the final
// name is therefore always a checked copy.
// Exit code 0 when the copy is made and sound, 1 when the check fails, 2 when the database,
// the key or the target cannot be used.
//
// The database comes from the same configuration as the server (DATABASE_PATH, AUDIT_KEY /
// AUDIT_KEY_FILE). Without a target the copy goes to backups/ beside the database, named with
// the time (UTC). The audit key is not in the copy: keep it apart from the backups.
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { closeDatabase, openDatabase, sqliteConnection } from '../db/client';
import { type ChainResult, verifyAuditChain } from '../db/queries/audit';
import { AuditKeyMissing, resolveAuditKey } from '../server/audit/key';
import { loadConfig } from '../server/config';

/** Tables whose row counts are reported: enough to see at a glance that the copy holds the installation. */
const COUNTED = ['users', 'cases', 'case_members', 'plan_versions', 'collab_updates', 'audit_log'] as const;

export interface BackupCheck {
  integrity: string;
  counts: Record<(typeof COUNTED)[number], number>;
  chain: ChainResult;
}

export function defaultBackupPath(databasePath: string, at = new Date()): string {
  const stamp = at.toISOString().replace(/\.\d+Z$/, 'Z').replaceAll(':', '-');
  const name = basename(databasePath, extname(databasePath));
  return join(dirname(resolve(databasePath)), 'backups', `${name}-${stamp}.db`);
}

/**
 * Copies the database page by page. All remaining pages go in one step, which reads one
 * snapshot (WAL lets the server keep writing meanwhile); SQLite's default of a few pages per
 * step would start over after every write the server makes between steps.
 * The copy is then switched from WAL to a plain rollback journal, so it is one self-contained
 * file (no -wal/-shm beside it); the server switches it back to WAL when it opens it.
 */
export async function backupDatabase(source: string, target: string): Promise<void> {
  const db = await openDatabase(source, { readonly: true });
  try {
    await sqliteConnection(db).backup(target, { progress: ({ totalPages }) => totalPages });
  } finally {
    await closeDatabase(db);
  }
  const copy = new Database(target);
  try {
    copy.pragma('journal_mode = DELETE');
  } finally {
    copy.close();
  }
}

/** Opens a copy read-only and checks it as a restore would need it. */
export async function checkBackup(path: string, key: Uint8Array): Promise<BackupCheck> {
  const db = await openDatabase(path, { readonly: true });
  try {
    const sqlite = sqliteConnection(db);
    const integrity = (sqlite.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check).join('; ');
    const counts = Object.fromEntries(
      COUNTED.map((table) => [table, (sqlite.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n]),
    ) as BackupCheck['counts'];
    return { integrity, counts, chain: await verifyAuditChain(db, key) };
  } finally {
    await closeDatabase(db);
  }
}

async function main(): Promise<number> {
  const config = loadConfig();
  const source = config.DATABASE_PATH;
  const target = resolve(process.argv[2] ?? defaultBackupPath(source));
  if (!existsSync(source)) {
    console.error(`De database ${source} bestaat niet; er is niets te back-uppen.`);
    return 2;
  }
  if (existsSync(target)) {
    console.error(`${target} bestaat al; een back-up overschrijft nooit een bestaand bestand.`);
    return 2;
  }
  let key;
  try {
    // The key is checked before copying: a copy whose audit trail cannot be verified is not a backup.
    key = resolveAuditKey(config, { create: false });
  } catch (e) {
    if (!(e instanceof AuditKeyMissing)) throw e;
    console.error(e.message);
    return 2;
  }

  mkdirSync(dirname(target), { recursive: true });
  const partial = `${target}.onvolledig`;
  rmSync(partial, { force: true });
  const started = performance.now();
  try {
    await backupDatabase(source, partial);
  } catch (e) {
    rmSync(partial, { force: true });
    console.error(`Back-up van ${source} mislukt: ${(e as Error).message}`);
    return 2;
  }
  const ms = Math.round(performance.now() - started);
  console.log(`Back-up gemaakt van ${source} in ${ms} ms, terwijl de server kan doordraaien.`);

  const check = await checkBackup(partial, key);
  const counts = Object.entries(check.counts)
    .map(([table, n]) => `${table} ${n}`)
    .join(', ');
  console.log(`Rijen in de kopie: ${counts}.`);
  let sound = true;
  if (check.integrity === 'ok') console.log('Integriteitscontrole (PRAGMA integrity_check): in orde.');
  else {
    sound = false;
    console.error(`Integriteitscontrole mislukt: ${check.integrity}`);
  }
  if (check.chain.ok) console.log(`Audittrail in de kopie intact: ${check.chain.rows} rijen gecontroleerd met de sleutel.`);
  else {
    sound = false;
    console.error(`Audittrail in de kopie GEBROKEN bij rij ${check.chain.brokenSeq}: ${check.chain.reason}.`);
  }
  if (!sound) {
    console.error(`De kopie is NIET in orde en blijft staan als ${partial} (niet gebruiken om terug te zetten).`);
    return 1;
  }
  renameSync(partial, target);
  console.log(`Back-up opgeslagen als ${target}.`);
  console.log('De auditsleutel zit niet in de back-up: bewaar die apart (zie README, Productie).');
  return 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = await main();
}
