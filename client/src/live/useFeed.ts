// The change feed (GET /api/feed, shared/feed.ts) on the client: one EventSource per tab,
// shared by every view that shows a server record. A view says which case and topics it shows
// and how to fetch them again; a notice carries no content, so the view fetches through the
// ordinary routes. The stream reconnects by itself; after a reconnect every view fetches once,
// since notices may have been missed meanwhile. No polling: without notices nothing is fetched.
import { useEffect, useRef } from 'react';
import { FEED_EVENTS, type FeedByeReason, type FeedNotice, type FeedTopic } from '../../../shared/feed';

interface Listener {
  caseId: string | null;
  topics: readonly FeedTopic[];
  onChange: () => void;
}

/** A view over many cases (the werkbak, the stuck overview) hears every case the server lets this user hear. */
export const ANY_CASE = '*';
/** How often such an overview fetches at most. */
const OVERVIEW_MS = 1000;

const FIRST_RETRY_MS = 2000;
const MAX_RETRY_MS = 60_000;
/** A view that unmounts and another that mounts right after (navigation) keep the same stream. */
const IDLE_CLOSE_MS = 5000;

const listeners = new Set<Listener>();
let source: EventSource | null = null;
let opened = false;
let retryMs = FIRST_RETRY_MS;
let retryTimer: ReturnType<typeof setTimeout> | undefined;
let idleTimer: ReturnType<typeof setTimeout> | undefined;

function tell(matches: (l: Listener) => boolean) {
  for (const l of [...listeners]) {
    if (!matches(l)) continue;
    try {
      l.onChange();
    } catch (error) {
      console.error('[feed] verversen mislukt', error);
    }
  }
}

function drop() {
  source?.close();
  source = null;
}

/** The stream is gone for good (refused, or the server stops): try again later, a little later each time. */
function retryLater() {
  drop();
  if (retryTimer || listeners.size === 0) return;
  retryTimer = setTimeout(() => {
    retryTimer = undefined;
    connect();
  }, retryMs);
  retryMs = Math.min(retryMs * 2, MAX_RETRY_MS);
}

function connect() {
  if (source || listeners.size === 0 || typeof EventSource === 'undefined') return;
  const es = new EventSource('/api/feed');
  source = es;
  es.addEventListener(FEED_EVENTS.ready, () => {
    retryMs = FIRST_RETRY_MS;
    // Not the first stream of this tab: what changed while it was away is unknown, so everyone fetches.
    if (opened) tell(() => true);
    opened = true;
  });
  es.addEventListener(FEED_EVENTS.change, (e) => {
    const n = JSON.parse((e as MessageEvent<string>).data) as FeedNotice;
    tell((l) => l.topics.includes(n.topic) && (n.topic === 'inbox' || l.caseId === n.caseId || (l.caseId === ANY_CASE && n.caseId !== null)));
  });
  es.addEventListener(FEED_EVENTS.bye, (e) => {
    const { reason } = JSON.parse((e as MessageEvent<string>).data) as { reason: FeedByeReason };
    // The session ended: the next page that shows records (after logging in again) opens a new stream.
    if (reason === 'sessie') drop();
    else retryLater();
  });
  // While CONNECTING the browser retries by itself; CLOSED means it gave up (e.g. a refusal).
  es.onerror = () => {
    if (es.readyState === EventSource.CLOSED) retryLater();
  };
}

function subscribe(l: Listener): () => void {
  listeners.add(l);
  clearTimeout(idleTimer);
  connect();
  return () => {
    listeners.delete(l);
    if (listeners.size > 0) return;
    clearTimeout(idleTimer);
    idleTimer = setTimeout(() => {
      if (listeners.size > 0) return;
      clearTimeout(retryTimer);
      retryTimer = undefined;
      drop();
    }, IDLE_CLOSE_MS);
  };
}

/**
 * Calls `onChange` whenever one of `topics` of this case (or of any case: ANY_CASE) changes on
 * the server (for 'inbox': the user's own Postvak; caseId may then be null), and after the
 * stream reconnected. Not on mount: the caller loads first.
 */
export function useFeed(caseId: string | null, topics: readonly FeedTopic[], onChange: () => void): void {
  const ref = useRef(onChange);
  useEffect(() => {
    ref.current = onChange;
  });
  const key = topics.join(',');
  useEffect(() => {
    if (caseId !== ANY_CASE) return subscribe({ caseId, topics: key.split(',') as FeedTopic[], onChange: () => ref.current() });
    // An overview hears every case the user sits at, while several conferences may be typing:
    // it fetches at most once per OVERVIEW_MS, the last notice of a burst always included.
    let timer: ReturnType<typeof setTimeout> | undefined;
    let last = 0;
    const fire = () => {
      timer = undefined;
      last = Date.now();
      ref.current();
    };
    const unsubscribe = subscribe({
      caseId,
      topics: key.split(',') as FeedTopic[],
      onChange: () => {
        if (timer) return;
        timer = setTimeout(fire, Math.max(0, last + OVERVIEW_MS - Date.now()));
      },
    });
    return () => {
      clearTimeout(timer);
      unsubscribe();
    };
  }, [caseId, key]);
}
