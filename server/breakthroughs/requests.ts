// Breakthrough requests (doorbraakverzoeken): filing, routing to a mandate holder, decisions,
// escalation one level up, export above the wethouder, withdrawal and the outcome. Each command
// checks and writes inside one immediate transaction, so two clicks can never decide twice, and
// a refusal writes nothing. Every write has its audit row in the same transaction.
import type { z } from 'zod';
import type { Db, Tx } from '../../db/client';
import { appendAudit } from '../../db/queries/audit';
import { commit } from '../domain/commit';
import { insertEvent, insertOutcome, insertRequest, insertVersion, openGrantRequestIds } from '../../db/queries/breakthroughs';
import { findUserById } from '../../db/queries/users';
import { listVraagstukkenOfCase } from '../../db/queries/vraagstukken';
import { BREAKTHROUGH_STATUS_LABELS } from '../../shared/breakthroughs';
import { MANDATE_LABELS, type MandateLevel, mandateCovers } from '../../shared/laws';
import { type CaseAction, mandateOf } from '../../shared/permissions';
import {
  type Breakthrough,
  type BreakthroughList,
  type BreakthroughRouting,
  type BreakthroughRoutingQuery,
  costTotals,
  effectiveAmountCents,
  formatEuro,
  type GrantBreakthroughRequest,
  type RecordOutcomeRequest,
  type SubmitBreakthroughRequest,
} from '../../shared/schemas';
import { authorizeCase } from '../cases/gate';
import type { Actor, Services } from '../context';
import { formatDayNl, todayNl } from '../dates';
import { listDeviations } from '../deviations/register';
import { ApiError, Errors } from '../http/errors';
import { eligibleHolders, linkedDeviationLevel, route, routingConfig, withinLimit } from './routing';
import { type RequestState, termOver } from './state';
import { endReadAccess, grantReadAccess } from './temporary-access';
import { type Blocking, decisionProblem, type LoadedRequest, loadRequests, may, parseCosts, requestView, seesRequests, type Viewer, viewContext } from './views';

type SubmitInput = z.output<typeof SubmitBreakthroughRequest>;
type GrantInput = z.output<typeof GrantBreakthroughRequest>;
type OutcomeInput = z.output<typeof RecordOutcomeRequest>;
type RoutingInput = z.output<typeof BreakthroughRoutingQuery>;

// ---------------------------------------------------------------- access

async function viewer(db: Db, actor: Actor, caseId: string, action: CaseAction = 'case.read'): Promise<Viewer> {
  return await authorizeCase(db, actor, caseId, action);
}

const notFound = () => Errors.notFound('Dit doorbraakverzoek bestaat niet.');

/** One request as this viewer may see it: 404 for people who do not see requests at all. */
async function load(db: Db, actor: Actor, caseId: string, requestId: string): Promise<{ v: Viewer; item: LoadedRequest }> {
  const v = await viewer(db, actor, caseId);
  if (!seesRequests(v)) throw notFound();
  const item = (await loadRequests(db, caseId, requestId))[0];
  if (!item) throw notFound();
  return { v, item };
}

/** The matrix decides; the gate tells a closed case (409) from a person who may not (403, in the request's own words). */
async function requireAction(db: Db, v: Viewer, action: CaseAction, message: string): Promise<void> {
  if (!may(v, action)) await authorizeCase(db, v.actor, v.caseRow.id, action, message);
}

const REQUESTER_ONLY = 'Alleen een procesregisseur met bewerkrechten in deze open casus dient doorbraakverzoeken in, vult ze aan, schaalt ze op of trekt ze in.';

function statusConflict(s: RequestState, code: string, message: string): ApiError {
  return Errors.conflict(code, `${message} (status: ${BREAKTHROUGH_STATUS_LABELS[s.status].toLowerCase()})`);
}

// ---------------------------------------------------------------- views

