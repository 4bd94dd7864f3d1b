// What the rest of the server may ask of the change feed (server/live/feed.ts). A type of its
// own, so that the services (server/context.ts) can name it without importing the feed, which
// reaches the features (the case gate, the Postvak) that need the services.
import type { UserRow } from '../../db/queries/users';
import type { CaseTopic } from '../../shared/feed';

/** Where a stream's text goes; the HTTP route gives one backed by the response body. */
export interface FeedSink {
  /** False when the client does not read (too much queued): the stream is then ended. */
  write(text: string): boolean;
  close(): void;
}

export interface Feed {
  /** Open streams on this node. */
  readonly size: number;
  /** Throws the refusal (503 stopping or full, 429 too many for this session) before a response is opened. */
  admit(sessionId: string): void;
  /** Reads the Postvak as it is before the stream opens (see FeedHub.prime). */
  prime(user: UserRow): Promise<void>;
  /** Registers a stream (after admit and prime) and greets it; returns the way to let go of it. */
  open(sessionId: string, user: UserRow, sink: FeedSink): () => void;
  publish(caseId: string, topic: CaseTopic, staffOnly: boolean): void;
  /** Something in this case may have changed someone's Postvak. */
  inboxMayHaveChanged(caseId: string): void;
  endSessions(which: { sessionIds?: string[]; userId?: string }): void;
  /** Graceful stop: refuses new streams, tells and ends every open one, clears its timers. */
  close(): void;
}
