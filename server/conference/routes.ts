import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import {
  AddGuestRequest,
  CloseConferenceRequest,
  CloseConferenceResponse,
  Conference,
  ConferenceSummary,
  Id,
  NoteDecisionRequest,
  SetGuestAttendanceRequest,
  SetHouseholdPresentRequest,
  SetMemberAttendanceRequest,
  StartConferenceRequest,
  TimerRequest,
} from '../../shared/schemas';
import { addGuest, closeConference, controlTimer, getConference, listConferences, noteDecision, setGuestPresence, setHousehold, setMemberPresence, startConference } from './conferences';
import { actorOf, type AppEnv, type Services } from '../context';
import { CaseParams, cookieAuth, errors, json, jsonBody } from '../http/openapi';

const tags = ['Casusoverleg'];
const ConferenceParams = CaseParams.extend({ conferenceId: Id.meta({ param: { name: 'conferenceId', in: 'path' } }) });
const MemberParams = ConferenceParams.extend({ userId: Id.meta({ param: { name: 'userId', in: 'path' } }) });
const GuestParams = ConferenceParams.extend({ guestId: z.coerce.number().int().positive().meta({ param: { name: 'guestId', in: 'path' } }) });
const writeErrors = errors(400, 401, 403, 404, 409, 413, 415, 422);
const BASE = '/api/cases/{id}/conferences/{conferenceId}';

export function registerConferenceRoutes(app: OpenAPIHono<AppEnv>, services: Services) {
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/cases/{id}/conferences',
      tags,
      summary: 'Casusoverleggen van de casus, nieuwste eerst',
      security: cookieAuth,
      request: { params: CaseParams },
      responses: { 200: json(z.array(ConferenceSummary), 'Casusoverleggen'), ...errors(401, 403, 404) },
    }),
    async (c) => c.json(await listConferences(services.db, actorOf(c), c.req.valid('param').id), 200),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/cases/{id}/conferences',
      tags,
      summary: 'Casusoverleg starten met de standaardagenda (regisseur of procesregisseur); één lopend overleg per casus',
      security: cookieAuth,
      request: { params: CaseParams, ...jsonBody(StartConferenceRequest) },
      responses: { 201: json(Conference, 'Gestart'), ...writeErrors },
    }),
    async (c) => c.json(await startConference(services, actorOf(c), c.req.valid('param').id), 201),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: BASE,
      tags,
      summary: 'Eén casusoverleg: aanwezigheid, tijd, besluiten; een afgesloten overleg met het bevroren verslag (het openen wordt gelogd)',
      security: cookieAuth,
      request: { params: ConferenceParams },
      responses: { 200: json(Conference, 'Het casusoverleg'), ...errors(401, 403, 404) },
    }),
    async (c) => {
      const { id, conferenceId } = c.req.valid('param');
      return c.json(await getConference(services, actorOf(c), id, conferenceId), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'put',
      path: `${BASE}/attendance/members/{userId}`,
      tags,
      summary: 'Aanwezigheid van een lid vastleggen (voorzitter)',
      security: cookieAuth,
      request: { params: MemberParams, ...jsonBody(SetMemberAttendanceRequest) },
      responses: { 200: json(Conference, 'Vastgelegd'), ...writeErrors },
    }),
    async (c) => {
      const { id, conferenceId, userId } = c.req.valid('param');
      return c.json(await setMemberPresence(services, actorOf(c), id, conferenceId, userId, c.req.valid('json').present), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: `${BASE}/attendance/guests`,
      tags,
      summary: 'Gast toevoegen aan de aanwezigheidslijst, met naam en rol (voorzitter)',
      security: cookieAuth,
      request: { params: ConferenceParams, ...jsonBody(AddGuestRequest) },
      responses: { 201: json(Conference, 'Toegevoegd'), ...writeErrors },
    }),
    async (c) => {
      const { id, conferenceId } = c.req.valid('param');
      return c.json(await addGuest(services, actorOf(c), id, conferenceId, c.req.valid('json') as z.output<typeof AddGuestRequest>), 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'put',
      path: `${BASE}/attendance/guests/{guestId}`,
      tags,
      summary: 'Aanwezigheid van een gast wijzigen (voorzitter)',
      security: cookieAuth,
      request: { params: GuestParams, ...jsonBody(SetGuestAttendanceRequest) },
      responses: { 200: json(Conference, 'Vastgelegd'), ...writeErrors },
    }),
    async (c) => {
      const { id, conferenceId, guestId } = c.req.valid('param');
      return c.json(await setGuestPresence(services, actorOf(c), id, conferenceId, guestId, c.req.valid('json').present), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'put',
      path: `${BASE}/household`,
      tags,
      summary: 'Vastleggen of het huishouden deelnam (voorzitter); null: niet vastgelegd',
      security: cookieAuth,
      request: { params: ConferenceParams, ...jsonBody(SetHouseholdPresentRequest) },
      responses: { 200: json(Conference, 'Vastgelegd'), ...writeErrors },
    }),
    async (c) => {
      const { id, conferenceId } = c.req.valid('param');
      return c.json(await setHousehold(services, actorOf(c), id, conferenceId, c.req.valid('json').present), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: `${BASE}/timer`,
      tags,
      summary: 'Gedeelde tijd per agendapunt: starten (of hervatten) met geplande minuten, pauzeren of terugzetten (voorzitter)',
      security: cookieAuth,
      request: { params: ConferenceParams, ...jsonBody(TimerRequest) },
      responses: { 200: json(Conference, 'De nieuwe stand, met de servertijd'), ...writeErrors },
    }),
    async (c) => {
      const { id, conferenceId } = c.req.valid('param');
      return c.json(await controlTimer(services, actorOf(c), id, conferenceId, c.req.valid('json') as z.output<typeof TimerRequest>), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: `${BASE}/decisions`,
      tags,
      summary: 'Besluit noteren tijdens het overleg (leden met bewerkrechten)',
      security: cookieAuth,
      request: { params: ConferenceParams, ...jsonBody(NoteDecisionRequest) },
      responses: { 201: json(Conference, 'Genoteerd'), ...writeErrors },
    }),
    async (c) => {
      const { id, conferenceId } = c.req.valid('param');
      return c.json(await noteDecision(services, actorOf(c), id, conferenceId, (c.req.valid('json') as z.output<typeof NoteDecisionRequest>).text), 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: `${BASE}/close`,
      tags,
      summary: 'Overleg afsluiten en plan vaststellen: verslag en aanwezigheid bevriezen en een nieuwe planversie vaststellen, in één stap (voorzitter)',
      security: cookieAuth,
      request: { params: ConferenceParams, ...jsonBody(CloseConferenceRequest) },
      responses: { 200: json(CloseConferenceResponse, 'Afgesloten; met het nummer van de vastgestelde versie'), ...writeErrors },
    }),
    async (c) => {
      const { id, conferenceId } = c.req.valid('param');
      return c.json(await closeConference(services, actorOf(c), id, conferenceId, (c.req.valid('json') as z.output<typeof CloseConferenceRequest>).note), 200);
    },
  );
}
