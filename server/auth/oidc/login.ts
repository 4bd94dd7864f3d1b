// The authorisation code flow with PKCE, state and nonce, from the redirect to the provider to
// a session here. What the provider says is checked (ID token by openid-client; level of
// assurance, groups and identifier here); every outcome is one audit row with the provider, the
// acr and, for a refusal, the reason. Nothing from the provider's answer and no token is ever
// written to the audit trail, a log or an error message.
import { createHash } from 'node:crypto';
import * as client from 'openid-client';
import type { Db } from '../../../db/client';
import { nowIso } from '../../../db/client';
import { appendAudit, recordAudit } from '../../../db/queries/audit';
import { commit } from '../../domain/commit';
import { findIdentity, insertIdentity, insertOidcSession, upsertLinkRequest } from '../../../db/queries/identity';
import { findUserByEmail, findUserById, insertUser, updateUser, type UserRow } from '../../../db/queries/users';
import type { Functie } from '../../../shared/roles';
import type { SsoErrorCode } from '../../../shared/schemas/oidc';
import { NO_PASSWORD } from '../passwords';
import type { SessionStore } from '../sessions';
import { checkAssurance, functieFromGroups, groupsOf, isPlainBsn, type Refusal } from './assurance';
import type { ActiveProvider, ProviderRegistry } from './providers';
import type { SecretBox } from './secret-box';

/** How long the browser may take at the provider before the login state expires. */
export const LOGIN_STATE_MS = 10 * 60_000;
const STATE_LABEL = 'oidc-login-state';

/** The login state travels in a sealed, short-lived cookie, scoped to the provider's callback path. */
export const stateCookieName = (providerId: string) => `casustafel_oidc_${providerId}`;
export const callbackPath = (providerId: string) => `/api/auth/oidc/${providerId}/callback`;
export const tokenLabel = (kind: 'id-token' | 'refresh-token', sessionId: string) => `${kind}:${sessionId}`;

interface LoginState {
  /** provider id */
  p: string;
  /** state, nonce, PKCE verifier */
  s: string;
  n: string;
  v: string;
  /** where to go afterwards (a path on this site) */
  r: string;
  /** when it started (ms) */
  t: number;
}

export interface FlowDeps {
  db: Db;
  sessions: SessionStore;
  registry: ProviderRegistry;
  box: SecretBox;
}

/** Only a path on this site, never another site ("//evil", "https://…", "/\\evil"). */
export function safeReturnTo(value: string | undefined): string {
  if (!value || !value.startsWith('/') || value.startsWith('//') || value.includes('\\') || /[\r\n]/.test(value)) return '/';
  return value.slice(0, 500);
}

/** A short, stable stand-in for an identifier in the audit trail and on the admin page. */
export function fingerprint(subject: string): string {
  return createHash('sha256').update(subject).digest('hex').slice(0, 12);
}

export async function startLogin(deps: FlowDeps, provider: ActiveProvider, origin: string, returnTo: string): Promise<{ url: URL; cookie: string }> {
  const config = await deps.registry.configuration(provider);
  const state: LoginState = {
    p: provider.settings.id,
    s: client.randomState(),
    n: client.randomNonce(),
    v: client.randomPKCECodeVerifier(),
    r: safeReturnTo(returnTo),
    t: Date.now(),
  };
  const params: Record<string, string> = {
    redirect_uri: origin + callbackPath(provider.settings.id),
    scope: provider.settings.scopes,
    code_challenge: await client.calculatePKCECodeChallenge(state.v),
    code_challenge_method: 'S256',
    state: state.s,
    nonce: state.n,
  };
  if (provider.settings.acrValues) params.acr_values = provider.settings.acrValues;
  return { url: client.buildAuthorizationUrl(config, params), cookie: deps.box.seal(STATE_LABEL, JSON.stringify(state)) };
}

export type LoginOutcome = { ok: true; user: UserRow; token: string; returnTo: string } | { ok: false; code: SsoErrorCode };

interface Attempt {
  provider: ActiveProvider;
  ip: string;
  acr: string | null;
  userId: string | null;
  label: string | null;
}

