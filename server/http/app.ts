// Builds the HTTP application: middleware in the order a request meets it, then one
// register function per resource, then the OpenAPI document and the web client.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { OpenAPIHono } from '@hono/zod-openapi';
import { serveStatic } from '@hono/node-server/serve-static';
import { HTTPException } from 'hono/http-exception';
import { isDatabaseUnavailable } from '../../db/client';
import type { ZodError } from 'zod';
import type { AppEnv, Services } from '../context';
import { ApiError, Errors, validationError } from './errors';
import { clientIp, CLOSE_CONNECTION, jsonBodiesOnly, limitBody, loadSession, noStore, sameOriginOnly, securityHeaders } from './middleware';
import { recordCaseReads } from '../cases/reads';
import { registerAuthRoutes } from '../auth/routes';
import { registerOidcRoutes } from '../auth/routes-oidc';
import { registerOidcAdminRoutes } from '../auth/routes-oidc-admin';
import { registerBreakthroughRoutes } from '../breakthroughs/routes';
import { registerCaseRoutes } from '../cases/routes';
import { registerCatalogueRoutes } from '../catalogue/routes';
import { registerConferenceRoutes } from '../conference/routes';
import { registerDeviationRoutes } from '../deviations/routes';
import { registerDossierRoutes } from '../dossier/routes';
import { registerGoalRoutes } from '../goals/routes';
import { registerHealthRoutes } from './health';
import { registerInboxRoutes } from '../inbox/routes';
import { registerFeedRoutes } from '../live/routes';
import { registerIntervisionRoutes } from '../intervision/routes';
import { registerKnelpuntenRoutes } from '../knelpunten/routes';
import { registerPlanRoutes } from '../plan/routes';
import { registerResidentRoutes } from '../resident/routes';
import { registerStuckRoutes } from '../stuck/routes';
import { registerAdminRoutes } from '../admin/routes';
import { registerUserRoutes } from '../admin/routes-users';
import { registerVraagstukRoutes } from '../vraagstukken/routes';

export function createApp(services: Services) {
  const app = new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) throw validationError(result.error as unknown as ZodError);
    },
  });

  app.onError((err, c) => {
    if (err instanceof ApiError) return c.json(err.body(), err.status, err.headers);
    if (err instanceof HTTPException && err.status === 400) {
      const e = Errors.badJson();
      return c.json(e.body(), e.status);
    }
    if (err instanceof HTTPException && err.status === 413) {
      const e = Errors.tooLarge();
      return c.json(e.body(), e.status, CLOSE_CONNECTION);
    }
    if (isDatabaseUnavailable(err)) {
      // Not a bug: the pool reconnects by itself once the database is back.
      console.warn(`[casustafel] database onbereikbaar bij ${c.req.method} ${c.req.path}: ${err.message}`);
      const e = Errors.databaseUnavailable();
      return c.json(e.body(), e.status, e.headers);
    }
    console.error('[casustafel] onverwachte fout', c.req.method, c.req.path, err);
    const e = Errors.internal();
    return c.json(e.body(), e.status);
  });

  app.use('*', securityHeaders(services));
  app.use('/api/*', noStore);
  app.use('*', clientIp(services));
  app.use('*', sameOriginOnly(services));
  app.use('/api/*', limitBody, jsonBodiesOnly, loadSession(services));
  app.use('/api/cases/*', recordCaseReads(services));

  registerHealthRoutes(app, services);
  registerAuthRoutes(app, services);
  registerOidcRoutes(app, services);
  registerOidcAdminRoutes(app, services);
  registerCaseRoutes(app, services);
  registerUserRoutes(app, services);
  registerAdminRoutes(app, services);
  registerPlanRoutes(app, services);
  registerDeviationRoutes(app, services);
  registerGoalRoutes(app, services);
  registerCatalogueRoutes(app, services);
  registerVraagstukRoutes(app, services);
  registerStuckRoutes(app, services);
  registerKnelpuntenRoutes(app, services);
  registerBreakthroughRoutes(app, services);
  registerInboxRoutes(app, services);
  registerFeedRoutes(app, services);
  registerResidentRoutes(app, services);
  registerDossierRoutes(app, services);
  registerConferenceRoutes(app, services);
  registerIntervisionRoutes(app, services);

  app.openAPIRegistry.registerComponent('securitySchemes', 'sessieCookie', { type: 'apiKey', in: 'cookie', name: 'casustafel_sessie' });
  app.doc31('/api/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: 'Casustafel API',
      version: '0.1.0',
      description:
        'Gedeelde werkruimte voor casusoverleg (1 gezin, 1 plan, 1 regisseur). Fouten hebben altijd de vorm { error: { code, message } }. ' +
        'Casussen waarvan u geen lid bent geven 404. Wijzigende verzoeken van een andere herkomst worden geweigerd.',
    },
  });

  app.all('/api/*', () => {
    throw Errors.notFound('Onbekend API-adres.');
  });

  mountClient(app, services);
  return app;
}

/** The built React client, with every non-API path answered by index.html (client-side routes). */
function mountClient(app: OpenAPIHono<AppEnv>, { config }: Services) {
  const root = resolve(config.CLIENT_DIST);
  const indexPath = resolve(root, 'index.html');
  app.use('/assets/*', serveStatic({ root, onFound: (_p, c) => c.header('Cache-Control', 'public, max-age=31536000, immutable') }));
  app.use('/favicon.svg', serveStatic({ root }));
  app.get('*', (c) => {
    if (!existsSync(indexPath)) {
      return c.text('De webclient is nog niet gebouwd. Voer `npm run build` uit (npm start doet dit automatisch).', 503);
    }
    c.header('Cache-Control', 'no-cache');
    return c.html(readFileSync(indexPath, 'utf8'));
  });
}
