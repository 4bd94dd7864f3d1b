import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import { appendAudit } from '../../db/queries/audit';
import { listMandateRules, setMandateRule } from '../../db/queries/deviations';
import { DEFAULT_MANDATE, DEVIATION_ROUTES, LAW_KEYS } from '../../shared/laws';
import { can } from '../../shared/permissions';
import { ApproveDeviationRequest, Deviation, Id, MandateRule, ProposeDeviationRequest, RejectDeviationRequest, RevokeDeviationRequest, SetMandateRuleRequest } from '../../shared/schemas';
import { actorOf, type AppContext, type AppEnv, requireUser, type Services } from '../context';
import { signalChange } from '../collab/plan-doc';
import { decideDeviation, getDeviation, listDeviations, proposeDeviation, revokeDeviation } from './register';
import { Errors } from '../http/errors';
import { CaseParams, cookieAuth, errors, json, jsonBody } from '../http/openapi';

const tags = ['Afwijkingen'];
const DeviationParams = CaseParams.extend({ deviationId: Id.meta({ param: { name: 'deviationId', in: 'path' } }) });
const RuleParams = z.object({
  law: z.enum(LAW_KEYS).meta({ param: { name: 'law', in: 'path' } }),
  route: z.enum(DEVIATION_ROUTES.map((r) => r.key) as [string, ...string[]]).meta({ param: { name: 'route', in: 'path' } }),
});
const decisionErrors = errors(400, 401, 403, 404, 409, 413, 415);

export function registerDeviationRoutes(app: OpenAPIHono<AppEnv>, services: Services) {
  const { db } = services;
  // A decision changes what a vraagstuk may conclude: tell open plans to refetch the reverse test.
  // An internal deviation's decision is news for the internal room only.
  const decided = <T extends { internal: boolean }>(c: AppContext, caseId: string, result: T): T => {
    signalChange(services, caseId, actorOf(c).user.id, 'toets', { internal: result.internal });
    return result;
  };
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
    (c) => c.json(listDeviations(db, actorOf(c), c.req.valid('param').id), 200),
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
    (c) => c.json(proposeDeviation(db, actorOf(c), c.req.valid('param').id, c.req.valid('json')), 201),
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
    (c) => {
      const { id, deviationId } = c.req.valid('param');
      return c.json(getDeviation(db, actorOf(c), id, deviationId), 200);
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
    (c) => {
      const { id, deviationId } = c.req.valid('param');
      return c.json(decided(c, id, decideDeviation(db, actorOf(c), id, deviationId, 'approved', c.req.valid('json').note)), 200);
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
    (c) => {
      const { id, deviationId } = c.req.valid('param');
      return c.json(decided(c, id, decideDeviation(db, actorOf(c), id, deviationId, 'rejected', c.req.valid('json').note)), 200);
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
    (c) => {
      const { id, deviationId } = c.req.valid('param');
      return c.json(decided(c, id, revokeDeviation(db, actorOf(c), id, deviationId, c.req.valid('json').reason)), 200);
    },
  );

  const adminTags = ['Gebruikersbeheer'];
  const requireMandateAdmin = (c: AppContext) => {
    const user = requireUser(c);
    if (!can(user.functie, 'mandates.manage')) throw Errors.forbidden();
    return user;
  };

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/admin/mandate-rules',
      tags: adminTags,
      summary: 'Vereist mandaat per wet en afwijkingsroute (standaard: teamleider)',
      security: cookieAuth,
      responses: { 200: json(z.array(MandateRule), 'Alle combinaties van wet en route'), ...errors(401, 403) },
    }),
    (c) => {
      requireMandateAdmin(c);
      const set = listMandateRules(db);
      const rules = LAW_KEYS.flatMap((law) =>
        DEVIATION_ROUTES.map((r) => ({ law, route: r.key, level: set.find((s) => s.law === law && s.route === r.key)?.level ?? DEFAULT_MANDATE })),
      );
      return c.json(rules, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'put',
      path: '/api/admin/mandate-rules/{law}/{route}',
      tags: adminTags,
      summary: 'Vereist mandaat instellen voor een wet en afwijkingsroute',
      security: cookieAuth,
      request: { params: RuleParams, ...jsonBody(SetMandateRuleRequest) },
      responses: { 200: json(MandateRule, 'Ingesteld'), ...errors(400, 401, 403, 413, 415) },
    }),
    (c) => {
      const admin = requireMandateAdmin(c);
      const { law, route } = c.req.valid('param');
      const { level } = c.req.valid('json');
      const rule = { law, route: route as MandateRule['route'], level };
      db.transaction(
        (tx) => {
          setMandateRule(tx, { ...rule, updatedBy: admin.id });
          appendAudit(tx, { action: 'mandate_rule.set', actorUserId: admin.id, ip: c.get('ip'), detail: rule });
        },
        { behavior: 'immediate' },
      );
      return c.json(rule, 200);
    },
  );
}
