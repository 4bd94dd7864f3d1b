import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import { DOSSIER_VARIANTS } from '../../shared/schemas';
import { actorOf, type AppEnv, type Services } from '../context';
import { exportDossier } from './dossier';
import { CaseParams, cookieAuth, errors } from '../http/openapi';

const VersionParams = CaseParams.extend({ number: z.coerce.number().int().positive().meta({ param: { name: 'number', in: 'path' } }) });

export function registerDossierRoutes(app: OpenAPIHono<AppEnv>, services: Services) {
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/cases/{id}/versions/{number}/dossier.pdf',
      tags: ['Gezinsplan'],
      summary:
        'Dossier (PDF) van een vastgestelde versie voor het gemeentelijk dossier: plan, doelen, besluiten uit de omgekeerde toets, goedgekeurde afwijkingen, doorbraken en het verslag van het casusoverleg. ' +
        'Variant "extern" laat alles wat intern is weg (en de doorbraken); externe partners krijgen altijd "extern". Wordt gelogd.',
      security: cookieAuth,
      request: { params: VersionParams, query: z.object({ variant: z.enum(DOSSIER_VARIANTS).optional() }) },
      responses: {
        200: { content: { 'application/pdf': { schema: z.string().meta({ format: 'binary' }) } }, description: 'Het dossier als PDF-bijlage; de kop X-Dossier-Variant zegt welke variant het werd' },
        ...errors(400, 401, 403, 404),
      },
    }),
    async (c) => {
      const { id, number } = c.req.valid('param');
      const file = await exportDossier(services, actorOf(c), id, number, c.req.valid('query').variant);
      return c.body(new Uint8Array(file.pdf), 200, {
        'Content-Type': 'application/pdf',
        'Content-Disposition': `attachment; filename="${file.filename}"`,
        'X-Dossier-Variant': file.variant,
      }) as never;
    },
  );
}
