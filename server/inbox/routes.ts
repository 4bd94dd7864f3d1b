import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { Inbox } from '../../shared/schemas';
import { actorOf, type AppEnv, type Services } from '../context';
import { errors, json, cookieAuth } from '../http/openapi';
import { inboxOf } from './inbox';

export function registerInboxRoutes(app: OpenAPIHono<AppEnv>, services: Services) {
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/inbox',
      tags: ['Postvak'],
      summary:
        'Postvak: verzoeken en afwijkingen die op uw besluit wachten, oordelen die u moet ondertekenen, besluiten in uw casussen (30 dagen) en herbeoordelingen binnen 14 dagen of te laat; voor een inwoner: doelen die op haar mening wachten en nieuws over uitzonderingen voor haar (30 dagen)',
      security: cookieAuth,
      responses: { 200: json(Inbox, 'Wat uw aandacht vraagt'), ...errors(401, 403) },
    }),
    async (c) => c.json(await inboxOf(services, actorOf(c)), 200),
  );
}
