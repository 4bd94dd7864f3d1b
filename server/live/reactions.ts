// What moves live when something is decided: the rooms' reactions to domain events. Commands
// only emit events (server/domain/commit.ts); this is the one place that turns them into
// signals in the live documents and into re-checks of open sockets.
//
// Signals are counters in a room's Y.Doc (shared/plan/signals.ts): clients that see one move
// fetch the records again. Internal events move counters in the internal room only.
import { findOpenConference } from '../../db/queries/conference';
import { signalConference } from '../conference/conference-doc';
import type { Services } from '../context';
import { signalPlan } from '../plan/plan-doc';

export function subscribeRoomReactions(services: Services): void {
  const { events } = services;
  const collab = () => services.collab;

  /** A decision in the reverse test or the register: news in the plan and at a running conference. */
  const toets = (caseId: string, userId: string | null, internal: boolean) => {
    if (!userId) return;
    signalPlan(services, caseId, userId, 'toets', internal);
    // Partners and the household sit at the conference table: internal news stays out of its room.
    if (internal) return;
    const running = findOpenConference(services.db, caseId);
    if (running) signalConference(services, caseId, running.id, userId);
  };

  events.on('deviation.changed', (e, by) => toets(e.caseId, by.userId, e.internal));
  events.on('vraagstuk.changed', (e, by) => toets(e.caseId, by.userId, e.internal));
  events.on('goal.changed', (e, by) => by.userId && signalPlan(services, e.caseId, by.userId, 'doelen', false));
  events.on('conference.changed', (e, by) => {
    // A closed conference's room is refused from then on (its frozen copy is the record): the
    // sockets in it are closed now, which is how the people in it learn of the close.
    if (e.closed) collab()?.revalidateRooms((r) => r.kind === 'overleg' && r.conferenceId === e.conferenceId);
    else if (by.userId) signalConference(services, e.caseId, e.conferenceId, by.userId);
  });
  events.on('case.access_changed', (e) => collab()?.revalidateCase(e.caseId));
  events.on('breakthrough.changed', (e) => {
    if (e.accessEnded) collab()?.revalidateCase(e.caseId);
  });
  events.on('intervision.changed', (e) => collab()?.revalidateRooms((r) => r.kind === 'intervisie' && r.sessionId === e.sessionId));
  events.on('sessions.ended', (e) => collab()?.disconnect({ sessionIds: e.sessionIds, userId: e.userId }));
}
