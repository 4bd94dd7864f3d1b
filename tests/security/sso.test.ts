// Attacks on sign-in through an identity provider: forged and replayed logout tokens, a
// cross-site post to the back-channel, an open redirect after login, a broker that hands out a
// BSN, and secrets or tokens ending up in the database file, the audit trail, logs or answers.
import { generateKeyPair, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DEMO_CLIENTS, DEMO_IDP_ACCOUNTS } from '../../scripts/dev-idp/accounts';
import { DIGID_ACR } from '../../shared/schemas/oidc';
import { ApiClient, loginAs } from '../support/server';
import { DEMO_PROVIDER_IDS, SsoBrowser, ssoLogin, startSsoPair, type SsoPair } from '../support/sso';
import { expectError } from '../support/api';
import { auditRowsSince, count, maxAuditSeq, queryRow, queryRows, storedText } from '../support/db';

const STAFF = DEMO_PROVIDER_IDS.staff;
const TEST_BSN = '999993653';
const BACKCHANNEL_EVENT = { 'http://schemas.openid.net/event/backchannel-logout': {} };

let pair: SsoPair;
let admin: ApiClient;
const logged: string[] = [];
const answers: string[] = [];

beforeAll(async () => {
  // Everything the server (and the provider) print during this file, to look for secrets later.
  for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    const original = console[level].bind(console);
    vi.spyOn(console, level).mockImplementation((...args: unknown[]) => {
      logged.push(args.map((a) => (a instanceof Error ? `${a.message} ${a.stack}` : typeof a === 'string' ? a : JSON.stringify(a))).join(' '));
      original(...args);
    });
  }
  pair = await startSsoPair({
    extraStaffProviderIds: ['gemeente-strikt'],
    extraResidentProviderIds: ['digid-bsn'],
    accounts: [...DEMO_IDP_ACCOUNTS, { username: 'bsn', password: 'demo', id: 'inwoner-bsn', name: 'K. Jansen', acr: DIGID_ACR.substantieel, amr: ['pwd', 'app'], active: true, bsn: TEST_BSN }],
  });
  admin = await loginAs(pair.server, 'beheer');
});

afterAll(async () => {
  await pair?.stop();
  vi.restoreAllMocks();
});

function apiFor(cookie: string | null): ApiClient {
  const api = new ApiClient(pair.server.url);
  api.cookie = cookie ?? undefined;
  return api;
}

/** The oidc_sessions row of a session cookie's session. */
async function sidOf(): Promise<{ sid: string; subject: string }> {
  return await queryRow(pair.server, 'select sid, subject from oidc_sessions order by checked_at desc limit 1') as { sid: string; subject: string };
}

async function postLogoutToken(token: string, headers: Record<string, string> = {}) {
  const res = await fetch(`${pair.server.url}/api/auth/oidc/${STAFF}/backchannel-logout`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams({ logout_token: token }).toString(),
  });
  const text = await res.text();
  answers.push(text);
  return { status: res.status, body: text ? JSON.parse(text) : null, headers: res.headers };
}

const now = () => Math.floor(Date.now() / 1000);

