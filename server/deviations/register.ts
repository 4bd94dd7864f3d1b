// The deviation register (afwijkingen): proposals are immutable records, decisions are
// append-only events, and the status is derived from both and today's date. The server checks
// mandate level and four-eyes; internal deviations never reach partners or the household.
import type { Db } from '../../db/client';
import { type DeviationEventRow, type DeviationRow, findDeviation, insertDeviation, insertDeviationEvent, listDeviationEvents, listDeviationsOfCase, requiredMandate } from '../../db/queries/deviations';
import { DEFAULT_MANDATE, lawByKey, type MandateLevel, mandateCovers, MANDATE_LABELS } from '../../shared/laws';
import { mandateOf } from '../../shared/permissions';
import type { z } from 'zod';
import type { Deviation, DeviationStatus, ProposeDeviationRequest, ResidentDeviation } from '../../shared/schemas';
import type { CaseAction } from '../../shared/permissions';
import { authorizeCase, may, type Viewer } from '../cases/gate';
import { commit } from '../domain/commit';
import type { Actor, Services } from '../context';
import { todayNl } from '../dates';
import { ApiError, Errors, fieldsError } from '../http/errors';

// Re-exported so existing imports of todayNl from the register keep working.
export { todayNl };

/** The status follows from the events and today's date; exported so other readers (the inbox) count the same way. */
export function statusOf(row: Pick<DeviationRow, 'endDate'>, events: Pick<DeviationEventRow, 'kind'>[], today: string): DeviationStatus {
  const last = events.at(-1);
  if (last?.kind === 'ingetrokken') return 'ingetrokken';
  if (last?.kind === 'afgewezen') return 'afgewezen';
  if (last?.kind === 'goedgekeurd') return row.endDate < today ? 'verlopen' : 'goedgekeurd';
  return 'voorgesteld';
}

function isVisible(row: DeviationRow, v: Viewer): boolean {
  return !row.internal || may(v, 'case.intern.access');
}

/** Why this viewer may not decide on this deviation, or null when they may. */
const closedCase = () => Errors.conflict('CASUS_GESLOTEN', 'Deze casus is gesloten. Heropen de casus eerst.');

function decisionProblem(row: DeviationRow, status: DeviationStatus, required: MandateLevel, v: Viewer, today: string, kind: 'goedgekeurd' | 'afgewezen'): ApiError | null {
  if (status !== 'voorgesteld') return Errors.conflict('AL_BESLOTEN', 'Over deze afwijking is al besloten.');
  if (v.caseRow.status !== 'open') return closedCase();
  if (!may(v, 'deviation.decide')) {
    return Errors.forbidden('Alleen een mandaathouder (teamleider, directeur of wethouder) in deze casus kan een afwijking goedkeuren of afwijzen.');
  }
  const mandate = mandateOf(v.actor.user.functie)!;
  if (!mandateCovers(mandate, required)) {
    return new ApiError(403, 'BOVEN_MANDAAT', `Deze afwijking vraagt het mandaat van een ${MANDATE_LABELS[required].toLowerCase()}; uw mandaat (${MANDATE_LABELS[mandate].toLowerCase()}) is daarvoor niet toereikend.`);
  }
  if (row.proposedBy === v.actor.user.id) return new ApiError(403, 'VIER_OGEN', 'Vier ogen: u kunt een afwijking die u zelf voorstelde niet zelf goedkeuren of afwijzen.');
  if (row.endDate < today) return Errors.conflict('AL_VERSTREKEN', 'De looptijd van deze afwijking is al voorbij; stel zo nodig een nieuwe voor.');
  // Approving would start a backing that is overdue for review on its first day. Rejecting stays possible.
  if (kind === 'goedgekeurd' && row.reviewDate < today) {
    return Errors.conflict('REVIEWDATUM_VERLEDEN', 'De datum van herbeoordeling in dit voorstel is al voorbij. Stel de afwijking opnieuw voor met een nieuwe datum van herbeoordeling.');
  }
  return null;
}

function revokeProblem(row: DeviationRow, status: DeviationStatus, required: MandateLevel, v: Viewer): ApiError | null {
  if (status !== 'voorgesteld' && status !== 'goedgekeurd') return Errors.conflict('NIET_INTREKBAAR', 'Deze afwijking is niet (meer) van kracht en kan niet worden ingetrokken.');
  if (v.caseRow.status !== 'open') return closedCase();
  // A seat at the table first (a temporary grant reads, it does not revoke); then who at it.
  const mandate = mandateOf(v.actor.user.functie);
  const allowed = may(v, 'deviation.revoke') && (row.proposedBy === v.actor.user.id || may(v, 'case.members.manage') || (mandate !== null && mandateCovers(mandate, required)));
  return allowed ? null : Errors.forbidden('Alleen wie de afwijking voorstelde, de regisseur, de procesregisseur of een mandaathouder kan haar intrekken.');
}

