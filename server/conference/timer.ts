// The shared timer, derived from the chair's append-only events. Times are the server's own
// (the event rows), never a client's: clients get the server's `now` with the state and
// compute the remaining time from that.
import type { TimerEventRow } from '../../db/queries/conference';
import type { TimerItemState, TimerState } from '../../shared/schemas';

interface Running {
  minutes: number | null;
  elapsedMs: number;
  runningSinceMs: number | null;
}

export function timerState(events: TimerEventRow[]): TimerState {
  const items = new Map<string, Running>();
  let currentItemId: string | null = null;
  const pause = (s: Running, at: number) => {
    if (s.runningSinceMs === null) return;
    s.elapsedMs += Math.max(0, at - s.runningSinceMs);
    s.runningSinceMs = null;
  };
  for (const e of events) {
    const at = Date.parse(e.at);
    let s = items.get(e.itemId);
    if (!s) items.set(e.itemId, (s = { minutes: null, elapsedMs: 0, runningSinceMs: null }));
    switch (e.action) {
      case 'start':
        // One item runs at a time: starting another pauses the one that ran.
        for (const [id, other] of items) if (id !== e.itemId) pause(other, at);
        if (s.runningSinceMs === null) s.runningSinceMs = at;
        s.minutes = e.minutes;
        currentItemId = e.itemId;
        break;
      case 'pauze':
        pause(s, at);
        break;
      case 'reset':
        s.elapsedMs = 0;
        s.runningSinceMs = null;
        break;
    }
  }
  const view: TimerItemState[] = [...items].map(([itemId, s]) => ({
    itemId,
    minutes: s.minutes,
    elapsedMs: Math.round(s.elapsedMs),
    runningSince: s.runningSinceMs === null ? null : new Date(s.runningSinceMs).toISOString(),
  }));
  return { currentItemId, items: view };
}

export function isRunning(state: TimerState, itemId: string): boolean {
  return state.items.some((i) => i.itemId === itemId && i.runningSince !== null);
}
