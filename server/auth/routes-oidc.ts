// Sign-in through an identity provider (OpenID Connect): the login buttons, the redirect to the
// provider and back, logout at the provider too, and the provider's back-channel logout.
//
// Cookies: the session cookie stays HttpOnly + SameSite=Strict. The way back from the provider
// is a top-level navigation started by another site, on which a Strict cookie is not sent, so
// the login state (state, nonce, PKCE verifier) travels in its own cookie: sealed, HttpOnly,
// SameSite=Lax (sent on that top-level GET), scoped to the one callback path and gone after ten
// minutes or the callback, whichever comes first.
import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { z } from 'zod';
import { LoginOptions, LogoutResponse } from '../../shared/schemas';
import { type AppContext, type AppEnv, type Services } from '../context';
import { ApiError, Errors } from '../http/errors';
import { cookieAuth, errors, json } from '../http/openapi';
import { callbackPath, LOGIN_STATE_MS, stateCookieName } from './oidc/login';
import { BadLogoutToken } from './oidc/service';
import { SESSION_COOKIE } from './sessions';

const tags = ['Inloggen'];
const ProviderParams = z.object({ providerId: z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/).meta({ param: { name: 'providerId', in: 'path' } }) });
const redirect = (description: string) => ({ description, headers: { Location: { schema: { type: 'string' as const }, description: 'Volgende adres' } } });

/** The origin browsers see (behind a proxy: PUBLIC_ORIGIN), for redirect URIs. */
export function publicOrigin(services: Services, c: AppContext): string {
  return services.config.PUBLIC_ORIGIN ? new URL(services.config.PUBLIC_ORIGIN).origin : new URL(c.req.url).origin;
}

export function registerOidcRoutes(app: OpenAPIHono<AppEnv>, services: Services) {
  const { config, oidc } = services;

  const providerOr404 = async (id: string) => {
    const provider = (await oidc.provider(id));
    if (!provider) throw Errors.notFound('Deze inlogdienst bestaat niet.');
    return provider;
  };

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/auth/oidc/providers',
      tags,
      summary: 'Hoe men kan inloggen: de inlogdiensten (knoppen) en of inloggen met een wachtwoord aan staat',
      responses: { 200: json(LoginOptions, 'Inlogmogelijkheden') },
    }),
    async (c) => c.json(await oidc.loginOptions(), 200),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/auth/oidc/{providerId}/login',
      tags,
      summary: 'Inloggen via een inlogdienst: stuurt de browser door (authorization code flow met PKCE, state en nonce)',
      request: { params: ProviderParams, query: z.object({ returnTo: z.string().max(500).optional() }) },
      responses: { 302: redirect('Naar de inlogdienst, of terug naar de inlogpagina met een foutcode als die onbereikbaar is'), ...errors(400, 404) },
    }),
    async (c) => {
      const provider = await providerOr404(c.req.valid('param').providerId);
      const origin = publicOrigin(services, c);
      let started;
      try {
        started = await oidc.start(provider, origin, c.req.valid('query').returnTo ?? '/');
      } catch {
        console.warn(`[oidc] inlogdienst ${provider.settings.id} onbereikbaar bij het starten van een login`);
        return c.redirect('/?sso_fout=PROVIDER_ONBEREIKBAAR', 302);
      }
      setCookie(c, stateCookieName(provider.settings.id), started.cookie, {
        httpOnly: true,
        sameSite: 'Lax',
        secure: config.COOKIE_SECURE,
        path: callbackPath(provider.settings.id),
        maxAge: Math.floor(LOGIN_STATE_MS / 1000),
      });
      return c.redirect(started.url.href, 302);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/auth/oidc/{providerId}/callback',
      tags,
      summary: 'Terugkeer van de inlogdienst: controleert state, nonce en ID-token, het betrouwbaarheidsniveau en de groep, en maakt de sessie',
      request: {
        params: ProviderParams,
        query: z.object({
          code: z.string().max(2000).optional(),
          state: z.string().max(500).optional(),
          iss: z.string().max(500).optional(),
          error: z.string().max(200).optional(),
          error_description: z.string().max(2000).optional(),
          session_state: z.string().max(500).optional(),
        }),
      },
      responses: { 302: redirect('Ingelogd: naar de gevraagde pagina (sessiecookie gezet); geweigerd: naar /?sso_fout=<code>'), ...errors(400, 404) },
    }),
    async (c) => {
      const provider = await providerOr404(c.req.valid('param').providerId);
      const cookieName = stateCookieName(provider.settings.id);
      const sealed = getCookie(c, cookieName);
      if (sealed !== undefined) deleteCookie(c, cookieName, { path: callbackPath(provider.settings.id), secure: config.COOKIE_SECURE });
      const outcome = await oidc.finish(provider, publicOrigin(services, c), new URL(c.req.url).search, sealed, c.get('ip'));
      if (!outcome.ok) return c.redirect(`/?sso_fout=${outcome.code}`, 302);
      // A Strict cookie set here is kept; it is sent from the next same-site request on (the app's own API calls).
      setCookie(c, SESSION_COOKIE, outcome.token, {
        httpOnly: true,
        sameSite: 'Strict',
        secure: config.COOKIE_SECURE,
        path: '/',
        maxAge: Math.floor(config.SESSION_MAX_HOURS * 3600),
      });
      return c.redirect(outcome.returnTo, 302);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/auth/oidc/logout',
      tags,
      summary: 'Uitloggen, ook bij de inlogdienst: beëindigt de sessie hier en geeft het adres waar de browser de sessie bij de inlogdienst beëindigt',
      security: cookieAuth,
      responses: { 200: json(LogoutResponse, 'Uitgelogd'), ...errors(401, 403) },
    }),
    async (c) => {
      const auth = c.get('auth');
      if (!auth) throw Errors.unauthenticated();
      const url = await oidc.logout(auth, publicOrigin(services, c), c.get('ip'));
      deleteCookie(c, SESSION_COOKIE, { path: '/' });
      return c.json({ providerLogoutUrl: url }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/auth/oidc/{providerId}/backchannel-logout',
      tags,
      summary:
        'OpenID Connect Back-Channel Logout 1.0: de inlogdienst meldt (server tot server, met een ondertekend logout-token) welke sessies eindigen; die sessies en hun live verbindingen worden beëindigd',
      description:
        'Gebruikt geen cookie: alleen het ondertekende logout-token (handtekening, issuer, audience, iat, jti, event) bepaalt wat er gebeurt, dus een verzoek van een andere website kan niets.',
      request: {
        params: ProviderParams,
        body: { content: { 'application/x-www-form-urlencoded': { schema: z.object({ logout_token: z.string().min(1).max(20_000) }) } }, required: true },
      },
      responses: { 200: { description: 'Sessies beëindigd (of er waren er geen)' }, ...errors(400, 404, 413, 415) },
    }),
    async (c) => {
      const provider = await providerOr404(c.req.valid('param').providerId);
      try {
        await oidc.backchannelLogout(provider, c.req.valid('form').logout_token, c.get('ip'));
      } catch (error) {
        if (error instanceof BadLogoutToken) throw new ApiError(400, 'ONGELDIG_LOGOUT_TOKEN', 'Het logout-token is ongeldig.');
        throw error;
      }
      c.header('Cache-Control', 'no-store');
      return c.body(null, 200);
    },
  );
}
