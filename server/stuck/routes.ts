import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { CaseSignals, ClearStuckFlagRequest, FlagStuckRequest, LeadRequest, SetClusterRequest, StuckOverview, StuckQuery } from '../../shared/schemas';
import { actorOf, type AppEnv, type Services } from '../context';
import { CaseParams, cookieAuth, errors, json, jsonBody } from '../http/openapi';
import { caseSignals, clearStuckFlag, flagStuck, releaseLead, setCluster, takeLead } from './case';
import { stuckOverview } from './overview';

const tags = ['Vastgelopen casussen'];
const mutationErrors = errors(400, 401, 403, 404, 409, 413, 415);

export function registerStuckRoutes(app: OpenAPIHono<AppEnv>, services: Services) {
  const { db } = services;
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/cases/{id}/signals',
      tags,
      summary: 'Signalen van deze casus, de melding „vastgelopen” en wie de regie heeft (alle leden)',
      security: cookieAuth,
      request: { params: CaseParams },
      responses: { 200: json(CaseSignals, 'De signalen'), ...errors(401, 403, 404) },
    }),
    async (c) => c.json(await caseSignals(db, actorOf(c), c.req.valid('param').id), 200),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/cases/{id}/stuck-flag',
      tags,
      summary: 'De casus als vastgelopen melden, met reden (elk lid, open casus)',
      security: cookieAuth,
      request: { params: CaseParams, ...jsonBody(FlagStuckRequest) },
      responses: { 200: json(CaseSignals, 'Gemeld'), ...mutationErrors },
    }),
    async (c) => c.json(await flagStuck(services, actorOf(c), c.req.valid('param').id, c.req.valid('json').reason), 200),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/cases/{id}/stuck-flag/clear',
      tags,
      summary: 'De melding „vastgelopen” opheffen, met reden (elk lid, open casus)',
      security: cookieAuth,
      request: { params: CaseParams, ...jsonBody(ClearStuckFlagRequest) },
      responses: { 200: json(CaseSignals, 'Opgeheven'), ...mutationErrors },
    }),
    async (c) => c.json(await clearStuckFlag(services, actorOf(c), c.req.valid('param').id, c.req.valid('json').reason), 200),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/cases/{id}/lead',
      tags,
      summary: 'De regie nemen in een vastgelopen casus (procesregisseur met bewerkrechten)',
      security: cookieAuth,
      request: { params: CaseParams, ...jsonBody(LeadRequest) },
      responses: { 200: json(CaseSignals, 'Regie genomen'), ...mutationErrors },
    }),
    async (c) => c.json(await takeLead(services, actorOf(c), c.req.valid('param').id, c.req.valid('json').note), 200),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/cases/{id}/lead/release',
      tags,
      summary: 'De regie overdragen (teruggeven) door wie haar nam',
      security: cookieAuth,
      request: { params: CaseParams, ...jsonBody(LeadRequest) },
      responses: { 200: json(CaseSignals, 'Regie overgedragen'), ...mutationErrors },
    }),
    async (c) => c.json(await releaseLead(services, actorOf(c), c.req.valid('param').id, c.req.valid('json').note), 200),
  );

  app.openapi(
    createRoute({
      method: 'put',
      path: '/api/cases/{id}/cluster',
      tags,
      summary: 'Het pilotcluster van de casus instellen of wissen (regisseur of procesregisseur)',
      security: cookieAuth,
      request: { params: CaseParams, ...jsonBody(SetClusterRequest) },
      responses: { 200: json(CaseSignals, 'Ingesteld'), ...mutationErrors },
    }),
    async (c) => c.json(await setCluster(services, actorOf(c), c.req.valid('param').id, c.req.valid('json').cluster), 200),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/stuck',
      tags,
      summary: 'Overzicht voor de procesregisseur: vastgelopen en opgeschaalde casussen waarvan u lid bent, en op wie elk wacht',
      security: cookieAuth,
      request: { query: StuckQuery },
      responses: { 200: json(StuckOverview, 'Het overzicht'), ...errors(400, 401, 403) },
    }),
    async (c) => c.json(await stuckOverview(db, actorOf(c), c.req.valid('query').signal), 200),
  );

}