async function refuse(db: Db, a: Attempt, refusal: Refusal): Promise<LoginOutcome> {
  await recordAudit(db, {
    action: 'auth.login_failed',
    actorUserId: a.userId,
    actorLabel: a.label,
    ip: a.ip,
    detail: { method: 'oidc', provider: a.provider.settings.id, acr: a.acr, outcome: 'refused', reason: refusal.reason },
  });
  return { ok: false, code: refusal.code };
}

/** Sorts what openid-client throws into a reason for the audit trail and a message for the person. */
export function classifyFlowError(error: unknown): Refusal {
  if (error instanceof client.AuthorizationResponseError) {
    const code = /^[a-z_]{1,40}$/.test(error.error) ? error.error : 'other';
    return { reason: `provider_error:${code}`, code: 'GEWEIGERD_DOOR_PROVIDER' };
  }
  if (error instanceof client.ResponseBodyError) {
    const code = /^[a-z_]{1,40}$/.test(error.error) ? error.error : 'other';
    return { reason: `token_error:${code}`, code: 'ONGELDIG_ANTWOORD' };
  }
  // openid-client wraps the checking library's error; the specific message and claim are on the inner one.
  const e = error as { code?: string; cause?: { message?: string; cause?: { claim?: unknown } } } | null;
  const claimName = e?.cause?.cause?.claim;
  const message = e?.cause?.message ?? '';
  switch (e?.code) {
    case 'OAUTH_JWT_TIMESTAMP_CHECK_FAILED':
      return { reason: 'id_token_expired', code: 'ONGELDIG_ANTWOORD' };
    case 'OAUTH_JWT_CLAIM_COMPARISON_FAILED': {
      const claim = typeof claimName === 'string' && /^[a-z_]{1,20}$/.test(claimName) ? claimName : 'claim';
      return { reason: `id_token_${claim}_mismatch`, code: 'ONGELDIG_ANTWOORD' };
    }
    case 'OAUTH_INVALID_RESPONSE':
      return { reason: /signature/i.test(message) ? 'id_token_signature' : 'invalid_response', code: 'ONGELDIG_ANTWOORD' };
    case 'OAUTH_KEY_SELECTION_FAILED':
      return { reason: 'id_token_key', code: 'ONGELDIG_ANTWOORD' };
    case 'OAUTH_JSON_ATTRIBUTE_COMPARISON_FAILED':
      return { reason: 'response_mismatch', code: 'ONGELDIG_ANTWOORD' };
    case 'OAUTH_PARSE_ERROR':
    case 'OAUTH_RESPONSE_IS_NOT_JSON':
    case 'OAUTH_RESPONSE_IS_NOT_CONFORM':
      return { reason: 'invalid_response', code: 'ONGELDIG_ANTWOORD' };
  }
  return { reason: 'provider_unreachable', code: 'PROVIDER_ONBEREIKBAAR' };
}

/**
 * The callback: checks the login state, exchanges the code (openid-client verifies the ID
 * token's signature, issuer, audience, expiry, nonce and the PKCE exchange), then decides who
 * this is here.
 */
