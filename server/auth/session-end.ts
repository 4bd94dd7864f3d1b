// Ending sessions: logout at the provider (back-channel), a refused re-check, password login
// switched off. The session rows go from the database, which every node reads, so no node
// accepts those sessions again; then the live sockets opened with them are closed.
//
// One node today: closing sockets is a call into this process's collab server. When the
// product runs on several nodes, only this function changes: it publishes the same
// { sessionIds } on the bus between nodes and every node calls collab.disconnect for it.
// (Until then a node that missed it would still close such a socket within COLLAB_PING_MS,
// because every ping re-reads the session.)
import type { AuditEntry } from '../../db/queries/audit';
import { appendAudit } from '../../db/queries/audit';
import { deleteSessionsById } from '../../db/queries/identity';
import type { Services } from '../context';

export function endSessions(services: Pick<Services, 'db' | 'collab'>, sessionIds: string[], audit?: AuditEntry): void {
  if (sessionIds.length === 0 && !audit) return;
  services.db.transaction(
    (tx) => {
      deleteSessionsById(tx, sessionIds);
      if (audit) appendAudit(tx, audit);
    },
    { behavior: 'immediate' },
  );
  if (sessionIds.length > 0) services.collab?.disconnect({ sessionIds });
}
