// The change feed's fan-out: the open streams (GET /api/feed, one per browser tab) and who
// hears of what. Notices say only "topic X of case Y changed" (shared/feed.ts); the client then
// fetches through the ordinary routes. Everything that decides who receives a notice is here,
// at delivery time, through the case gate and the permission matrix:
// - a case notice goes to a stream only if its user may read the case at that moment
//   (seatAt + 'case.read'), so a removed member stops hearing at once and a non-member never does;
// - a staff-only notice (internal deviation or link, breakthroughs, the internal room) also
//   needs 'case.intern.access': partners and the household do not even see it move;
// - 'inbox' goes to a user only when their own Postvak actually changed.
// With several nodes, a bus (Redis) goes into `publish` and `inboxMayHaveChanged`: each node
// delivers to its own streams, with the same checks.
import type { Db } from '../../db/client';
import { findUserById, type UserRow } from '../../db/queries/users';
import { type CaseTopic, FEED_EVENTS, type FeedByeReason, type FeedNotice } from '../../shared/feed';
import { canInCase, mandateOf } from '../../shared/permissions';
import type { SessionStore } from '../auth/sessions';
import { seatAt } from '../cases/gate';
import { guarded, logFailure } from '../collab/guard';
import { ApiError } from '../http/errors';
import type { Feed, FeedSink } from './feed-port';

export interface FeedSettings {
  heartbeatMs: number;
  maxPerSession: number;
  maxTotal: number;
  /** Notices within this window are sent once (a burst of events, one refetch). */
  coalesceMs?: number;
  /** The plan's history moves with every keystroke: about one notice per case this often. */
  historyEveryMs?: number;
}


interface Stream {
  sessionId: string;
  userId: string;
  sink: FeedSink;
}

/**
 * A case notice waiting to be delivered. Merged notices are staff-only only if all their events
 * were: one public change is news for everyone, and says nothing about the internal ones.
 */
interface Pending {
  caseId: string;
  topic: CaseTopic;
  staffOnly: boolean;
}

