// What moves in the live rooms when something is decided: the rooms' reactions to domain
// events. Commands only emit events (server/domain/commit.ts); this is the one place that turns
// them into re-checks and closes of open sockets. That a server record changed reaches the
// people who have it open through the change feed (server/live/feed-reactions.ts), not through
// the rooms' documents: a counter in a shared document would be stored as an edit of the plan,
// and would have to be kept out of the rooms that partners and the household sit in.
import type { Services } from '../context';

export function subscribeRoomReactions(services: Services): void {
  const { events } = services;
  const collab = () => services.collab;

  // A closed conference's room is refused from then on (its frozen copy is the record): the
  // sockets in it are closed now, which is how the people in it learn of the close.
  events.on('conference.changed', async (e) => {
    if (e.closed) await collab()?.revalidateRooms((r) => r.kind === 'overleg' && r.conferenceId === e.conferenceId);
  });
  events.on('case.access_changed', (e) => collab()?.revalidateCase(e.caseId));
  events.on('breakthrough.changed', async (e) => {
    if (e.accessEnded) await collab()?.revalidateCase(e.caseId);
  });
  events.on('intervision.changed', (e) => collab()?.revalidateRooms((r) => r.kind === 'intervisie' && r.sessionId === e.sessionId));
  events.on('sessions.ended', (e) => collab()?.disconnect({ sessionIds: e.sessionIds, userId: e.userId }));
}
