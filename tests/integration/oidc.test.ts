// Sign-in through a real OpenID Connect provider (node-oidc-provider, in-process), end to end:
// the code flow, just-in-time accounts, the level of assurance, groups, links that wait for the
// administrator, logout at the provider, back-channel logout, and the re-check at the provider.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIGID_ACR, EIDAS_ACR } from '../../shared/schemas/oidc';
import { ApiClient, loginAs } from '../support/server';
import { DEMO_PROVIDER_IDS, SsoBrowser, ssoLogin, startSsoPair, type SsoPair } from '../support/sso';
import { expectError } from '../support/api';
import { rawUpgrade } from '../support/collab';
import { auditRowsSince, caseIdByTitle, count, maxAuditSeq, queryRow, userId } from '../support/db';
import { waitFor } from '../support/time';

const STAFF = DEMO_PROVIDER_IDS.staff;
const RESIDENTS = DEMO_PROVIDER_IDS.residents;

let pair: SsoPair;
let admin: ApiClient;

beforeAll(async () => {
  pair = await startSsoPair();
  admin = await loginAs(pair.server, 'beheer');
});

afterAll(async () => {
  await pair?.stop();
});

function apiFor(cookie: string | null): ApiClient {
  const api = new ApiClient(pair.server.url);
  api.cookie = cookie ?? undefined;
  return api;
}

/** The audit rows of refused logins since `seq`, as parsed details. */
async function refusals(seq: number) {
  return (await auditRowsSince(pair.server, seq))
    .filter((r) => r.action === 'auth.login_failed')
    .map((r) => JSON.parse(r.detail) as Record<string, unknown>);
}

async function approveLinkFor(predicate: (r: { kind: string; email: string | null }) => boolean, userIdForResident?: string) {
  const list = await admin.get('/api/admin/oidc/link-requests');
  expect(list.status).toBe(200);
  const request = (list.body as { id: string; kind: string; email: string | null }[]).find(predicate);
  expect(request, JSON.stringify(list.body)).toBeDefined();
  const res = await admin.post(`/api/admin/oidc/link-requests/${request!.id}/approve`, userIdForResident ? { userId: userIdForResident } : {});
  expect(res.status, JSON.stringify(res.body)).toBe(204);
}

