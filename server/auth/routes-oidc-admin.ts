// The functional administrator's side of signing in: providers, the group → functie table,
// link requests, identities of an account, the functie of accounts made at first sign-in and
// the password-login switch. Never a client secret in an answer.
import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import { can } from '../../shared/permissions';
import {
  AdminUser,
  ApproveLinkRequest,
  AuthSettings,
  CreateOidcProviderRequest,
  GroupMapping,
  Id,
  IdentityView,
  LinkRequestView,
  OidcProviderView,
  SetAuthSettingsRequest,
  SetFunctieRequest,
  SetGroupMappingRequest,
  UpdateOidcProviderRequest,
} from '../../shared/schemas';
import { type Actor, type AppContext, type AppEnv, requireUser, type Services } from '../context';
import { Errors } from '../http/errors';
import { cookieAuth, errors, json, jsonBody } from '../http/openapi';
import * as admin from './oidc/admin';
import { toAdminUser } from './user-view';
import { publicOrigin } from './routes-oidc';

const tags = ['Inloggen (beheer)'];
const ProviderParams = z.object({ providerId: z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/).meta({ param: { name: 'providerId', in: 'path' } }) });
const RequestParams = z.object({ requestId: Id.meta({ param: { name: 'requestId', in: 'path' } }) });
const UserParams = z.object({ id: Id.meta({ param: { name: 'id', in: 'path' } }) });
const UserProviderParams = UserParams.extend({ providerId: ProviderParams.shape.providerId });

function administrator(c: AppContext): Actor {
  const user = requireUser(c);
  if (!can(user.functie, 'users.manage')) throw Errors.forbidden();
  return { user, ip: c.get('ip') };
}

