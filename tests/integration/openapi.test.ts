// The OpenAPI document describes every route the server really serves, with strict bodies.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ZodType } from 'zod';
import {
  AddMemberRequest,
  AssignRegisseurRequest,
  ChangePasswordRequest,
  CloseCaseRequest,
  ConcludeVraagstukRequest,
  CreateCaseRequest,
  CreateOidcProviderRequest,
  SetAuthSettingsRequest,
  UpdateOidcProviderRequest,
  CreateUserRequest,
  LinkDeviationRequest,
  LoginRequest,
  OpenVraagstukRequest,
  ReopenCaseRequest,
  ReopenVraagstukRequest,
  ResetPasswordRequest,
  SignVerdictRequest,
  UpdateMemberRequest,
  UpdateUserRequest,
} from '../../shared/schemas';
import { createApp } from '../../server/http/app';
import { ApiClient, startTestServer, type TestServer } from '../support/server';

/** Written out by hand: the API as the product promises it (at least these; more may be added). */
const EXPECTED_OPERATIONS: Record<string, string[]> = {
  '/healthz': ['get'],
  '/api/auth/login': ['post'],
  '/api/auth/logout': ['post'],
  '/api/auth/me': ['get'],
  '/api/feed': ['get'],
  '/api/auth/password': ['post'],
  '/api/auth/oidc/providers': ['get'],
  '/api/auth/oidc/{providerId}/login': ['get'],
  '/api/auth/oidc/{providerId}/callback': ['get'],
  '/api/auth/oidc/logout': ['post'],
  '/api/admin/oidc/providers': ['get', 'post'],
  '/api/admin/oidc/providers/{providerId}': ['put', 'delete'],
  '/api/admin/oidc/link-requests': ['get'],
  '/api/admin/auth-settings': ['get', 'put'],
  '/api/cases': ['get', 'post'],
  '/api/cases/{id}': ['get'],
  '/api/cases/{id}/members': ['post'],
  '/api/cases/{id}/members/{userId}': ['delete', 'patch'],
  '/api/cases/{id}/regisseur': ['put'],
  '/api/cases/{id}/close': ['post'],
  '/api/cases/{id}/reopen': ['post'],
  '/api/admin/users': ['get', 'post'],
  '/api/admin/users/{id}': ['patch'],
  '/api/admin/users/{id}/password': ['post'],
  '/api/directory': ['get'],
  '/api/cases/{id}/vraagstukken': ['get', 'post'],
  '/api/cases/{id}/vraagstukken/{vraagstukId}': ['get'],
  '/api/cases/{id}/vraagstukken/{vraagstukId}/signatures': ['post'],
  '/api/cases/{id}/vraagstukken/{vraagstukId}/conclusion': ['post'],
  '/api/cases/{id}/vraagstukken/{vraagstukId}/reopen': ['post'],
  '/api/cases/{id}/vraagstukken/{vraagstukId}/deviations': ['post'],
  '/api/cases/{id}/vraagstukken/{vraagstukId}/deviations/{deviationId}': ['delete'],
};

/** Request body per operation, and the zod schema the server validates it with. */
const REQUEST_BODIES: [string, string, ZodType][] = [
  ['post', '/api/auth/login', LoginRequest],
  ['post', '/api/auth/password', ChangePasswordRequest],
  ['post', '/api/admin/oidc/providers', CreateOidcProviderRequest],
  ['put', '/api/admin/oidc/providers/{providerId}', UpdateOidcProviderRequest],
  ['put', '/api/admin/auth-settings', SetAuthSettingsRequest],
  ['post', '/api/cases', CreateCaseRequest],
  ['post', '/api/cases/{id}/members', AddMemberRequest],
  ['patch', '/api/cases/{id}/members/{userId}', UpdateMemberRequest],
  ['put', '/api/cases/{id}/regisseur', AssignRegisseurRequest],
  ['post', '/api/cases/{id}/close', CloseCaseRequest],
  ['post', '/api/cases/{id}/reopen', ReopenCaseRequest],
  ['post', '/api/admin/users', CreateUserRequest],
  ['patch', '/api/admin/users/{id}', UpdateUserRequest],
  ['post', '/api/admin/users/{id}/password', ResetPasswordRequest],
  ['post', '/api/cases/{id}/vraagstukken', OpenVraagstukRequest],
  ['post', '/api/cases/{id}/vraagstukken/{vraagstukId}/signatures', SignVerdictRequest],
  ['post', '/api/cases/{id}/vraagstukken/{vraagstukId}/conclusion', ConcludeVraagstukRequest],
  ['post', '/api/cases/{id}/vraagstukken/{vraagstukId}/reopen', ReopenVraagstukRequest],
  ['post', '/api/cases/{id}/vraagstukken/{vraagstukId}/deviations', LinkDeviationRequest],
];

