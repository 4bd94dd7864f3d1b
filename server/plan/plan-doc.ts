// Server-side access to a case's live plan document, for the records that are decided on the
// server but shown beside (or built into) the co-edited drafts.
import type * as Y from 'yjs';
import { roomName } from '../../shared/plan/rooms';
import type { Services } from '../context';
import { Errors } from '../http/errors';

/** Reads the plan's current document (loading it for the call when nobody has it open). */
export async function readPlanDoc<T>(services: Services, caseId: string, read: (doc: Y.Doc) => T): Promise<T> {
  if (!services.collab) throw Errors.internal();
  return await services.collab.rooms.withDoc(roomName(caseId, 'plan'), (room) => read(room.doc));
}

/** Changes the plan's document on behalf of a user: stored with them as author, relayed to everyone. */
export async function changePlanDoc(services: Services, caseId: string, userId: string, change: (doc: Y.Doc) => void): Promise<void> {
  if (!services.collab) throw Errors.internal();
  await services.collab.rooms.withDoc(roomName(caseId, 'plan'), (room) => room.changeAs(userId, change));
}
