import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { Inbox } from '../../shared/schemas';
import { type AppEnv, requireUser, type Services } from '../context';
import { errors, json, cookieAuth } from '../http/openapi';
import { inboxOf } from './inbox';

export function registerInboxRoutes(app: OpenAPIHono<AppEnv>, { db }: Services) {
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/inbox',
      tags: ['Postvak'],
      summary: 'Postvak: verzoeken die op uw besluit wachten, besluiten in uw casussen (30 dagen) en herbeoordelingen binnen 14 dagen of te laat',
      security: cookieAuth,
      responses: { 200: json(Inbox, 'Wat uw aandacht vraagt'), ...errors(401, 403) },
    }),
    (c) => c.json(inboxOf(db, requireUser(c)), 200),
  );
}