describe('the code flow', () => {
  it('lists the providers for the login page, without secrets', async () => {
    const res = await new ApiClient(pair.server.url).get('/api/auth/oidc/providers');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      providers: [
        { id: STAFF, name: 'Gemeente Demo (SSO)', kind: 'medewerkers' },
        { id: RESIDENTS, name: 'DigiD', kind: 'inwoners' },
      ],
      passwordLogin: 'on',
    });
  });

  it('signs in with PKCE, state and nonce, makes the account just in time with the mapped functie and no case access', async () => {
    const seq = await maxAuditSeq(pair.server);
    const browser = new SsoBrowser();
    const login = await ssoLogin(browser, pair, STAFF, 'noor', { returnTo: '/postvak' });
    // What went to the provider: the code flow with PKCE (S256), state and nonce.
    const q = login.authorizationUrl.searchParams;
    expect(q.get('response_type')).toBe('code');
    expect(q.get('code_challenge_method')).toBe('S256');
    expect(q.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(q.get('state')).toBeTruthy();
    expect(q.get('nonce')).toBeTruthy();
    expect(q.get('redirect_uri')).toBe(`${pair.server.url}/api/auth/oidc/${STAFF}/callback`);
    expect(login.error).toBeNull();
    expect(login.end.pathname).toBe('/postvak');

    const me = await apiFor(login.sessionCookie).get('/api/auth/me');
    expect(me.status).toBe(200);
    expect(me.body.user).toMatchObject({ name: 'Noor Jansen', email: 'noor.jansen@gemeente-demo.nl', functie: 'casusregisseur', organisation: 'Gemeente Demo', functiePending: false, mustChangePassword: false });
    const cases = await apiFor(login.sessionCookie).get('/api/cases');
    expect(cases.status).toBe(200);
    expect(cases.body).toEqual([]);

    const rows = await auditRowsSince(pair.server, seq);
    const created = rows.find((r) => r.action === 'user.created');
    expect(JSON.parse(created!.detail)).toMatchObject({ how: 'oidc_jit', provider: STAFF, functie: 'casusregisseur', functiePending: false });
    const loginRow = rows.find((r) => r.action === 'auth.login');
    expect(JSON.parse(loginRow!.detail)).toEqual({ method: 'oidc', provider: STAFF, acr: EIDAS_ACR.substantial, amr: ['pwd', 'otp', 'mfa'], outcome: 'ok' });
    expect(loginRow!.actor_user_id).toBe(me.body.user.id);

    // A second sign-in finds the same account through its identity.
    const again = await ssoLogin(new SsoBrowser(), pair, STAFF, 'noor');
    expect((await apiFor(again.sessionCookie).get('/api/auth/me')).body.user.id).toBe(me.body.user.id);
    expect(await count(pair.server, "select count(*) as n from users where email = 'noor.jansen@gemeente-demo.nl'")).toBe(1);
  });

  it('keeps the login state in a sealed, HttpOnly, SameSite=Lax cookie scoped to the callback; the session cookie stays Strict', async () => {
    const browser = new SsoBrowser();
    const start = await browser.request(`${pair.server.url}/api/auth/oidc/${STAFF}/login`);
    expect(start.status).toBe(302);
    const host = new URL(pair.server.url).host;
    const state = browser.cookie(host, `casustafel_oidc_${STAFF}`)!;
    expect(state.path).toBe(`/api/auth/oidc/${STAFF}/callback`);
    expect(state.attributes).toMatch(/HttpOnly/i);
    expect(state.attributes).toMatch(/SameSite=Lax/i);
    expect(state.attributes).toMatch(/Max-Age=600/i);
    // Sealed: neither the state nor the PKCE verifier can be read from it.
    const sentState = new URL(start.headers.get('location')!).searchParams.get('state')!;
    expect(decodeURIComponent(state.value)).not.toContain(sentState);

    const login = await ssoLogin(browser, pair, STAFF, 'noor');
    const session = browser.cookie(host, 'casustafel_sessie')!;
    expect(login.error).toBeNull();
    expect(session.attributes).toMatch(/HttpOnly/i);
    expect(session.attributes).toMatch(/SameSite=Strict/i);
    // Used once: the state cookie is gone after the callback.
    expect(browser.cookie(host, `casustafel_oidc_${STAFF}`)).toBeUndefined();
  });

  it('an unknown provider is a 404', async () => {
    expectError(await new ApiClient(pair.server.url).get('/api/auth/oidc/bestaat-niet/login'), 404, 'NIET_GEVONDEN');
  });
});