const CONTENT_KEYS = ['law', 'rule', 'route', 'routeOther', 'willDo', 'willNotDo', 'reasoning', 'startDate', 'endDate', 'reviewDate', 'internal'] as const;
type DeviationContent = Pick<DeviationRow, (typeof CONTENT_KEYS)[number]>;

/** What a deviation says (law, rule, route, what is and isn't done, period, internal): the part every copy of it carries. */
export function deviationContent(d: DeviationContent): DeviationContent {
  return Object.fromEntries(CONTENT_KEYS.map((k) => [k, d[k]])) as DeviationContent;
}

async function toView(db: Db, row: DeviationRow, proposerName: string, events: DeviationEventRow[], v: Viewer, today: string): Promise<Deviation> {
  const status = statusOf(row, events, today);
  const required = await requiredMandate(db, row.law, row.route, DEFAULT_MANDATE);
  const decision = (kind: 'goedgekeurd' | 'afgewezen') => {
    const e = events.find((x) => x.kind === kind);
    return e && e.mandate ? { by: { id: e.byUserId, name: e.byName }, mandate: e.mandate, at: e.at, note: e.note } : null;
  };
  const revoked = events.find((x) => x.kind === 'ingetrokken');
  const mayDecide = (kind: 'goedgekeurd' | 'afgewezen') => decisionProblem(row, status, required, v, today, kind) === null;
  return {
    id: row.id,
    caseId: row.caseId,
    ...deviationContent(row),
    status,
    // Flagged while it matters: an approved backing due for review, or a proposal gone stale.
    reviewOverdue: (status === 'goedgekeurd' || status === 'voorgesteld') && row.reviewDate < today,
    requiredMandate: required,
    proposedBy: { id: row.proposedBy, name: proposerName },
    proposedAt: row.proposedAt,
    approval: decision('goedgekeurd'),
    rejection: decision('afgewezen'),
    revocation: revoked ? { by: { id: revoked.byUserId, name: revoked.byName }, at: revoked.at, reason: revoked.note ?? '' } : null,
    can: {
      approve: mayDecide('goedgekeurd'),
      reject: mayDecide('afgewezen'),
      revoke: revokeProblem(row, status, required, v) === null,
    },
  };
}

async function viewer(db: Db, actor: Actor, caseId: string, action: CaseAction = 'case.read'): Promise<Viewer> {
  return await authorizeCase(db, actor, caseId, action);
}

/** Every route that returns deviations goes through here, so the internal filter cannot be skipped. */
export async function listDeviations(db: Db, actor: Actor, caseId: string, today = todayNl()): Promise<Deviation[]> {
  const v = await viewer(db, actor, caseId);
  const events = await listDeviationEvents(db, caseId);
  const rows = (await listDeviationsOfCase(db, caseId)).filter((r) => isVisible(r.deviation, v));
  return Promise.all(rows.map(async (r) => await toView(db, r.deviation, r.proposerName, events.filter((e) => e.deviationId === r.deviation.id), v, today)));
}

/**
 * The register as the household reads it: approved deviations still in force, never internal
 * ones, and only what they mean (law, what is done differently, until when). The caller has
 * authorised the household member (server/cases/gate.ts authorizeResident).
 */
export async function householdDeviations(db: Db, caseId: string, today = todayNl()): Promise<ResidentDeviation[]> {
  return (await householdDecisions(db, caseId, '', today))
    .filter((d) => d.kind === 'goedgekeurd')
    .map((d) => d.deviation);
}

const forHousehold = (d: DeviationRow): ResidentDeviation => ({ id: d.id, lawName: lawByKey(d.law).name, willDo: d.willDo, willNotDo: d.willNotDo, startDate: d.startDate, endDate: d.endDate });

export interface HouseholdDecision {
  /** In force now; refused; or stopped after it had been in force. */
  kind: 'goedgekeurd' | 'afgewezen' | 'ingetrokken';
  /** When that last decision was taken. */
  at: string;
  deviation: ResidentDeviation;
}

/**
 * What the household may know of decisions on its deviations taken since `since` (a timestamp;
 * '' for all): approved ones still in force, refused ones, and approved ones withdrawn later.
 * Never internal ones, and never a proposal nobody decided on yet. The caller has authorised
 * the household member.
 */
