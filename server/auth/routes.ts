import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { ChangePasswordRequest, LoginRequest, SessionResponse } from '../../shared/schemas';
import { SESSION_COOKIE } from './sessions';
import { toSessionUser } from './user-view';
import { changeOwnPassword, passwordLogin } from './password-login';
import { endSessions } from './session-end';
import { type AppContext, type AppEnv, requireUser, type Services } from '../context';
import { cookieAuth, errors, json, jsonBody } from '../http/openapi';

const tags = ['Inloggen'];

export function registerAuthRoutes(app: OpenAPIHono<AppEnv>, services: Services) {
  const { config } = services;

  // SameSite=Strict: the cookie never travels with a request started by another site.
  const setSessionCookie = (c: AppContext, token: string) =>
    setCookie(c, SESSION_COOKIE, token, {
      httpOnly: true,
      sameSite: 'Strict',
      secure: config.COOKIE_SECURE,
      path: '/',
      maxAge: Math.floor(config.SESSION_MAX_HOURS * 3600),
    });

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/auth/login',
      tags,
      summary: 'Inloggen met e-mailadres en wachtwoord; zet een HttpOnly-sessiecookie',
      request: jsonBody(LoginRequest),
      responses: { 200: json(SessionResponse, 'Ingelogd'), ...errors(400, 401, 403, 413, 415, 429) },
    }),
    async (c) => {
      const { email, password } = c.req.valid('json');
      const { user, token } = await passwordLogin(services, { email, password, ip: c.get('ip'), previousSessionId: c.get('auth')?.sessionId ?? null });
      setSessionCookie(c, token);
      return c.json({ user: toSessionUser(user) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/auth/logout',
      tags,
      summary: 'Uitloggen: beëindigt de sessie op de server en wist de cookie',
      security: cookieAuth,
      responses: { 204: { description: 'Uitgelogd' }, ...errors(403) },
    }),
    async (c) => {
      const auth = c.get('auth');
      if (auth) {
        await endSessions(services, [auth.sessionId], { action: 'auth.logout', actorUserId: auth.user.id, ip: c.get('ip') });
      }
      if (getCookie(c, SESSION_COOKIE) !== undefined) deleteCookie(c, SESSION_COOKIE, { path: '/' });
      return c.body(null, 204);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/auth/me',
      tags,
      summary: 'De ingelogde gebruiker',
      security: cookieAuth,
      responses: { 200: json(SessionResponse, 'Ingelogd'), ...errors(401) },
    }),
    (c) => c.json({ user: toSessionUser(requireUser(c, { allowPasswordChangePending: true, allowFunctiePending: true })) }, 200),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/auth/password',
      tags,
      summary: 'Eigen wachtwoord wijzigen (verplicht na een reset door de beheerder)',
      security: cookieAuth,
      request: jsonBody(ChangePasswordRequest),
      responses: { 200: json(SessionResponse, 'Gewijzigd'), ...errors(400, 401, 403, 422) },
    }),
    async (c) => {
      const user = requireUser(c, { allowPasswordChangePending: true });
      const { currentPassword, newPassword } = c.req.valid('json');
      const token = await changeOwnPassword(services, { user, ip: c.get('ip') }, currentPassword, newPassword);
      setSessionCookie(c, token);
      return c.json({ user: toSessionUser({ ...user, mustChangePassword: false }) }, 200);
    },
  );
}