describe('what the provider says is checked', () => {
  it('refuses a wrong state, and a callback without the login state cookie', async () => {
    const seq = await maxAuditSeq(pair.server);
    const forged = await ssoLogin(new SsoBrowser(), pair, STAFF, 'noor', {
      beforeCallback: (u) => {
        u.searchParams.set('state', 'een-andere-state');
        return u;
      },
    });
    expect(forged).toMatchObject({ error: 'VERLOPEN', sessionCookie: null });

    // The provider's answer replayed in a browser that never started this login.
    let callback: URL | null = null;
    await ssoLogin(new SsoBrowser(), pair, STAFF, 'noor', {
      beforeCallback: (u) => {
        callback = new URL(u);
        u.searchParams.set('code', 'weg');
        return u;
      },
    });
    const stranger = new SsoBrowser();
    const replay = await stranger.visit(callback!);
    expect(replay.url.searchParams.get('sso_fout')).toBe('VERLOPEN');
    expect(stranger.cookie(new URL(pair.server.url).host, 'casustafel_sessie')).toBeUndefined();
    expect((await refusals(seq)).map((r) => r.reason)).toEqual(expect.arrayContaining(['state_mismatch', 'state_missing']));
  });

  it('refuses an ID token with another nonce (re-signed by the provider: a token from another login)', async () => {
    const seq = await maxAuditSeq(pair.server);
    pair.idp.tamperNextIdToken((c) => ({ ...c, nonce: 'nonce-van-een-andere-login' }), 'resign');
    const login = await ssoLogin(new SsoBrowser(), pair, STAFF, 'noor');
    expect(login).toMatchObject({ error: 'ONGELDIG_ANTWOORD', sessionCookie: null });
    expect(await refusals(seq)).toEqual([expect.objectContaining({ method: 'oidc', provider: STAFF, outcome: 'refused', reason: 'id_token_nonce_mismatch' })]);
  });

  it('refuses a tampered ID token (payload changed after signing)', async () => {
    const seq = await maxAuditSeq(pair.server);
    pair.idp.tamperNextIdToken((c) => ({ ...c, sub: 'medewerker-bram' }), 'break-signature');
    const login = await ssoLogin(new SsoBrowser(), pair, STAFF, 'noor');
    expect(login).toMatchObject({ error: 'ONGELDIG_ANTWOORD', sessionCookie: null });
    expect((await refusals(seq)).map((r) => r.reason)).toEqual(['id_token_signature']);
  });

  it('refuses an expired ID token', async () => {
    const seq = await maxAuditSeq(pair.server);
    const now = Math.floor(Date.now() / 1000);
    pair.idp.tamperNextIdToken((c) => ({ ...c, iat: now - 7200, exp: now - 3600 }), 'resign');
    const login = await ssoLogin(new SsoBrowser(), pair, STAFF, 'noor');
    expect(login).toMatchObject({ error: 'ONGELDIG_ANTWOORD', sessionCookie: null });
    expect((await refusals(seq)).map((r) => r.reason)).toEqual(['id_token_expired']);
  });

  it('refuses a missing acr, a low acr for a resident, and a login without a second factor for the administrator functie', async () => {
    const seq = await maxAuditSeq(pair.server);
    const users = await count(pair.server, 'select count(*) as n from users');
    const noAcr = await ssoLogin(new SsoBrowser(), pair, STAFF, 'geenacr');
    expect(noAcr.error).toBe('NIVEAU_TE_LAAG');
    const lowResident = await ssoLogin(new SsoBrowser(), pair, RESIDENTS, 'basis');
    expect(lowResident.error).toBe('NIVEAU_INWONER_TE_LAAG');
    const noMfa = await ssoLogin(new SsoBrowser(), pair, STAFF, 'eva');
    expect(noMfa.error).toBe('MFA_VERPLICHT');
    expect((await refusals(seq)).map((r) => [r.reason, r.acr])).toEqual([
      ['acr_missing', null],
      ['acr_too_low', DIGID_ACR.basis],
      ['mfa_missing', EIDAS_ACR.low],
    ]);
    // Nothing was made for them: no account, no link request.
    expect(await count(pair.server, 'select count(*) as n from users')).toBe(users);
    expect(await count(pair.server, "select count(*) as n from oidc_link_requests where subject in ('medewerker-eva', 'medewerker-geenacr')")).toBe(0);
  });

  it('a deactivated account at the provider is refused at the next login', async () => {
    const seq = await maxAuditSeq(pair.server);
    const login = await ssoLogin(new SsoBrowser(), pair, STAFF, 'oud');
    expect(login).toMatchObject({ error: 'GEWEIGERD_DOOR_PROVIDER', sessionCookie: null });
    expect((await refusals(seq)).map((r) => r.reason)).toEqual(['provider_error:access_denied']);
  });
});

