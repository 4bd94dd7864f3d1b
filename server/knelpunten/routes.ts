import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import { recordAudit } from '../../db/queries/audit';
import { can } from '../../shared/permissions';
import { Knelpunten, PeriodQuery, PilotFigures } from '../../shared/schemas';
import { type Actor, actorOf, type AppContext, type AppEnv, type Services } from '../context';
import { Errors } from '../http/errors';
import { cookieAuth, errors, json } from '../http/openapi';
import { knelpuntenCsv } from './csv';
import { knelpunten, pilotFigures } from './figures';
import { type Period, resolvePeriod } from './period';

const tags = ['Knelpunten en pilotcijfers'];
const readErrors = errors(400, 401, 403, 422);

/** The viewer (procesregisseur or management) and the period they asked for. */
function viewer(c: AppContext, query: { from?: string; to?: string }): { actor: Actor; period: Period } {
  const actor = actorOf(c);
  if (!can(actor.user.functie, 'knelpunten.view')) throw Errors.forbidden('De knelpunten en pilotcijfers zijn er voor procesregisseurs, teamleiders, directeuren en wethouders.');
  return { actor, period: resolvePeriod(query) };
}

export function registerKnelpuntenRoutes(app: OpenAPIHono<AppEnv>, { db }: Services) {
  const audit = (actor: Actor, action: 'knelpunten.viewed' | 'knelpunten.exported', period: Period, view: string) =>
    recordAudit(db, { action, actorUserId: actor.user.id, ip: actor.ip, detail: { view, from: period.fromDay, to: period.toDay } });

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
    (c) => {
      const { actor, period } = viewer(c, c.req.valid('query'));
      const result = knelpunten(db, period);
      audit(actor, 'knelpunten.viewed', period, 'knelpunten');
      return c.json(result, 200);
    },
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
    (c) => {
      const { actor, period } = viewer(c, c.req.valid('query'));
      const result = pilotFigures(db, period);
      audit(actor, 'knelpunten.viewed', period, 'pilotcijfers');
      return c.json(result, 200);
    },
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
    (c) => {
      const { actor, period } = viewer(c, c.req.valid('query'));
      const csv = knelpuntenCsv(knelpunten(db, period), pilotFigures(db, period));
      audit(actor, 'knelpunten.exported', period, 'csv');
      return c.body(csv, 200, {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="knelpunten-${period.fromDay}-${period.toDay}.csv"`,
      });
    },
  );
}
