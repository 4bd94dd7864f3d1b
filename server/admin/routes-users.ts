// Account management by the functional administrator (no self-registration), and the
// colleague directory used when inviting someone to a case.
import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import { appendAudit } from '../../db/queries/audit';
import { deleteSessionsOfUser } from '../../db/queries/sessions';
import { findUserByEmail, findUserById, insertUser, listUsers, searchDirectory, updateUser, type UserRow } from '../../db/queries/users';
import { can, type GlobalAction } from '../../shared/permissions';
import { AdminUser, CreateUserRequest, DirectoryUser, Id, ResetPasswordRequest, UpdateUserRequest } from '../../shared/schemas';
import { hashPassword } from '../auth/passwords';
import { toAdminUser } from '../auth/user-view';
import { type AppContext, type AppEnv, requireUser, type Services } from '../context';
import { Errors } from '../http/errors';
import { cookieAuth, errors, json, jsonBody } from '../http/openapi';

const UserParams = z.object({ id: Id.meta({ param: { name: 'id', in: 'path' } }) });

function requireGlobal(c: AppContext, action: GlobalAction): UserRow {
  const user = requireUser(c);
  if (!can(user.functie, action)) throw Errors.forbidden();
  return user;
}

export function registerUserRoutes(app: OpenAPIHono<AppEnv>, services: Services) {
  const { db } = services;
  const tags = ['Gebruikersbeheer'];
  const immediate = <T>(fn: Parameters<typeof db.transaction<T>>[0]) => db.transaction(fn, { behavior: 'immediate' });

  app.openapi(
    createRoute({ method: 'get', path: '/api/admin/users', tags, summary: 'Alle accounts', security: cookieAuth, responses: { 200: json(z.array(AdminUser), 'Accounts'), ...errors(401, 403) } }),
    (c) => {
      requireGlobal(c, 'users.manage');
      return c.json(listUsers(db).map(toAdminUser), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/admin/users',
      tags,
      summary: 'Account aanmaken met tijdelijk wachtwoord',
      security: cookieAuth,
      request: jsonBody(CreateUserRequest),
      responses: { 201: json(AdminUser, 'Aangemaakt'), ...errors(400, 401, 403, 409, 413, 415) },
    }),
    async (c) => {
      const admin = requireGlobal(c, 'users.manage');
      const input = c.req.valid('json');
      const passwordHash = await hashPassword(input.temporaryPassword);
      const created = immediate((tx) => {
        if (findUserByEmail(tx, input.email)) throw Errors.conflict('EMAIL_BESTAAT', 'Er bestaat al een account met dit e-mailadres.');
        const row = insertUser(tx, { email: input.email, name: input.name, functie: input.functie, organisation: input.organisation, phone: input.phone ?? null, passwordHash, mustChangePassword: true });
        appendAudit(tx, { action: 'user.created', actorUserId: admin.id, ip: c.get('ip'), detail: { userId: row.id, functie: row.functie } });
        return row;
      });
      return c.json(toAdminUser(created), 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'patch',
      path: '/api/admin/users/{id}',
      tags,
      summary: 'Account wijzigen of (de)activeren',
      security: cookieAuth,
      request: { params: UserParams, ...jsonBody(UpdateUserRequest) },
      responses: { 200: json(AdminUser, 'Gewijzigd'), ...errors(400, 401, 403, 404, 409, 413, 415) },
    }),
    (c) => {
      const admin = requireGlobal(c, 'users.manage');
      const { id } = c.req.valid('param');
      const patch = c.req.valid('json');
      if (id === admin.id && patch.active === false) throw Errors.conflict('EIGEN_ACCOUNT', 'U kunt uw eigen account niet deactiveren.');
      const updated = immediate((tx) => {
        if (!findUserById(tx, id)) throw Errors.notFound('Dit account bestaat niet.');
        updateUser(tx, id, patch);
        if (patch.active === false) deleteSessionsOfUser(tx, id);
        appendAudit(tx, { action: 'user.updated', actorUserId: admin.id, ip: c.get('ip'), detail: { userId: id, ...patch } });
        return findUserById(tx, id)!;
      });
      if (patch.active === false) services.collab?.disconnect({ userId: id });
      return c.json(toAdminUser(updated), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/admin/users/{id}/password',
      tags,
      summary: 'Wachtwoord resetten: tijdelijk wachtwoord, wijzigen verplicht bij volgende login',
      security: cookieAuth,
      request: { params: UserParams, ...jsonBody(ResetPasswordRequest) },
      responses: { 200: json(AdminUser, 'Gereset'), ...errors(400, 401, 403, 404, 413, 415) },
    }),
    async (c) => {
      const admin = requireGlobal(c, 'users.manage');
      const { id } = c.req.valid('param');
      const passwordHash = await hashPassword(c.req.valid('json').temporaryPassword);
      const updated = immediate((tx) => {
        if (!findUserById(tx, id)) throw Errors.notFound('Dit account bestaat niet.');
        updateUser(tx, id, { passwordHash, mustChangePassword: true });
        deleteSessionsOfUser(tx, id);
        appendAudit(tx, { action: 'user.password_reset', actorUserId: admin.id, ip: c.get('ip'), detail: { userId: id } });
        return findUserById(tx, id)!;
      });
      services.collab?.disconnect({ userId: id });
      return c.json(toAdminUser(updated), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/directory',
      tags: ['Casussen'],
      summary: 'Collega’s zoeken om uit te nodigen in een casus',
      security: cookieAuth,
      request: { query: z.object({ q: z.string().max(100).optional() }) },
      responses: { 200: json(z.array(DirectoryUser), 'Gevonden personen'), ...errors(400, 401, 403) },
    }),
    (c) => {
      requireGlobal(c, 'directory.search');
      const q = c.req.valid('query').q?.trim() ?? '';
      return c.json(searchDirectory(db, q).map((u) => ({ id: u.id, name: u.name, functie: u.functie, organisation: u.organisation })), 200);
    },
  );
}