describe('groups and functies', () => {
  it('an unknown group makes an account that can do nothing until the administrator sets its functie', async () => {
    const login = await ssoLogin(new SsoBrowser(), pair, STAFF, 'bram');
    expect(login.error).toBeNull();
    const bram = apiFor(login.sessionCookie);
    const me = await bram.get('/api/auth/me');
    expect(me.body.user).toMatchObject({ name: 'Bram de Boer', functiePending: true });
    expectError(await bram.get('/api/cases'), 403, 'FUNCTIE_NIET_INGESTELD');
    expectError(await bram.get('/api/inbox'), 403, 'FUNCTIE_NIET_INGESTELD');
    const ws = await rawUpgrade(pair.server, await caseIdByTitle(pair.server, 'Gezin Verbeek'), { cookie: login.sessionCookie! });
    expect(ws.status).toBe(403);

    const listed = (await admin.get('/api/admin/users')).body.find((u: { email: string }) => u.email === 'bram.deboer@gemeente-demo.nl');
    expect(listed.functiePending).toBe(true);
    // Nobody can seat such an account at a table in the meantime.
    const regisseur = await loginAs(pair.server, 'casusregisseur');
    expect((await regisseur.get('/api/directory?q=Bram')).body).toEqual([]);
    expectError(
      await regisseur.post(`/api/cases/${await caseIdByTitle(pair.server, 'Gezin Verbeek')}/members`, { userId: listed.id, caseRole: 'extern_partner', access: 'comment' }),
      422,
      'FUNCTIE_NIET_INGESTELD',
    );
    expectError(await bram.put(`/api/admin/users/${listed.id}/functie`, { functie: 'procesregisseur' }), 403, 'FUNCTIE_NIET_INGESTELD');
    const set = await admin.put(`/api/admin/users/${listed.id}/functie`, { functie: 'consulent_wmo' });
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({ functie: 'consulent_wmo', functiePending: false });
    expect((await bram.get('/api/cases')).status).toBe(200);
    // Once set, the functie is not changed through this route.
    expectError(await admin.put(`/api/admin/users/${listed.id}/functie`, { functie: 'wethouder' }), 409, 'FUNCTIE_AL_INGESTELD');
  });

  it('the administrator keeps the group table; a provider set to refuse unknown groups refuses them', async () => {
    const table = await admin.get('/api/admin/oidc/group-functies');
    expect(table.body).toEqual(expect.arrayContaining([{ providerId: STAFF, group: 'casustafel-casusregie', functie: 'casusregisseur', source: 'omgeving' }]));
    expect((await admin.put(`/api/admin/oidc/providers/${STAFF}/group-functies`, { group: 'afdeling-facilitair', functie: 'consulent_inburgering' })).status).toBe(204);
    expect((await admin.get('/api/admin/oidc/group-functies')).body).toEqual(expect.arrayContaining([{ providerId: STAFF, group: 'afdeling-facilitair', functie: 'consulent_inburgering', source: 'beheer' }]));
    expectError(await admin.put(`/api/admin/oidc/providers/${RESIDENTS}/group-functies`, { group: 'x', functie: 'casusregisseur' }), 422, 'GEEN_INWONERGROEP');
    expect((await admin.delete(`/api/admin/oidc/providers/${STAFF}/group-functies?group=afdeling-facilitair`)).status).toBe(204);
    expectError(await admin.delete(`/api/admin/oidc/providers/${STAFF}/group-functies?group=afdeling-facilitair`), 404, 'NIET_GEVONDEN');
  });
});

