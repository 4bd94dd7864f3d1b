import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import { ConcludeVraagstukRequest, Id, LinkDeviationRequest, OpenVraagstukRequest, ReopenVraagstukRequest, SignVerdictRequest, Vraagstuk } from '../../shared/schemas';
import { actorOf, type AppEnv, type Services } from '../context';
import { CaseParams, cookieAuth, errors, json, jsonBody } from '../http/openapi';
import { concludeVraagstuk, getVraagstuk, listVraagstukken, openVraagstuk, reopenVraagstuk, setDeviationLink, signVerdict } from './vraagstukken';

const tags = ['Omgekeerde toets'];
const VraagstukParams = CaseParams.extend({ vraagstukId: Id.meta({ param: { name: 'vraagstukId', in: 'path' } }) });
const LinkParams = VraagstukParams.extend({ deviationId: Id.meta({ param: { name: 'deviationId', in: 'path' } }) });
const writeErrors = errors(400, 401, 403, 404, 409, 413, 415, 422);

export function registerVraagstukRoutes(app: OpenAPIHono<AppEnv>, services: Services) {
  const post = (path: string, summary: string, body: Parameters<typeof jsonBody>[0], okDescription: string) =>
    createRoute({ method: 'post', path, tags, summary, security: cookieAuth, request: { params: VraagstukParams, ...jsonBody(body) }, responses: { 200: json(Vraagstuk, okDescription), ...writeErrors } });

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/cases/{id}/vraagstukken',
      tags,
      summary: 'Vraagstukken van de casus met de omgekeerde toets: wetten, ondertekende oordelen, afwijkingen en besluiten',
      security: cookieAuth,
      request: { params: CaseParams },
      responses: { 200: json(z.array(Vraagstuk), 'Vraagstukken, oudste eerst'), ...errors(401, 403, 404) },
    }),
    async (c) => c.json(await listVraagstukken(services, actorOf(c), c.req.valid('param').id), 200),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/cases/{id}/vraagstukken',
      tags,
      summary: 'Vraagstuk openen; zonder wetten gelden de wetten waarvoor de leden verantwoordelijk zijn',
      security: cookieAuth,
      request: { params: CaseParams, ...jsonBody(OpenVraagstukRequest) },
      responses: { 201: json(Vraagstuk, 'Geopend'), ...writeErrors },
    }),
    async (c) => c.json(await openVraagstuk(services, actorOf(c), c.req.valid('param').id, c.req.valid('json')), 201),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/cases/{id}/vraagstukken/{vraagstukId}',
      tags,
      summary: 'Eén vraagstuk',
      security: cookieAuth,
      request: { params: VraagstukParams },
      responses: { 200: json(Vraagstuk, 'Het vraagstuk'), ...errors(401, 403, 404) },
    }),
    async (c) => {
      const { id, vraagstukId } = c.req.valid('param');
      return c.json(await getVraagstuk(services, actorOf(c), id, vraagstukId), 200);
    },
  );

  app.openapi(
    post('/api/cases/{id}/vraagstukken/{vraagstukId}/signatures', 'Oordeel over één wet ondertekenen (stap 3), alleen door wie voor die wet verantwoordelijk is', SignVerdictRequest, 'Ondertekend'),
    async (c) => {
      const { id, vraagstukId } = c.req.valid('param');
      return c.json(await signVerdict(services, actorOf(c), id, vraagstukId, c.req.valid('json') as z.output<typeof SignVerdictRequest>), 200);
    },
  );

  app.openapi(
    post('/api/cases/{id}/vraagstukken/{vraagstukId}/conclusion', 'Besluiten (stap 6): alle wetten actueel ondertekend; bij „we doen het” alle afwijkingen goedgekeurd', ConcludeVraagstukRequest, 'Besloten'),
    async (c) => {
      const { id, vraagstukId } = c.req.valid('param');
      return c.json(await concludeVraagstuk(services, actorOf(c), id, vraagstukId, c.req.valid('json') as z.output<typeof ConcludeVraagstukRequest>), 200);
    },
  );

  app.openapi(
    post('/api/cases/{id}/vraagstukken/{vraagstukId}/reopen', 'Besloten vraagstuk heropenen, met reden', ReopenVraagstukRequest, 'Heropend'),
    async (c) => {
      const { id, vraagstukId } = c.req.valid('param');
      return c.json(await reopenVraagstuk(services, actorOf(c), id, vraagstukId, (c.req.valid('json') as z.output<typeof ReopenVraagstukRequest>).reason), 200);
    },
  );

  app.openapi(
    post('/api/cases/{id}/vraagstukken/{vraagstukId}/deviations', 'Afwijking koppelen waarop de oplossing steunt (stap 5)', LinkDeviationRequest, 'Gekoppeld'),
    async (c) => {
      const { id, vraagstukId } = c.req.valid('param');
      return c.json(await setDeviationLink(services, actorOf(c), id, vraagstukId, (c.req.valid('json') as z.output<typeof LinkDeviationRequest>).deviationId, true), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'delete',
      path: '/api/cases/{id}/vraagstukken/{vraagstukId}/deviations/{deviationId}',
      tags,
      summary: 'Koppeling met een afwijking weghalen',
      security: cookieAuth,
      request: { params: LinkParams },
      responses: { 200: json(Vraagstuk, 'Ontkoppeld'), ...errors(401, 403, 404, 409) },
    }),
    async (c) => {
      const { id, vraagstukId, deviationId } = c.req.valid('param');
      return c.json(await setDeviationLink(services, actorOf(c), id, vraagstukId, deviationId, false), 200);
    },
  );
}
