// Server-side access to a case's live plan document, for the records that are decided on the
// server but shown beside (or built into) the co-edited drafts.
import type * as Y from 'yjs';
import { findOpenConference } from '../../db/queries/conference';
import { bumpSignal, type Signal } from '../../shared/plan/signals';
import { roomName } from '../../shared/plan/rooms';
import { signalConference } from '../conference/conference-doc';
import type { Services } from '../context';
import { Errors } from '../http/errors';

/** Reads the plan's current document (loading it for the call when nobody has it open). */
export function readPlanDoc<T>(services: Services, caseId: string, read: (doc: Y.Doc) => T): T {
  if (!services.collab) throw Errors.internal();
  return services.collab.rooms.withDoc(roomName(caseId, 'plan'), (room) => read(room.doc));
}

/** Changes the plan's document on behalf of a user: stored with them as author, relayed to everyone. */
export function changePlanDoc(services: Services, caseId: string, userId: string, change: (doc: Y.Doc) => void): void {
  if (!services.collab) throw Errors.internal();
  services.collab.rooms.withDoc(roomName(caseId, 'plan'), (room) => room.changeAs(userId, change));
}

/**
 * Tells everyone with the plan open that a server record changed. Call after the commit.
 * A decision in the reverse test or the register ('toets') is also news at a running
 * conference, which lists the decisions taken during the meeting as they happen.
 *
 * A change to something internal (an internal deviation) is signalled in the internal room
 * only: a counter that moves in the shared plan or at the conference table would tell
 * partners and the household that something they cannot see was decided.
 */
export function signalChange(services: Services, caseId: string, userId: string, signal: Signal, opts: { internal?: boolean } = {}): void {
  if (!services.collab) return;
  if (opts.internal) {
    services.collab.rooms.withDoc(roomName(caseId, 'intern'), (room) => room.changeAs(userId, (doc) => bumpSignal(doc, signal)));
    return;
  }
  changePlanDoc(services, caseId, userId, (doc) => bumpSignal(doc, signal));
  if (signal !== 'toets') return;
  const running = findOpenConference(services.db, caseId);
  if (running) signalConference(services, caseId, running.id, userId);
}
