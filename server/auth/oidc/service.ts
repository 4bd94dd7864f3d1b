// Sign-in through identity providers, as one service the routes call: the flow, logout, the
// back-channel, and the periodic re-check of sessions at their provider.
import * as client from 'openid-client';
import { recordAudit } from '../../../db/queries/audit';
import { findOidcSession, markOidcSessionChecked, oidcSessionIdsFor, oidcSessionsDueForCheck, readAuthSettings } from '../../../db/queries/identity';
import { findUserById, type UserRow } from '../../../db/queries/users';
import type { LoginOptions } from '../../../shared/schemas/oidc';
import type { Config } from '../../config';
import type { CommitDeps } from '../../domain/commit';
import type { SessionStore } from '../sessions';
import { endSessions } from '../session-end';
import { finishLogin, type FlowDeps, type LoginOutcome, startLogin, tokenLabel } from './login';
import { BadLogoutToken, LogoutTokenVerifier, providerLogoutUrl } from './logout';
import { type ActiveProvider, ProviderRegistry } from './providers';
import { SecretBox } from './secret-box';

export { BadLogoutToken };

/** Where the provider sends the browser after RP-initiated logout (registered at the provider). */
export const POST_LOGOUT_PATH = '/?uitgelogd=1';

/** What sign-in needs of the server (not the whole of Services, which names this service). */
export interface OidcDeps extends CommitDeps {
  config: Config;
  sessions: SessionStore;
}

export class OidcService {
  readonly box: SecretBox;
  readonly registry: ProviderRegistry;
  private readonly verifier: LogoutTokenVerifier;
  private timer: NodeJS.Timeout | null = null;
  private checking: Promise<unknown> | null = null;

  constructor(
    private readonly services: OidcDeps,
    serverKey: Uint8Array,
  ) {
    this.box = new SecretBox(serverKey);
    this.registry = new ProviderRegistry(services.db, this.box, services.config.OIDC_PROVIDERS ?? []);
    this.verifier = new LogoutTokenVerifier(this.registry);
  }

  private get deps(): FlowDeps {
    return { db: this.services.db, sessions: this.services.sessions, registry: this.registry, box: this.box };
  }

  async loginOptions(): Promise<LoginOptions> {
    const settings = await readAuthSettings(this.services.db);
    return {
      providers: (await this.registry.list()).map((p) => ({ id: p.settings.id, name: p.settings.name, kind: p.settings.kind })),
      passwordLogin: settings?.passwordLogin ?? 'on',
    };
  }

  async provider(id: string): Promise<ActiveProvider | null> {
    return await this.registry.get(id);
  }

  /** Password login, unless switched off; then only for the one break-glass administrator. */
  async passwordLoginAllowed(user: UserRow | undefined): Promise<boolean> {
    const settings = await readAuthSettings(this.services.db);
    if (!settings || settings.passwordLogin === 'on') return true;
    return user !== undefined && user.id === settings.breakGlassUserId;
  }

  start(provider: ActiveProvider, origin: string, returnTo: string) {
    return startLogin(this.deps, provider, origin, returnTo);
  }

  finish(provider: ActiveProvider, origin: string, search: string, sealedState: string | undefined, ip: string): Promise<LoginOutcome> {
    return finishLogin(this.deps, provider, origin, search, sealedState, ip);
  }

  /** Ends this session here and says where the browser goes to end it at the provider. */
  async logout(auth: { sessionId: string; user: UserRow }, origin: string, ip: string): Promise<string | null> {
    const row = await findOidcSession(this.services.db, auth.sessionId);
    const provider = row ? (await this.registry.get(row.providerId)) : null;
    const idToken = row ? this.box.open(tokenLabel('id-token', row.sessionId), row.idTokenSealed) : null;
    await endSessions(this.services, [auth.sessionId], { action: 'auth.logout', actorUserId: auth.user.id, ip, detail: { method: row ? 'oidc' : 'password', provider: row?.providerId ?? null } });
    if (!row || !provider) return null;
    return providerLogoutUrl(this.registry, provider, idToken, origin + POST_LOGOUT_PATH);
  }

  /** Back-channel logout: ends every session the token names, and their live sockets. */
  async backchannelLogout(provider: ActiveProvider, logoutToken: string, ip: string): Promise<number> {
    let which: { sub?: string; sid?: string };
    try {
      which = await this.verifier.verify(provider, logoutToken);
    } catch (error) {
      const reason = error instanceof BadLogoutToken ? error.reason : 'invalid';
      await recordAudit(this.services.db, { action: 'auth.backchannel_logout', actorLabel: provider.settings.id, ip, detail: { provider: provider.settings.id, outcome: 'refused', reason } });
      throw error instanceof BadLogoutToken ? error : new BadLogoutToken('invalid');
    }
    const ids = await oidcSessionIdsFor(this.services.db, provider.settings.id, { sid: which.sid, subject: which.sub });
    await endSessions(this.services, ids, {
      action: 'auth.backchannel_logout',
      actorLabel: provider.settings.id,
      ip,
      detail: { provider: provider.settings.id, outcome: 'ok', sessionsEnded: ids.length, by: which.sid !== undefined ? 'sid' : 'sub' },
    });
    return ids.length;
  }

  /**
   * Re-checks sessions at their provider with a token refresh. A provider that refuses (the
   * account was deactivated or logged out there) ends the session and its sockets; one that
   * cannot be reached leaves the session as it is and is tried again next round.
   */
  async recheckSessions(now = Date.now()): Promise<{ checked: number; ended: number }> {
    const { db } = this.services;
    const before = new Date(now - this.services.config.OIDC_RECHECK_MINUTES * 60_000).toISOString();
    let checked = 0;
    let ended = 0;
    for (const { session, userId } of await oidcSessionsDueForCheck(db, before)) {
      checked += 1;
      const provider = (await this.registry.get(session.providerId));
      const refreshToken = session.refreshTokenSealed ? this.box.open(tokenLabel('refresh-token', session.sessionId), session.refreshTokenSealed) : null;
      const end = async (reason: string) => {
        ended += 1;
        await endSessions(this.services, [session.sessionId], { action: 'auth.session_refused', actorUserId: userId, detail: { provider: session.providerId, reason } });
      };
      if (!provider) {
        await end('provider_removed');
        continue;
      }
      if (!refreshToken) {
        await end('token_unreadable');
        continue;
      }
      try {
        const config = await this.registry.configuration(provider);
        const tokens = await client.refreshTokenGrant(config, refreshToken);
        const user = await findUserById(db, userId);
        if (!user?.active) {
          await end('account_inactive');
          continue;
        }
        const next = tokens.refresh_token ?? refreshToken;
        await markOidcSessionChecked(db, session.sessionId, this.box.seal(tokenLabel('refresh-token', session.sessionId), next));
      } catch (error) {
        if (error instanceof client.ResponseBodyError) {
          await end(`refresh_refused:${/^[a-z_]{1,40}$/.test(error.error) ? error.error : 'other'}`);
        } else {
          console.warn(`[oidc] sessie kon niet opnieuw worden gecontroleerd bij ${session.providerId} (${(error as { code?: string }).code ?? 'onbereikbaar'}); volgende ronde opnieuw`);
        }
      }
    }
    return { checked, ended };
  }

  startRechecks(): void {
    const every = Math.max(10_000, Math.min(this.services.config.OIDC_RECHECK_MINUTES * 60_000, 60_000));
    this.timer = setInterval(() => {
      if (this.checking) return;
      this.checking = this.recheckSessions().finally(() => {
        this.checking = null;
      });
    }, every);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.checking;
  }
}