describe('links wait for the administrator', () => {
  it('a provider e-mail address of an existing password account is linked only after approval', async () => {
    const seq = await maxAuditSeq(pair.server);
    const first = await ssoLogin(new SsoBrowser(), pair, STAFF, 'lotte');
    expect(first).toMatchObject({ error: 'KOPPELING_NODIG', sessionCookie: null });
    expect((await refusals(seq)).map((r) => r.reason)).toEqual(['link_needs_approval']);
    const requests = (await admin.get('/api/admin/oidc/link-requests')).body as Record<string, unknown>[];
    const request = requests.find((r) => r.email === 'jeugd@demo.casustafel.nl')!;
    expect(request).toMatchObject({ kind: 'email', providerId: STAFF, targetUser: { id: userId(pair.server, 'jeugd') } });
    expect(request.subjectFingerprint).toMatch(/^[0-9a-f]{12}$/);
    expect(JSON.stringify(requests)).not.toContain('medewerker-lotte');

    await approveLinkFor((r) => r.email === 'jeugd@demo.casustafel.nl');
    const second = await ssoLogin(new SsoBrowser(), pair, STAFF, 'lotte');
    expect(second.error).toBeNull();
    const me = await apiFor(second.sessionCookie).get('/api/auth/me');
    expect(me.body.user.id).toBe(userId(pair.server, 'jeugd'));
    expect(((await apiFor(second.sessionCookie).get('/api/cases')).body as { title: string }[]).map((c) => c.title)).toContain('Gezin Verbeek');
    expect((await auditRowsSince(pair.server, seq)).some((r) => r.action === 'oidc.link_approved')).toBe(true);
  });

  it('a resident is matched to the household by the broker pseudonym, linked by the administrator; no BSN is involved', async () => {
    const first = await ssoLogin(new SsoBrowser(), pair, RESIDENTS, 'sanne');
    expect(first).toMatchObject({ error: 'INWONER_ONBEKEND', sessionCookie: null });
    // The account must be an inwoner account.
    const list = (await admin.get('/api/admin/oidc/link-requests')).body as { id: string; kind: string }[];
    const request = list.find((r) => r.kind === 'inwoner')!;
    expectError(await admin.post(`/api/admin/oidc/link-requests/${request.id}/approve`, { userId: userId(pair.server, 'klantmanager') }), 422, 'VERKEERD_ACCOUNT');
    await approveLinkFor((r) => r.kind === 'inwoner', userId(pair.server, 'inwoner'));

    const second = await ssoLogin(new SsoBrowser(), pair, RESIDENTS, 'sanne');
    expect(second.error).toBeNull();
    const resident = apiFor(second.sessionCookie);
    expect((await resident.get('/api/auth/me')).body.user).toMatchObject({ id: userId(pair.server, 'inwoner'), functie: 'inwoner' });
    expect(((await resident.get('/api/cases')).body as { title: string }[]).map((c) => c.title)).toEqual(['Gezin Verbeek']);
    // The stored identifier is the broker's pairwise pseudonym: not the account id at the provider, not a BSN.
    const subject = (await queryRow(pair.server, 'select subject from oidc_identities where provider_id = ?', RESIDENTS) as { subject: string }).subject;
    expect(subject).toMatch(/^[0-9a-f]{64}$/);
    expect(subject).not.toContain('inwoner-sanne');
    // A staff provider is not a way in for a resident account, nor the other way round.
    expect((await ssoLogin(new SsoBrowser(), pair, RESIDENTS, 'noor')).error).toBe('NIVEAU_INWONER_TE_LAAG');
  });
});