describe('back-channel logout cannot be forged', () => {
  it('refuses tokens not signed by the provider, for another client, with a nonce, without the event, or seen before', async () => {
    const login = await ssoLogin(new SsoBrowser(), pair, STAFF, 'noor');
    const me = apiFor(login.sessionCookie);
    expect((await me.get('/api/auth/me')).status).toBe(200);
    const { sid, subject } = await sidOf();
    const claims = { iss: pair.idp.issuer, aud: DEMO_CLIENTS.staff.clientId, iat: now(), exp: now() + 120, sub: subject, sid, events: BACKCHANNEL_EVENT };
    const seq = await maxAuditSeq(pair.server);

    // Signed by someone else's key, with every claim right.
    const { privateKey } = await generateKeyPair('RS256');
    const foreign = await new SignJWT({ ...claims, jti: 'a' }).setProtectedHeader({ alg: 'RS256', kid: 'demo-idp-1' }).sign(privateKey);
    expectError(await postLogoutToken(foreign), 400, 'ONGELDIG_LOGOUT_TOKEN');
    // The provider's key, but not for us / with a nonce / without the back-channel event / expired.
    expectError(await postLogoutToken(await pair.idp.sign({ ...claims, jti: 'b', aud: DEMO_CLIENTS.residents.clientId })), 400, 'ONGELDIG_LOGOUT_TOKEN');
    expectError(await postLogoutToken(await pair.idp.sign({ ...claims, jti: 'c', nonce: 'n' })), 400, 'ONGELDIG_LOGOUT_TOKEN');
    expectError(await postLogoutToken(await pair.idp.sign({ ...claims, jti: 'd', events: {} })), 400, 'ONGELDIG_LOGOUT_TOKEN');
    expectError(await postLogoutToken(await pair.idp.sign({ ...claims, jti: 'e', iat: now() - 7200, exp: now() - 3600 })), 400, 'ONGELDIG_LOGOUT_TOKEN');
    expectError(await postLogoutToken('geen.jwt.token'), 400, 'ONGELDIG_LOGOUT_TOKEN');
    expect((await me.get('/api/auth/me')).status).toBe(200);
    const reasons = (await auditRowsSince(pair.server, seq))
      .filter((r) => r.action === 'auth.backchannel_logout')
      .map((r) => JSON.parse(r.detail).reason);
    expect(reasons).toHaveLength(6);
    expect(reasons.every((r: string) => typeof r === 'string' && r.length > 0)).toBe(true);

    // A real one works once; the same token again is refused (replay).
    const real = await pair.idp.sign({ ...claims, jti: 'echt-1' }, 'logout+jwt');
    expect((await postLogoutToken(real)).status).toBe(200);
    expect((await me.get('/api/auth/me')).status).toBe(401);
    expectError(await postLogoutToken(real), 400, 'ONGELDIG_LOGOUT_TOKEN');
  });

  it('takes no cookie as authority: a cross-site post is refused, and a post with the victim’s cookie but no valid token ends nothing', async () => {
    const login = await ssoLogin(new SsoBrowser(), pair, STAFF, 'noor');
    const { sid, subject } = await sidOf();
    const valid = await pair.idp.sign({ iss: pair.idp.issuer, aud: DEMO_CLIENTS.staff.clientId, iat: now(), exp: now() + 120, sub: subject, sid, events: BACKCHANNEL_EVENT, jti: 'csrf' });
    // A form on another site posting to us: the browser sends its Origin, and that is refused before anything else.
    expectError(await postLogoutToken(valid, { origin: 'https://kwaadwillend.example', 'sec-fetch-site': 'cross-site' }), 403, 'ANDERE_HERKOMST');
    expectError(await postLogoutToken('x', { cookie: login.sessionCookie! }), 400, 'ONGELDIG_LOGOUT_TOKEN');
    expect((await apiFor(login.sessionCookie).get('/api/auth/me')).status).toBe(200);
    // A JSON body is not the standard's form body.
    const json = await fetch(`${pair.server.url}/api/auth/oidc/${STAFF}/backchannel-logout`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'logout_token=x' });
    expect(json.status).toBe(415);
  });
});

