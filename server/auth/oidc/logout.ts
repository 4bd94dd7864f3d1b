// Ending sessions together with the provider: RP-initiated logout (we send the browser to the
// provider's end_session_endpoint) and Back-Channel Logout 1.0 (the provider tells us, server to
// server, with a signed logout token, which sessions to end).
import * as client from 'openid-client';
import { createRemoteJWKSet, type JWTPayload, jwtVerify } from 'jose';
import type { ActiveProvider, ProviderRegistry } from './providers';

const BACKCHANNEL_EVENT = 'http://schemas.openid.net/event/backchannel-logout';

export class BadLogoutToken extends Error {
  constructor(readonly reason: string) {
    super(reason);
  }
}

/**
 * Checks a logout token as the spec asks (signature with the provider's keys, iss, aud, iat,
 * the back-channel event, sub or sid, no nonce) and refuses one seen before (jti).
 */
export class LogoutTokenVerifier {
  private readonly keySets = new Map<string, { uri: string; set: ReturnType<typeof createRemoteJWKSet> }>();
  /** jti → until when it is remembered. In memory per node: a replay can only end what was already ended. */
  private readonly seen = new Map<string, number>();

  constructor(private readonly registry: ProviderRegistry) {}

  async verify(provider: ActiveProvider, logoutToken: string): Promise<{ sub?: string; sid?: string }> {
    let config: client.Configuration;
    try {
      config = await this.registry.configuration(provider);
    } catch {
      throw new BadLogoutToken('provider_unreachable');
    }
    const meta = config.serverMetadata();
    if (!meta.jwks_uri) throw new BadLogoutToken('no_jwks');
    let keys = this.keySets.get(provider.settings.id);
    if (!keys || keys.uri !== meta.jwks_uri) {
      keys = { uri: meta.jwks_uri, set: createRemoteJWKSet(new URL(meta.jwks_uri), { timeoutDuration: 10_000 }) };
      this.keySets.set(provider.settings.id, keys);
    }
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(logoutToken, keys.set, {
        issuer: meta.issuer,
        audience: provider.settings.clientId,
        algorithms: ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'],
        clockTolerance: 30,
        maxTokenAge: '10m',
        requiredClaims: ['iat', 'jti'],
      }));
    } catch (error) {
      const code = (error as { code?: string }).code ?? 'invalid';
      throw new BadLogoutToken(/^[A-Z_]{1,60}$/.test(code) ? code.toLowerCase() : 'invalid');
    }
    const events = payload.events as Record<string, unknown> | undefined;
    if (!events || typeof events !== 'object' || typeof events[BACKCHANNEL_EVENT] !== 'object') throw new BadLogoutToken('no_logout_event');
    if ('nonce' in payload) throw new BadLogoutToken('nonce_present');
    const sub = typeof payload.sub === 'string' ? payload.sub : undefined;
    const sid = typeof payload.sid === 'string' ? payload.sid : undefined;
    if (sub === undefined && sid === undefined) throw new BadLogoutToken('no_sub_or_sid');
    const jti = `${provider.settings.id}:${String(payload.jti)}`;
    const now = Date.now();
    for (const [key, until] of this.seen) if (until < now) this.seen.delete(key);
    if (this.seen.has(jti)) throw new BadLogoutToken('replayed');
    this.seen.set(jti, now + 15 * 60_000);
    return { sub, sid };
  }
}

/** Where to send the browser so the provider ends its session too, or null when it cannot. */
export async function providerLogoutUrl(registry: ProviderRegistry, provider: ActiveProvider, idToken: string | null, postLogoutRedirectUri: string): Promise<string | null> {
  try {
    const config = await registry.configuration(provider);
    if (!config.serverMetadata().end_session_endpoint) return null;
    const params: Record<string, string> = { post_logout_redirect_uri: postLogoutRedirectUri, client_id: provider.settings.clientId };
    if (idToken) params.id_token_hint = idToken;
    return client.buildEndSessionUrl(config, params).href;
  } catch {
    return null;
  }
}