export async function finishLogin(
  deps: FlowDeps,
  provider: ActiveProvider,
  origin: string,
  search: string,
  sealedState: string | undefined,
  ip: string,
): Promise<LoginOutcome> {
  const { db } = deps;
  const settings = provider.settings;
  const attempt: Attempt = { provider, ip, acr: null, userId: null, label: null };
  const opened = sealedState ? deps.box.open(STATE_LABEL, sealedState) : null;
  const state = opened ? (JSON.parse(opened) as LoginState) : null;
  if (!state || state.p !== settings.id || Date.now() - state.t > LOGIN_STATE_MS) return await refuse(db, attempt, { reason: 'state_missing', code: 'VERLOPEN' });
  const currentUrl = new URL(origin + callbackPath(settings.id) + search);
  const returned = currentUrl.searchParams.get('state');
  // A provider's error answer still carries our state; anything else with a different state is not ours.
  if (returned !== state.s) return await refuse(db, attempt, { reason: 'state_mismatch', code: 'VERLOPEN' });

  let tokens: Awaited<ReturnType<typeof client.authorizationCodeGrant>>;
  let claims: Record<string, unknown>;
  try {
    const config = await deps.registry.configuration(provider);
    tokens = await client.authorizationCodeGrant(config, currentUrl, { pkceCodeVerifier: state.v, expectedState: state.s, expectedNonce: state.n, idTokenExpected: true });
    const idClaims = tokens.claims()!;
    claims = { ...idClaims };
    if (config.serverMetadata().userinfo_endpoint && tokens.access_token) {
      // Many providers put e-mail, name and groups only in the UserInfo answer. The ID token keeps the last word on who and how.
      const info = await client.fetchUserInfo(config, tokens.access_token, idClaims.sub);
      claims = { ...info, ...idClaims };
    }
  } catch (error) {
    return await refuse(db, attempt, classifyFlowError(error));
  }

  const acr = typeof claims.acr === 'string' ? claims.acr : undefined;
  const amr = Array.isArray(claims.amr) ? claims.amr.filter((m): m is string => typeof m === 'string') : [];
  attempt.acr = acr ?? null;
  const rawSubject = claims[settings.claims.subject];
  if (typeof rawSubject !== 'string' || rawSubject.length === 0 || rawSubject.length > 500) return await refuse(db, attempt, { reason: 'subject_missing', code: 'ONGELDIG_ANTWOORD' });
  // Never store or show a BSN: a provider that sends one in the clear is refused before anything is written.
  if (isPlainBsn(rawSubject)) return await refuse(db, attempt, { reason: 'bsn_delivered', code: 'BSN_ONTVANGEN' });
  const subject = rawSubject;
  attempt.label = `${settings.id}:${fingerprint(subject)}`;
  const email = typeof claims[settings.claims.email] === 'string' && claims.email_verified !== false ? (claims[settings.claims.email] as string).trim().toLowerCase() : null;
  const usableEmail = email && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email) && email.length <= 254 ? email : null;
  const name = typeof claims[settings.claims.name] === 'string' ? (claims[settings.claims.name] as string).trim().slice(0, 120) : null;
  if (settings.kind === 'medewerkers' && usableEmail) attempt.label = usableEmail;

  const identity = await findIdentity(db, settings.id, subject);
  let user: UserRow | undefined = identity ? await findUserById(db, identity.userId) : undefined;
  if (user) {
    attempt.userId = user.id;
    if (!user.active) return await refuse(db, attempt, { reason: 'account_inactive', code: 'ACCOUNT_GEDEACTIVEERD' });
    if ((settings.kind === 'inwoners') !== (user.functie === 'inwoner')) return await refuse(db, attempt, { reason: 'wrong_provider_kind', code: 'VERKEERDE_DIENST' });
    const low = checkAssurance(settings, user.functiePending ? null : user.functie, acr, amr);
    if (low) return await refuse(db, attempt, low);
  } else if (settings.kind === 'inwoners') {
    const low = checkAssurance(settings, 'inwoner', acr, amr);
    if (low) return await refuse(db, attempt, low);
    // Matched only by the administrator, who knows the household: never by name or e-mail.
    await requestLink(db, attempt, { providerId: settings.id, subject, kind: 'inwoner', email: null, name, targetUserId: null });
    return await refuse(db, attempt, { reason: 'unknown_resident', code: 'INWONER_ONBEKEND' });
  } else {
    if (!usableEmail) return await refuse(db, attempt, { reason: 'email_missing', code: 'GEEN_EMAIL' });
    const existing = await findUserByEmail(db, usableEmail);
    if (existing) {
      attempt.userId = existing.id;
      const low = checkAssurance(settings, existing.functiePending ? null : existing.functie, acr, amr);
      if (low) return await refuse(db, attempt, low);
      await requestLink(db, attempt, { providerId: settings.id, subject, kind: 'email', email: usableEmail, name, targetUserId: existing.id });
      return await refuse(db, attempt, { reason: 'link_needs_approval', code: 'KOPPELING_NODIG' });
    }
    if (!settings.jit) return await refuse(db, attempt, { reason: 'no_account', code: 'GEEN_ACCOUNT' });
    const groups = groupsOf(claims[settings.claims.groups]);
    const mapped = functieFromGroups(groups, await deps.registry.groupTable(provider));
    if ('reason' in mapped && settings.unknownGroup === 'refuse') return await refuse(db, attempt, { reason: mapped.reason, code: 'GROEP_ONBEKEND' });
    const functie: Functie | null = 'functie' in mapped ? mapped.functie : null;
    if (functie === 'inwoner') return await refuse(db, attempt, { reason: 'wrong_provider_kind', code: 'VERKEERDE_DIENST' });
    const low = checkAssurance(settings, functie, acr, amr);
    if (low) return await refuse(db, attempt, low);
    const organisation = (settings.claims.organisation && typeof claims[settings.claims.organisation] === 'string' ? (claims[settings.claims.organisation] as string) : settings.organisation ?? settings.name).slice(0, 120);
    user = await createJustInTime(db, attempt, { subject, email: usableEmail, name: name || usableEmail, organisation, functie, groupReason: 'reason' in mapped ? mapped.reason : null });
  }

  const signedIn = user;
  const idToken = tokens.id_token!;
  const refreshToken = tokens.refresh_token;
  const token = await commit({ db }, null, async ({ tx }) => {
    const opened = await deps.sessions.open(signedIn.id, ip);
    await insertOidcSession(tx, {
      sessionId: opened.sessionId,
      providerId: settings.id,
      subject,
      sid: typeof claims.sid === 'string' ? claims.sid : null,
      acr: acr ?? null,
      idTokenSealed: deps.box.seal(tokenLabel('id-token', opened.sessionId), idToken),
      refreshTokenSealed: refreshToken ? deps.box.seal(tokenLabel('refresh-token', opened.sessionId), refreshToken) : null,
    });
    await updateUser(tx, signedIn.id, { lastLoginAt: nowIso() });
    await appendAudit(tx, { action: 'auth.login', actorUserId: signedIn.id, ip, detail: { method: 'oidc', provider: settings.id, acr: acr ?? null, amr, outcome: 'ok' } });
    return opened.token;
  });
  return { ok: true, user: signedIn, token, returnTo: state.r };
}

