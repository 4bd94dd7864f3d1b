// What every route handler can reach: the database, config and the auth machinery.
import type { Context } from 'hono';
import type { Db } from '../db/client';
import type { UserRow } from '../db/queries/users';
import type { OidcService } from './auth/oidc/service';
import type { LoginRateLimiter } from './auth/rate-limit';
import type { SessionStore } from './auth/sessions';
import type { CollabServer } from './collab/collab-server';
import type { Config } from './config';
import type { EventBus } from './domain/events';
import type { Feed } from './live/feed-port';
import { Errors } from './http/errors';

export interface Services {
  db: Db;
  config: Config;
  sessions: SessionStore;
  loginLimiter: LoginRateLimiter;
  /** Set once the HTTP server listens; the WebSocket side of the product. */
  collab: CollabServer | null;
  /** Sign-in through identity providers (server/auth/oidc/). */
  oidc: OidcService;
  /** Domain events, emitted by the command runner after commit (server/domain/). */
  events: EventBus;
  /** The change feed of server records (GET /api/feed, server/live/). */
  feed: Feed;
}

export interface AppEnv {
  Variables: {
    ip: string;
    auth: { sessionId: string; user: UserRow } | null;
  };
}

export type AppContext = Context<AppEnv>;

export type { Actor } from './actor';
import type { Actor } from './actor';

/**
 * The logged-in user, or a 401. Accounts with a temporary password may only change it; an
 * account made at a first sign-in whose functie is not set yet can do nothing at all.
 */
export function requireUser(c: AppContext, opts: { allowPasswordChangePending?: boolean; allowFunctiePending?: boolean } = {}): UserRow {
  const auth = c.get('auth');
  if (!auth) throw Errors.unauthenticated();
  if (auth.user.mustChangePassword && !opts.allowPasswordChangePending) {
    throw Errors.forbidden('Kies eerst een nieuw wachtwoord voordat u verder gaat.');
  }
  if (auth.user.functiePending && !opts.allowFunctiePending) throw Errors.functiePending();
  return auth.user;
}

/** The acting user of a request that needs a session (and no pending password change). */
export function actorOf(c: AppContext): Actor {
  return { user: requireUser(c), ip: c.get('ip') };
}
