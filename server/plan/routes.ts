import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import { AdoptPlanRequest, PlanDiff, PlanHistory, PlanVersion, PlanVersionSummary, VersionRef } from '../../shared/schemas';
import { actorOf, type AppEnv, type Services } from '../context';
import { CaseParams, cookieAuth, errors, json, jsonBody } from '../http/openapi';
import { adoptPlan, diffPlan, listPlanVersions, openPlanVersion, planHistory } from './versions';

const tags = ['Gezinsplan'];
const VersionParams = CaseParams.extend({ number: z.coerce.number().int().positive().meta({ param: { name: 'number', in: 'path' } }) });


export function registerPlanRoutes(app: OpenAPIHono<AppEnv>, services: Services) {
  const { db } = services;

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/cases/{id}/plan/versions',
      tags,
      summary: 'Vastgestelde versies van het gezinsplan',
      security: cookieAuth,
      request: { params: CaseParams },
      responses: { 200: json(z.array(PlanVersionSummary), 'Versies, nieuwste eerst'), ...errors(401, 403, 404) },
    }),
    async (c) => c.json(await listPlanVersions(db, actorOf(c), c.req.valid('param').id), 200),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/cases/{id}/plan/versions',
      tags,
      summary: 'Plan vaststellen: maakt een genummerde, alleen-lezen versie (regisseur of procesregisseur)',
      security: cookieAuth,
      request: { params: CaseParams, ...jsonBody(AdoptPlanRequest) },
      responses: { 201: json(PlanVersion, 'Vastgesteld'), ...errors(400, 401, 403, 404, 409, 413, 415) },
    }),
    async (c) => c.json(await adoptPlan(services, actorOf(c), c.req.valid('param').id, c.req.valid('json').note), 201),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/cases/{id}/plan/versions/{number}',
      tags,
      summary: 'Eén vastgestelde versie openen (wordt gelogd)',
      security: cookieAuth,
      request: { params: VersionParams },
      responses: { 200: json(PlanVersion, 'De versie'), ...errors(400, 401, 403, 404) },
    }),
    async (c) => {
      const { id, number } = c.req.valid('param');
      return c.json(await openPlanVersion(db, actorOf(c), id, number), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/cases/{id}/plan/diff',
      tags,
      summary: 'Verschil tussen twee versies (of een versie en het huidige concept)',
      security: cookieAuth,
      request: { params: CaseParams, query: z.object({ from: VersionRef, to: VersionRef }) },
      responses: { 200: json(PlanDiff, 'Regelgewijs verschil'), ...errors(400, 401, 403, 404) },
    }),
    async (c) => {
      const { from, to } = c.req.valid('query');
      return c.json(await diffPlan(services, actorOf(c), c.req.valid('param').id, from, to), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/cases/{id}/plan/history',
      tags,
      summary: 'Wie heeft het plan (of de interne ruimte) gewijzigd en wanneer',
      security: cookieAuth,
      request: { params: CaseParams, query: z.object({ room: z.enum(['plan', 'intern']).default('plan') }) },
      responses: { 200: json(PlanHistory, 'Bewerkingssessies, nieuwste eerst'), ...errors(400, 401, 403, 404) },
    }),
    async (c) => {
      const room = c.req.valid('query').room;
      return c.json({ room, sessions: await planHistory(db, actorOf(c), c.req.valid('param').id, room) }, 200);
    },
  );
}
