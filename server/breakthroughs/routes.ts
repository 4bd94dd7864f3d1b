import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import { Breakthrough, BreakthroughList, BreakthroughRouting, BreakthroughRoutingQuery, EscalateBreakthroughRequest, EscalationFile, ExportBreakthroughRequest, GrantBreakthroughRequest, Id, RecordOutcomeRequest, RefuseBreakthroughRequest, ReturnBreakthroughRequest, SubmitBreakthroughRequest, WithdrawBreakthroughRequest } from '../../shared/schemas';
import { actorOf, type AppEnv, type Services } from '../context';
import { downloadEscalationFile } from './export';
import { decideRequest, escalateRequest, exportRequest, getRequest, listRequests, recordOutcome, resubmitRequest, routingFor, submitRequest, withdrawRequest } from './requests';
import { CaseParams, cookieAuth, errors, json, jsonBody } from '../http/openapi';

const tags = ['Doorbraken'];
const RequestParams = CaseParams.extend({ requestId: Id.meta({ param: { name: 'requestId', in: 'path' } }) });
const writeErrors = errors(400, 401, 403, 404, 409, 413, 415, 422);

export function registerBreakthroughRoutes(app: OpenAPIHono<AppEnv>, services: Services) {
  const { db } = services;
  const post = (path: string, summary: string, body: Parameters<typeof jsonBody>[0], ok: string) =>
    createRoute({ method: 'post', path: `/api/cases/{id}/breakthroughs/{requestId}/${path}`, tags, summary, security: cookieAuth, request: { params: RequestParams, ...jsonBody(body) }, responses: { 200: json(Breakthrough, ok), ...writeErrors } });

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/cases/{id}/breakthroughs',
      tags,
      summary: 'Doorbraakverzoeken van de casus (alleen voor gemeentelijke medewerkers en de mandaathouder aan wie een verzoek is voorgelegd; anderen krijgen een lege lijst)',
      security: cookieAuth,
      request: { params: CaseParams },
      responses: { 200: json(BreakthroughList, 'Verzoeken, oudste eerst'), ...errors(401, 403, 404) },
    }),
    async (c) => c.json(await listRequests(db, actorOf(c), c.req.valid('param').id), 200),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/cases/{id}/breakthroughs',
      tags,
      summary: 'Doorbraakverzoek indienen (procesregisseur): wat vastzit, de doorbraak, wat blokkeert, de kostenvergelijking, het budget en de gekozen mandaathouder',
      security: cookieAuth,
      request: { params: CaseParams, ...jsonBody(SubmitBreakthroughRequest) },
      responses: { 201: json(Breakthrough, 'Ingediend en voorgelegd'), ...writeErrors },
    }),
    async (c) => c.json(await submitRequest(services, actorOf(c), c.req.valid('param').id, c.req.valid('json') as z.output<typeof SubmitBreakthroughRequest>), 201),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/cases/{id}/breakthrough-routing',
      tags,
      summary: 'Vereist mandaatniveau voor een soort en bedrag, met de mandaathouders die het verzoek kunnen krijgen',
      security: cookieAuth,
      request: { params: CaseParams, query: BreakthroughRoutingQuery },
      responses: { 200: json(BreakthroughRouting, 'Niveau en mandaathouders'), ...errors(400, 401, 403, 404, 409, 422) },
    }),
    async (c) => c.json(await routingFor(db, actorOf(c), c.req.valid('param').id, c.req.valid('query')), 200),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/cases/{id}/breakthroughs/{requestId}',
      tags,
      summary: 'Eén doorbraakverzoek met versies, besluiten, kostenvergelijking, op wie het wacht en wat u mag doen',
      security: cookieAuth,
      request: { params: RequestParams },
      responses: { 200: json(Breakthrough, 'Het verzoek'), ...errors(401, 403, 404) },
    }),
    async (c) => {
      const { id, requestId } = c.req.valid('param');
      return c.json(await getRequest(db, actorOf(c), id, requestId), 200);
    },
  );

  app.openapi(post('versions', 'Aangevuld verzoek opnieuw indienen na „terug voor aanvulling”; het wordt opnieuw gerouteerd', SubmitBreakthroughRequest, 'Opnieuw voorgelegd'), async (c) => {
    const { id, requestId } = c.req.valid('param');
    return c.json(await resubmitRequest(services, actorOf(c), id, requestId, c.req.valid('json') as z.output<typeof SubmitBreakthroughRequest>), 200);
  });

  app.openapi(post('grant', 'Toekennen door de mandaathouder aan wie het is voorgelegd: voorwaarden, budget (binnen de eigen bedraggrens) en termijn', GrantBreakthroughRequest, 'Toegekend'), async (c) => {
    const { id, requestId } = c.req.valid('param');
    return c.json(await decideRequest(services, actorOf(c), id, requestId, { kind: 'toegekend', ...(c.req.valid('json') as z.output<typeof GrantBreakthroughRequest>) }), 200);
  });

  app.openapi(post('refuse', 'Afwijzen, met redenen', RefuseBreakthroughRequest, 'Afgewezen'), async (c) => {
    const { id, requestId } = c.req.valid('param');
    return c.json(await decideRequest(services, actorOf(c), id, requestId, { kind: 'afgewezen', reasons: (c.req.valid('json') as z.output<typeof RefuseBreakthroughRequest>).reasons }), 200);
  });

  app.openapi(post('return', 'Terug voor aanvulling: wat ontbreekt', ReturnBreakthroughRequest, 'Teruggestuurd'), async (c) => {
    const { id, requestId } = c.req.valid('param');
    return c.json(await decideRequest(services, actorOf(c), id, requestId, { kind: 'terug', missing: (c.req.valid('json') as z.output<typeof ReturnBreakthroughRequest>).missing }), 200);
  });

  app.openapi(post('escalate', 'Afgewezen verzoek één niveau hoger voorleggen', EscalateBreakthroughRequest, 'Opgeschaald'), async (c) => {
    const { id, requestId } = c.req.valid('param');
    return c.json(await escalateRequest(services, actorOf(c), id, requestId, c.req.valid('json') as z.output<typeof EscalateBreakthroughRequest>), 200);
  });

  app.openapi(post('export', 'Boven de wethouder: voorleggen aan het landelijk maatwerkloket (gepseudonimiseerd dossier)', ExportBreakthroughRequest, 'Geëxporteerd'), async (c) => {
    const { id, requestId } = c.req.valid('param');
    return c.json(await exportRequest(services, actorOf(c), id, requestId, (c.req.valid('json') as z.output<typeof ExportBreakthroughRequest>).note), 200);
  });

  app.openapi(post('withdraw', 'Verzoek intrekken, met reden', WithdrawBreakthroughRequest, 'Ingetrokken'), async (c) => {
    const { id, requestId } = c.req.valid('param');
    return c.json(await withdrawRequest(services, actorOf(c), id, requestId, (c.req.valid('json') as z.output<typeof WithdrawBreakthroughRequest>).reason), 200);
  });

  app.openapi(post('outcome', 'Resultaat na de termijn: bereikt, soort doorbraak, wat het verschil maakte, succesverhaal', RecordOutcomeRequest, 'Vastgelegd'), async (c) => {
    const { id, requestId } = c.req.valid('param');
    return c.json(await recordOutcome(services, actorOf(c), id, requestId, c.req.valid('json') as z.output<typeof RecordOutcomeRequest>), 200);
  });

  const download = (format: 'html' | 'json') =>
    createRoute({
      method: 'get',
      path: `/api/cases/{id}/breakthroughs/{requestId}/export.${format}`,
      tags,
      summary: `Gepseudonimiseerd escalatiedossier voor het landelijk maatwerkloket (${format.toUpperCase()}, als bijlage); elke download wordt gelogd`,
      security: cookieAuth,
      request: { params: RequestParams },
      responses: {
        200: format === 'json' ? json(EscalationFile, 'Het dossier als JSON') : { content: { 'text/html': { schema: z.string() } }, description: 'Het dossier als HTML' },
        ...errors(401, 403, 404, 409),
      },
    });
  for (const format of ['html', 'json'] as const) {
    app.openapi(download(format), async (c) => {
      const { id, requestId } = c.req.valid('param');
      const file = await downloadEscalationFile(services, actorOf(c), id, requestId, format);
      return c.body(file.body, 200, { 'Content-Type': file.contentType, 'Content-Disposition': `attachment; filename="${file.filename}"` }) as never;
    });
  }
}
