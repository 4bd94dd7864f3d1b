// Which topics of the change feed each domain event moves (shared/feed.ts), and whether only
// municipal staff may hear of it. The feed itself (server/live/feed.ts) decides per user who
// receives a notice; this file only says what changed. Events that may change someone's
// Postvak also ask the feed to recompute it for the connected users.
import type { CaseTopic } from '../../shared/feed';
import type { DomainEvent, EventBus } from '../domain/events';
import type { Feed } from './feed-port';

interface Moves {
  caseId: string;
  topics: CaseTopic[];
  /** Internal to the municipality: never a notice for partners or the household. */
  staffOnly: boolean;
  inbox: boolean;
}

/** What an event moves; null for events that are not about one case's records. */
export function movesOf(e: DomainEvent): Moves | null {
  switch (e.type) {
    case 'case.access_changed':
      return { caseId: e.caseId, topics: ['members', 'case'], staffOnly: false, inbox: true };
    case 'case.changed':
      return { caseId: e.caseId, topics: ['case', 'stuck'], staffOnly: false, inbox: true };
    case 'deviation.changed':
      // Step 5 of a vraagstuk shows the deviations it rests on, with their status.
      return { caseId: e.caseId, topics: ['deviations', 'stuck'], staffOnly: e.internal, inbox: true };
    case 'vraagstuk.changed':
      return { caseId: e.caseId, topics: ['vraagstukken', 'stuck'], staffOnly: e.internal, inbox: true };
    case 'goal.changed':
      return { caseId: e.caseId, topics: ['goals', 'stuck'], staffOnly: false, inbox: true };
    case 'plan.version_adopted':
      return { caseId: e.caseId, topics: ['versions', 'stuck'], staffOnly: false, inbox: true };
    case 'plan.edited':
      return { caseId: e.caseId, topics: ['history'], staffOnly: e.internal, inbox: false };
    case 'conference.changed':
      return { caseId: e.caseId, topics: ['conference', 'stuck'], staffOnly: false, inbox: true };
    case 'breakthrough.changed':
      // Breakthrough requests are for municipal staff only (server/breakthroughs/views.ts seesRequests).
      return { caseId: e.caseId, topics: ['breakthroughs', 'stuck'], staffOnly: true, inbox: true };
    case 'resident.changed':
      return { caseId: e.caseId, topics: ['resident'], staffOnly: false, inbox: true };
    case 'intervision.changed':
    case 'sessions.ended':
      return null;
  }
}

export function subscribeFeed(events: EventBus, feed: Feed): void {
  const onCase = (e: DomainEvent) => {
    const moves = movesOf(e);
    if (!moves) return;
    for (const topic of moves.topics) feed.publish(moves.caseId, topic, moves.staffOnly);
    if (moves.inbox) feed.inboxMayHaveChanged(moves.caseId);
  };
  for (const type of ['case.access_changed', 'case.changed', 'deviation.changed', 'vraagstuk.changed', 'goal.changed', 'plan.version_adopted', 'plan.edited', 'conference.changed', 'breakthrough.changed', 'resident.changed'] as const) {
    events.on(type, onCase);
  }
  events.on('sessions.ended', (e) => feed.endSessions({ sessionIds: e.sessionIds, userId: e.userId }));
}
