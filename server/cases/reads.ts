// Every read of a case's content is recorded, for "wie heeft mijn dossier bekeken" (AVG art. 15).
// It happens once, at the root: a middleware around every GET under /api/cases/{id}, so a route
// added later is covered without doing anything. Room joins are recorded by the socket server
// ('collab.join'), exports and intervision copies by their own audit rows.
//
// Reads are grouped per person, case, Dutch calendar day and kind of content (case_reads): the
// first read of a key writes an audit row in the same transaction, later ones only count. The
// record is written after the route has answered successfully and before that answer leaves;
// if it cannot be written, the answer does not leave either (500).
import type { MiddlewareHandler } from 'hono';
import { routePath } from 'hono/route';
import { transaction, type Db } from '../../db/client';
import { appendAudit } from '../../db/queries/audit';
import { countRead } from '../../db/queries/case-reads';
import { findDeviation } from '../../db/queries/deviations';
import type { AccessKind } from '../../shared/schemas';
import type { AppContext, AppEnv, Services } from '../context';
import { todayNl } from '../dates';

const CASE_ROUTE = '/api/cases/:id';

type KindOf = AccessKind | ((db: Db, c: AppContext, caseId: string) => AccessKind | Promise<AccessKind>);

/**
 * What the household is told someone looked at, per route (Hono's path pattern). A route not
 * listed here is told as "dossier_geopend": recorded all the same, with the generic words.
 * Internal content is told as "dossier_geopend" too, never as what it is.
 */
const ROUTE_KINDS: Record<string, KindOf> = {
  [CASE_ROUTE]: 'dossier_geopend',
  [`${CASE_ROUTE}/plan/diff`]: 'plan_bekeken',
  [`${CASE_ROUTE}/plan/versions`]: 'geschiedenis_bekeken',
  [`${CASE_ROUTE}/plan/versions/:number`]: 'versie_bekeken',
  // The internal room's history says nothing the household may know exists.
  [`${CASE_ROUTE}/plan/history`]: (_db, c) => (c.req.query('room') === 'intern' ? 'dossier_geopend' : 'geschiedenis_bekeken'),
  [`${CASE_ROUTE}/goals`]: 'doelen_bekeken',
  [`${CASE_ROUTE}/goals/:goalId`]: 'doelen_bekeken',
  [`${CASE_ROUTE}/deviations`]: 'afwijkingen_bekeken',
  // One internal deviation is internal content: only the generic words.
  [`${CASE_ROUTE}/deviations/:deviationId`]: async (db, c, caseId) => ((await findDeviation(db, caseId, c.req.param('deviationId') ?? ''))?.deviation.internal === false ? 'afwijkingen_bekeken' : 'dossier_geopend'),
  [`${CASE_ROUTE}/vraagstukken`]: 'toets_bekeken',
  [`${CASE_ROUTE}/vraagstukken/:vraagstukId`]: 'toets_bekeken',
  [`${CASE_ROUTE}/conferences`]: 'overleg_bekeken',
  [`${CASE_ROUTE}/conferences/:conferenceId`]: 'overleg_bekeken',
  [`${CASE_ROUTE}/signals`]: 'signalen_bekeken',
  [`${CASE_ROUTE}/breakthroughs`]: 'doorbraken_bekeken',
  [`${CASE_ROUTE}/breakthroughs/:requestId`]: 'doorbraken_bekeken',
  [`${CASE_ROUTE}/breakthrough-routing`]: 'doorbraken_bekeken',
  [`${CASE_ROUTE}/breakthroughs/:requestId/export.html`]: 'gedownload',
  [`${CASE_ROUTE}/breakthroughs/:requestId/export.json`]: 'gedownload',
  [`${CASE_ROUTE}/versions/:number/dossier.pdf`]: 'gedownload',
  [`${CASE_ROUTE}/inwoner`]: 'dossier_geopend',
  [`${CASE_ROUTE}/inwoner/comments`]: 'reacties_bekeken',
  [`${CASE_ROUTE}/inwoner/accesslog`]: 'inzage_bekeken',
};

/** The kind of a read through this route, for the household's list. */
export async function kindOfRead(db: Db, c: AppContext, route: string, caseId: string): Promise<AccessKind> {
  const kind = ROUTE_KINDS[route] ?? 'dossier_geopend';
  return typeof kind === 'function' ? kind(db, c, caseId) : kind;
}

/** Records one read: counted under its key, with an audit row when the key is new. */
export async function recordRead(db: Db, r: { caseId: string; userId: string; ip: string; kind: AccessKind; route: string }): Promise<void> {
  await transaction(db, async (tx) => {
      const now = new Date();
      const first = await countRead(tx, { caseId: r.caseId, userId: r.userId, day: todayNl(now), kind: r.kind, at: now.toISOString() });
      if (first) await appendAudit(tx, { action: 'case.content_read', actorUserId: r.userId, caseId: r.caseId, ip: r.ip, detail: { kind: r.kind, route: r.route } });
    });
}

/**
 * The middleware: mount it on /api/cases/* before the routes. Only successful GETs of a
 * logged-in user on a case route are reads of content; refusals (403/404) showed nothing.
 */
export function recordCaseReads({ db }: Services): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    await next();
    if (c.req.method !== 'GET' || c.res.status < 200 || c.res.status >= 300) return;
    const auth = c.get('auth');
    // The route that answered (after next(), Hono points at the handler, not at this middleware).
    const route = routePath(c);
    if (!auth || (route !== CASE_ROUTE && !route.startsWith(`${CASE_ROUTE}/`))) return;
    const caseId = c.req.param('id');
    if (!caseId) return;
    await recordRead(db, { caseId, userId: auth.user.id, ip: c.get('ip'), kind: await kindOfRead(db, c as AppContext, route, caseId), route });
  };
}
