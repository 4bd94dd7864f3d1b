// The law catalogue: readable by everyone who is logged in (the reverse test shows each law's
// purpose and articles), maintained by the functional administrator (catalogue.manage).
import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import { LAW_KEYS } from '../../shared/laws';
import {
  AddLocalArticleRequest,
  Catalogue,
  CatalogueQuery,
  EndLocalArticleRequest,
  Id,
  LawResponsibility,
  LocalArticleRecord,
  ReplaceLocalArticleRequest,
  SetLawResponsibilityRequest,
} from '../../shared/schemas';
import { addLocalArticle, catalogueOn, endLocalArticle, articleRecords, replaceLocalArticle, setResponsibility } from './articles';
import { actorOf, type AppEnv, requireUser, type Services } from '../context';
import { todayNl } from '../dates';
import { cookieAuth, errors, json, jsonBody } from '../http/openapi';

const tags = ['Catalogus'];
const ArticleParams = z.object({ articleId: Id.meta({ param: { name: 'articleId', in: 'path' } }) });
const LawParams = z.object({ law: z.enum(LAW_KEYS).meta({ param: { name: 'law', in: 'path' } }) });
const writeErrors = errors(400, 401, 403, 404, 409, 413, 415, 422);

/** The administrator acting, or 401/403. */
export function registerCatalogueRoutes(app: OpenAPIHono<AppEnv>, services: Services) {
  const { db } = services;
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/catalogue',
      tags,
      summary: 'Wetten met bedoeling, artikelen, verantwoordelijke rol en de lokale artikelen die op de datum gelden',
      security: cookieAuth,
      request: { query: CatalogueQuery },
      responses: { 200: json(Catalogue, 'De catalogus op de gevraagde datum'), ...errors(400, 401, 403) },
    }),
    async (c) => {
      requireUser(c);
      return c.json(await catalogueOn(db, c.req.valid('query').date ?? todayNl()), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/catalogue/articles',
      tags,
      summary: 'Alle versies van alle lokale artikelen, met geschiedenis, wie en wanneer, en of ze nu gelden',
      security: cookieAuth,
      responses: { 200: json(z.array(LocalArticleRecord), 'Per wet en artikel, oudste versie eerst'), ...errors(401, 403) },
    }),
    async (c) => c.json(await articleRecords(services, actorOf(c)), 200),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/catalogue/articles',
      tags,
      summary: 'Lokaal artikel toevoegen (verordening, hardheidsclausule of beleidsregel) met ingangsdatum',
      security: cookieAuth,
      request: jsonBody(AddLocalArticleRequest),
      responses: { 201: json(LocalArticleRecord, 'Toegevoegd'), ...errors(400, 401, 403, 413, 415) },
    }),
    async (c) => c.json(await addLocalArticle(services, actorOf(c), c.req.valid('json')), 201),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/catalogue/articles/{articleId}/versions',
      tags,
      summary: 'Nieuwe tekst die deze versie vervangt vanaf een latere ingangsdatum (de oude blijft als geschiedenis)',
      security: cookieAuth,
      request: { params: ArticleParams, ...jsonBody(ReplaceLocalArticleRequest) },
      responses: { 201: json(LocalArticleRecord, 'Nieuwe versie vastgelegd'), ...writeErrors },
    }),
    async (c) => c.json(await replaceLocalArticle(services, actorOf(c), c.req.valid('param').articleId, c.req.valid('json')), 201),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/catalogue/articles/{articleId}/end',
      tags,
      summary: 'Artikel beëindigen: dezelfde tekst opnieuw vastgelegd met een einddatum (er wordt niets gewist)',
      security: cookieAuth,
      request: { params: ArticleParams, ...jsonBody(EndLocalArticleRequest) },
      responses: { 201: json(LocalArticleRecord, 'Einddatum vastgelegd'), ...writeErrors },
    }),
    async (c) => c.json(await endLocalArticle(services, actorOf(c), c.req.valid('param').articleId, c.req.valid('json')), 201),
  );

  app.openapi(
    createRoute({
      method: 'put',
      path: '/api/catalogue/responsibilities/{law}',
      tags,
      summary: 'Instellen welke rol in de casus het oordeel voor deze wet geeft (null: niemand)',
      security: cookieAuth,
      request: { params: LawParams, ...jsonBody(SetLawResponsibilityRequest) },
      responses: { 200: json(LawResponsibility, 'Ingesteld'), ...errors(400, 401, 403, 413, 415) },
    }),
    async (c) => c.json(await setResponsibility(services, actorOf(c), c.req.valid('param').law, c.req.valid('json').caseRole), 200),
  );
}
