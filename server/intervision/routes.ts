// Intervision sessions on a pseudonymised copy of a case, and the success-story library.
import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import {
  AddIntervisionParticipantRequest,
  CreateIntervisionRequest,
  Id,
  IntervisionCandidate,
  IntervisionSession,
  IntervisionSummary,
  PublishStoryRequest,
  ResolveMarksRequest,
  StoryDraft,
  SUCCESS_STORY_KINDS,
  SuccessStory,
} from '../../shared/schemas';
import { actorOf, type AppEnv, type Services } from '../context';
import { CaseParams, cookieAuth, errors, json, jsonBody } from '../http/openapi';
import {
  addParticipant,
  closeSession,
  createSession,
  findCandidates,
  getSession,
  listLibrary,
  listMyDrafts,
  listMySessions,
  publishStory,
  releaseSession,
  releaseStory,
  resolveSessionMarks,
  resolveStoryMarks,
} from './sessions';

const tags = ['Intervisie'];
const SessionParams = z.object({ sessionId: Id.meta({ param: { name: 'sessionId', in: 'path' } }) });
const DraftParams = SessionParams.extend({ draftId: Id.meta({ param: { name: 'draftId', in: 'path' } }) });
const writeErrors = errors(400, 401, 403, 404, 409, 413, 415, 422);

