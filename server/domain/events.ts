// Domain events: what happened, said once, after the transaction that made it happen has
// committed. Commands never call room code, the inbox or other features directly; they emit an
// event (server/domain/commit.ts) and whoever must react subscribes here: the live rooms
// (server/live/reactions.ts) and the change feed of server records (server/live/feed-reactions.ts).
// With several nodes, the bus between nodes goes into the feed's fan-out (server/live/feed.ts).
//
// `internal` says the subject is internal to the municipality (an internal deviation, a link to
// one): subscribers must not let such an event reach partners or the household, not even as a
// moving counter.

export type DomainEvent =
  /** Membership, status or regisseur changed: who may be in the case's rooms, and how, is re-checked. */
  | { type: 'case.access_changed'; caseId: string }
  /** Case facts shown beside the plan changed (stuck flag, lead, cluster): no rights involved. */
  | { type: 'case.changed'; caseId: string }
  | { type: 'deviation.changed'; caseId: string; deviationId: string; internal: boolean }
  | { type: 'vraagstuk.changed'; caseId: string; vraagstukId: string; internal: boolean }
  | { type: 'goal.changed'; caseId: string }
  | { type: 'plan.version_adopted'; caseId: string; number: number }
  /** An edit to the plan (or, internal, the internal room) was stored: its history grew. Many per minute while someone types. */
  | { type: 'plan.edited'; caseId: string; internal: boolean }
  | { type: 'conference.changed'; caseId: string; conferenceId: string; closed: boolean }
  /** A breakthrough request moved on; `accessEnded` when a temporary read grant ended with it. */
  | { type: 'breakthrough.changed'; caseId: string; requestId: string; accessEnded: boolean }
  | { type: 'resident.changed'; caseId: string }
  /** Who takes part in an intervision session, or whether it is open or released, changed. */
  | { type: 'intervision.changed'; sessionId: string }
  /** Sessions ended (logout, provider logout, password change) or all of a user's (deactivated, reset). */
  | { type: 'sessions.ended'; sessionIds: string[]; userId?: string };

export type DomainEventType = DomainEvent['type'];
export type EventOf<T extends DomainEventType> = Extract<DomainEvent, { type: T }>;

/** Who caused an event: the acting user, for what a subscriber writes in their name (a room signal). */
export interface EventSource {
  userId: string | null;
}

/** A subscriber may be async (it reads the database); its failure is logged like a thrown one. */
type Handler<T extends DomainEventType> = (event: EventOf<T>, source: EventSource) => void | Promise<void>;

export class EventBus {
  private readonly handlers = new Map<DomainEventType, Handler<DomainEventType>[]>();

  on<T extends DomainEventType>(type: T, handler: Handler<T>): void {
    const list = this.handlers.get(type) ?? [];
    list.push(handler as unknown as Handler<DomainEventType>);
    this.handlers.set(type, list);
  }

  /**
   * Tells every subscriber. The change is committed already, so a failing subscriber must not
   * turn a successful command into an error: it is logged, and the others still hear of it.
   */
  emit(event: DomainEvent, source: EventSource): void {
    for (const handler of this.handlers.get(event.type) ?? []) {
      const failed = (error: unknown) => console.error(`[gebeurtenis] ${event.type}: afhandelen mislukt`, error);
      try {
        const result = handler(event as EventOf<DomainEventType>, source);
        if (result instanceof Promise) result.catch(failed);
      } catch (error) {
        failed(error);
      }
    }
  }
}
