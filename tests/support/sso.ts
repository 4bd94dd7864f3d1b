// A real OpenID Connect provider (scripts/dev-idp, node-oidc-provider) next to a real Casustafel
// server, and a small cookie-keeping client that walks the redirects between them the way a
// browser does (cookies per host and path; SameSite is the Chromium test's business).
import { randomBytes } from 'node:crypto';
import { DEMO_CLIENTS, DEMO_IDP_ACCOUNTS, DEMO_IDP_PASSWORD, DEMO_PROVIDER_IDS, demoProvidersConfig } from '../../scripts/dev-idp/accounts';
import { type IdpAccount, type RunningIdp, startIdp } from '../../scripts/dev-idp/provider';
import type { Config } from '../../server/config';
import { startTestServer, type TestServer } from './server';

export { DEMO_IDP_PASSWORD, DEMO_PROVIDER_IDS };

export interface SsoPair {
  idp: RunningIdp;
  server: TestServer;
  /** The client secrets in use (random per run), to look for where they must never be. */
  secrets: { staff: string; residents: string };
  stop(): Promise<void>;
}

/**
 * Extra Casustafel provider ids that reuse the two clients (a provider the administrator adds in
 * a test needs its callback registered at the provider too).
 */
export async function startSsoPair(
  opts: { extraStaffProviderIds?: string[]; extraResidentProviderIds?: string[]; accounts?: IdpAccount[]; config?: Partial<Config>; idpHostname?: string } = {},
): Promise<SsoPair> {
  // 127.0.0.1 for API-level tests; the browser test uses "localhost", another site than the app.
  const idp = await startIdp({ accounts: (opts.accounts ?? DEMO_IDP_ACCOUNTS).map((a) => ({ ...a })), quiet: true, hostname: opts.idpHostname ?? '127.0.0.1' });
  const secrets = { staff: `test-geheim-${randomBytes(18).toString('base64url')}`, residents: `test-geheim-${randomBytes(18).toString('base64url')}` };
  const providers = demoProvidersConfig(idp.issuer).map((p) => ({ ...p, clientSecret: p.kind === 'medewerkers' ? secrets.staff : secrets.residents }));
  let server: TestServer;
  try {
    server = await startTestServer({ OIDC_PROVIDERS: providers, ...opts.config });
  } catch (error) {
    await idp.close();
    throw error;
  }
  idp.configure([
    { clientId: DEMO_CLIENTS.staff.clientId, clientSecret: secrets.staff, appOrigin: server.url, providerIds: [DEMO_PROVIDER_IDS.staff, ...(opts.extraStaffProviderIds ?? [])] },
    { clientId: DEMO_CLIENTS.residents.clientId, clientSecret: secrets.residents, appOrigin: server.url, providerIds: [DEMO_PROVIDER_IDS.residents, ...(opts.extraResidentProviderIds ?? [])], pairwise: true },
  ]);
  return {
    idp,
    server,
    secrets,
    async stop() {
      await server.stop();
      await idp.close();
    },
  };
}

interface StoredCookie {
  host: string;
  name: string;
  value: string;
  path: string;
  attributes: string;
}

export interface Visit {
  status: number;
  url: URL;
  text: string;
  /** Every URL passed on the way, the first included. */
  trail: URL[];
}

/** One person's browser: cookies per host and path, redirects followed by hand. */
export class SsoBrowser {
  cookies: StoredCookie[] = [];

  cookie(host: string, name: string): StoredCookie | undefined {
    return this.cookies.find((c) => c.host === host && c.name === name);
  }

  /** The Cookie header for a request to this URL. */
  cookieHeader(url: URL): string {
    return this.cookies
      .filter((c) => c.host === url.host && (url.pathname === c.path || url.pathname.startsWith(c.path.endsWith('/') ? c.path : `${c.path}/`) || c.path === '/'))
      .map((c) => `${c.name}=${c.value}`)
      .join('; ');
  }

