// The command runner: every change goes through here. In one immediate transaction it writes
// the change and its audit rows; after the commit it emits the change's domain events. So a
// change and its audit row commit together or not at all, and nobody hears of a change that
// did not happen. Permission is checked first, by the case gate (server/cases/gate.ts), either
// by runCaseCommand or by the command itself when it must look at the case before writing.
import type { Tx } from '../../db/client';
import { appendAudit, type AuditEntry } from '../../db/queries/audit';
import type { CaseAction } from '../../shared/permissions';
import { authorizeCase, type ForbiddenMessages, type Viewer } from '../cases/gate';
import type { Db } from '../../db/client';
import type { Actor } from '../actor';
import type { DomainEvent, EventBus } from './events';

/** What the runner needs: the database, and the bus its events go out on. */
export interface CommitDeps {
  db: Db;
  events: EventBus;
}

/** What a command writes with: the transaction, its audit trail and its events. */
export interface Unit {
  tx: Tx;
  /** An audit row in this transaction; actor and address are the command's unless given. */
  audit(entry: AuditEntry): void;
  /** An event to emit once the transaction has committed. */
  emit(event: DomainEvent): void;
}

/**
 * `services.events` may be left out only by writes that emit nothing (the sign-in flows, which
 * record a session and its audit row); emitting without a bus is a programming error.
 */
export function commit<T>(services: Pick<CommitDeps, 'db'> & Partial<Pick<CommitDeps, 'events'>>, actor: Actor | null, write: (unit: Unit) => T): T {
  const events: DomainEvent[] = [];
  const result = services.db.transaction(
    (tx) =>
      write({
        tx,
        audit: (entry) => appendAudit(tx, { actorUserId: actor?.user.id ?? null, ip: actor?.ip ?? null, ...entry }),
        emit: (event) => events.push(event),
      }),
    { behavior: 'immediate' },
  );
  if (events.length > 0 && !services.events) throw new Error('commit: events emitted without an event bus');
  for (const event of events) services.events!.emit(event, { userId: actor?.user.id ?? null });
  return result;
}

/** The case gate for `action`, then commit: the common shape of a command on one case. */
export function runCaseCommand<T>(
  services: CommitDeps,
  actor: Actor,
  caseId: string,
  action: CaseAction,
  write: (unit: Unit, viewer: Viewer) => T,
  messages?: ForbiddenMessages,
): T {
  const viewer = authorizeCase(services.db, actor, caseId, action, messages);
  return commit(services, actor, (unit) => write(unit, viewer));
}
