// A real HTTP client on the change feed (GET /api/feed): one stream, its parsed events, and a
// way to close it. Every stream opened here is closed by closeFeeds() (call it in afterEach).
import { request, type ClientRequest, type IncomingMessage } from 'node:http';
import type { DomainEventType, EventBus, EventOf } from '../../server/domain/events';
import type { FeedNotice } from '../../shared/feed';
import type { ApiClient } from './server';

export interface FeedEvent {
  event: string;
  data: unknown;
}

export interface FeedReader {
  status: number;
  headers: IncomingMessage['headers'];
  /** Every event so far, in order (comments left out). */
  events: FeedEvent[];
  /** The `change` notices so far. */
  notices(): FeedNotice[];
  /** Heartbeat comment lines so far. */
  comments: number;
  /** Settles when the server ended the stream. */
  ended: Promise<void>;
  hasEnded(): boolean;
  close(): void;
}

const open = new Set<ClientRequest>();

/** Opens the feed with the client's session cookie; resolves once the answer's head is in. */
export function openFeed(server: { url: string }, client: ApiClient | { cookie: string | undefined }, headers: Record<string, string> = {}): Promise<FeedReader> {
  return new Promise((resolve, reject) => {
    const req = request(`${server.url}/api/feed`, { headers: { accept: 'text/event-stream', ...(client.cookie ? { cookie: client.cookie } : {}), ...headers }, agent: false }, (res) => {
      const events: FeedEvent[] = [];
      let comments = 0;
      let buffer = '';
      let done = false;
      let settle!: () => void;
      const ended = new Promise<void>((r) => (settle = r));
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buffer += chunk;
        let cut: number;
        while ((cut = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          let event = 'message';
          let data = '';
          let any = false;
          for (const line of block.split('\n')) {
            if (line.startsWith(':')) comments += 1;
            else if (line.startsWith('event: ')) event = line.slice(7);
            else if (line.startsWith('data: ')) {
              data += line.slice(6);
              any = true;
            }
          }
          if (any) events.push({ event, data: JSON.parse(data) });
        }
      });
      const finish = () => {
        done = true;
        open.delete(req);
        settle();
      };
      res.on('end', finish);
      res.on('close', finish);
      res.on('error', finish);
      resolve({
        status: res.statusCode ?? 0,
        headers: res.headers,
        events,
        notices: () => events.filter((e) => e.event === 'change').map((e) => e.data as FeedNotice),
        get comments() {
          return comments;
        },
        ended,
        hasEnded: () => done,
        close: () => {
          req.destroy();
          open.delete(req);
        },
      });
    });
    req.on('error', (e: NodeJS.ErrnoException) => {
      open.delete(req);
      if (e.code !== 'ECONNRESET') reject(e);
    });
    open.add(req);
    req.end();
  });
}

/** Opens the feed and waits for its `ready` event. */
export async function openReadyFeed(server: { url: string }, client: ApiClient): Promise<FeedReader> {
  const feed = await openFeed(server, client);
  if (feed.status !== 200) throw new Error(`feed refused: ${feed.status}`);
  const deadline = Date.now() + 5000;
  while (!feed.events.some((e) => e.event === 'ready')) {
    if (Date.now() > deadline) throw new Error('feed: no ready event');
    await new Promise((r) => setTimeout(r, 10));
  }
  return feed;
}

export function closeFeeds(): void {
  for (const req of open) req.destroy();
  open.clear();
}

/** The notices of one case (and topic) a stream received. */
export const noticesOf = (feed: FeedReader, caseId: string, topic?: string) => feed.notices().filter((n) => n.caseId === caseId && (!topic || n.topic === topic));

/**
 * Records the domain events of one type the server emits from now on (what the feed is driven
 * by): exact counts, where the coalescing feed would merge a burst into one notice.
 */
export function recordEvents<T extends DomainEventType>(server: { services: { events: EventBus } }, type: T): EventOf<T>[] {
  const seen: EventOf<T>[] = [];
  server.services.events.on(type, (e) => {
    seen.push(e);
  });
  return seen;
}