async function requestLink(db: Db, attempt: Attempt, row: Parameters<typeof upsertLinkRequest>[1]): Promise<void> {
  await commit({ db }, null, async ({ tx }) => {
    const { id, created } = await upsertLinkRequest(tx, row);
    if (created) {
      await appendAudit(tx, { action: 'oidc.link_requested', actorUserId: attempt.userId, actorLabel: attempt.label, ip: attempt.ip, detail: { provider: row.providerId, requestId: id, kind: row.kind } });
    }
  });
}

async function createJustInTime(
  db: Db,
  attempt: Attempt,
  p: { subject: string; email: string; name: string; organisation: string; functie: Functie | null; groupReason: string | null },
): Promise<UserRow> {
  return await commit({ db }, null, async ({ tx }) => {
    // Until the administrator sets a functie the account can do nothing (server/context.ts); the stand-in is the least trusted one.
    const row = await insertUser(tx, {
      email: p.email,
      name: p.name,
      functie: p.functie ?? 'extern_partner',
      functiePending: p.functie === null,
      organisation: p.organisation,
      passwordHash: NO_PASSWORD,
      mustChangePassword: false,
    });
    await insertIdentity(tx, { providerId: attempt.provider.settings.id, subject: p.subject, userId: row.id, linkedBy: null });
    await appendAudit(tx, {
      action: 'user.created',
      actorUserId: row.id,
      ip: attempt.ip,
      detail: { userId: row.id, how: 'oidc_jit', provider: attempt.provider.settings.id, functie: p.functie, functiePending: p.functie === null, groups: p.groupReason ?? 'mapped' },
    });
    return row;
  });
}
