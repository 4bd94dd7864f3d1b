// Account management by the functional administrator, and the colleague directory: thin
// routes over server/admin/users.ts.
import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import { AdminUser, CreateUserRequest, DirectoryUser, Id, ResetPasswordRequest, UpdateUserRequest } from '../../shared/schemas';
import { actorOf, type AppEnv, type Services } from '../context';
import { cookieAuth, errors, json, jsonBody } from '../http/openapi';
import { createAccount, listAccounts, resetPassword, searchColleagues, updateAccount } from './users';

const UserParams = z.object({ id: Id.meta({ param: { name: 'id', in: 'path' } }) });

export function registerUserRoutes(app: OpenAPIHono<AppEnv>, services: Services) {
  const tags = ['Gebruikersbeheer'];

  app.openapi(
    createRoute({ method: 'get', path: '/api/admin/users', tags, summary: 'Alle accounts', security: cookieAuth, responses: { 200: json(z.array(AdminUser), 'Accounts'), ...errors(401, 403) } }),
    async (c) => c.json(await listAccounts(services, actorOf(c)), 200),
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
    async (c) => c.json(await createAccount(services, actorOf(c), c.req.valid('json')), 201),
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
    async (c) => c.json(await updateAccount(services, actorOf(c), c.req.valid('param').id, c.req.valid('json')), 200),
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
    async (c) => c.json(await resetPassword(services, actorOf(c), c.req.valid('param').id, c.req.valid('json').temporaryPassword), 200),
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
    async (c) => c.json(await searchColleagues(services, actorOf(c), c.req.valid('query').q ?? ''), 200),
  );
}
