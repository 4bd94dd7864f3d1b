import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { appendAudit, recordAudit } from '../../db/queries/audit';
import { deleteSessionsOfUser } from '../../db/queries/sessions';
import { findUserByEmail, updateUser } from '../../db/queries/users';
import { nowIso } from '../../db/client';
import { ChangePasswordRequest, LoginRequest, SessionResponse } from '../../shared/schemas';
import { dummyPasswordHash, hashPassword, verifyPassword } from './passwords';
import { SESSION_COOKIE } from './sessions';
import { toSessionUser } from './user-view';
import { type AppContext, type AppEnv, requireUser, type Services } from '../context';
import { ApiError, Errors } from '../http/errors';
import { cookieAuth, errors, json, jsonBody } from '../http/openapi';

const tags = ['Inloggen'];

export function registerAuthRoutes(app: OpenAPIHono<AppEnv>, services: Services) {
  const { db, config, sessions, loginLimiter } = services;

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
      const ip = c.get('ip');
      const wait = loginLimiter.retryAfter(email, ip);
      if (wait > 0) {
        if (loginLimiter.noteBlocked(email, ip)) recordAudit(db, { action: 'auth.login_failed', actorLabel: email, ip, detail: { reason: 'rate_limited' } });
        throw Errors.rateLimited(wait);
      }
      const user = findUserByEmail(db, email);
      // Switched off by the administrator: only the break-glass account still signs in with a password.
      if (!services.oidc.passwordLoginAllowed(user)) {
        recordAudit(db, { action: 'auth.login_failed', actorUserId: user?.id ?? null, actorLabel: email, ip, detail: { method: 'password', reason: 'password_login_off' } });
        throw new ApiError(403, 'WACHTWOORD_UIT', 'Inloggen met een wachtwoord staat uit. Gebruik de knop van uw organisatie (of DigiD als u inwoner bent).');
      }
      const ok = user?.active ? await verifyPassword(user.passwordHash, password) : await verifyPassword(await dummyPasswordHash(), password).then(() => false);
      if (!user || !ok) {
        loginLimiter.recordFailure(email, ip);
        const reason = !user ? 'unknown_account' : user.active ? 'wrong_password' : 'inactive_account';
        recordAudit(db, { action: 'auth.login_failed', actorUserId: user?.id ?? null, actorLabel: email, ip, detail: { reason } });
        throw new ApiError(401, 'ONJUISTE_INLOG', 'Het e-mailadres of wachtwoord klopt niet.');
      }
      loginLimiter.recordSuccess(email, ip);
      // A new session on every login, so a token planted before login is worthless.
      const previous = c.get('auth');
      if (previous) sessions.destroy(previous.sessionId);
      const token = sessions.create(user.id, ip);
      db.transaction(
        (tx) => {
          updateUser(tx, user.id, { lastLoginAt: nowIso() });
          appendAudit(tx, { action: 'auth.login', actorUserId: user.id, ip, detail: { method: 'password' } });
        },
        { behavior: 'immediate' },
      );
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
    (c) => {
      const auth = c.get('auth');
      if (auth) {
        sessions.destroy(auth.sessionId);
        services.collab?.disconnect({ sessionIds: [auth.sessionId] });
        recordAudit(db, { action: 'auth.logout', actorUserId: auth.user.id, ip: c.get('ip') });
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
      if (!(await verifyPassword(user.passwordHash, currentPassword))) {
        throw Errors.unprocessable('ONJUIST_WACHTWOORD', 'Het huidige wachtwoord klopt niet.');
      }
      if (currentPassword === newPassword) throw Errors.unprocessable('ZELFDE_WACHTWOORD', 'Kies een ander wachtwoord dan het huidige.');
      const passwordHash = await hashPassword(newPassword);
      db.transaction(
        (tx) => {
          updateUser(tx, user.id, { passwordHash, mustChangePassword: false });
          // Other sessions (another browser, a forgotten computer) end with the old password.
          deleteSessionsOfUser(tx, user.id);
          appendAudit(tx, { action: 'auth.password_changed', actorUserId: user.id, ip: c.get('ip') });
        },
        { behavior: 'immediate' },
      );
      services.collab?.disconnect({ userId: user.id });
      const token = sessions.create(user.id, c.get('ip'));
      setSessionCookie(c, token);
      return c.json({ user: toSessionUser({ ...user, mustChangePassword: false }) }, 200);
    },
  );
}