const PUBLIC_OPERATIONS = new Set([
  'get /healthz',
  'post /api/auth/login',
  // Sign-in through an identity provider happens before there is a session; the back-channel
  // logout is authenticated by the provider's signed logout token, never by a cookie.
  'get /api/auth/oidc/providers',
  'get /api/auth/oidc/{providerId}/login',
  'get /api/auth/oidc/{providerId}/callback',
  'post /api/auth/oidc/{providerId}/backchannel-logout',
]);
const HTTP_METHODS = ['get', 'post', 'put', 'patch', 'delete'];

/** The operations listed above, as [method, path, operation object]. */
function listedOperations(): [string, string, any][] {
  return Object.entries(EXPECTED_OPERATIONS).flatMap(([path, methods]) => methods.map((m) => [m, path, doc.paths[path]?.[m]] as [string, string, any]));
}

let server: TestServer;
let doc: any;

beforeAll(async () => {
  server = await startTestServer();
  const res = await new ApiClient(server.url).get('/api/openapi.json');
  expect(res.status).toBe(200);
  doc = res.body;
});

afterAll(async () => {
  await server?.stop();
});

/** Is this zod object strict (unknown keys refused)? Checked on the schema itself, not on its JSON Schema. */
function isStrict(schema: ZodType): boolean {
  const def = (schema as unknown as { def: { type: string; catchall?: { def: { type: string } } } }).def;
  return def.type === 'object' && def.catchall?.def.type === 'never';
}

