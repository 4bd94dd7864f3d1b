// A real OpenID Connect provider (node-oidc-provider) for trying SSO locally (`npm run dev:idp`)
// and for the tests, which run it in-process. It plays two parts at once: the municipality's
// own identity provider for staff (client "casustafel-medewerkers", groups, eIDAS acr and amr)
// and a DigiD broker for residents (client "casustafel-inwoners", DigiD acr values, a pairwise
// pseudonymous sub). Both clients have back-channel logout and RP-initiated logout.
//
// Development and tests only: accounts and their passwords live in memory, and the pages are plain.
import { createHmac, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, type JWK, SignJWT, decodeJwt, decodeProtectedHeader } from 'jose';
import Provider, { type Adapter, type AdapterPayload, type ClientMetadata, type KoaContextWithOIDC } from 'oidc-provider';
import { DIGID_LEVELS, EIDAS_ACR } from '../../shared/schemas/oidc';

export interface IdpAccount {
  /** What is typed on the provider's login page. */
  username: string;
  password: string;
  /** The account's id at the provider (residents see a pairwise pseudonym of it, never this). */
  id: string;
  name: string;
  email?: string;
  emailVerified?: boolean;
  groups?: string[];
  /** The level this account signs in with; undefined: no acr claim at all. */
  acr?: string;
  amr?: string[];
  /** Deactivated at the provider: refused at the next login and at the next token refresh. */
  active: boolean;
  /** A test account of a broker that (wrongly) hands out a plain BSN. */
  bsn?: string;
}

export interface IdpClient {
  clientId: string;
  clientSecret: string;
  /** The Casustafel origin and its provider ids there (usually one) give the registered URLs. */
  appOrigin: string;
  providerIds: string[];
  /** Residents: pairwise (pseudonymous) subjects. */
  pairwise?: boolean;
}

/** Every token the provider handed out, so tests can look for them where they must not be. */
export interface IssuedTokens {
  all: string[];
}

type IdTokenChange = (claims: Record<string, unknown>) => Record<string, unknown>;

export interface RunningIdp {
  issuer: string;
  port: number;
  accounts: Map<string, IdpAccount>;
  issued: IssuedTokens;
  /** Adds the clients (once the Casustafel origin is known) and starts answering. */
  configure(clients: IdpClient[]): void;
  /**
   * The next token answers carry an ID token changed on the way: re-signed with the provider's own
   * key (an IdP that issues a bad token), or with its payload altered after signing (tampering).
   */
  tamperNextIdToken(change: IdTokenChange, how: 'resign' | 'break-signature'): void;
  /** Signs claims with the provider's own key (a test making a logout token the provider could have sent). */
  sign(claims: Record<string, unknown>, typ?: string): Promise<string>;
  close(): Promise<void>;
}

/** The login page's words. */
const PAGE_STYLE =
  'body{font-family:system-ui,sans-serif;max-width:34rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a}label{display:block;margin:.8rem 0 .2rem;font-weight:600}' +
  'input{font:inherit;padding:.4rem;width:100%;box-sizing:border-box;border:1px solid #555}button{font:inherit;margin-top:1rem;padding:.5rem 1rem;background:#154273;color:#fff;border:0;border-radius:4px}' +
  '.fout{background:#fde8e8;border-left:4px solid #b00020;padding:.5rem}table{border-collapse:collapse;margin-top:1rem}td,th{border:1px solid #999;padding:.2rem .4rem;text-align:left;font-size:.9rem}';

function html(title: string, body: string): string {
  return `<!DOCTYPE html><html lang="nl"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title}</title><style>${PAGE_STYLE}</style></head><body><main>${body}</main></body></html>`;
}

const escape = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

/** A store for the provider's artefacts (sessions, codes, tokens) in this process's memory. */
function memoryAdapter() {
  const store = new Map<string, { payload: AdapterPayload; expiresAt: number }>();
  const byGrant = new Map<string, Set<string>>();
  const live = (key: string) => {
    const hit = store.get(key);
    if (!hit) return undefined;
    if (hit.expiresAt < Date.now()) {
      store.delete(key);
      return undefined;
    }
    return hit.payload;
  };
  return class implements Adapter {
    constructor(private readonly name: string) {}
    private key(id: string) {
      return `${this.name}:${id}`;
    }
    async upsert(id: string, payload: AdapterPayload, expiresIn: number) {
      const key = this.key(id);
      store.set(key, { payload, expiresAt: Date.now() + (expiresIn || 3600) * 1000 });
      if (payload.grantId) {
        const keys = byGrant.get(payload.grantId) ?? new Set<string>();
        keys.add(key);
        byGrant.set(payload.grantId, keys);
      }
      if (this.name === 'Session' && payload.uid) store.set(`SessionUid:${payload.uid}`, { payload: { ...payload, jti: id }, expiresAt: Date.now() + (expiresIn || 3600) * 1000 });
    }
    async find(id: string) {
      return live(this.key(id));
    }
    async findByUid(uid: string) {
      const hit = live(`SessionUid:${uid}`);
      return hit ? live(this.key(String(hit.jti))) : undefined;
    }
    async findByUserCode(userCode: string) {
      for (const [key, v] of store) if (key.startsWith(`${this.name}:`) && v.payload.userCode === userCode) return live(key);
      return undefined;
    }
    async consume(id: string) {
      const hit = store.get(this.key(id));
      if (hit) hit.payload.consumed = Math.floor(Date.now() / 1000);
    }
    async destroy(id: string) {
      store.delete(this.key(id));
    }
    async revokeByGrantId(grantId: string) {
      for (const key of byGrant.get(grantId) ?? []) store.delete(key);
      byGrant.delete(grantId);
    }
  };
}

