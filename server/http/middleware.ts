import { getConnInfo } from '@hono/node-server/conninfo';
import { getCookie } from 'hono/cookie';
import { bodyLimit } from 'hono/body-limit';
import { createMiddleware } from 'hono/factory';
import { secureHeaders } from 'hono/secure-headers';
import type { AppEnv, Services } from '../context';
import { SESSION_COOKIE } from '../auth/sessions';
import { Errors } from './errors';

export const MAX_BODY_BYTES = 1024 * 1024;
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function securityHeaders(services: Services) {
  return secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'"],
      imgSrc: ["'self'", 'data:'],
      fontSrc: ["'self'"],
      connectSrc: ["'self'"],
      objectSrc: ["'none'"],
      baseUri: ["'self'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
    },
    xFrameOptions: 'DENY',
    referrerPolicy: 'no-referrer',
    strictTransportSecurity: services.config.COOKIE_SECURE ? 'max-age=31536000; includeSubDomains' : false,
    crossOriginEmbedderPolicy: false,
  });
}

export function clientIp(services: Services) {
  return createMiddleware<AppEnv>(async (c, next) => {
    let ip = 'onbekend';
    if (services.config.TRUST_PROXY) {
      const forwarded = c.req.header('x-forwarded-for')?.split(',')[0]?.trim();
      if (forwarded) ip = forwarded;
    }
    if (ip === 'onbekend') {
      try {
        ip = getConnInfo(c).remote.address ?? 'onbekend';
      } catch {
        // Not running on a Node socket (e.g. app.request in a unit test).
      }
    }
    c.set('ip', ip);
    await next();
  });
}

/**
 * Refuses state-changing requests from other websites. Browsers always send Origin on
 * cross-origin POSTs; a request without Origin or Sec-Fetch-Site comes from a non-browser
 * client (an integrating municipal system), which cannot ride on a user's cookie.
 */
export function sameOriginOnly(services: Services) {
  return createMiddleware<AppEnv>(async (c, next) => {
    if (!SAFE_METHODS.has(c.req.method)) {
      const expected = services.config.PUBLIC_ORIGIN ? new URL(services.config.PUBLIC_ORIGIN).origin : new URL(c.req.url).origin;
      const origin = c.req.header('origin');
      const fetchSite = c.req.header('sec-fetch-site');
      if (origin !== undefined ? origin !== expected : fetchSite !== undefined && fetchSite !== 'same-origin' && fetchSite !== 'none') {
        throw Errors.crossOrigin();
      }
    }
    await next();
  });
}

/**
 * A refused body is not read: what is left of it would be taken for the next request on a
 * kept-alive connection. Closing the connection after the answer keeps the client's next
 * request (on a fresh connection) working.
 */
export const CLOSE_CONNECTION = { Connection: 'close' } as const;

export const limitBody = bodyLimit({
  maxSize: MAX_BODY_BYTES,
  onError: (c) => {
    const e = Errors.tooLarge();
    return c.json(e.body(), e.status, CLOSE_CONNECTION);
  },
});

/**
 * The one endpoint that takes a form body, because its standard says so: OpenID Connect
 * Back-Channel Logout, called by the identity provider's server (server/auth/routes-oidc.ts).
 */
const FORM_BODY_PATH = /^\/api\/auth\/oidc\/[a-z0-9-]+\/backchannel-logout$/;

/** Request bodies are JSON only; anything else is refused before it reaches a handler. */
export const jsonBodiesOnly = createMiddleware<AppEnv>(async (c, next) => {
  if (!SAFE_METHODS.has(c.req.method)) {
    const length = c.req.header('content-length');
    const hasBody = (length !== undefined && length !== '0') || c.req.header('transfer-encoding') !== undefined;
    const type = c.req.header('content-type') ?? '';
    const form = FORM_BODY_PATH.test(c.req.path) && /^application\/x-www-form-urlencoded\s*(;|$)/i.test(type);
    if (hasBody && !form && !/^application\/json\s*(;|$)/i.test(type)) throw Errors.unsupportedMediaType();
  }
  await next();
});

export function loadSession(services: Services) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const token = getCookie(c, SESSION_COOKIE);
    c.set('auth', token ? await services.sessions.resolve(token) : null);
    await next();
  });
}

/** Case data is special-category personal data: never let a browser or proxy cache it. */
export const noStore = createMiddleware<AppEnv>(async (c, next) => {
  await next();
  c.header('Cache-Control', 'no-store');
});