export async function householdDecisions(db: Db, caseId: string, since: string, today = todayNl()): Promise<HouseholdDecision[]> {
  const events = await listDeviationEvents(db, caseId);
  return (await listDeviationsOfCase(db, caseId)).flatMap(({ deviation: d }) => {
    if (d.internal) return [];
    const own = events.filter((e) => e.deviationId === d.id);
    const last = own.at(-1);
    if (!last || last.at < since) return [];
    const status = statusOf(d, own, today);
    const told = status === 'goedgekeurd' || status === 'afgewezen' || (status === 'ingetrokken' && own.some((e) => e.kind === 'goedgekeurd'));
    return told ? [{ kind: status, at: last.at, deviation: forHousehold(d) }] : [];
  });
}

/** One deviation as this viewer may see it (404 when it is internal and they may not), loaded once. */
async function loadDeviation(db: Db, actor: Actor, caseId: string, id: string, today: string) {
  const v = await viewer(db, actor, caseId);
  const found = await findDeviation(db, caseId, id);
  if (!found || !isVisible(found.deviation, v)) throw Errors.notFound('Deze afwijking bestaat niet.');
  const events = (await listDeviationEvents(db, caseId)).filter((e) => e.deviationId === id);
  return { v, row: found.deviation, view: await toView(db, found.deviation, found.proposerName, events, v, today) };
}

export async function getDeviation(db: Db, actor: Actor, caseId: string, id: string, today = todayNl()): Promise<Deviation> {
  return (await loadDeviation(db, actor, caseId, id, today)).view;
}

export async function proposeDeviation(services: Services, actor: Actor, caseId: string, input: z.output<typeof ProposeDeviationRequest>): Promise<Deviation> {
  const { db } = services;
  const v = await viewer(db, actor, caseId, 'deviation.propose');
  const today = todayNl();
  // Both date rules at once, so one correction fixes them (the code names the first).
  const problems = [
    ...(input.reviewDate < today ? [{ code: 'REVIEWDATUM_VERLEDEN', path: 'reviewDate', message: 'De datum van herbeoordeling ligt in het verleden.' }] : []),
    ...(input.reviewDate > input.endDate ? [{ code: 'REVIEWDATUM_NA_EINDE', path: 'reviewDate', message: 'Herbeoordeel de afwijking uiterlijk op de einddatum.' }] : []),
  ];
  if (problems.length > 0) throw fieldsError(422, problems[0]!.code, problems.map(({ path, message }) => ({ path, message })));
  const row = await commit(services, actor, async ({ tx, audit, emit }) => {
    const r = await insertDeviation(tx, { caseId, ...input, routeOther: input.route === 'anders' ? (input.routeOther ?? null) : null, proposedBy: actor.user.id });
    await audit({ action: 'deviation.proposed', caseId, detail: { deviationId: r.id, law: r.law, route: r.route, internal: r.internal } });
    emit({ type: 'deviation.changed', caseId, deviationId: r.id, internal: r.internal });
    return r;
  });
  return await toView(db, row, actor.user.name, [], v, today);
}

export async function decideDeviation(services: Services, actor: Actor, caseId: string, id: string, kind: 'goedgekeurd' | 'afgewezen', note: string | undefined): Promise<Deviation> {
  const { db } = services;
  const today = todayNl();
  const mandate = mandateOf(actor.user.functie)!;
  await commit(services, actor, async ({ tx, audit, emit }) => {
    // Read and checked under the write lock: two mandate holders deciding at the same moment
    // get one decision; the second finds it decided.
    const { v, row, view } = await loadDeviation(tx, actor, caseId, id, today);
    const problem = decisionProblem(row, view.status, view.requiredMandate, v, today, kind);
    if (problem) throw problem;
    await insertDeviationEvent(tx, { deviationId: id, kind, byUserId: actor.user.id, mandate, note: note ?? null });
    await audit({ action: kind === 'goedgekeurd' ? 'deviation.approved' : 'deviation.rejected', caseId, detail: { deviationId: id, mandate } });
    emit({ type: 'deviation.changed', caseId, deviationId: id, internal: row.internal });
  });
  return await getDeviation(db, actor, caseId, id);
}

export async function revokeDeviation(services: Services, actor: Actor, caseId: string, id: string, reason: string): Promise<Deviation> {
  const { db } = services;
  await commit(services, actor, async ({ tx, audit, emit }) => {
    const { v, row, view } = await loadDeviation(tx, actor, caseId, id, todayNl());
    const problem = revokeProblem(row, view.status, view.requiredMandate, v);
    if (problem) throw problem;
    await insertDeviationEvent(tx, { deviationId: id, kind: 'ingetrokken', byUserId: actor.user.id, mandate: mandateOf(actor.user.functie), note: reason });
    await audit({ action: 'deviation.revoked', caseId, detail: { deviationId: id, reason } });
    emit({ type: 'deviation.changed', caseId, deviationId: id, internal: row.internal });
  });
  return await getDeviation(db, actor, caseId, id);
}
