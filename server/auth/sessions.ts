// Server-side sessions. The browser holds only a random token in an HttpOnly cookie; the
// database holds its SHA-256, when it was last used and when it expires.
import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../../db/client';
import { nowIso } from '../../db/client';
import { deleteSession, deleteStaleSessions, findSessionWithUser, insertSession, touchSession } from '../../db/queries/sessions';
import type { UserRow } from '../../db/queries/users';
import type { Config } from '../config';

export const SESSION_COOKIE = 'casustafel_sessie';

/** Write "last seen" at most once a minute (or per tenth of the idle timeout if shorter), not on every request. */
const MAX_TOUCH_INTERVAL_MS = 60_000;

function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export class SessionStore {
  constructor(
    private readonly db: Db,
    private readonly config: Pick<Config, 'SESSION_IDLE_MINUTES' | 'SESSION_MAX_HOURS'>,
  ) {}

  get idleMs(): number {
    return this.config.SESSION_IDLE_MINUTES * 60_000;
  }

  async create(userId: string, ip: string): Promise<string> {
    return (await this.open(userId, ip)).token;
  }

  /** A new session, with its id (what other tables and live sockets refer to). */
  async open(userId: string, ip: string): Promise<{ token: string; sessionId: string }> {
    const token = randomBytes(32).toString('base64url');
    const now = new Date();
    await insertSession(this.db, {
      id: tokenHash(token),
      userId,
      createdAt: now.toISOString(),
      lastSeenAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + this.config.SESSION_MAX_HOURS * 3_600_000).toISOString(),
      ip,
    });
    return { token, sessionId: tokenHash(token) };
  }

  /** The user behind a token, or null when the session is unknown, idle too long, expired or the account is off. */
  async resolve(token: string): Promise<{ sessionId: string; user: UserRow } | null> {
    const id = tokenHash(token);
    const found = await findSessionWithUser(this.db, id);
    if (!found) return null;
    const now = Date.now();
    const lastSeen = Date.parse(found.session.lastSeenAt);
    if (Date.parse(found.session.expiresAt) <= now || lastSeen + this.idleMs <= now || !found.user.active) {
      await deleteSession(this.db, id);
      return null;
    }
    if (now - lastSeen > Math.min(MAX_TOUCH_INTERVAL_MS, this.idleMs / 10)) await touchSession(this.db, id, nowIso());
    return { sessionId: id, user: found.user };
  }

  /**
   * For a live connection: is the session still there, and if so, count this as activity
   * (someone typing in the plan for an hour is not idle). Throttled like resolve().
   */
  async keepAlive(sessionId: string, userActive: boolean): Promise<boolean> {
    const found = await findSessionWithUser(this.db, sessionId);
    if (!found) return false;
    const now = Date.now();
    if (Date.parse(found.session.expiresAt) <= now || !found.user.active) {
      await deleteSession(this.db, sessionId);
      return false;
    }
    const lastSeen = Date.parse(found.session.lastSeenAt);
    if (lastSeen + this.idleMs <= now && !userActive) {
      await deleteSession(this.db, sessionId);
      return false;
    }
    if (userActive && now - lastSeen > Math.min(MAX_TOUCH_INTERVAL_MS, this.idleMs / 10)) await touchSession(this.db, sessionId, nowIso());
    return true;
  }

  async destroy(sessionId: string): Promise<void> {
    await deleteSession(this.db, sessionId);
  }

  async sweep(): Promise<number> {
    return await deleteStaleSessions(this.db, nowIso(), new Date(Date.now() - this.idleMs).toISOString());
  }
}