export async function listRequests(db: Db, actor: Actor, caseId: string): Promise<BreakthroughList> {
  const v = await viewer(db, actor, caseId);
  if (!seesRequests(v)) return { requests: [], temporaryAccessFor: [], canRequest: false };
  const ctx = await viewContext(db, v);
  return {
    requests: (await loadRequests(db, caseId)).map((item) => requestView(item, v, ctx)),
    temporaryAccessFor: await openGrantRequestIds(db, caseId, actor.user.id),
    canRequest: may(v, 'breakthrough.request'),
  };
}

export async function getRequest(db: Db, actor: Actor, caseId: string, requestId: string): Promise<Breakthrough> {
  const { v, item } = await load(db, actor, caseId, requestId);
  return requestView(item, v, await viewContext(db, v));
}

/**
 * The level a request would go to, and the mandate holders the requester may choose from. The
 * form sends the first-year cost it computed and the deviations it links, so the preview
 * routes exactly as the submission will (which recomputes both from the request itself).
 */
export async function routingFor(db: Db, actor: Actor, caseId: string, q: RoutingInput): Promise<BreakthroughRouting> {
  const v = await viewer(db, actor, caseId);
  await requireAction(db, v, 'breakthrough.request', REQUESTER_ONLY);
  const amount = q.amountCents === undefined && q.firstYearCents === undefined ? undefined : Math.max(q.amountCents ?? 0, q.firstYearCents ?? 0);
  const deviationLevel = await linkedLevel(db, v, q.deviationIds ? q.deviationIds.split(',') : []);
  const r = route(await routingConfig(db), { kind: q.kind, amountCents: amount, deviationLevel, atLeast: q.atLeast });
  return { ...r, holders: await eligibleHolders(db, r.level, new Set([actor.user.id])) };
}

/**
 * The mandate the linked deviations need. Only deviations of this case that the requester may
 * see can be linked (listDeviations leaves out the rest); any other id is refused.
 */
async function linkedLevel(db: Db, v: Viewer, deviationIds: readonly string[]): Promise<MandateLevel | null> {
  if (deviationIds.length === 0) return null;
  const visible = await listDeviations(db, v.actor, v.caseRow.id);
  const known = new Set(visible.map((d) => d.id));
  if (deviationIds.some((id) => !known.has(id))) throw Errors.unprocessable('ONBEKENDE_AFWIJKING', 'Een gekoppelde afwijking hoort niet bij deze casus.');
  return linkedDeviationLevel(visible, deviationIds);
}

/** Where a version goes: its kind, its effective amount and its linked deviations, never below `atLeast`. */
async function routeVersion(db: Db, input: SubmitInput, deviationLevel: MandateLevel | null, atLeast?: MandateLevel) {
  return route(await routingConfig(db), { kind: input.kind, amountCents: effectiveAmountCents(input.amountCents, input.costs), deviationLevel, atLeast });
}

// ---------------------------------------------------------------- filing and amending

/**
 * The blocking part of a version, checked against the case: vraagstukken and deviations of this
 * case only. Also the mandate its linked deviations need, which routing takes into account.
 */
async function checkContent(db: Db, v: Viewer, input: SubmitInput): Promise<{ blocking: Blocking; deviationLevel: MandateLevel | null }> {
  if (input.stuckSince > todayNl()) throw Errors.unprocessable('DATUM_IN_TOEKOMST', 'De datum sinds wanneer het vastzit, ligt in de toekomst.');
  const vraagstukIds = [...new Set(input.vraagstukIds)];
  const known = new Set((await listVraagstukkenOfCase(db, v.caseRow.id)).map((r) => r.vraagstuk.id));
  if (vraagstukIds.some((id) => !known.has(id))) throw Errors.unprocessable('ONBEKEND_VRAAGSTUK', 'Een gekoppeld vraagstuk hoort niet bij deze casus.');
  const deviationIds = [...new Set(input.deviationIds)];
  const deviationLevel = await linkedLevel(db, v, deviationIds);
  return { blocking: { laws: input.laws, rules: input.rules, vraagstukIds, deviationIds }, deviationLevel };
}

