// The change feed (GET /api/feed, Server-Sent Events): what a notice says. A notice names only
// a topic and, for case topics, the case: "the deviations of case X changed". It never carries
// content; a client that hears one fetches the list again through the ordinary routes, which
// check permission as always. 'inbox' is per user: the receiver's own Postvak changed.

export const CASE_TOPICS = [
  'deviations',
  'vraagstukken',
  'goals',
  'versions',
  'history',
  'conference',
  'breakthroughs',
  'resident',
  'stuck',
  'members',
  'case',
] as const;
export type CaseTopic = (typeof CASE_TOPICS)[number];
export type FeedTopic = CaseTopic | 'inbox';

/** The data of an SSE `change` event. */
export type FeedNotice = { topic: CaseTopic; caseId: string } | { topic: 'inbox'; caseId: null };

/** SSE event names on the stream. */
export const FEED_EVENTS = {
  /** Sent once when the stream opens: the client (re)loads what it shows, notices follow. */
  ready: 'ready',
  change: 'change',
  /** The server ends the stream: `sessie` (the session ended; do not reconnect) or `server` (it stops; reconnect later). */
  bye: 'bye',
} as const;
export type FeedByeReason = 'sessie' | 'server';