async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > 64 * 1024) throw new Error('te groot');
    chunks.push(chunk as Buffer);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

export async function startIdp(opts: { port?: number; host?: string; hostname?: string; accounts: IdpAccount[]; quiet?: boolean }): Promise<RunningIdp> {
  const host = opts.host ?? '127.0.0.1';
  const server: Server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  // The provider's name in URLs: "localhost" by default, another site than the app's 127.0.0.1,
  // so the browser treats the way back as a cross-site navigation, as it is in production.
  const issuer = `http://${opts.hostname ?? 'localhost'}:${port}`;
  const accounts = new Map(opts.accounts.map((a) => [a.id, a]));
  const issued: IssuedTokens = { all: [] };
  let tamper: { change: IdTokenChange; how: 'resign' | 'break-signature' } | null = null;

  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const signingJwk: JWK = { ...(await exportJWK(privateKey)), kid: 'demo-idp-1', alg: 'RS256', use: 'sig' };
  const pairwiseSalt = randomBytes(32);
  let provider: Provider | null = null;

  const configure = (clients: IdpClient[]) => {
    const metadata: ClientMetadata[] = clients.map((c) => ({
      client_id: c.clientId,
      client_secret: c.clientSecret,
      client_name: c.pairwise ? 'Casustafel (inwoners, via DigiD)' : 'Casustafel (medewerkers)',
      redirect_uris: c.providerIds.map((id) => `${c.appOrigin}/api/auth/oidc/${id}/callback`),
      post_logout_redirect_uris: [`${c.appOrigin}/?uitgelogd=1`],
      backchannel_logout_uri: `${c.appOrigin}/api/auth/oidc/${c.providerIds[0]}/backchannel-logout`,
      backchannel_logout_session_required: true,
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_basic',
      ...(c.pairwise ? { subject_type: 'pairwise' } : {}),
    }));
    provider = new Provider(issuer, {
      clients: metadata,
      jwks: { keys: [signingJwk] },
      adapter: memoryAdapter(),
      cookies: { keys: [randomBytes(32).toString('base64url')] },
      acrValues: [...DIGID_LEVELS, ...Object.values(EIDAS_ACR)],
      claims: { openid: ['sub', 'acr', 'amr', 'auth_time'], email: ['email', 'email_verified'], profile: ['name'], groups: ['groups'], bsn: ['bsn'], acr: null, amr: null, sid: null, auth_time: null },
      subjectTypes: ['public', 'pairwise'],
      pairwiseIdentifier: async (_ctx, accountId, client) => createHmac('sha256', pairwiseSalt).update(`${client.sectorIdentifier}|${accountId}`).digest('hex'),
      features: {
        devInteractions: { enabled: false },
        rpInitiatedLogout: {
          enabled: true,
          logoutSource: async (ctx: KoaContextWithOIDC, form: string) => {
            ctx.body = html(
              'Uitloggen – demo-identiteitsprovider',
              `<h1>Uitloggen bij de demo-identiteitsprovider?</h1>${form}<button autofocus type="submit" form="op.logoutForm" value="yes" name="logout">Ja, uitloggen</button> <button type="submit" form="op.logoutForm">Nee, ingelogd blijven</button>`,
            );
          },
          postLogoutSuccessSource: async (ctx: KoaContextWithOIDC) => {
            ctx.body = html('Uitgelogd – demo-identiteitsprovider', '<h1>U bent uitgelogd bij de demo-identiteitsprovider.</h1>');
          },
        },
        backchannelLogout: { enabled: true },
        revocation: { enabled: true },
      },
      // Refresh tokens for the code flow (without offline_access) that end with the provider's session.
      issueRefreshToken: async (_ctx: KoaContextWithOIDC, client: { grantTypeAllowed(t: string): boolean }) => client.grantTypeAllowed('refresh_token'),
      ttl: { AccessToken: 600, AuthorizationCode: 60, IdToken: 3600, RefreshToken: 86_400, Interaction: 600, Session: 86_400, Grant: 86_400 },
      findAccount: async (_ctx: KoaContextWithOIDC, id: string) => {
        const a = accounts.get(id);
        if (!a || !a.active) return undefined;
        return {
          accountId: id,
          claims: async () => ({
            sub: id,
            name: a.name,
            ...(a.email ? { email: a.email, email_verified: a.emailVerified ?? true } : {}),
            ...(a.groups ? { groups: a.groups } : {}),
            ...(a.bsn ? { bsn: a.bsn } : {}),
          }),
        };
      },
      // First-party clients: no consent screen; the grant covers whatever the client may ask.
      loadExistingGrant: async (ctx: KoaContextWithOIDC) => {
        const oidc = ctx.oidc;
        const existing = oidc.session!.grantIdFor(oidc.client!.clientId);
        if (existing) {
          const grant = await oidc.provider.Grant.find(existing);
          if (grant) return grant;
        }
        const grant = new oidc.provider.Grant({ clientId: oidc.client!.clientId, accountId: oidc.session!.accountId! });
        grant.addOIDCScope('openid email profile groups bsn');
        await grant.save();
        return grant;
      },
      renderError: async (ctx, out) => {
        ctx.type = 'html';
        ctx.body = html('Fout – demo-identiteitsprovider', `<h1>Er ging iets mis</h1><p>${escape(String(out.error ?? 'fout'))}</p>`);
      },
    });
    provider.proxy = false;
    provider.use(async (ctx, next) => {
      await next();
      if (ctx.oidc?.route !== 'token' || !ctx.body || typeof ctx.body !== 'object') return;
      const body = ctx.body as Record<string, unknown>;
      for (const k of ['access_token', 'id_token', 'refresh_token']) if (typeof body[k] === 'string') issued.all.push(body[k] as string);
      if (tamper && typeof body.id_token === 'string') {
        const { change, how } = tamper;
        tamper = null;
        const claims = change(decodeJwt(body.id_token));
        let token: string;
        if (how === 'resign') {
          token = await new SignJWT(claims).setProtectedHeader({ ...decodeProtectedHeader(body.id_token), alg: 'RS256', kid: signingJwk.kid! }).sign(privateKey);
        } else {
          const [header, , signature] = body.id_token.split('.');
          token = `${header}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${signature}`;
        }
        issued.all.push(token);
        ctx.body = { ...body, id_token: token };
      }
    });
  };

  async function interaction(req: IncomingMessage, res: ServerResponse, p: Provider): Promise<void> {
    const url = new URL(req.url ?? '/', issuer);
    const details = await p.interactionDetails(req, res);
    const client = await p.Client.find(String(details.params.client_id));
    const forResidents = client?.subjectType === 'pairwise';
    const title = forResidents ? 'Inloggen met DigiD (nagebootst)' : 'Inloggen bij Gemeente Demo (identiteitsprovider)';
    const page = (error?: string) =>
      html(
        title,
        `<h1>${title}</h1><p>Demo-identiteitsprovider voor Casustafel. Alleen voor proberen en testen.</p>` +
          (error ? `<p class="fout" role="alert">${escape(error)}</p>` : '') +
          `<form method="post" action="/interaction/${details.uid}/login"><label for="gebruikersnaam">Gebruikersnaam</label><input id="gebruikersnaam" name="gebruikersnaam" autocomplete="username" required>` +
          `<label for="wachtwoord">Wachtwoord</label><input id="wachtwoord" name="wachtwoord" type="password" autocomplete="current-password" required>` +
          `<button type="submit">Inloggen</button></form>` +
          `<form method="post" action="/interaction/${details.uid}/afbreken"><button type="submit">Afbreken</button></form>`,
      );
    if (req.method === 'GET') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(page());
      return;
    }
    if (url.pathname.endsWith('/afbreken')) {
      await p.interactionFinished(req, res, { error: 'access_denied', error_description: 'afgebroken' }, { mergeWithLastSubmission: false });
      return;
    }
    const form = await readForm(req);
    const account = [...accounts.values()].find((a) => a.username === form.get('gebruikersnaam') && a.password === form.get('wachtwoord'));
    if (!account) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(page('Gebruikersnaam of wachtwoord klopt niet.'));
      return;
    }
    if (!account.active) {
      // The account was switched off here: the relying party hears "access_denied".
      await p.interactionFinished(req, res, { error: 'access_denied', error_description: 'account gedeactiveerd' }, { mergeWithLastSubmission: false });
      return;
    }
    await p.interactionFinished(req, res, { login: { accountId: account.id, acr: account.acr, amr: account.amr, remember: true } }, { mergeWithLastSubmission: false });
  }

  server.on('request', (req, res) => {
    if (!provider) {
      res.writeHead(503).end('niet geconfigureerd');
      return;
    }
    const p = provider;
    if ((req.url ?? '').startsWith('/interaction/')) {
      interaction(req, res, p).catch((error: unknown) => {
        if (!opts.quiet) console.error('[dev-idp] fout in de inlogpagina', (error as Error).message);
        if (!res.headersSent) res.writeHead(400, { 'content-type': 'text/html; charset=utf-8' }).end(html('Fout', '<h1>Deze inlogpoging is verlopen. Begin opnieuw bij Casustafel.</h1>'));
      });
      return;
    }
    void p.callback()(req, res);
  });

  return {
    issuer,
    port,
    accounts,
    issued,
    configure,
    tamperNextIdToken(change, how) {
      tamper = { change, how };
    },
    sign(claims, typ) {
      return new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: signingJwk.kid!, ...(typ ? { typ } : {}) }).sign(privateKey);
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