/** The chosen mandate holder must hold the level and may not be one of the requesters. */
async function checkAssignee(db: Db, assigneeId: string, level: MandateLevel, requesters: ReadonlySet<string>): Promise<void> {
  const user = await findUserById(db, assigneeId);
  const mandate = user && user.active ? mandateOf(user.functie) : null;
  if (!user || !mandate) throw Errors.unprocessable('GEEN_MANDAATHOUDER', 'Kies een actieve mandaathouder uit de lijst.');
  if (requesters.has(user.id)) throw new ApiError(403, 'VIER_OGEN', 'Vier ogen: wie het verzoek indiende, besluit er niet zelf over.');
  if (!mandateCovers(mandate, level)) {
    throw Errors.unprocessable('MANDAAT_TE_LAAG', `Dit verzoek vraagt het mandaat van een ${MANDATE_LABELS[level].toLowerCase()}; ${user.name} heeft dat niet. Kies een mandaathouder uit de lijst.`);
  }
}

async function writeVersion(tx: Tx, actor: Actor, caseId: string, requestId: string, version: number, input: SubmitInput, blocking: Blocking, level: MandateLevel): Promise<void> {
  await insertVersion(tx, {
    requestId,
    version,
    stuck: input.stuck,
    stuckSince: input.stuckSince,
    proposal: input.proposal,
    kind: input.kind,
    blocking: JSON.stringify(blocking),
    costs: JSON.stringify(input.costs),
    amountCents: input.amountCents,
    submittedBy: actor.user.id,
  });
  await insertEvent(tx, { requestId, kind: 'voorgelegd', level, assigneeId: input.assigneeId, byUserId: actor.user.id });
  await appendAudit(tx, {
    action: 'breakthrough.submitted',
    actorUserId: actor.user.id,
    caseId,
    ip: actor.ip,
    detail: { requestId, version, kind: input.kind, level, assigneeId: input.assigneeId, amountCents: input.amountCents, effectiveAmountCents: effectiveAmountCents(input.amountCents, input.costs) },
  });
  await grantReadAccess(tx, actor, caseId, requestId, input.assigneeId);
}

export async function submitRequest(services: Services, actor: Actor, caseId: string, input: SubmitInput): Promise<Breakthrough> {
  const { db } = services;
  const id = await commit(services, actor, async ({ tx, audit, emit }) => {
    const v = await viewer(db, actor, caseId, 'breakthrough.request');
    const { blocking, deviationLevel } = await checkContent(db, v, input);
    const { level } = await routeVersion(db, input, deviationLevel);
    await checkAssignee(db, input.assigneeId, level, new Set([actor.user.id]));
    const request = await insertRequest(tx, { caseId, createdBy: actor.user.id });
    await writeVersion(tx, actor, caseId, request.id, 1, input, blocking, level);
    emit({ type: 'breakthrough.changed', caseId, requestId: request.id, accessEnded: false });
    return request.id;
  });
  return await getRequest(db, actor, caseId, id);
}

/** After "terug voor aanvulling": a new version, routed again, never lower than where it was. */
export async function resubmitRequest(services: Services, actor: Actor, caseId: string, requestId: string, input: SubmitInput): Promise<Breakthrough> {
  const { db } = services;
  await commit(services, actor, async ({ tx, audit, emit }) => {
    const { v, item } = await load(db, actor, caseId, requestId);
    await requireAction(db, v, 'breakthrough.request', REQUESTER_ONLY);
    const s = item.state;
    if (s.status !== 'terug_voor_aanvulling') throw statusConflict(s, 'NIET_TERUG', 'Alleen een verzoek dat terug is gestuurd voor aanvulling, kan opnieuw worden ingediend.');
    const { blocking, deviationLevel } = await checkContent(db, v, input);
    // A level that already refused or returned it is not asked again below where it was.
    const { level } = await routeVersion(db, input, deviationLevel, s.routing.level!);
    await checkAssignee(db, input.assigneeId, level, new Set([...s.requesters, actor.user.id]));
    await writeVersion(tx, actor, caseId, requestId, s.current.version + 1, input, blocking, level);
    emit({ type: 'breakthrough.changed', caseId, requestId, accessEnded: false });
  });
  return await getRequest(db, actor, caseId, requestId);
}

