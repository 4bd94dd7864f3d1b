// One case's stuck-case panel: its signals, the vastgelopen flag any member may raise or
// clear (with a reason), the procesregisseur who takes the lead or hands it back, and the
// pilot cluster. Every change is an append-only event written together with its audit row.
import type { Db, Tx } from '../../db/client';
import type { AuditAction } from '../../db/queries/audit';
import { findActiveMembership, touchCase } from '../../db/queries/cases';
import { insertLeadEvent, insertStuckFlag, latestLeadEvent, latestStuckFlag, setCaseCluster, signalThresholds } from '../../db/queries/stuck';
import type { CaseCluster } from '../../shared/breakthroughs';
import { type CaseAction, canInCase } from '../../shared/permissions';
import type { CaseSignals } from '../../shared/schemas';
import { authorizeCase, type Viewer } from '../cases/gate';
import type { Actor, Services } from '../context';
import { commit } from '../domain/commit';
import { todayNl } from '../dates';
import { Errors } from '../http/errors';
import { loadCaseFacts } from './facts';
import { computeSignals } from './signals';

const MESSAGES: Partial<Record<CaseAction, string>> = {
  'case.lead.take': 'Alleen een procesregisseur met bewerkrechten in deze casus kan de regie nemen.',
  'case.regisseur.assign': 'Alleen de regisseur of een procesregisseur met bewerkrechten kan het cluster van de casus instellen.',
};

/** authorizeCase, with a message that says who may do this instead of a generic refusal. */
async function authorize(db: Db, actor: Actor, caseId: string, action: CaseAction): Promise<Viewer> {
  return await authorizeCase(db, actor, caseId, action, MESSAGES);
}

/** The lead as it stands: the latest event, if it was taken and its holder still sits at the table. */
async function currentLead(db: Db, caseId: string) {
  const e = await latestLeadEvent(db, caseId);
  if (!e || e.kind !== 'genomen') return null;
  return { ...e, stillMember: await findActiveMembership(db, caseId, e.userId) !== undefined };
}

export async function caseSignals(db: Db, actor: Actor, caseId: string, today = todayNl()): Promise<CaseSignals> {
  const { caseRow: row, membership } = await authorize(db, actor, caseId, 'case.read');
  const may = (a: CaseAction) => canInCase(actor.user.functie, membership, row.status, a);
  const loaded = (await loadCaseFacts(db, { caseId }, today, may('case.intern.access')))[0];
  const signals = loaded ? computeSignals(loaded.facts, await signalThresholds(db), today) : [];
  const flag = loaded?.flag?.kind === 'gemeld' ? loaded.flag : null;
  const lead = await currentLead(db, caseId);
  return {
    caseId,
    status: row.status,
    signals,
    flag: flag ? { by: { id: flag.byId, name: flag.byName }, reason: flag.reason, at: flag.at } : null,
    lead: lead ? { by: { id: lead.userId, name: lead.userName }, at: lead.at, note: lead.note } : null,
    cluster: row.cluster,
    can: {
      flag: may('case.flag_stuck') && !flag,
      clearFlag: may('case.flag_stuck') && flag !== null,
      // A lead whose holder left the table can be taken over.
      takeLead: may('case.lead.take') && (!lead || (!lead.stillMember && lead.userId !== actor.user.id)),
      releaseLead: lead?.userId === actor.user.id,
      setCluster: may('case.regisseur.assign'),
    },
  };
}

/** One change of the panel: the event, the case's last activity, the audit row; then case.changed. */
async function change(services: Services, actor: Actor, caseId: string, action: AuditAction, detail: Record<string, unknown>, write: (tx: Tx) => Promise<unknown>) {
  await commit(services, actor, async ({ tx, audit, emit }) => {
    await write(tx);
    await touchCase(tx, caseId);
    await audit({ action, caseId, detail });
    emit({ type: 'case.changed', caseId });
  });
}

export async function flagStuck(services: Services, actor: Actor, caseId: string, reason: string): Promise<CaseSignals> {
  const { db } = services;
  await authorize(db, actor, caseId, 'case.flag_stuck');
  const latest = await latestStuckFlag(db, caseId);
  if (latest?.kind === 'gemeld') throw Errors.conflict('AL_GEMELD', `Deze casus is al als vastgelopen gemeld door ${latest.byName}.`);
  await change(services, actor, caseId, 'case.stuck_flagged', { reason }, async (tx) => await insertStuckFlag(tx, { caseId, kind: 'gemeld', reason, byUserId: actor.user.id }));
  return await caseSignals(db, actor, caseId);
}

export async function clearStuckFlag(services: Services, actor: Actor, caseId: string, reason: string): Promise<CaseSignals> {
  const { db } = services;
  await authorize(db, actor, caseId, 'case.flag_stuck');
  if ((await latestStuckFlag(db, caseId))?.kind !== 'gemeld') throw Errors.conflict('NIET_GEMELD', 'Deze casus is niet als vastgelopen gemeld.');
  await change(services, actor, caseId, 'case.stuck_cleared', { reason }, async (tx) => await insertStuckFlag(tx, { caseId, kind: 'opgeheven', reason, byUserId: actor.user.id }));
  return await caseSignals(db, actor, caseId);
}

export async function takeLead(services: Services, actor: Actor, caseId: string, note: string | undefined): Promise<CaseSignals> {
  const { db } = services;
  await authorize(db, actor, caseId, 'case.lead.take');
  const lead = await currentLead(db, caseId);
  if (lead?.userId === actor.user.id) throw Errors.conflict('AL_REGIE', 'U heeft de regie in deze casus al.');
  if (lead?.stillMember) throw Errors.conflict('REGIE_BEZET', `${lead.userName} heeft de regie in deze casus al; die moet haar eerst overdragen.`);
  const detail = lead ? { note: note ?? null, takenOverFrom: lead.userId } : { note: note ?? null };
  await change(services, actor, caseId, 'case.lead_taken', detail, async (tx) => await insertLeadEvent(tx, { caseId, kind: 'genomen', userId: actor.user.id, note: note ?? null }));
  return await caseSignals(db, actor, caseId);
}

export async function releaseLead(services: Services, actor: Actor, caseId: string, note: string | undefined): Promise<CaseSignals> {
  const { db } = services;
  await authorize(db, actor, caseId, 'case.read');
  const lead = await currentLead(db, caseId);
  if (!lead) throw Errors.conflict('GEEN_REGIE', 'Niemand heeft de regie in deze casus genomen.');
  if (lead.userId !== actor.user.id) throw Errors.forbidden(`Alleen ${lead.userName}, die de regie nam, kan haar overdragen.`);
  await change(services, actor, caseId, 'case.lead_released', { note: note ?? null }, async (tx) => await insertLeadEvent(tx, { caseId, kind: 'overgedragen', userId: actor.user.id, note: note ?? null }));
  return await caseSignals(db, actor, caseId);
}

export async function setCluster(services: Services, actor: Actor, caseId: string, cluster: CaseCluster | null): Promise<CaseSignals> {
  const { db } = services;
  const { caseRow: row } = await authorize(db, actor, caseId, 'case.regisseur.assign');
  if (row.cluster !== cluster) {
    await change(services, actor, caseId, 'case.cluster_set', { from: row.cluster, to: cluster }, async (tx) => await setCaseCluster(tx, caseId, cluster));
  }
  return await caseSignals(db, actor, caseId);
}
