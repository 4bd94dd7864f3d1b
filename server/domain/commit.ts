// The command runner: every change goes through here. In one immediate transaction it writes
// the change and its audit rows; after the commit it emits the change's domain events. So a
// change and its audit row commit together or not at all, and nobody hears of a change that
// did not happen. Permission is checked first, by the case gate (server/cases/gate.ts), either
// by runCaseCommand or by the command itself when it must look at the case before writing.
import { lockAuditChain, transaction, type Db, type Tx } from '../../db/client';
import { appendAudit, type AuditEntry } from '../../db/queries/audit';
import type { CaseAction } from '../../shared/permissions';
import { authorizeCase, type ForbiddenMessages, type Viewer } from '../cases/gate';
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
  audit(entry: AuditEntry): Promise<void>;
  /** An event to emit once the transaction has committed. */
  emit(event: DomainEvent): void;
}

/**
 * `services.events` may be left out only by writes that emit nothing (the sign-in flows, which
 * record a session and its audit row); emitting without a bus is a programming error.
 *
 * Commands run one at a time per database: the transaction takes the audit chain's lock
 * before it reads anything (SQLite: BEGIN IMMEDIATE; PostgreSQL: an advisory lock). So a
 * check a command makes (the four-eyes rule, a version number, "is this conference still
 * open") still holds when it writes, also when two people act at the same moment on two nodes.
 */
export async function commit<T>(
  services: Pick<CommitDeps, 'db'> & Partial<Pick<CommitDeps, 'events'>>,
  actor: Actor | null,
  write: (unit: Unit) => Promise<T> | T,
): Promise<T> {
  const events: DomainEvent[] = [];
  const result = await transaction(services.db, async (tx) => {
    await lockAuditChain(tx);
    return write({
      tx,
      audit: async (entry) => await appendAudit(tx, { actorUserId: actor?.user.id ?? null, ip: actor?.ip ?? null, ...entry }),
      emit: (event) => events.push(event),
    });
  });
  if (events.length > 0 && !services.events) throw new Error('commit: events emitted without an event bus');
  for (const event of events) services.events!.emit(event, { userId: actor?.user.id ?? null });
  return result;
}

/**
 * The case gate for `action`, then the write, in one transaction: membership is checked under
 * the same lock as the change, so someone removed from the table a moment ago cannot still write.
 */
export async function runCaseCommand<T>(
  services: CommitDeps,
  actor: Actor,
  caseId: string,
  action: CaseAction,
  write: (unit: Unit, viewer: Viewer) => Promise<T> | T,
  messages?: ForbiddenMessages,
): Promise<T> {
  return await commit(services, actor, async (unit) => write(unit, await authorizeCase(unit.tx, actor, caseId, action, messages)));
}
