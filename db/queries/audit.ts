// The audit trail: who looked at or changed what, when, from where. Each row carries the
// hash of the previous row, so removing or editing a row breaks the chain visibly.
import { createHash } from 'node:crypto';
import { asc, desc, gt } from 'drizzle-orm';
import type { Db, DbOrTx } from '../client';
import { nowIso } from '../client';
import { auditLog } from '../schema';

export const GENESIS_HASH = '0'.repeat(64);

export const AUDIT_ACTIONS = [
  'auth.login',
  'auth.login_failed',
  'auth.logout',
  'auth.password_changed',
  'case.create',
  'case.read',
  'case.update',
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
  'goal.action_added',
  'goal.action_updated',
  'goal.action_done',
  'goal.action_reopened',
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

export function hashAuditRow(prevHash: string, r: Omit<AuditRow, 'hash' | 'prevHash'>): string {
  const canonical = JSON.stringify([prevHash, r.seq, r.at, r.actorUserId, r.actorLabel, r.action, r.caseId, r.ip, r.detail]);
  return createHash('sha256').update(canonical).digest('hex');
}

/**
 * Appends one row. Call it inside the transaction of the change it records, so the change
 * and its audit row commit together or not at all.
 */
export function appendAudit(db: DbOrTx, entry: AuditEntry): void {
  const last = db.select({ seq: auditLog.seq, hash: auditLog.hash }).from(auditLog).orderBy(desc(auditLog.seq)).limit(1).get();
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
  db.insert(auditLog).values({ ...row, prevHash, hash: hashAuditRow(prevHash, row) }).run();
}

/** Writes a row in its own (immediate) transaction, for events that change nothing else. */
export function recordAudit(db: Db, entry: AuditEntry): void {
  db.transaction((tx) => appendAudit(tx, entry), { behavior: 'immediate' });
}

export type ChainResult =
  | { ok: true; rows: number }
  | { ok: false; rows: number; brokenSeq: number; reason: string };

/** Walks the whole chain in order; reports the first row that does not fit. */
export function verifyAuditChain(db: Db, batchSize = 5000): ChainResult {
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1;
  let rows = 0;
  for (;;) {
    const batch = db.select().from(auditLog).where(gt(auditLog.seq, expectedSeq - 1)).orderBy(asc(auditLog.seq)).limit(batchSize).all();
    if (batch.length === 0) return { ok: true, rows };
    for (const r of batch) {
      if (r.seq !== expectedSeq) return { ok: false, rows, brokenSeq: expectedSeq, reason: `rij ${expectedSeq} ontbreekt` };
      if (r.prevHash !== prevHash) return { ok: false, rows, brokenSeq: r.seq, reason: 'verwijzing naar vorige rij klopt niet' };
      const { hash, prevHash: _p, ...rest } = r;
      if (hashAuditRow(prevHash, rest) !== hash) return { ok: false, rows, brokenSeq: r.seq, reason: 'inhoud van de rij is gewijzigd' };
      prevHash = hash;
      expectedSeq += 1;
      rows += 1;
    }
  }
}