function resolveRef(ref: string): any {
  expect(ref).toMatch(/^#\/components\/schemas\//);
  const name = ref.slice('#/components/schemas/'.length);
  const schema = doc.components?.schemas?.[name];
  expect(schema, `component ${name}`).toBeDefined();
  return schema;
}

function toOpenApiPath(honoPath: string): string {
  return honoPath.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
}

describe('GET /api/openapi.json', () => {
  it('is an OpenAPI 3.x document, served without a session', () => {
    expect(doc.openapi).toMatch(/^3\.\d+\.\d+$/);
    expect(doc.info.title).toBeTruthy();
    expect(doc.info.version).toBeTruthy();
    expect(typeof doc.paths).toBe('object');
  });

  it.each(Object.entries(EXPECTED_OPERATIONS))('lists %s with methods %j', (path, methods) => {
    const item = doc.paths[path];
    expect(item, `path ${path}`).toBeDefined();
    const documented = Object.keys(item).filter((k) => HTTP_METHODS.includes(k));
    expect(documented).toEqual(expect.arrayContaining(methods));
    for (const m of methods) {
      expect(item[m].summary, `${m} ${path} summary`).toBeTruthy();
      expect(Object.keys(item[m].responses).length).toBeGreaterThan(0);
    }
  });

  it('lists every route the application actually registers (compared with the app router)', () => {
    const app = createApp(server.services);
    const served = new Set<string>();
    for (const r of app.routes) {
      if (r.method === 'ALL' || r.path.includes('*')) continue; // middleware and fallbacks
      if (r.path === '/api/openapi.json') continue;
      served.add(`${r.method.toLowerCase()} ${toOpenApiPath(r.path)}`);
    }
    const documented = new Set<string>();
    for (const [path, item] of Object.entries(doc.paths as Record<string, Record<string, unknown>>)) {
      for (const method of Object.keys(item)) if (HTTP_METHODS.includes(method)) documented.add(`${method} ${path}`);
    }
    expect(served.size).toBeGreaterThanOrEqual(Object.values(EXPECTED_OPERATIONS).flat().length);
    expect([...served].sort()).toEqual([...documented].sort());
  });

  it('declares the path parameters of every templated path', () => {
    for (const [path, item] of Object.entries(doc.paths as Record<string, Record<string, any>>)) {
      const names = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
      for (const [method, op] of Object.entries(item)) {
        const params = ((op.parameters ?? []) as { name: string; in: string; required?: boolean }[]).filter((p) => p.in === 'path');
        expect(params.map((p) => p.name).sort(), `${method} ${path}`).toEqual([...names].sort());
        for (const p of params) expect(p.required).toBe(true);
      }
    }
  });
});

describe('request bodies', () => {
  it.each(REQUEST_BODIES.map(([m, p, s]) => [`${m.toUpperCase()} ${p}`, m, p, s] as const))(
    '%s has a required JSON body whose schema refuses unknown fields',
    (_name, method, path, zodSchema) => {
      const op = doc.paths[path][method];
      expect(op.requestBody, `${method} ${path} requestBody`).toBeDefined();
      expect(op.requestBody.required).toBe(true);
      const media = op.requestBody.content['application/json'];
      expect(media).toBeDefined();
      const schema = media.schema.$ref ? resolveRef(media.schema.$ref) : media.schema;
      expect(schema.type).toBe('object');
      // The zod schema is strict, so the documented schema must say so too.
      expect(isStrict(zodSchema)).toBe(true);
      expect(schema.additionalProperties).toBe(false);
    },
  );

  it('operations without a body in the list above have no requestBody', () => {
    const withBody = new Set(REQUEST_BODIES.map(([m, p]) => `${m} ${p}`));
    for (const [method, path, op] of listedOperations()) {
      if (!withBody.has(`${method} ${path}`)) expect(op.requestBody, `${method} ${path}`).toBeUndefined();
    }
  });

  it('every route registered with a strict zod body (including routes added later) documents additionalProperties: false', () => {
    const app = createApp(server.services);
    let strictBodies = 0;
    for (const def of app.openAPIRegistry.definitions as any[]) {
      if (def.type !== 'route') continue;
      const zodSchema = def.route.request?.body?.content?.['application/json']?.schema as ZodType | undefined;
      if (!zodSchema || !isStrict(zodSchema)) continue;
      strictBodies += 1;
      const op = doc.paths[def.route.path]?.[def.route.method];
      expect(op, `${def.route.method} ${def.route.path}`).toBeDefined();
      const media = op.requestBody.content['application/json'];
      const schema = media.schema.$ref ? resolveRef(media.schema.$ref) : media.schema;
      expect(schema.additionalProperties, `${def.route.method} ${def.route.path}`).toBe(false);
    }
    expect(strictBodies).toBeGreaterThanOrEqual(REQUEST_BODIES.length);
  });

  it('the back-channel logout endpoint takes the form body its standard prescribes (logout_token)', () => {
    const op = doc.paths['/api/auth/oidc/{providerId}/backchannel-logout'].post;
    expect(op.requestBody.required).toBe(true);
    const schema = op.requestBody.content['application/x-www-form-urlencoded'].schema;
    expect(schema.required).toEqual(['logout_token']);
    expect(Object.keys(op.responses).sort()).toEqual(['200', '400', '404', '413', '415']);
  });

  it('required fields are documented as required', () => {
    expect(resolveRef('#/components/schemas/LoginRequest').required.sort()).toEqual(['email', 'password']);
    expect(resolveRef('#/components/schemas/AddMemberRequest').required.sort()).toEqual(['access', 'caseRole', 'userId']);
    expect(resolveRef('#/components/schemas/CloseCaseRequest').properties.borgingsafspraken.minLength).toBe(20);
  });
});

describe('errors and security', () => {
  it('every documented error response uses the shared Error schema', () => {
    const error = resolveRef('#/components/schemas/Error');
    expect(error.properties.error.required.sort()).toEqual(['code', 'message']);
    let seen = 0;
    for (const [path, item] of Object.entries(doc.paths as Record<string, Record<string, any>>)) {
      for (const [method, op] of Object.entries(item)) {
        for (const [status, response] of Object.entries(op.responses as Record<string, any>)) {
          if (Number(status) < 400) continue;
          seen += 1;
          expect(response.content['application/json'].schema.$ref, `${method} ${path} ${status}`).toBe('#/components/schemas/Error');
        }
      }
    }
    expect(seen).toBeGreaterThan(30);
  });

  it('case routes document 404 (not being a member) and 403', () => {
    let checked = 0;
    for (const [path, item] of Object.entries(doc.paths as Record<string, Record<string, any>>)) {
      if (!path.startsWith('/api/cases/{id}')) continue;
      for (const [method, op] of Object.entries(item)) {
        checked += 1;
        expect(Object.keys(op.responses), `${method} ${path}`).toContain('404');
        expect(Object.keys(op.responses), `${method} ${path}`).toContain('403');
      }
    }
    expect(checked).toBeGreaterThanOrEqual(8);
  });

  it('the session cookie is the security scheme, required everywhere except health and login', () => {
    expect(doc.components.securitySchemes.sessieCookie).toEqual({ type: 'apiKey', in: 'cookie', name: 'casustafel_sessie' });
    for (const [path, item] of Object.entries(doc.paths as Record<string, Record<string, any>>)) {
      for (const [method, op] of Object.entries(item)) {
        const key = `${method} ${path}`;
        if (PUBLIC_OPERATIONS.has(key)) expect(op.security, key).toBeUndefined();
        else if (path.startsWith('/api/')) expect(op.security, key).toEqual([{ sessieCookie: [] }]);
      }
    }
  });
});