// ---------------------------------------------------------------- decisions

export type Decision =
  | ({ kind: 'toegekend' } & GrantInput)
  | { kind: 'afgewezen'; reasons: string }
  | { kind: 'terug'; missing: string };

const DECISION_AUDIT = { toegekend: 'breakthrough.granted', afgewezen: 'breakthrough.refused', terug: 'breakthrough.returned' } as const;

async function grantProblem(s: RequestState, mandate: MandateLevel, d: GrantInput, db: Db): Promise<ApiError | null> {
  const asked = s.current.amountCents;
  if (d.budgetCents > asked) return Errors.unprocessable('BUDGET_BOVEN_AANVRAAG', `Het toegekende budget (${formatEuro(d.budgetCents)}) is hoger dan het gevraagde budget (${formatEuro(asked)}).`);
  const config = await routingConfig(db);
  // Granting commits to the breakthrough as costed, whatever budget is written down: the limit
  // applies to at least its first-year cost (as routing did).
  const firstYear = costTotals(parseCosts(s.current.costs)).breakthroughFirstYear;
  const committed = Math.max(d.budgetCents, firstYear);
  if (!withinLimit(config, mandate, committed)) {
    const what = committed > d.budgetCents ? `De doorbraak kost in het eerste jaar ${formatEuro(committed)}; dat` : `Een budget van ${formatEuro(d.budgetCents)}`;
    return Errors.unprocessable(
      'BOVEN_BEDRAGGRENS',
      `${what} gaat boven de grens van het mandaat van een ${MANDATE_LABELS[mandate].toLowerCase()} (${formatEuro(config.amountLimits[mandate] ?? 0)}). ${committed > d.budgetCents ? 'Stuur' : 'Ken minder toe, of stuur'} het verzoek terug zodat het hoger kan worden voorgelegd.`,
    );
  }
  if (d.termEnd <= todayNl()) return Errors.unprocessable('TERMIJN_VERLEDEN', 'Het einde van de termijn moet in de toekomst liggen.');
  return null;
}

/**
 * The assigned mandate holder decides. The answer is built before their temporary access ends
 * (in the same transaction): after it, they may no longer read the case.
 */
export async function decideRequest(services: Services, actor: Actor, caseId: string, requestId: string, d: Decision): Promise<Breakthrough> {
  const { db } = services;
  const view = await commit(services, actor, async ({ tx, emit }) => {
    const { v, item } = await load(db, actor, caseId, requestId);
    const s = item.state;
    const problem = decisionProblem(s, v);
    if (problem) throw problem;
    const mandate = mandateOf(actor.user.functie)!;
    if (d.kind === 'toegekend') {
      const p = await grantProblem(s, mandate, d, db);
      if (p) throw p;
    }
    await insertEvent(tx, {
      requestId,
      kind: d.kind,
      level: s.routing.level,
      byUserId: actor.user.id,
      mandate,
      note: d.kind === 'toegekend' ? (d.note ?? null) : d.kind === 'afgewezen' ? d.reasons : d.missing,
      conditions: d.kind === 'toegekend' ? d.conditions : null,
      budgetCents: d.kind === 'toegekend' ? d.budgetCents : null,
      termEnd: d.kind === 'toegekend' ? d.termEnd : null,
    });
    await appendAudit(tx, {
      action: DECISION_AUDIT[d.kind],
      actorUserId: actor.user.id,
      caseId,
      ip: actor.ip,
      detail: { requestId, version: s.current.version, level: s.routing.level, mandate, ...(d.kind === 'toegekend' ? { budgetCents: d.budgetCents, termEnd: d.termEnd } : {}) },
    });
    const answer = requestView((await loadRequests(db, caseId, requestId))[0]!, v, await viewContext(db, v));
    // Open sockets of the former reader are re-checked (and closed) once the grant is gone.
    emit({ type: 'breakthrough.changed', caseId, requestId, accessEnded: await endReadAccess(tx, actor, caseId, requestId, d.kind) });
    return answer;
  });
  return view;
}

