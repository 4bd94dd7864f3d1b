// Where the audit chain's key and checkpoints live: outside the database, from configuration.
// A production installation names the key (AUDIT_KEY or AUDIT_KEY_FILE, kept apart from the
// database and its backups); a try-out on a laptop gets a random key in a file beside the
// database, made once, readable by its owner only.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Config } from '../config';

type KeyConfig = Pick<Config, 'AUDIT_KEY' | 'AUDIT_KEY_FILE' | 'AUDIT_CHECKPOINT_FILE' | 'DATABASE_PATH' | 'DEMO_DATA'>;

export class AuditKeyMissing extends Error {}

/** The try-out's key file and checkpoint file sit next to the database file. */
const besideDatabase = (databasePath: string, name: string) => join(dirname(resolve(databasePath)), name);

export function defaultKeyFile(databasePath: string): string {
  return besideDatabase(databasePath, 'audit.key');
}

export function checkpointFileOf(config: Pick<Config, 'AUDIT_CHECKPOINT_FILE' | 'DATABASE_PATH'>): string {
  return config.AUDIT_CHECKPOINT_FILE ?? besideDatabase(config.DATABASE_PATH, 'audit-checkpoints.jsonl');
}

function readKeyFile(path: string): Buffer {
  const text = readFileSync(path, 'utf8').trim();
  if (text.length < 32) throw new AuditKeyMissing(`De auditsleutel in ${path} is korter dan 32 tekens.`);
  return Buffer.from(text, 'utf8');
}

/**
 * The key for writing (create: true makes the try-out's file when it is missing) or for
 * verifying. Throws AuditKeyMissing with a Dutch message when there is none to be had.
 */
export function resolveAuditKey(config: KeyConfig, opts: { create: boolean }): Buffer {
  if (config.AUDIT_KEY) return Buffer.from(config.AUDIT_KEY, 'utf8');
  if (config.AUDIT_KEY_FILE) {
    if (!existsSync(config.AUDIT_KEY_FILE)) throw new AuditKeyMissing(`AUDIT_KEY_FILE ${config.AUDIT_KEY_FILE} bestaat niet.`);
    return readKeyFile(config.AUDIT_KEY_FILE);
  }
  const file = defaultKeyFile(config.DATABASE_PATH);
  if (existsSync(file)) return readKeyFile(file);
  if (!opts.create) throw new AuditKeyMissing(`Geen auditsleutel: zet AUDIT_KEY of AUDIT_KEY_FILE (of leg ${file} ernaast).`);
  if (!config.DEMO_DATA) {
    throw new AuditKeyMissing(
      'Zet AUDIT_KEY of AUDIT_KEY_FILE: in productie (DEMO_DATA=off) staat de sleutel van de audittrail buiten de database en haar back-ups.',
    );
  }
  // The key comes before the database (see startServer): on a fresh checkout its folder (data/) does not exist yet.
  mkdirSync(dirname(file), { recursive: true });
  // 'wx': never overwrite a key that another process made a moment ago.
  try {
    writeFileSync(file, `${randomBytes(32).toString('base64url')}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  return readKeyFile(file);
}
