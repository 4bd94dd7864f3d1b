// Ending sessions: logout at the provider (back-channel), a refused re-check, password login
// switched off. The session rows go from the database, which every node reads, so no node
// accepts those sessions again; then the live sockets opened with them are closed.
//
// One node today: the sessions.ended event closes the sockets in this process
// (server/live/reactions.ts). When the product runs on several nodes, that event travels on the
// bus between nodes and every node closes its own sockets for it.
// (Until then a node that missed it would still close such a socket within COLLAB_PING_MS,
// because every ping re-reads the session.)
import type { AuditEntry } from '../../db/queries/audit';
import { deleteSessionsById } from '../../db/queries/identity';
import { commit, type CommitDeps } from '../domain/commit';

/** Ends these sessions (and so their sockets); `audit` is the row that says why, written with it. */
export async function endSessions(services: CommitDeps, sessionIds: string[], audit?: AuditEntry): Promise<void> {
  if (sessionIds.length === 0 && !audit) return;
  await commit(services, null, async ({ tx, audit: write, emit }) => {
    await deleteSessionsById(tx, sessionIds);
    if (audit) await write(audit);
    if (sessionIds.length > 0) emit({ type: 'sessions.ended', sessionIds });
  });
}