// ---------------------------------------------------------------- after a refusal

export async function escalateRequest(services: Services, actor: Actor, caseId: string, requestId: string, input: { assigneeId: string; note?: string | undefined }): Promise<Breakthrough> {
  const { db } = services;
  await commit(services, actor, async ({ tx, audit, emit }) => {
    const { v, item } = await load(db, actor, caseId, requestId);
    await requireAction(db, v, 'breakthrough.request', REQUESTER_ONLY);
    const s = item.state;
    if (s.status !== 'afgewezen') throw statusConflict(s, 'NIET_AFGEWEZEN', 'Alleen een afgewezen verzoek kan worden opgeschaald.');
    const level = s.escalationLevel;
    if (!level) throw Errors.conflict('BOVEN_WETHOUDER', 'Boven de wethouder is er geen hoger mandaat in de gemeente: exporteer het verzoek voor het landelijk maatwerkloket.');
    await checkAssignee(db, input.assigneeId, level, new Set([...s.requesters, actor.user.id]));
    await insertEvent(tx, { requestId, kind: 'opgeschaald', level, assigneeId: input.assigneeId, byUserId: actor.user.id, note: input.note ?? null });
    await audit({ action: 'breakthrough.escalated', caseId, detail: { requestId, from: s.routing.level, level, assigneeId: input.assigneeId } });
    await grantReadAccess(tx, actor, caseId, requestId, input.assigneeId);
    emit({ type: 'breakthrough.changed', caseId, requestId, accessEnded: false });
  });
  return await getRequest(db, actor, caseId, requestId);
}

/** Refused at the top of the municipality: the request goes to the national maatwerkloket. */
export async function exportRequest(services: Services, actor: Actor, caseId: string, requestId: string, note: string | undefined): Promise<Breakthrough> {
  const { db } = services;
  await commit(services, actor, async ({ tx, audit, emit }) => {
    const { v, item } = await load(db, actor, caseId, requestId);
    await requireAction(db, v, 'breakthrough.request', REQUESTER_ONLY);
    const s = item.state;
    if (s.status !== 'afgewezen' || s.escalationLevel !== null) {
      throw statusConflict(s, 'NIET_EXPORTEERBAAR', 'Alleen een verzoek dat de wethouder afwees, gaat naar het landelijk maatwerkloket; schaal het anders eerst op.');
    }
    await insertEvent(tx, { requestId, kind: 'geexporteerd', level: s.routing.level, byUserId: actor.user.id, note: note ?? null });
    await audit({ action: 'breakthrough.exported', caseId, detail: { requestId, to: 'landelijk maatwerkloket', formats: ['html', 'json'] } });
    emit({ type: 'breakthrough.changed', caseId, requestId, accessEnded: false });
  });
  return await getRequest(db, actor, caseId, requestId);
}

export async function withdrawRequest(services: Services, actor: Actor, caseId: string, requestId: string, reason: string): Promise<Breakthrough> {
  const { db } = services;
  await commit(services, actor, async ({ tx, audit, emit }) => {
    const { v, item } = await load(db, actor, caseId, requestId);
    await requireAction(db, v, 'breakthrough.request', REQUESTER_ONLY);
    const s = item.state;
    if (!['ingediend', 'terug_voor_aanvulling', 'afgewezen'].includes(s.status)) throw statusConflict(s, 'NIET_INTREKBAAR', 'Dit verzoek kan niet meer worden ingetrokken.');
    await insertEvent(tx, { requestId, kind: 'ingetrokken', level: s.routing.level, byUserId: actor.user.id, note: reason });
    await audit({ action: 'breakthrough.withdrawn', caseId, detail: { requestId } });
    emit({ type: 'breakthrough.changed', caseId, requestId, accessEnded: await endReadAccess(tx, actor, caseId, requestId, 'ingetrokken') });
  });
  return await getRequest(db, actor, caseId, requestId);
}