describe('logout', () => {
  it('RP-initiated logout ends the session here and sends the browser to end it at the provider', async () => {
    const browser = new SsoBrowser();
    const login = await ssoLogin(browser, pair, STAFF, 'noor');
    const api = apiFor(login.sessionCookie);
    const res = await api.post('/api/auth/oidc/logout');
    expect(res.status).toBe(200);
    const url = new URL(res.body.providerLogoutUrl);
    expect(url.origin).toBe(pair.idp.issuer);
    expect(url.searchParams.get('post_logout_redirect_uri')).toBe(`${pair.server.url}/?uitgelogd=1`);
    expect(url.searchParams.get('id_token_hint')).toBeTruthy();
    expect((await apiFor(login.sessionCookie).get('/api/auth/me')).status).toBe(401);
    // At the provider: confirm, and the browser lands back on the app's login page.
    const confirm = await browser.visit(url);
    const done = await browser.submitForm(confirm, '/session/end/confirm', { logout: 'yes' });
    expect(done.url.href).toBe(`${pair.server.url}/?uitgelogd=1`);
    // The provider's session is gone: the next login asks for a password again.
    const next = await browser.visit(`${pair.server.url}/api/auth/oidc/${STAFF}/login`);
    expect(next.url.pathname).toMatch(/^\/interaction\//);
  });

  it('back-channel logout from the provider ends the session and closes its live WebSocket', async () => {
    const browser = new SsoBrowser();
    const login = await ssoLogin(browser, pair, STAFF, 'lotte');
    expect(login.error).toBeNull();
    const room = await caseIdByTitle(pair.server, 'Gezin Verbeek');
    const upgrade = await rawUpgrade(pair.server, room, { cookie: login.sessionCookie! });
    expect(upgrade.status).toBe(101);
    const closed = new Promise<number>((resolve) => upgrade.ws!.on('close', (code) => resolve(code)));
    const seq = await maxAuditSeq(pair.server);

    // The person logs out at the provider (say, in another application): the provider tells us server to server.
    const page = await browser.visit(`${pair.idp.issuer}/session/end`);
    await browser.submitForm(page, '/session/end/confirm', { logout: 'yes' });

    expect(await closed).toBe(4401);
    expect((await apiFor(login.sessionCookie).get('/api/auth/me')).status).toBe(401);
    await waitFor(async () => (await auditRowsSince(pair.server, seq)).some((r) => r.action === 'auth.backchannel_logout'));
    const row = (await auditRowsSince(pair.server, seq)).find((r) => r.action === 'auth.backchannel_logout')!;
    expect(JSON.parse(row.detail)).toMatchObject({ provider: STAFF, outcome: 'ok', sessionsEnded: 1, by: 'sid' });
  });

  it('a session whose account was deactivated at the provider ends at the next re-check (token refresh), with its sockets', async () => {
    const login = await ssoLogin(new SsoBrowser(), pair, STAFF, 'lotte');
    const api = apiFor(login.sessionCookie);
    expect((await api.get('/api/auth/me')).status).toBe(200);
    const upgrade = await rawUpgrade(pair.server, await caseIdByTitle(pair.server, 'Gezin Verbeek'), { cookie: login.sessionCookie! });
    const closed = new Promise<number>((resolve) => upgrade.ws!.on('close', (code) => resolve(code)));

    // Still active at the provider: the re-check keeps the session.
    const inAWhile = Date.now() + 11 * 60_000;
    const kept = await pair.server.services.oidc.recheckSessions(inAWhile);
    expect(kept.ended).toBe(0);
    expect(kept.checked).toBeGreaterThan(0);
    expect((await api.get('/api/auth/me')).status).toBe(200);

    const seq = await maxAuditSeq(pair.server);
    pair.idp.accounts.get('medewerker-lotte')!.active = false;
    try {
      const result = await pair.server.services.oidc.recheckSessions(inAWhile + 11 * 60_000);
      expect(result.ended).toBeGreaterThan(0);
      expect(await closed).toBe(4401);
      expect((await api.get('/api/auth/me')).status).toBe(401);
      const row = (await auditRowsSince(pair.server, seq)).find((r) => r.action === 'auth.session_refused')!;
      expect(JSON.parse(row.detail)).toEqual({ provider: STAFF, reason: 'refresh_refused:invalid_grant' });
      // And at the next login.
      expect((await ssoLogin(new SsoBrowser(), pair, STAFF, 'lotte')).error).toBe('GEWEIGERD_DOOR_PROVIDER');
    } finally {
      pair.idp.accounts.get('medewerker-lotte')!.active = true;
    }
  });
});

describe('password login', () => {
  it('stays for everyone until the administrator switches it off; then only the break-glass administrator, and other password sessions end', async () => {
    const klant = await loginAs(pair.server, 'klantmanager');
    const sso = await ssoLogin(new SsoBrowser(), pair, STAFF, 'noor');
    const beheerId = userId(pair.server, 'beheer');
    expectError(await admin.put('/api/admin/auth-settings', { passwordLogin: 'break_glass_only', breakGlassUserId: userId(pair.server, 'klantmanager') }), 422, 'GEEN_NOODACCOUNT');
    expectError(await admin.put('/api/admin/auth-settings', { passwordLogin: 'break_glass_only', breakGlassUserId: null }), 400, 'ONGELDIGE_INVOER');
    const set = await admin.put('/api/admin/auth-settings', { passwordLogin: 'break_glass_only', breakGlassUserId: beheerId });
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({ passwordLogin: 'break_glass_only', breakGlassUserId: beheerId });
    try {
      expect((await new ApiClient(pair.server.url).get('/api/auth/oidc/providers')).body.passwordLogin).toBe('break_glass_only');
      expect((await klant.get('/api/auth/me')).status).toBe(401);
      expect((await apiFor(sso.sessionCookie).get('/api/auth/me')).status).toBe(200);
      expect((await admin.get('/api/auth/me')).status).toBe(200);
      expectError(await new ApiClient(pair.server.url).login('klantmanager@demo.casustafel.nl'), 403, 'WACHTWOORD_UIT');
      expect((await new ApiClient(pair.server.url).login('beheer@demo.casustafel.nl')).status).toBe(200);
    } finally {
      expect((await admin.put('/api/admin/auth-settings', { passwordLogin: 'on', breakGlassUserId: null })).status).toBe(200);
    }
    expect((await new ApiClient(pair.server.url).login('klantmanager@demo.casustafel.nl')).status).toBe(200);
  });
});
