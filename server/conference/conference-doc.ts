// Server-side access to a conference's live document (agenda and minutes), like plan-doc.ts
// does for the plan: reading it, and the structure made once at the start. (Changes to the
// conference's server records reach the people in it through the change feed, server/live/.)
import type * as Y from 'yjs';
import { initConference, isInitialised } from '../../shared/plan/conference';
import { conferenceRoomName } from '../../shared/plan/rooms';
import type { Services } from '../context';
import { Errors } from '../http/errors';

/** Reads the conference's current document (loading it for the call when nobody has it open). */
export async function readConferenceDoc<T>(services: Services, caseId: string, conferenceId: string, read: (doc: Y.Doc) => T): Promise<T> {
  if (!services.collab) throw Errors.internal();
  return await services.collab.rooms.withDoc(conferenceRoomName(caseId, conferenceId), (room) => read(room.doc));
}

/** Changes the conference's document on behalf of a user: stored with them as author, relayed to everyone. */
export async function changeConferenceDoc(services: Services, caseId: string, conferenceId: string, userId: string, change: (doc: Y.Doc) => void): Promise<void> {
  if (!services.collab) throw Errors.internal();
  await services.collab.rooms.withDoc(conferenceRoomName(caseId, conferenceId), (room) => room.changeAs(userId, change));
}

/** Makes the standard agenda, once. Also repairs a conference whose row was written but whose document was not. */
export async function ensureConferenceDoc(services: Services, caseId: string, conferenceId: string, userId: string): Promise<void> {
  if (await readConferenceDoc(services, caseId, conferenceId, isInitialised)) return;
  await changeConferenceDoc(services, caseId, conferenceId, userId, (doc) => initConference(doc));
}
