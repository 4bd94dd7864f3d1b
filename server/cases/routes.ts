import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import {
  AddMemberRequest,
  AssignRegisseurRequest,
  CaseDetail,
  CaseListItem,
  CloseCaseRequest,
  CreateCaseRequest,
  Id,
  ReopenCaseRequest,
  UpdateMemberRequest,
} from '../../shared/schemas';
import * as commands from './commands';
import { werkbak } from './views';
import { actorOf, type AppEnv, requireUser, type Services } from '../context';
import { CaseParams, cookieAuth, errors, json, jsonBody } from '../http/openapi';

const tags = ['Casussen'];
const MemberParams = z.object({
  id: Id.meta({ param: { name: 'id', in: 'path' } }),
  userId: Id.meta({ param: { name: 'userId', in: 'path' } }),
});
const mutationErrors = errors(400, 401, 403, 404, 409, 413, 415, 422);


export function registerCaseRoutes(app: OpenAPIHono<AppEnv>, services: Services) {
  const { db } = services;
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/cases',
      tags,
      summary: 'Werkbak: de casussen waarvan u lid bent',
      security: cookieAuth,
      responses: { 200: json(z.array(CaseListItem), 'Uw casussen'), ...errors(401, 403) },
    }),
    async (c) => c.json(await werkbak(db, requireUser(c).id), 200),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/cases',
      tags,
      summary: 'Nieuwe casus aanmaken (procesregisseur of casusregisseur)',
      security: cookieAuth,
      request: jsonBody(CreateCaseRequest),
      responses: { 201: json(CaseDetail, 'Aangemaakt'), ...mutationErrors },
    }),
    async (c) => c.json((await commands.createCase(services, actorOf(c), c.req.valid('json'))), 201),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/cases/{id}',
      tags,
      summary: 'Eén casus met leden en statusgeschiedenis (wordt gelogd)',
      security: cookieAuth,
      request: { params: CaseParams },
      responses: { 200: json(CaseDetail, 'De casus'), ...errors(401, 403, 404) },
    }),
    async (c) => c.json((await commands.readCase(services, actorOf(c), c.req.valid('param').id)), 200),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/cases/{id}/members',
      tags,
      summary: 'Lid toevoegen met rol in de casus en toegangsniveau',
      security: cookieAuth,
      request: { params: CaseParams, ...jsonBody(AddMemberRequest) },
      responses: { 201: json(CaseDetail, 'Toegevoegd'), ...mutationErrors },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      return c.json((await commands.addMember(services, actorOf(c), id, c.req.valid('json'))), 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'patch',
      path: '/api/cases/{id}/members/{userId}',
      tags,
      summary: 'Rol of toegangsniveau van een lid wijzigen',
      security: cookieAuth,
      request: { params: MemberParams, ...jsonBody(UpdateMemberRequest) },
      responses: { 200: json(CaseDetail, 'Gewijzigd'), ...mutationErrors },
    }),
    async (c) => {
      const { id, userId } = c.req.valid('param');
      return c.json((await commands.changeMember(services, actorOf(c), id, userId, c.req.valid('json'))), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'delete',
      path: '/api/cases/{id}/members/{userId}',
      tags,
      summary: 'Lid verwijderen (de geschiedenis blijft bewaard)',
      security: cookieAuth,
      request: { params: MemberParams },
      responses: { 200: json(CaseDetail, 'Verwijderd'), 204: { description: 'U heeft uzelf verwijderd' }, ...mutationErrors },
    }),
    async (c) => {
      const { id, userId } = c.req.valid('param');
      const detail = (await commands.dropMember(services, actorOf(c), id, userId));
      return detail ? c.json(detail, 200) : c.body(null, 204);
    },
  );

  app.openapi(
    createRoute({
      method: 'put',
      path: '/api/cases/{id}/regisseur',
      tags,
      summary: 'Regisseur aanwijzen (of null: geen regisseur)',
      security: cookieAuth,
      request: { params: CaseParams, ...jsonBody(AssignRegisseurRequest) },
      responses: { 200: json(CaseDetail, 'Aangewezen'), ...mutationErrors },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      return c.json((await commands.assignRegisseur(services, actorOf(c), id, c.req.valid('json'))), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/cases/{id}/close',
      tags,
      summary: 'Casus sluiten; alleen met borgingsafspraken',
      security: cookieAuth,
      request: { params: CaseParams, ...jsonBody(CloseCaseRequest) },
      responses: { 200: json(CaseDetail, 'Gesloten'), ...mutationErrors },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      return c.json((await commands.closeCase(services, actorOf(c), id, c.req.valid('json').borgingsafspraken)), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/cases/{id}/reopen',
      tags,
      summary: 'Gesloten casus heropenen, met reden; de geschiedenis blijft',
      security: cookieAuth,
      request: { params: CaseParams, ...jsonBody(ReopenCaseRequest) },
      responses: { 200: json(CaseDetail, 'Heropend'), ...mutationErrors },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      return c.json((await commands.reopenCase(services, actorOf(c), id, c.req.valid('json').reason)), 200);
    },
  );
}
