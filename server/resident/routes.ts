import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import { AccessLogEntry, AddResidentCommentRequest, Id, ResidentComment, ResidentGoal, ResidentView } from '../../shared/schemas';
import { actorOf, type AppEnv, type Services } from '../context';
import { CaseParams, cookieAuth, errors, json, jsonBody } from '../http/openapi';
import { accessLog } from './access-log';
import { addResidentComment, agreeWithGoal } from './commands';
import { listComments, residentView } from './view';

const tags = ['Inwoner'];
const GoalParams = CaseParams.extend({ goalId: Id.meta({ param: { name: 'goalId', in: 'path' } }) });

export function registerResidentRoutes(app: OpenAPIHono<AppEnv>, services: Services) {
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/cases/{id}/inwoner',
      tags,
      summary: 'Het eigen overzicht van het huishouden: het vastgestelde plan, de doelen, wie doet wat en de reacties (alleen voor het huishouden; wordt gelogd)',
      security: cookieAuth,
      request: { params: CaseParams },
      responses: { 200: json(ResidentView, 'Het overzicht'), ...errors(401, 403, 404) },
    }),
    async (c) => c.json(await residentView(services, actorOf(c), c.req.valid('param').id), 200),
  );

  app.openapi(
    createRoute({
      method: 'put',
      path: '/api/cases/{id}/inwoner/goals/{goalId}/agreement',
      tags,
      summary: '„Daar ben ik het mee eens”: het huishouden stemt zelf in met een doel (vandaag; nogmaals instemmen verandert niets)',
      security: cookieAuth,
      request: { params: GoalParams },
      responses: { 200: json(ResidentGoal, 'Het doel met de instemming'), ...errors(401, 403, 404, 409) },
    }),
    async (c) => {
      const { id, goalId } = c.req.valid('param');
      return c.json(await agreeWithGoal(services, actorOf(c), id, goalId), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/cases/{id}/inwoner/comments',
      tags,
      summary: 'Reactie van het huishouden toevoegen (kan niet worden gewijzigd of verwijderd; de professionals lezen mee)',
      security: cookieAuth,
      request: { params: CaseParams, ...jsonBody(AddResidentCommentRequest) },
      responses: { 201: json(ResidentComment, 'Geplaatst'), ...errors(400, 401, 403, 404, 409, 413, 415) },
    }),
    async (c) => c.json(await addResidentComment(services, actorOf(c), c.req.valid('param').id, c.req.valid('json').body), 201),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/cases/{id}/inwoner/comments',
      tags,
      summary: 'Reacties van het huishouden, alleen lezen (voor alle leden van de casus)',
      security: cookieAuth,
      request: { params: CaseParams },
      responses: { 200: json(z.array(ResidentComment), 'Reacties, oudste eerst'), ...errors(401, 403, 404) },
    }),
    async (c) => c.json(await listComments(services, actorOf(c), c.req.valid('param').id), 200),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/cases/{id}/inwoner/accesslog',
      tags,
      summary: 'Wie heeft mijn dossier bekeken (AVG art. 15): per persoon per dag, uit het auditlog (alleen voor het huishouden; wordt zelf ook gelogd)',
      security: cookieAuth,
      request: { params: CaseParams },
      responses: { 200: json(z.array(AccessLogEntry), 'Nieuwste dag eerst'), ...errors(401, 403, 404) },
    }),
    async (c) => c.json(await accessLog(services, actorOf(c), c.req.valid('param').id), 200),
  );
}