  private store(url: URL, setCookies: string[]): void {
    for (const line of setCookies) {
      const [pair, ...attrs] = line.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1).trim();
      const path = attrs.map((a) => a.trim()).find((a) => /^path=/i.test(a))?.slice(5) ?? '/';
      const expired = attrs.some((a) => /^max-age=0$/i.test(a.trim()) || (/^expires=/i.test(a.trim()) && Date.parse(a.trim().slice(8)) < Date.now()));
      this.cookies = this.cookies.filter((c) => !(c.host === url.host && c.name === name && c.path === path));
      if (!expired && value !== '') this.cookies.push({ host: url.host, name, value, path, attributes: attrs.join(';') });
    }
  }

  async request(url: URL | string, init: { method?: string; form?: Record<string, string>; headers?: Record<string, string> } = {}): Promise<Response> {
    const target = new URL(url);
    const headers: Record<string, string> = { ...init.headers };
    const cookie = this.cookieHeader(target);
    if (cookie) headers.cookie = cookie;
    let body: string | undefined;
    if (init.form) {
      body = new URLSearchParams(init.form).toString();
      headers['content-type'] = 'application/x-www-form-urlencoded';
    }
    const res = await fetch(target, { method: init.method ?? (init.form ? 'POST' : 'GET'), headers, body, redirect: 'manual' });
    this.store(target, res.headers.getSetCookie());
    return res;
  }

  /** Requests and follows redirects (at most 20), like a top-level navigation. */
  async visit(url: URL | string, init: { method?: string; form?: Record<string, string> } = {}): Promise<Visit> {
    let target = new URL(url);
    const trail = [target];
    let res = await this.request(target, init);
    for (let i = 0; i < 20 && res.status >= 300 && res.status < 400; i++) {
      await res.arrayBuffer();
      target = new URL(res.headers.get('location')!, target);
      trail.push(target);
      res = await this.request(target);
    }
    return { status: res.status, url: target, text: await res.text(), trail };
  }

  /** Submits the first form on a page whose action matches, with these fields added to its hidden ones. */
  async submitForm(page: Visit, actionPart: string, fields: Record<string, string>): Promise<Visit> {
    const forms = [...page.text.matchAll(/<form[^>]*action="([^"]+)"[^>]*>([\s\S]*?)<\/form>/g)];
    const form = forms.find((f) => f[1]!.includes(actionPart));
    if (!form) throw new Error(`geen formulier met ${actionPart} op ${page.url.href}`);
    const hidden = Object.fromEntries([...form[2]!.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"\/?>/g)].map((m) => [m[1]!, m[2]!]));
    return this.visit(new URL(form[1]!.replace(/&amp;/g, '&'), page.url), { form: { ...hidden, ...fields } });
  }
}

export interface SsoLogin {
  /** Where the browser ended up: the app's page, or /?sso_fout=CODE. */
  end: URL;
  /** The code from ?sso_fout=, or null when signed in. */
  error: string | null;
  /** The session cookie as "name=value" for the API client, or null. */
  sessionCookie: string | null;
  authorizationUrl: URL;
}

/**
 * Signs in through the provider's own login page: the app's login link, the provider's form,
 * and back to the callback. `beforeCallback` may change the way back (a forged state, say).
 */
export async function ssoLogin(
  browser: SsoBrowser,
  pair: SsoPair,
  providerId: string,
  username: string,
  opts: { password?: string; returnTo?: string; beforeCallback?: (callback: URL) => URL } = {},
): Promise<SsoLogin> {
  const app = new URL(pair.server.url);
  const start = await browser.request(`${pair.server.url}/api/auth/oidc/${providerId}/login${opts.returnTo ? `?returnTo=${encodeURIComponent(opts.returnTo)}` : ''}`);
  if (start.status !== 302) throw new Error(`login start gaf ${start.status}: ${await start.text()}`);
  const authorizationUrl = new URL(start.headers.get('location')!);
  const loginPage = await browser.visit(authorizationUrl);
  if (!loginPage.url.pathname.startsWith('/interaction/')) throw new Error(`geen inlogpagina maar ${loginPage.url.href} (${loginPage.status})`);
  // Post the login form; stop at the redirect back to the app so a test can change it.
  let res = await browser.request(new URL(`${loginPage.url.pathname}/login`, loginPage.url), { form: { gebruikersnaam: username, wachtwoord: opts.password ?? DEMO_IDP_PASSWORD } });
  let at = new URL(loginPage.url);
  for (let i = 0; i < 10 && res.status >= 300 && res.status < 400; i++) {
    const next = new URL(res.headers.get('location')!, at);
    await res.arrayBuffer();
    if (next.host === app.host) {
      const callback = opts.beforeCallback ? opts.beforeCallback(next) : next;
      const done = await browser.visit(callback);
      const session = browser.cookie(app.host, 'casustafel_sessie');
      return { end: done.url, error: done.url.searchParams.get('sso_fout'), sessionCookie: session ? `${session.name}=${session.value}` : null, authorizationUrl };
    }
    at = next;
    res = await browser.request(next);
  }
  throw new Error(`de inlogdienst stuurde niet terug naar de app (status ${res.status}): ${(await res.text()).slice(0, 300)}`);
}