export function registerIntervisionRoutes(app: OpenAPIHono<AppEnv>, services: Services) {
  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/cases/{id}/intervision',
      tags,
      summary: 'Intervisie voorbereiden: een gepseudonimiseerde kopie van de casus met een beoordeling van elke vervanging en markering; de maker is begeleider en geeft haar vrij. Het antwoord noemt de casus niet.',
      security: cookieAuth,
      request: { params: CaseParams, ...jsonBody(CreateIntervisionRequest) },
      responses: { 201: json(IntervisionSession, 'Sessie gemaakt'), ...writeErrors },
    }),
    async (c) => c.json(await createSession(services, actorOf(c), c.req.valid('param').id, c.req.valid('json')), 201),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/intervision',
      tags,
      summary: 'Mijn intervisiesessies',
      security: cookieAuth,
      responses: { 200: json(z.array(IntervisionSummary), 'Open sessies eerst, nieuwste eerst'), ...errors(401, 403) },
    }),
    async (c) => c.json(await listMySessions(services, actorOf(c)), 200),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/intervision/{sessionId}',
      tags,
      summary: 'Eén intervisiesessie met de gepseudonimiseerde kopie; 404 voor wie niet deelneemt',
      security: cookieAuth,
      request: { params: SessionParams },
      responses: { 200: json(IntervisionSession, 'De sessie'), ...errors(401, 403, 404) },
    }),
    async (c) => c.json(await getSession(services, actorOf(c), c.req.valid('param').sessionId), 200),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/intervision/{sessionId}/candidates',
      tags,
      summary: 'Collega’s zoeken die de begeleider kan toevoegen (alleen medewerkers van de gemeente)',
      security: cookieAuth,
      request: { params: SessionParams, query: z.object({ q: z.string().max(100).optional() }) },
      responses: { 200: json(z.array(IntervisionCandidate), 'Gevonden collega’s'), ...errors(400, 401, 403, 404, 409) },
    }),
    async (c) => c.json(await findCandidates(services, actorOf(c), c.req.valid('param').sessionId, c.req.valid('query').q ?? ''), 200),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/intervision/{sessionId}/participants',
      tags,
      summary: 'Deelnemer toevoegen (begeleider, zolang de sessie open is); deelnemers hoeven geen lid van de casus te zijn',
      security: cookieAuth,
      request: { params: SessionParams, ...jsonBody(AddIntervisionParticipantRequest) },
      responses: { 201: json(IntervisionSession, 'Toegevoegd'), ...writeErrors },
    }),
    async (c) => c.json(await addParticipant(services, actorOf(c), c.req.valid('param').sessionId, c.req.valid('json')), 201),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/intervision/{sessionId}/close',
      tags,
      summary: 'Sessie afsluiten (begeleider); daarna zijn de reflectienotities alleen nog te lezen',
      security: cookieAuth,
      request: { params: SessionParams },
      responses: { 200: json(IntervisionSession, 'Afgesloten'), ...errors(401, 403, 404, 409) },
    }),
    async (c) => c.json(await closeSession(services, actorOf(c), c.req.valid('param').sessionId), 200),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/intervision/{sessionId}/review',
      tags,
      summary: 'Markeringen van de kopie beoordelen (begeleider, vóór het vrijgeven): behouden, vervangen door een plaatsvervanger of bewerken',
      security: cookieAuth,
      request: { params: SessionParams, ...jsonBody(ResolveMarksRequest) },
      responses: { 200: json(IntervisionSession, 'De sessie met de bijgewerkte beoordeling'), ...writeErrors },
    }),
    async (c) => c.json(await resolveSessionMarks(services, actorOf(c), c.req.valid('param').sessionId, c.req.valid('json') as z.output<typeof ResolveMarksRequest>), 200),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/intervision/{sessionId}/release',
      tags,
      summary: 'De beoordeelde kopie vrijgeven aan de deelnemers; 409 zolang er open markeringen zijn',
      security: cookieAuth,
      request: { params: SessionParams },
      responses: { 200: json(IntervisionSession, 'Vrijgegeven'), ...errors(401, 403, 404, 409) },
    }),
    async (c) => c.json(await releaseSession(services, actorOf(c), c.req.valid('param').sessionId), 200),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/intervision/{sessionId}/publish',
      tags,
      summary: 'Les of succesverhaal indienen voor de bibliotheek: het wordt gepseudonimiseerd en blijft een concept tot de indiener elke markering heeft beoordeeld',
      security: cookieAuth,
      request: { params: SessionParams, ...jsonBody(PublishStoryRequest) },
      responses: { 201: json(StoryDraft, 'Concept met beoordeling'), ...writeErrors },
    }),
    async (c) => c.json(await publishStory(services, actorOf(c), c.req.valid('param').sessionId, c.req.valid('json') as z.output<typeof PublishStoryRequest>), 201),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/intervision/{sessionId}/stories',
      tags,
      summary: 'Mijn concepten voor de bibliotheek uit deze sessie',
      security: cookieAuth,
      request: { params: SessionParams },
      responses: { 200: json(z.array(StoryDraft), 'Concepten, oudste eerst'), ...errors(401, 403, 404, 409) },
    }),
    async (c) => c.json(await listMyDrafts(services, actorOf(c), c.req.valid('param').sessionId), 200),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/intervision/{sessionId}/stories/{draftId}/review',
      tags,
      summary: 'Markeringen van een concept beoordelen (alleen de indiener)',
      security: cookieAuth,
      request: { params: DraftParams, ...jsonBody(ResolveMarksRequest) },
      responses: { 200: json(StoryDraft, 'Het concept met de bijgewerkte beoordeling'), ...writeErrors },
    }),
    async (c) => {
      const { sessionId, draftId } = c.req.valid('param');
      return c.json(await resolveStoryMarks(services, actorOf(c), sessionId, draftId, c.req.valid('json') as z.output<typeof ResolveMarksRequest>), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/intervision/{sessionId}/stories/{draftId}/release',
      tags,
      summary: 'Een beoordeeld concept publiceren in de bibliotheek; 409 zolang er open markeringen zijn',
      security: cookieAuth,
      request: { params: DraftParams },
      responses: { 201: json(SuccessStory, 'Gepubliceerd'), ...errors(401, 403, 404, 409, 422) },
    }),
    async (c) => {
      const { sessionId, draftId } = c.req.valid('param');
      return c.json(await releaseStory(services, actorOf(c), sessionId, draftId), 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/succesverhalen',
      tags,
      summary: 'De bibliotheek met succesverhalen en lessen (medewerkers van de gemeente)',
      security: cookieAuth,
      request: { query: z.object({ kind: z.enum(SUCCESS_STORY_KINDS).optional() }) },
      responses: { 200: json(z.array(SuccessStory), 'Nieuwste eerst'), ...errors(400, 401, 403) },
    }),
    async (c) => c.json(await listLibrary(services, actorOf(c), { kind: c.req.valid('query').kind }), 200),
  );
}
