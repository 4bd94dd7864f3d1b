import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import { Knelpunten, PeriodQuery, PilotFigures } from '../../shared/schemas';
import { actorOf, type AppEnv, type Services } from '../context';
import { cookieAuth, errors, json } from '../http/openapi';
import { knelpuntenDownload, knelpuntenReport, pilotFiguresReport } from './reports';

const tags = ['Knelpunten en pilotcijfers'];
const readErrors = errors(400, 401, 403, 422);

export function registerKnelpuntenRoutes(app: OpenAPIHono<AppEnv>, services: Services) {
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/knelpunten',
      tags,
      summary: 'Knelpunten over alle casussen: regels waarvan vaak is afgeweken, wetten in spanning, soorten doorbraken, doorlooptijd (alleen aantallen en regelverwijzingen)',
      security: cookieAuth,
      request: { query: PeriodQuery },
      responses: { 200: json(Knelpunten, 'De knelpunten in de periode'), ...readErrors },
    }),
    async (c) => c.json(await knelpuntenReport(services, actorOf(c), c.req.valid('query')), 200),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/pilot-figures',
      tags,
      summary: 'Pilotcijfers per periode: casussen, doorbraken, clusters, mediane doorlooptijden',
      security: cookieAuth,
      request: { query: PeriodQuery },
      responses: { 200: json(PilotFigures, 'De pilotcijfers in de periode'), ...readErrors },
    }),
    async (c) => c.json(await pilotFiguresReport(services, actorOf(c), c.req.valid('query')), 200),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/knelpunten.csv',
      tags,
      summary: 'Knelpunten en pilotcijfers als CSV (puntkomma, UTF-8)',
      security: cookieAuth,
      request: { query: PeriodQuery },
      responses: {
        200: { content: { 'text/csv': { schema: z.string() } }, description: 'CSV-bestand als bijlage' },
        ...readErrors,
      },
    }),
    async (c) => {
      const { csv, period } = await knelpuntenDownload(services, actorOf(c), c.req.valid('query'));
      return c.body(csv, 200, {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="knelpunten-${period.fromDay}-${period.toDay}.csv"`,
      });
    },
  );
}
