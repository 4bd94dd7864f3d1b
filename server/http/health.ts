import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import { pingDatabase } from '../../db/queries/health';
import type { AppEnv, Services } from '../context';
import { errors, json } from './openapi';

const Health = z.object({ status: z.literal('ok'), database: z.literal('ok') }).meta({ id: 'Health' });

export function registerHealthRoutes(app: OpenAPIHono<AppEnv>, { db }: Services) {
  app.openapi(
    createRoute({ method: 'get', path: '/healthz', tags: ['Beheer'], summary: 'Leeft de server en is de database bereikbaar?', responses: { 200: json(Health, 'In orde'), ...errors(503) } }),
    async (c) => {
      await pingDatabase(db);
      return c.json({ status: 'ok' as const, database: 'ok' as const }, 200);
    },
  );
}