const frame = (event: string, data: unknown) => `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;

export class FeedHub implements Feed {
  private readonly streams = new Set<Stream>();
  private readonly pending = new Map<string, Pending>();
  private readonly historyHeld = new Map<string, Pending>();
  private readonly historySentAt = new Map<string, number>();
  /** The last Postvak each connected user was told about, as a fingerprint. */
  private readonly inboxPrints = new Map<string, string>();
  /** Cases in which something happened that may change a Postvak, since the last flush. */
  private readonly inboxCases = new Set<string>();
  private flushTimer: NodeJS.Timeout | undefined;
  private historyTimer: NodeJS.Timeout | undefined;
  private readonly heartbeat: NodeJS.Timeout;
  private closed = false;

  /** How to read someone's Postvak: given once the services exist (server/start.ts), since it needs the rooms too. */
  private inboxReader: (user: UserRow) => Promise<{ items: unknown[] }> = async () => ({ items: [] });
  private flushing: Promise<void> | null = null;
  private flushAgain = false;

  readInboxWith(reader: (user: UserRow) => Promise<{ items: unknown[] }>): void {
    this.inboxReader = reader;
  }

  constructor(
    private readonly db: Db,
    private readonly sessions: SessionStore,
    private readonly settings: FeedSettings,
  ) {
    this.heartbeat = setInterval(guarded('feed: hartslag', async () => await this.beat()), settings.heartbeatMs);
    this.heartbeat.unref();
  }

  get size(): number {
    return this.streams.size;
  }

  /** Refuses a new stream when the server stops or a bound is reached; call before opening the response. */
  admit(sessionId: string): void {
    if (this.closed) throw new ApiError(503, 'SERVER_STOPT', 'De server stopt. Probeer het zo opnieuw.');
    if (this.streams.size >= this.settings.maxTotal) {
      throw new ApiError(503, 'TE_VEEL_VERBINDINGEN', 'Er zijn nu te veel open verbindingen met de server. Probeer het later opnieuw.', undefined, { 'Retry-After': '30' });
    }
    let own = 0;
    for (const s of this.streams) if (s.sessionId === sessionId) own += 1;
    if (own >= this.settings.maxPerSession) {
      throw new ApiError(429, 'TE_VEEL_VENSTERS', `U heeft Casustafel in te veel vensters tegelijk open (hoogstens ${this.settings.maxPerSession}). Sluit er een paar en laad de pagina opnieuw.`);
    }
  }

  /**
   * Reads the user's Postvak as it is now, before the stream opens: a change from then on is
   * measured against it. (Read after opening, it could already hold the first change, which
   * would then never be announced.)
   */
  async prime(user: UserRow): Promise<void> {
    if (!this.inboxPrints.has(user.id)) this.inboxPrints.set(user.id, await this.inboxPrint(user));
  }

  /** Registers a stream (after admit and prime) and greets it; returns the way to let go of it. */
  open(sessionId: string, user: UserRow, sink: FeedSink): () => void {
    const stream: Stream = { sessionId, userId: user.id, sink };
    this.streams.add(stream);
    // Normally primed; if another tab's stream ended meanwhile and took the print along, read it again.
    if (!this.inboxPrints.has(user.id)) {
      void this.inboxPrint(user).then((print) => {
        if (!this.inboxPrints.has(user.id)) this.inboxPrints.set(user.id, print);
      });
    }
    // The client waits this long before reconnecting after the stream ends.
    this.send(stream, `retry: 3000\n${frame(FEED_EVENTS.ready, {})}`);
    return () => this.detach(stream);
  }

  /**
   * A case topic changed. The one place notices enter the fan-out: with several nodes, this is
   * where they go onto the bus, and where a node takes them off it.
   */
  publish(caseId: string, topic: CaseTopic, staffOnly: boolean): void {
    if (this.closed) return;
    const key = `${caseId}|${topic}`;
    if (topic === 'history') return this.holdHistory(key, { caseId, topic, staffOnly });
    const had = this.pending.get(key);
    this.pending.set(key, { caseId, topic, staffOnly: staffOnly && (had?.staffOnly ?? true) });
    this.scheduleFlush();
  }

  /**
   * Something in this case may have changed someone's Postvak: recompute it for the connected
   * users it can concern (a seat at the case, or a mandate that decisions are routed to).
   */
  inboxMayHaveChanged(caseId: string): void {
    if (this.closed) return;
    this.inboxCases.add(caseId);
    this.scheduleFlush();
  }

  /** Ends the streams of these sessions, or all of a user's: the stream never outlives its session. */
  endSessions({ sessionIds = [], userId }: { sessionIds?: string[]; userId?: string }): void {
    for (const s of [...this.streams]) {
      if (s.userId === userId || sessionIds.includes(s.sessionId)) this.end(s, 'sessie');
    }
  }

  /** Graceful stop: no new streams, every open one told and ended, timers gone. Safe to call twice. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.heartbeat);
    clearTimeout(this.flushTimer);
    clearTimeout(this.historyTimer);
    for (const s of [...this.streams]) this.end(s, 'server');
    this.pending.clear();
    this.historyHeld.clear();
    this.historySentAt.clear();
    this.inboxCases.clear();
  }

  // ------------------------------------------------------------------ delivery

  private scheduleFlush(): void {
    this.flushTimer ??= setTimeout(
      guarded('feed: meldingen versturen', () => {
        this.flushTimer = undefined;
        this.flush();
      }),
      this.settings.coalesceMs ?? 100,
    );
  }

  private holdHistory(key: string, notice: Pending): void {
    const had = this.historyHeld.get(key);
    this.historyHeld.set(key, { ...notice, staffOnly: notice.staffOnly && (had?.staffOnly ?? true) });
    if (this.historyTimer) return;
    const every = this.settings.historyEveryMs ?? 1000;
    const last = Math.max(0, ...[...this.historyHeld.keys()].map((k) => this.historySentAt.get(k) ?? 0));
    this.historyTimer = setTimeout(guarded('feed: planhistorie versturen', () => {
      this.historyTimer = undefined;
      const now = Date.now();
      // Only recent sends hold the next one back; older ones need not be remembered.
      for (const [k, at] of this.historySentAt) if (now - at >= every) this.historySentAt.delete(k);
      for (const [k, n] of this.historyHeld) {
        this.historySentAt.set(k, now);
        this.pending.set(k, n);
      }
      this.historyHeld.clear();
      this.flush();
    }), Math.max(this.settings.coalesceMs ?? 100, last + every - Date.now()));
  }

  /** One flush at a time: a flush reads the database, and notices that arrive meanwhile wait for the next one. */
  private flush(): void {
    if (this.flushing) {
      this.flushAgain = true;
      return;
    }
    this.flushing = this.flushOnce()
      .catch((error: unknown) => logFailure('feed: meldingen versturen', error))
      .finally(() => {
        this.flushing = null;
        if (this.flushAgain && !this.closed) {
          this.flushAgain = false;
          this.flush();
        }
      });
  }

  /** Resolves when no flush runs any more (the server waits for it before it closes the database). */
  async settled(): Promise<void> {
    while (this.flushing) await this.flushing;
  }

  private async flushOnce(): Promise<void> {
    if (this.closed) return;
    const notices = [...this.pending.values()];
    this.pending.clear();
    const inboxCases = [...this.inboxCases];
    this.inboxCases.clear();
    if (this.streams.size === 0) return;
    // Looked up once per flush: the account as it is now (functie, active) and, per case, its seat.
    const users = new Map<string, UserRow | null>();
    const userOf = async (id: string) => {
      if (!users.has(id)) {
        const u = await findUserById(this.db, id);
        users.set(id, u && u.active ? u : null);
      }
      return users.get(id)!;
    };
    const verdicts = new Map<string, boolean>();
    const mayHear = async (userId: string, n: Pending) => {
      const key = `${userId}|${n.caseId}|${n.staffOnly}`;
      let ok = verdicts.get(key);
      if (ok === undefined) {
        ok = await this.visible(await userOf(userId), n);
        verdicts.set(key, ok);
      }
      return ok;
    };
    const inboxChanged = new Set<string>();
    if (inboxCases.length > 0) {
      for (const userId of new Set([...this.streams].map((s) => s.userId))) {
        const user = await userOf(userId);
        if (!user) continue;
        // A Postvak is a few queries per person: only for whom it may have changed.
        // (Whose Postvak named the case counts too: a member just removed loses its items.)
        let concerned = mandateOf(user.functie) !== null;
        for (const caseId of inboxCases) {
          if (concerned) break;
          concerned = this.inboxPrints.get(userId)?.includes(caseId) || (await seatAt(this.db, user, caseId)) !== null;
        }
        if (!concerned) continue;
        const print = await this.inboxPrint(user);
        if (this.inboxPrints.get(userId) !== print) {
          this.inboxPrints.set(userId, print);
          inboxChanged.add(userId);
        }
      }
    }
    for (const s of [...this.streams]) {
      let text = '';
      for (const n of notices) {
        if (await mayHear(s.userId, n)) text += frame(FEED_EVENTS.change, { topic: n.topic, caseId: n.caseId } satisfies FeedNotice);
      }
      if (inboxChanged.has(s.userId)) text += frame(FEED_EVENTS.change, { topic: 'inbox', caseId: null } satisfies FeedNotice);
      // A stream may have ended while the database answered.
      if (text && !this.closed && this.streams.has(s)) this.send(s, text);
    }
  }

  /** May this user hear of this case topic now? The case gate's seat, then the matrix. */
  private async visible(user: UserRow | null, n: Pending): Promise<boolean> {
    if (!user) return false;
    const seat = await seatAt(this.db, user, n.caseId);
    if (!seat) return false;
    const { membership, caseRow } = seat;
    if (!canInCase(user.functie, membership, caseRow.status, 'case.read')) return false;
    return !n.staffOnly || canInCase(user.functie, membership, caseRow.status, 'case.intern.access');
  }

  /** What the Postvak holds, reduced to a string that changes when it does. */
  private async inboxPrint(user: UserRow): Promise<string> {
    try {
      return JSON.stringify((await this.inboxReader(user)).items);
    } catch (error) {
      console.error('[feed] postvak berekenen mislukt', error);
      return '';
    }
  }

  private async beat(): Promise<void> {
    for (const s of [...this.streams]) {
      // An open feed is not activity: a tab left open does not keep an idle session alive.
      if (!await this.sessions.keepAlive(s.sessionId, false)) this.end(s, 'sessie');
      else this.send(s, ': hartslag\n\n');
    }
  }

  private send(s: Stream, text: string): void {
    let ok = false;
    try {
      ok = s.sink.write(text);
    } catch {
      ok = false;
    }
    if (!ok) this.detach(s, true);
  }

  private end(s: Stream, reason: FeedByeReason): void {
    try {
      s.sink.write(frame(FEED_EVENTS.bye, { reason }));
    } catch {
      // Gone already; closing below is all that is left.
    }
    this.detach(s, true);
  }

  private detach(s: Stream, closeSink = false): void {
    if (!this.streams.delete(s)) return;
    if (closeSink) {
      try {
        s.sink.close();
      } catch {
        // Closed by the other side meanwhile.
      }
    }
    if (![...this.streams].some((o) => o.userId === s.userId)) this.inboxPrints.delete(s.userId);
  }
}