describe('the login flow cannot be bent', () => {
  it('returns only to a path on this site after login', async () => {
    for (const returnTo of ['//kwaadwillend.example/pad', 'https://kwaadwillend.example', '/\\kwaadwillend.example']) {
      const login = await ssoLogin(new SsoBrowser(), pair, STAFF, 'noor', { returnTo });
      expect(login.error).toBeNull();
      expect(login.end.origin).toBe(pair.server.url);
      expect(login.end.pathname).toBe('/');
    }
  });

  it('only the functional administrator reaches the provider settings, links and switches', async () => {
    const klant = await loginAs(pair.server, 'klantmanager');
    for (const path of ['/api/admin/oidc/providers', '/api/admin/oidc/link-requests', '/api/admin/oidc/group-functies', '/api/admin/auth-settings']) {
      expectError(await klant.get(path), 403, 'GEEN_TOESTEMMING');
    }
    expectError(await klant.put('/api/admin/auth-settings', { passwordLogin: 'on', breakGlassUserId: null }), 403, 'GEEN_TOESTEMMING');
  });

  it('an administrator-kept provider: secret sealed, never answered; a provider set to refuse unknown groups makes no account', async () => {
    const created = await admin.post('/api/admin/oidc/providers', {
      id: 'gemeente-strikt',
      name: 'Gemeente Demo (strikt)',
      kind: 'medewerkers',
      issuer: pair.idp.issuer,
      clientId: DEMO_CLIENTS.staff.clientId,
      clientSecret: pair.secrets.staff,
      scopes: 'openid email profile groups',
      unknownGroup: 'refuse',
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(JSON.stringify(created.body)).not.toContain(pair.secrets.staff);
    expect(created.body.redirectUri).toBe(`${pair.server.url}/api/auth/oidc/gemeente-strikt/callback`);
    expect(JSON.stringify((await admin.get('/api/admin/oidc/providers')).body)).not.toContain(pair.secrets.staff);
    // An environment provider is not the administrator's to change.
    expectError(await admin.put(`/api/admin/oidc/providers/${STAFF}`, { id: STAFF, name: 'x', kind: 'medewerkers', issuer: pair.idp.issuer, clientId: 'x' }), 409, 'PROVIDER_UIT_OMGEVING');
    // A plain-http issuer elsewhere than this machine is refused.
    expectError(await admin.post('/api/admin/oidc/providers', { id: 'onveilig', name: 'x', kind: 'medewerkers', issuer: 'http://idp.gemeente.example', clientId: 'x', clientSecret: 'y' }), 400, 'ONGELDIGE_INVOER');

    const users = await count(pair.server, 'select count(*) as n from users');
    const login = await ssoLogin(new SsoBrowser(), pair, 'gemeente-strikt', 'bram');
    expect(login).toMatchObject({ error: 'GROEP_ONBEKEND', sessionCookie: null });
    expect(await count(pair.server, 'select count(*) as n from users')).toBe(users);
    // Another provider never takes over an account made through the first one: that too waits for the administrator.
    expect((await ssoLogin(new SsoBrowser(), pair, STAFF, 'noor')).error).toBeNull();
    expect((await ssoLogin(new SsoBrowser(), pair, 'gemeente-strikt', 'noor')).error).toBe('KOPPELING_NODIG');
  });

  it('a broker that delivers a plain BSN is refused and the BSN is stored nowhere', async () => {
    const created = await admin.post('/api/admin/oidc/providers', {
      id: 'digid-bsn',
      name: 'DigiD (broker met BSN)',
      kind: 'inwoners',
      issuer: pair.idp.issuer,
      clientId: DEMO_CLIENTS.residents.clientId,
      clientSecret: pair.secrets.residents,
      scopes: 'openid bsn',
      claims: { subject: 'bsn' },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const seq = await maxAuditSeq(pair.server);
    const login = await ssoLogin(new SsoBrowser(), pair, 'digid-bsn', 'bsn');
    expect(login).toMatchObject({ error: 'BSN_ONTVANGEN', sessionCookie: null });
    const refused = (await auditRowsSince(pair.server, seq)).find((r) => r.action === 'auth.login_failed')!;
    expect(JSON.parse(refused.detail)).toMatchObject({ provider: 'digid-bsn', reason: 'bsn_delivered', acr: DIGID_ACR.substantieel });
    expect(await count(pair.server, 'select count(*) as n from oidc_link_requests where subject = ?', TEST_BSN)).toBe(0);
    expect(await databaseText()).not.toContain(TEST_BSN);
    expect(logged.join('\n')).not.toContain(TEST_BSN);
  });
});

/** Everything stored, as text, the way someone with a copy of the database would search it. */
function databaseText(): Promise<string> {
  return storedText(pair.server);
}

describe('no secret and no token where it does not belong', () => {
  it('the client secrets and every token the provider issued are absent from the database file, the audit trail, the logs and the answers', async () => {
    // Make sure there is something to find: sessions with stored (sealed) tokens, refusals, a logout.
    const login = await ssoLogin(new SsoBrowser(), pair, STAFF, 'noor');
    const logout = await apiFor(login.sessionCookie).post('/api/auth/oidc/logout');
    answers.push(JSON.stringify(logout.body));
    const kept = await ssoLogin(new SsoBrowser(), pair, STAFF, 'noor');
    expect(kept.error).toBeNull();
    expect(await count(pair.server, 'select count(*) as n from oidc_sessions where refresh_token_sealed is not null')).toBeGreaterThan(0);
    expect(await count(pair.server, 'select count(*) as n from oidc_providers')).toBe(2);

    const tokens = pair.idp.issued.all.filter((t) => t.length >= 20);
    expect(tokens.length).toBeGreaterThan(10);
    // The id_token_hint in the logout URL is the browser's own business; it is not stored or logged.
    const logoutHint = new URL(logout.body.providerLogoutUrl).searchParams.get('id_token_hint');
    expect(tokens).toContain(logoutHint);
    const secrets = [pair.secrets.staff, pair.secrets.residents];
    const places = {
      database: await databaseText(),
      audit: (await queryRows(pair.server, 'select actor_label, detail from audit_log') as { actor_label: string | null; detail: string }[]).map((r) => `${r.actor_label} ${r.detail}`).join('\n'),
      logs: logged.join('\n'),
      errorAnswers: answers.filter((a) => a.includes('"error"')).join('\n'),
    };
    expect(places.audit.length).toBeGreaterThan(1000);
    for (const [where, text] of Object.entries(places)) {
      for (const secret of secrets) expect(text.includes(secret), `client secret in ${where}`).toBe(false);
      for (const token of tokens) {
        expect(text.includes(token), `token in ${where}`).toBe(false);
        // Not even its signature part (the one piece that cannot be rebuilt from the claims).
        expect(text.includes(token.split('.').pop()!), `token signature in ${where}`).toBe(false);
      }
    }
  });
});
