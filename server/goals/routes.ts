import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import { AddGoalActionRequest, CreateGoalRequest, Goal, Id, RecordGoalAgreementRequest, SetGoalStatusRequest, UpdateGoalActionRequest, UpdateGoalRequest, WithdrawGoalRequest } from '../../shared/schemas';
import { actorOf, type AppEnv, type Services } from '../context';
import { addAction, updateAction } from './actions';
import { createGoal, getGoal, listGoals, recordAgreement, setGoalStatus, updateGoal, withdrawAgreement, withdrawGoal } from './goals';
import { CaseParams, cookieAuth, errors, json, jsonBody } from '../http/openapi';

const tags = ['Doelen'];
const GoalParams = CaseParams.extend({ goalId: Id.meta({ param: { name: 'goalId', in: 'path' } }) });
const ActionParams = GoalParams.extend({ actionId: Id.meta({ param: { name: 'actionId', in: 'path' } }) });
const readErrors = errors(401, 403, 404);
const writeErrors = errors(400, 401, 403, 404, 409, 413, 415, 422);

export function registerGoalRoutes(app: OpenAPIHono<AppEnv>, services: Services) {
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/cases/{id}/goals',
      tags,
      summary: 'Doelen van het gezinsplan, met legitimatie per wet, instemming van het huishouden en acties (voor alle leden)',
      security: cookieAuth,
      request: { params: CaseParams },
      responses: { 200: json(z.array(Goal), 'Doelen, oudste eerst'), ...readErrors },
    }),
    async (c) => c.json(await listGoals(services, actorOf(c), c.req.valid('param').id), 200),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/cases/{id}/goals',
      tags,
      summary: 'Doel toevoegen: in de woorden van het huishouden, met leefgebied, legitimatie per wet, eigenaar en streefdatum',
      security: cookieAuth,
      request: { params: CaseParams, ...jsonBody(CreateGoalRequest) },
      responses: { 201: json(Goal, 'Toegevoegd (status open)'), ...writeErrors },
    }),
    async (c) => c.json(await createGoal(services, actorOf(c), c.req.valid('param').id, c.req.valid('json')), 201),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/cases/{id}/goals/{goalId}',
      tags,
      summary: 'Eén doel',
      security: cookieAuth,
      request: { params: GoalParams },
      responses: { 200: json(Goal, 'Het doel'), ...readErrors },
    }),
    async (c) => {
      const { id, goalId } = c.req.valid('param');
      return c.json(await getGoal(services, actorOf(c), id, goalId), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'patch',
      path: '/api/cases/{id}/goals/{goalId}',
      tags,
      summary: 'Doel wijzigen (alleen de meegestuurde velden; een nieuwe tekst trekt de instemming van het huishouden in)',
      security: cookieAuth,
      request: { params: GoalParams, ...jsonBody(UpdateGoalRequest) },
      responses: { 200: json(Goal, 'Gewijzigd'), ...writeErrors },
    }),
    async (c) => {
      const { id, goalId } = c.req.valid('param');
      return c.json(await updateGoal(services, actorOf(c), id, goalId, c.req.valid('json')), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'put',
      path: '/api/cases/{id}/goals/{goalId}/status',
      tags,
      summary: 'Status van een doel zetten: open, bezig, bereikt of gestopt',
      security: cookieAuth,
      request: { params: GoalParams, ...jsonBody(SetGoalStatusRequest) },
      responses: { 200: json(Goal, 'Status gezet'), ...writeErrors },
    }),
    async (c) => {
      const { id, goalId } = c.req.valid('param');
      return c.json(await setGoalStatus(services, actorOf(c), id, goalId, c.req.valid('json').status), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/cases/{id}/goals/{goalId}/withdraw',
      tags,
      summary: 'Een per vergissing vastgelegd doel intrekken, met reden (door wie het vastlegde, de regisseur of een procesregisseur): het verdwijnt uit elk overzicht, de PDF en nieuwe intervisiekopieën; de audittrail houdt het',
      security: cookieAuth,
      request: { params: GoalParams, ...jsonBody(WithdrawGoalRequest) },
      responses: { 200: json(z.array(Goal), 'Ingetrokken; de doelen die overblijven'), ...writeErrors },
    }),
    async (c) => {
      const { id, goalId } = c.req.valid('param');
      await withdrawGoal(services, actorOf(c), id, goalId, c.req.valid('json').reason);
      return c.json(await listGoals(services, actorOf(c), id), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'put',
      path: '/api/cases/{id}/goals/{goalId}/agreement',
      tags,
      summary: 'Vastleggen dat (en wanneer) het huishouden met het doel instemt; de datum ligt niet in de toekomst',
      security: cookieAuth,
      request: { params: GoalParams, ...jsonBody(RecordGoalAgreementRequest) },
      responses: { 200: json(Goal, 'Instemming vastgelegd'), ...writeErrors },
    }),
    async (c) => {
      const { id, goalId } = c.req.valid('param');
      return c.json(await recordAgreement(services, actorOf(c), id, goalId, c.req.valid('json').agreedOn), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'delete',
      path: '/api/cases/{id}/goals/{goalId}/agreement',
      tags,
      summary: 'Instemming van het huishouden intrekken',
      security: cookieAuth,
      request: { params: GoalParams },
      responses: { 200: json(Goal, 'Instemming ingetrokken'), ...errors(401, 403, 404, 409) },
    }),
    async (c) => {
      const { id, goalId } = c.req.valid('param');
      return c.json(await withdrawAgreement(services, actorOf(c), id, goalId), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/cases/{id}/goals/{goalId}/actions',
      tags,
      summary: 'Actie toevoegen aan een doel: wat, wie en wanneer',
      security: cookieAuth,
      request: { params: GoalParams, ...jsonBody(AddGoalActionRequest) },
      responses: { 201: json(Goal, 'Het doel met de nieuwe actie'), ...writeErrors },
    }),
    async (c) => {
      const { id, goalId } = c.req.valid('param');
      return c.json(await addAction(services, actorOf(c), id, goalId, c.req.valid('json')), 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'patch',
      path: '/api/cases/{id}/goals/{goalId}/actions/{actionId}',
      tags,
      summary: 'Actie wijzigen, of afvinken als gedaan (en weer terugzetten)',
      security: cookieAuth,
      request: { params: ActionParams, ...jsonBody(UpdateGoalActionRequest) },
      responses: { 200: json(Goal, 'Het doel met de gewijzigde actie'), ...writeErrors },
    }),
    async (c) => {
      const { id, goalId, actionId } = c.req.valid('param');
      return c.json(await updateAction(services, actorOf(c), id, goalId, actionId, c.req.valid('json')), 200);
    },
  );
}
