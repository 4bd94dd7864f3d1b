// The functional administrator's configuration: mandate levels per law and deviation route,
// the routing of breakthrough requests and the thresholds of the stuck-case signals. Thin
// routes over the commands beside them (accounts are in routes-users.ts).
import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import { DEVIATION_ROUTES, LAW_KEYS } from '../../shared/laws';
import { BreakthroughRoutingConfig, MandateRule, SetMandateRuleRequest, SetSignalSettingRequest, SettingParams, SignalSettingView } from '../../shared/schemas';
import { actorOf, type AppEnv, type Services } from '../context';
import { cookieAuth, errors, json, jsonBody } from '../http/openapi';
import { changeMandateRule, mandateRules } from './mandates';
import { breakthroughRouting, changeBreakthroughRouting } from './routing';
import { changeSignalSetting, listSignalSettings } from './signal-settings';

const RuleParams = z.object({
  law: z.enum(LAW_KEYS).meta({ param: { name: 'law', in: 'path' } }),
  route: z.enum(DEVIATION_ROUTES.map((r) => r.key) as [string, ...string[]]).meta({ param: { name: 'route', in: 'path' } }),
});

export function registerAdminRoutes(app: OpenAPIHono<AppEnv>, services: Services) {
  const tags = ['Gebruikersbeheer'];

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/admin/mandate-rules',
      tags,
      summary: 'Vereist mandaat per wet en afwijkingsroute (standaard: teamleider)',
      security: cookieAuth,
      responses: { 200: json(z.array(MandateRule), 'Alle combinaties van wet en route'), ...errors(401, 403) },
    }),
    async (c) => c.json(await mandateRules(services, actorOf(c)), 200),
  );

  app.openapi(
    createRoute({
      method: 'put',
      path: '/api/admin/mandate-rules/{law}/{route}',
      tags,
      summary: 'Vereist mandaat instellen voor een wet en afwijkingsroute',
      security: cookieAuth,
      request: { params: RuleParams, ...jsonBody(SetMandateRuleRequest) },
      responses: { 200: json(MandateRule, 'Ingesteld'), ...errors(400, 401, 403, 413, 415) },
    }),
    async (c) => {
      const { law, route } = c.req.valid('param');
      return c.json(await changeMandateRule(services, actorOf(c), { law, route: route as MandateRule['route'], level: c.req.valid('json').level }), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/admin/breakthrough-routing',
      tags,
      summary: 'Routering van doorbraakverzoeken: bedraggrens per mandaatniveau en minimaal niveau per soort doorbraak',
      security: cookieAuth,
      responses: { 200: json(BreakthroughRoutingConfig, 'De routering (standaardwaarden waar niets is ingesteld)'), ...errors(401, 403) },
    }),
    async (c) => c.json(await breakthroughRouting(services, actorOf(c)), 200),
  );

  app.openapi(
    createRoute({
      method: 'put',
      path: '/api/admin/breakthrough-routing',
      tags,
      summary: 'Routering instellen; de bedraggrenzen lopen op met het niveau (geen grens: null)',
      security: cookieAuth,
      request: jsonBody(BreakthroughRoutingConfig),
      responses: { 200: json(BreakthroughRoutingConfig, 'Ingesteld'), ...errors(400, 401, 403, 413, 415, 422) },
    }),
    async (c) => c.json(await changeBreakthroughRouting(services, actorOf(c), c.req.valid('json') as BreakthroughRoutingConfig), 200),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/admin/signal-settings',
      tags,
      summary: 'Drempels van de signalen voor vastgelopen casussen',
      security: cookieAuth,
      responses: { 200: json(z.array(SignalSettingView), 'Alle drempels, met standaard en grenzen'), ...errors(401, 403) },
    }),
    async (c) => c.json(await listSignalSettings(services, actorOf(c)), 200),
  );

  app.openapi(
    createRoute({
      method: 'put',
      path: '/api/admin/signal-settings/{key}',
      tags,
      summary: 'Een drempel instellen (binnen de grenzen)',
      security: cookieAuth,
      request: { params: SettingParams, ...jsonBody(SetSignalSettingRequest) },
      responses: { 200: json(SignalSettingView, 'Ingesteld'), ...errors(400, 401, 403, 413, 415, 422) },
    }),
    async (c) => c.json(await changeSignalSetting(services, actorOf(c), c.req.valid('param').key, c.req.valid('json').value), 200),
  );
}
