// The audit trail: who looked at or changed what, when, from where. Each row carries the
// hash of the previous row, so removing or editing a row breaks the chain visibly.
//
// The chain is keyed: a row's hash is an HMAC-SHA256 under a key that lives outside the
// database (configuration, server/audit/key.ts). Someone who can write the database file can
// still drop the triggers and edit rows, but cannot compute the hashes that would hide it.
// Truncating the newest rows leaves a valid chain, which is why the head is also written
// to checkpoints outside the database (server/audit/checkpoints.ts).
import { createHash, createHmac } from 'node:crypto';
import { asc, desc, eq, gt } from 'drizzle-orm';
import type { Db, DbOrTx } from '../client';
import { lockAuditChain, nowIso, rootOf, transaction } from '../client';
import { auditLog } from '../schema';

export const GENESIS_HASH = '0'.repeat(64);

export const AUDIT_ACTIONS = [
  'auth.login',
  'auth.login_failed',
  'auth.logout',
  'auth.password_changed',
  // sign-in through identity providers (server/auth/oidc/)
  'auth.backchannel_logout',
  'auth.session_refused',
  'auth.settings_set',
  'oidc.provider_set',
  'oidc.provider_removed',
  'oidc.group_functie_set',
  'oidc.group_functie_removed',
  'oidc.link_requested',
  'oidc.link_approved',
  'oidc.link_rejected',
  'oidc.identity_removed',
  'user.functie_set',
  'case.create',
  'case.read',
  // A read of case content through any GET route, the first per person, case, day and kind (server/cases/reads.ts).
  'case.content_read',
  'case.member_added',
  'case.member_changed',
  'case.member_removed',
  'case.regisseur_assigned',
  'case.closed',
  'case.reopened',
  'user.created',
  'user.updated',
  'user.password_reset',
  'collab.join',
  /** The server closed a live connection for breaking a rule (forged client id, flood, too many ids). */
  'collab.refused',
  'plan.version_adopted',
  'plan.version_opened',
  'deviation.proposed',
  'deviation.approved',
  'deviation.rejected',
  'deviation.revoked',
  'mandate_rule.set',
  'catalogue.article_added',
  'catalogue.article_replaced',
  'catalogue.article_ended',
  'catalogue.responsibility_set',
  'vraagstuk.opened',
  'verdict.signed',
  'vraagstuk.concluded',
  'vraagstuk.reopened',
  'vraagstuk.deviation_linked',
  'vraagstuk.deviation_unlinked',
  'case.stuck_flagged',
  'case.stuck_cleared',
  'case.lead_taken',
  'case.lead_released',
  'case.cluster_set',
  'breakthrough.submitted',
  'breakthrough.granted',
  'breakthrough.refused',
  'breakthrough.returned',
  'breakthrough.escalated',
  'breakthrough.exported',
  'breakthrough.withdrawn',
  'breakthrough.outcome_recorded',
  'temporary_access.started',
  'temporary_access.ended',
  'signal_setting.set',
  'breakthrough_routing.set',
  'knelpunten.viewed',
  'knelpunten.exported',
  'conference.started',
  'conference.closed',
  'conference.attendance_set',
  'conference.timer',
  'conference.decision_noted',
  'conference.opened',
  'intervision.created',
  'intervision.participant_added',
  'intervision.closed',
  'successstory.published',
  'intervision.review_resolved',
  'intervision.released',
  'successstory.submitted',
  'successstory.review_resolved',
  'resident.goal_agreed',
  'resident.comment_added',
  'resident.accesslog_read',
  'dossier.exported',
  // goals (doelen)
  'goal.created',
  'goal.updated',
  'goal.status_changed',
  'goal.household_agreed',
  'goal.agreement_withdrawn',
  'goal.withdrawn',
  'goal.action_added',
  'goal.action_updated',
  'goal.action_done',
  'goal.action_reopened',
  // the audit trail itself: its newest checkpoint outside the database does not match it
  'audit.checkpoint_mismatch',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export interface AuditEntry {
  action: AuditAction;
  actorUserId?: string | null;
  actorLabel?: string | null;
  caseId?: string | null;
  ip?: string | null;
  detail?: Record<string, unknown>;
}

type AuditRow = typeof auditLog.$inferSelect;
type HashedFields = Omit<AuditRow, 'hash' | 'prevHash'>;

/** Keyed hashes carry this prefix. Rows without it were written before the chain had a key (SHA-256 only). */
export const KEYED_PREFIX = 'hmac:';
/** The key each open database signs its new rows with; it never enters the database. */
const auditKeys = new WeakMap<Db, Buffer>();

/** The exact bytes a row's hash covers: the previous hash and every field, in a fixed order. */
export function canonicalAuditRow(prevHash: string, r: HashedFields): string {
  return JSON.stringify([prevHash, r.seq, r.at, r.actorUserId, r.actorLabel, r.action, r.caseId, r.ip, r.detail]);
}

export function macAuditRow(key: Uint8Array, prevHash: string, r: HashedFields): string {
  return KEYED_PREFIX + createHmac('sha256', key).update(canonicalAuditRow(prevHash, r)).digest('hex');
}

/** The hash of a row from before the key (kept so that older trails still verify up to the first keyed row). */
export function legacyHashAuditRow(prevHash: string, r: HashedFields): string {
  return createHash('sha256').update(canonicalAuditRow(prevHash, r)).digest('hex');
}

/**
 * Gives this open database the key, so appendAudit can sign rows. The key stays in the
 * process, never written to the database. A database opened without it cannot write audit
 * rows at all (and so cannot change anything that is audited).
 */
export function installAuditKey(db: Db, key: Uint8Array): void {
  if (key.byteLength < 32) throw new Error('De auditsleutel moet minstens 32 bytes zijn.');
  auditKeys.set(rootOf(db), Buffer.from(key));
}

/**
 * Appends one row. Call it inside the transaction of the change it records, so the change
 * and its audit row commit together or not at all.
 */
export async function appendAudit(db: DbOrTx, entry: AuditEntry): Promise<void> {
  if (!db.$inTransaction) throw new Error('appendAudit: only inside a transaction');
  const key = auditKeys.get(rootOf(db));
  if (!key) throw new Error('appendAudit: this database has no audit key (installAuditKey)');
  // One writer at a time extends the chain: two transactions that both read the same last row
  // would fork it. SQLite has one writer anyway; PostgreSQL waits here until the other commits.
  await lockAuditChain(db);
  const last = (await db.select({ seq: auditLog.seq, hash: auditLog.hash }).from(auditLog).orderBy(desc(auditLog.seq)).limit(1))[0];
  const row = {
    seq: (last?.seq ?? 0) + 1,
    at: nowIso(),
    actorUserId: entry.actorUserId ?? null,
    actorLabel: entry.actorLabel ?? null,
    action: entry.action,
    caseId: entry.caseId ?? null,
    ip: entry.ip ?? null,
    detail: JSON.stringify(entry.detail ?? {}),
  };
  const prevHash = last?.hash ?? GENESIS_HASH;
  await db.insert(auditLog).values({ ...row, prevHash, hash: macAuditRow(key, prevHash, row) });
}

/** Writes a row in its own transaction, for events that change nothing else. */
export async function recordAudit(db: Db, entry: AuditEntry): Promise<void> {
  await transaction(db, async (tx) => await appendAudit(tx, entry));
}

/** The newest row: what a checkpoint records. */
export async function auditHead(db: DbOrTx): Promise<{ seq: number; hash: string } | null> {
  return (await db.select({ seq: auditLog.seq, hash: auditLog.hash }).from(auditLog).orderBy(desc(auditLog.seq)).limit(1))[0] ?? null;
}

export async function auditHashAt(db: DbOrTx, seq: number): Promise<string | null> {
  return (await db.select({ hash: auditLog.hash }).from(auditLog).where(eq(auditLog.seq, seq)))[0]?.hash ?? null;
}

export type ChainResult =
  | { ok: true; rows: number; unkeyedRows: number }
  | { ok: false; rows: number; brokenSeq: number; reason: string };

/**
 * Walks the whole chain in order with the key; reports the first row that does not fit.
 * Rows from before the key (no prefix) are accepted only at the start of the trail: an
 * unkeyed row after a keyed one is a forgery by someone without the key.
 */
export async function verifyAuditChain(db: Db, key: Uint8Array, batchSize = 5000): Promise<ChainResult> {
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1;
  let rows = 0;
  let unkeyedRows = 0;
  let keyed = false;
  for (;;) {
    const batch = await db.select().from(auditLog).where(gt(auditLog.seq, expectedSeq - 1)).orderBy(asc(auditLog.seq)).limit(batchSize);
    if (batch.length === 0) return { ok: true, rows, unkeyedRows };
    for (const r of batch) {
      if (r.seq !== expectedSeq) return { ok: false, rows, brokenSeq: expectedSeq, reason: `rij ${expectedSeq} ontbreekt` };
      if (r.prevHash !== prevHash) return { ok: false, rows, brokenSeq: r.seq, reason: 'verwijzing naar vorige rij klopt niet' };
      const { hash, prevHash: _p, ...rest } = r;
      if (hash.startsWith(KEYED_PREFIX)) {
        keyed = true;
        if (macAuditRow(key, prevHash, rest) !== hash) return { ok: false, rows, brokenSeq: r.seq, reason: 'inhoud van de rij is gewijzigd of de hash is zonder de sleutel herberekend' };
      } else {
        if (keyed) return { ok: false, rows, brokenSeq: r.seq, reason: 'rij zonder sleutel na rijen met sleutel (herberekend)' };
        if (legacyHashAuditRow(prevHash, rest) !== hash) return { ok: false, rows, brokenSeq: r.seq, reason: 'inhoud van de rij is gewijzigd' };
        unkeyedRows += 1;
      }
      prevHash = hash;
      expectedSeq += 1;
      rows += 1;
    }
  }
}