export function registerOidcAdminRoutes(app: OpenAPIHono<AppEnv>, services: Services) {
  const { oidc } = services;
  const route = <T extends Parameters<typeof createRoute>[0]>(r: T) => createRoute({ ...r, tags, security: cookieAuth });

  app.openapi(
    route({ method: 'get', path: '/api/admin/oidc/providers', summary: 'Inlogdiensten (zonder client secret), met de adressen die bij de dienst geregistreerd worden', responses: { 200: json(z.array(OidcProviderView), 'Inlogdiensten'), ...errors(401, 403) } }),
    async (c) => {
      administrator(c);
      const origin = publicOrigin(services, c);
      return c.json((await oidc.registry.list()).map((p) => admin.providerView(p, origin)), 200);
    },
  );

  app.openapi(
    route({
      method: 'post',
      path: '/api/admin/oidc/providers',
      summary: 'Inlogdienst toevoegen (het client secret wordt versleuteld bewaard en nooit teruggegeven)',
      request: jsonBody(CreateOidcProviderRequest),
      responses: { 201: json(OidcProviderView, 'Toegevoegd'), ...errors(400, 401, 403, 409, 413, 415) },
    }),
    async (c) => {
      const actor = administrator(c);
      const input = c.req.valid('json');
      (await admin.saveProvider(services, actor, input, 'create'));
      return c.json(admin.providerView((await oidc.registry.get(input.id))!, publicOrigin(services, c)), 201);
    },
  );

  app.openapi(
    route({
      method: 'put',
      path: '/api/admin/oidc/providers/{providerId}',
      summary: 'Inlogdienst wijzigen (zonder clientSecret blijft het bewaarde secret)',
      request: { params: ProviderParams, ...jsonBody(UpdateOidcProviderRequest) },
      responses: { 200: json(OidcProviderView, 'Gewijzigd'), ...errors(400, 401, 403, 404, 409, 413, 415, 422) },
    }),
    async (c) => {
      const actor = administrator(c);
      const input = c.req.valid('json');
      if (input.id !== c.req.valid('param').providerId) throw Errors.unprocessable('ANDERE_ID', 'De id van een inlogdienst verandert niet.');
      (await admin.saveProvider(services, actor, input, 'update'));
      return c.json(admin.providerView((await oidc.registry.get(input.id))!, publicOrigin(services, c)), 200);
    },
  );

  app.openapi(
    route({
      method: 'delete',
      path: '/api/admin/oidc/providers/{providerId}',
      summary: 'Inlogdienst verwijderen; de sessies die ermee gemaakt zijn eindigen',
      request: { params: ProviderParams },
      responses: { 204: { description: 'Verwijderd' }, ...errors(401, 403, 404, 409) },
    }),
    async (c) => {
      (await admin.removeProvider(services, administrator(c), c.req.valid('param').providerId));
      return c.body(null, 204);
    },
  );

  app.openapi(
    route({ method: 'get', path: '/api/admin/oidc/group-functies', summary: 'De tabel groep → functie per inlogdienst', responses: { 200: json(z.array(GroupMapping), 'Tabel'), ...errors(401, 403) } }),
    async (c) => {
      administrator(c);
      return c.json((await admin.groupMappings(services)), 200);
    },
  );

  app.openapi(
    route({
      method: 'put',
      path: '/api/admin/oidc/providers/{providerId}/group-functies',
      summary: 'Een groep (of rol) van de inlogdienst aan een functie koppelen, voor accounts die bij de eerste login worden aangemaakt',
      request: { params: ProviderParams, ...jsonBody(SetGroupMappingRequest) },
      responses: { 204: { description: 'Opgeslagen' }, ...errors(400, 401, 403, 404, 413, 415, 422) },
    }),
    async (c) => {
      const { group, functie } = c.req.valid('json');
      (await admin.putGroupMapping(services, administrator(c), c.req.valid('param').providerId, group, functie));
      return c.body(null, 204);
    },
  );

  app.openapi(
    route({
      method: 'delete',
      path: '/api/admin/oidc/providers/{providerId}/group-functies',
      summary: 'Een groep uit de tabel van de beheerder halen',
      request: { params: ProviderParams, query: z.object({ group: z.string().min(1).max(200) }) },
      responses: { 204: { description: 'Verwijderd' }, ...errors(400, 401, 403, 404) },
    }),
    async (c) => {
      (await admin.removeGroupMapping(services, administrator(c), c.req.valid('param').providerId, c.req.valid('query').group));
      return c.body(null, 204);
    },
  );

  app.openapi(
    route({
      method: 'get',
      path: '/api/admin/oidc/link-requests',
      summary: 'Logins die op de beheerder wachten: een bestaand account met hetzelfde e-mailadres, of een inwoner die nog niet gekoppeld is',
      responses: { 200: json(z.array(LinkRequestView), 'Koppelverzoeken'), ...errors(401, 403) },
    }),
    async (c) => {
      administrator(c);
      return c.json((await admin.linkRequests(services)), 200);
    },
  );

  app.openapi(
    route({
      method: 'post',
      path: '/api/admin/oidc/link-requests/{requestId}/approve',
      summary: 'Koppeling goedkeuren: deze identiteit bij de inlogdienst is dit account',
      request: { params: RequestParams, ...jsonBody(ApproveLinkRequest) },
      responses: { 204: { description: 'Gekoppeld' }, ...errors(400, 401, 403, 404, 409, 413, 415, 422) },
    }),
    async (c) => {
      (await admin.approveLink(services, administrator(c), c.req.valid('param').requestId, c.req.valid('json').userId));
      return c.body(null, 204);
    },
  );

  app.openapi(
    route({
      method: 'post',
      path: '/api/admin/oidc/link-requests/{requestId}/reject',
      summary: 'Koppelverzoek afwijzen',
      request: { params: RequestParams },
      responses: { 204: { description: 'Afgewezen' }, ...errors(401, 403, 404) },
    }),
    async (c) => {
      (await admin.rejectLink(services, administrator(c), c.req.valid('param').requestId));
      return c.body(null, 204);
    },
  );

  app.openapi(
    route({
      method: 'get',
      path: '/api/admin/users/{id}/identities',
      summary: 'Aan welke inlogdiensten dit account gekoppeld is (alleen een vingerafdruk van de identiteit)',
      request: { params: UserParams },
      responses: { 200: json(z.array(IdentityView), 'Koppelingen'), ...errors(401, 403, 404) },
    }),
    async (c) => {
      administrator(c);
      return c.json((await admin.identitiesOf(services, c.req.valid('param').id)), 200);
    },
  );

  app.openapi(
    route({
      method: 'delete',
      path: '/api/admin/users/{id}/identities/{providerId}',
      summary: 'Koppeling met een inlogdienst verbreken; sessies die ermee gemaakt zijn eindigen',
      request: { params: UserProviderParams },
      responses: { 204: { description: 'Ontkoppeld' }, ...errors(401, 403, 404) },
    }),
    async (c) => {
      const { id, providerId } = c.req.valid('param');
      (await admin.unlinkIdentities(services, administrator(c), id, providerId));
      return c.body(null, 204);
    },
  );

  app.openapi(
    route({
      method: 'put',
      path: '/api/admin/users/{id}/functie',
      summary: 'De functie instellen van een account dat bij de eerste login zonder bekende groep is aangemaakt',
      request: { params: UserParams, ...jsonBody(SetFunctieRequest) },
      responses: { 200: json(AdminUser, 'Ingesteld'), ...errors(400, 401, 403, 404, 409, 413, 415, 422) },
    }),
    async (c) => {
      const user = (await admin.setFunctieOnce(services, administrator(c), c.req.valid('param').id, c.req.valid('json').functie));
      return c.json(toAdminUser(user), 200);
    },
  );

  app.openapi(
    route({ method: 'get', path: '/api/admin/auth-settings', summary: 'Inloggen met een wachtwoord: aan, of alleen voor het noodaccount', responses: { 200: json(AuthSettings, 'Instelling'), ...errors(401, 403) } }),
    async (c) => {
      administrator(c);
      return c.json((await admin.authSettings(services)), 200);
    },
  );

  app.openapi(
    route({
      method: 'put',
      path: '/api/admin/auth-settings',
      summary: 'Inloggen met een wachtwoord aan- of uitzetten (uit: alleen het noodaccount; andere wachtwoordsessies eindigen)',
      request: jsonBody(SetAuthSettingsRequest),
      responses: { 200: json(AuthSettings, 'Opgeslagen'), ...errors(400, 401, 403, 413, 415, 422) },
    }),
    async (c) => c.json((await admin.setAuthSettings(services, administrator(c), c.req.valid('json'))), 200),
  );
}
