import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import { ApproveDeviationRequest, Deviation, Id, ProposeDeviationRequest, RejectDeviationRequest, RevokeDeviationRequest } from '../../shared/schemas';
import { actorOf, type AppEnv, type Services } from '../context';
import { decideDeviation, getDeviation, listDeviations, proposeDeviation, revokeDeviation } from './register';
import { CaseParams, cookieAuth, errors, json, jsonBody } from '../http/openapi';

const tags = ['Afwijkingen'];
const DeviationParams = CaseParams.extend({ deviationId: Id.meta({ param: { name: 'deviationId', in: 'path' } }) });
const decisionErrors = errors(400, 401, 403, 404, 409, 413, 415);

export function registerDeviationRoutes(app: OpenAPIHono<AppEnv>, services: Services) {
  const { db } = services;
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/cases/{id}/deviations',
      tags,
      summary: 'Afwijkingenregister van de casus (interne afwijkingen alleen voor gemeentelijke medewerkers)',
      security: cookieAuth,
      request: { params: CaseParams },
      responses: { 200: json(z.array(Deviation), 'Afwijkingen, oudste eerst'), ...errors(401, 403, 404) },
    }),
    async (c) => c.json(await listDeviations(db, actorOf(c), c.req.valid('param').id), 200),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/cases/{id}/deviations',
      tags,
      summary: 'Afwijking voorstellen: regel, route, wat wel en niet, motivering, looptijd en herbeoordeling',
      security: cookieAuth,
      request: { params: CaseParams, ...jsonBody(ProposeDeviationRequest) },
      responses: { 201: json(Deviation, 'Voorgesteld'), ...errors(400, 401, 403, 404, 409, 413, 415, 422) },
    }),
    async (c) => c.json(await proposeDeviation(services, actorOf(c), c.req.valid('param').id, c.req.valid('json')), 201),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/cases/{id}/deviations/{deviationId}',
      tags,
      summary: 'Eén afwijking',
      security: cookieAuth,
      request: { params: DeviationParams },
      responses: { 200: json(Deviation, 'De afwijking'), ...errors(401, 403, 404) },
    }),
    async (c) => {
      const { id, deviationId } = c.req.valid('param');
      return c.json(await getDeviation(db, actorOf(c), id, deviationId), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/cases/{id}/deviations/{deviationId}/approve',
      tags,
      summary: 'Goedkeuren door een mandaathouder met het vereiste mandaat (niet de indiener: vier ogen)',
      security: cookieAuth,
      request: { params: DeviationParams, ...jsonBody(ApproveDeviationRequest) },
      responses: { 200: json(Deviation, 'Goedgekeurd'), ...decisionErrors },
    }),
    async (c) => {
      const { id, deviationId } = c.req.valid('param');
      return c.json(await decideDeviation(services, actorOf(c), id, deviationId, 'goedgekeurd', c.req.valid('json').note), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/cases/{id}/deviations/{deviationId}/reject',
      tags,
      summary: 'Afwijzen, met toelichting (zelfde mandaat- en vier-ogenregels)',
      security: cookieAuth,
      request: { params: DeviationParams, ...jsonBody(RejectDeviationRequest) },
      responses: { 200: json(Deviation, 'Afgewezen'), ...decisionErrors },
    }),
    async (c) => {
      const { id, deviationId } = c.req.valid('param');
      return c.json(await decideDeviation(services, actorOf(c), id, deviationId, 'afgewezen', c.req.valid('json').note), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/cases/{id}/deviations/{deviationId}/revoke',
      tags,
      summary: 'Intrekken, met reden',
      security: cookieAuth,
      request: { params: DeviationParams, ...jsonBody(RevokeDeviationRequest) },
      responses: { 200: json(Deviation, 'Ingetrokken'), ...decisionErrors },
    }),
    async (c) => {
      const { id, deviationId } = c.req.valid('param');
      return c.json(await revokeDeviation(services, actorOf(c), id, deviationId, c.req.valid('json').reason), 200);
    },
  );
}
