// Read access for the mandate holder a request waits for. It starts when the request reaches
// them and ends with their decision (or a withdrawal); both are audited in the transaction of
// the change that causes them. Members already read the case: they get no grant.
import type { Tx } from '../../db/client';
import { appendAudit } from '../../db/queries/audit';
import { findActiveMembership } from '../../db/queries/cases';
import { endTemporaryAccess, startTemporaryAccess } from '../../db/queries/temporary-access';
import type { Actor } from '../context';

export async function grantReadAccess(tx: Tx, actor: Actor, caseId: string, requestId: string, userId: string): Promise<void> {
  if (await findActiveMembership(tx, caseId, userId)) return;
  await startTemporaryAccess(tx, { caseId, userId, requestId });
  await appendAudit(tx, { action: 'temporary_access.started', actorUserId: actor.user.id, caseId, ip: actor.ip, detail: { requestId, userId } });
}

/** Ends every open grant of the request; returns whether any ended (then open sockets must be re-checked). */
export async function endReadAccess(tx: Tx, actor: Actor, caseId: string, requestId: string, reason: string): Promise<boolean> {
  const ended = await endTemporaryAccess(tx, requestId);
  for (const userId of ended) {
    await appendAudit(tx, { action: 'temporary_access.ended', actorUserId: actor.user.id, caseId, ip: actor.ip, detail: { requestId, userId, reason } });
  }
  return ended.length > 0;
}
