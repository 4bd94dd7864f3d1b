// The knelpunten and pilot figures as their readers get them: only for the procesregisseur and
// management, for a period, and every look (or download) in the audit trail.
import { recordAudit } from '../../db/queries/audit';
import type { Knelpunten, PilotFigures } from '../../shared/schemas';
import { authorizeGlobal } from '../auth/authorize';
import type { Actor, Services } from '../context';
import { knelpuntenCsv } from './csv';
import { knelpunten, pilotFigures } from './figures';
import { type Period, resolvePeriod } from './period';

type Query = { from?: string; to?: string };

async function open(services: Services, actor: Actor, query: Query, action: 'knelpunten.viewed' | 'knelpunten.exported', view: string): Promise<Period> {
  authorizeGlobal(actor, 'knelpunten.view', 'De knelpunten en pilotcijfers zijn er voor procesregisseurs, teamleiders, directeuren en wethouders.');
  const period = resolvePeriod(query);
  await recordAudit(services.db, { action, actorUserId: actor.user.id, ip: actor.ip, detail: { view, from: period.fromDay, to: period.toDay } });
  return period;
}

export async function knelpuntenReport(services: Services, actor: Actor, query: Query): Promise<Knelpunten> {
  return await knelpunten(services.db, await open(services, actor, query, 'knelpunten.viewed', 'knelpunten'));
}

export async function pilotFiguresReport(services: Services, actor: Actor, query: Query): Promise<PilotFigures> {
  return await pilotFigures(services.db, await open(services, actor, query, 'knelpunten.viewed', 'pilotcijfers'));
}

export async function knelpuntenDownload(services: Services, actor: Actor, query: Query): Promise<{ csv: string; period: Period }> {
  const period = await open(services, actor, query, 'knelpunten.exported', 'csv');
  return { csv: knelpuntenCsv(await knelpunten(services.db, period), await pilotFigures(services.db, period)), period };
}