// ---------------------------------------------------------------- the outcome

export async function recordOutcome(services: Services, actor: Actor, caseId: string, requestId: string, input: OutcomeInput): Promise<Breakthrough> {
  const { db } = services;
  await commit(services, actor, async ({ tx, audit, emit }) => {
    const { v, item } = await load(db, actor, caseId, requestId);
    await requireAction(db, v, 'breakthrough.outcome', 'Alleen de regisseur of een procesregisseur met bewerkrechten legt het resultaat van een doorbraak vast.');
    const s = item.state;
    if (s.status !== 'toegekend' && s.status !== 'landelijk') throw statusConflict(s, 'GEEN_TOEKENNING', 'Een resultaat leggen we vast voor een toegekende (of landelijk voorgelegde) doorbraak.');
    // The result of a granted breakthrough is known only once its term is over (its last day counts).
    if (s.status === 'toegekend' && !termOver(s, todayNl())) {
      throw Errors.conflict('TERMIJN_LOOPT_NOG', `De termijn van deze doorbraak loopt nog tot en met ${formatDayNl(s.grant?.termEnd ?? '')}. Leg het resultaat vast vanaf de laatste dag van de termijn.`);
    }
    await insertOutcome(tx, {
      requestId,
      achieved: input.achieved,
      type: input.type,
      typeOther: input.type === 'anders' ? (input.typeOther ?? null) : null,
      difference: input.difference,
      successStory: input.successStory,
      byUserId: actor.user.id,
    });
    await appendAudit(tx, {
      action: 'breakthrough.outcome_recorded',
      actorUserId: actor.user.id,
      caseId,
      ip: actor.ip,
      detail: { requestId, achieved: input.achieved, type: input.type, successStory: input.successStory },
    });
    emit({ type: 'breakthrough.changed', caseId, requestId, accessEnded: false });
  });
  return await getRequest(db, actor, caseId, requestId);
}

// ---------------------------------------------------------------- for the escalation file

/** The request with its state, for the export; only once it went to the national desk. */
export async function loadExported(db: Db, actor: Actor, caseId: string, requestId: string): Promise<{ v: Viewer; item: LoadedRequest }> {
  const loaded = await load(db, actor, caseId, requestId);
  if (loaded.item.state.status !== 'landelijk') throw statusConflict(loaded.item.state, 'NIET_GEEXPORTEERD', 'Dit verzoek is (nog) niet voorgelegd aan het landelijk maatwerkloket.');
  return loaded;
}

/**
 * Closing a case withdraws its pending requests (awaiting a decision or an amendment) and ends
 * the mandate holders' read access, in the closing transaction: nobody can decide in a closed
 * case, so nothing should keep waiting or keep a window open. Returns whether access ended.
 */
export async function withdrawPendingOnClose(tx: Tx, actor: Actor, caseId: string): Promise<boolean> {
  let ended = false;
  for (const { state } of await loadRequests(tx, caseId)) {
    if (state.status !== 'ingediend' && state.status !== 'terug_voor_aanvulling') continue;
    const requestId = state.request.id;
    await insertEvent(tx, { requestId, kind: 'ingetrokken', level: state.routing.level, byUserId: actor.user.id, note: 'De casus is gesloten.' });
    await appendAudit(tx, { action: 'breakthrough.withdrawn', actorUserId: actor.user.id, caseId, ip: actor.ip, detail: { requestId, reason: 'casus gesloten' } });
    ended = await endReadAccess(tx, actor, caseId, requestId, 'casus gesloten') || ended;
  }
  return ended;
}
