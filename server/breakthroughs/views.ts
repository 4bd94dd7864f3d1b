// Turns a request's rows into what a viewer sees: every version with its cost comparison
// computed, the decision trail, whom it waits for and since when, and what the viewer may do.
// Requests carry cost and rule information of the municipality: only municipal staff (the
// assigned mandate holder included) see them.
import type { Db, DbOrTx } from '../../db/client';
import { type EventRow, listEvents, listOutcomes, listRequestsOfCase, listVersions, type OutcomeRow, type VersionRow } from '../../db/queries/breakthroughs';
import { listVraagstukkenOfCase } from '../../db/queries/vraagstukken';
import { type LawKey, MANDATE_LABELS, mandateCovers } from '../../shared/laws';
import { mandateOf } from '../../shared/permissions';
import { type Breakthrough, type BreakthroughEvent, type BreakthroughVersion, type CostLines, costTotals, type Deviation, effectiveAmountCents } from '../../shared/schemas';
import { todayNl } from '../dates';
import { listDeviations } from '../deviations/register';
import { ApiError, Errors } from '../http/errors';
import { type RequestState, stateOf, termOver, versionOfEvents } from './state';

export { may, type Viewer } from '../cases/gate';
import { may, type Viewer } from '../cases/gate';

/** Staff of the municipality, and so the assigned mandate holder reading through temporary access. */
export const seesRequests = (v: Viewer) => may(v, 'case.intern.access');

// ---------------------------------------------------------------- stored JSON

export interface Blocking {
  laws: LawKey[];
  rules: string;
  vraagstukIds: string[];
  deviationIds: string[];
}

// Written only by this module, but read defensively: a row must never break the whole list.
export function parseBlocking(json: string): Blocking {
  try {
    const b = JSON.parse(json) as Partial<Blocking>;
    return { laws: b.laws ?? [], rules: b.rules ?? '', vraagstukIds: b.vraagstukIds ?? [], deviationIds: b.deviationIds ?? [] };
  } catch {
    return { laws: [], rules: '', vraagstukIds: [], deviationIds: [] };
  }
}

export function parseCosts(json: string): CostLines {
  try {
    const c = JSON.parse(json) as Partial<CostLines>;
    return { carryOn: c.carryOn ?? [], breakthrough: c.breakthrough ?? [] };
  } catch {
    return { carryOn: [], breakthrough: [] };
  }
}

// ---------------------------------------------------------------- loading

export interface LoadedRequest {
  creatorName: string;
  state: RequestState;
  outcomes: OutcomeRow[];
}

/** The requests of a case (or one of them) with everything their views need. */
export async function loadRequests(db: DbOrTx, caseId: string, onlyId?: string): Promise<LoadedRequest[]> {
  const rows = (await listRequestsOfCase(db, caseId)).filter((r) => !onlyId || r.request.id === onlyId);
  const ids = rows.map((r) => r.request.id);
  const versions = await listVersions(db, ids);
  const events = await listEvents(db, ids);
  const outcomes = await listOutcomes(db, ids);
  return rows.map((r) => ({
    creatorName: r.creatorName,
    state: stateOf(
      r.request,
      versions.filter((v) => v.requestId === r.request.id),
      events.filter((e) => e.requestId === r.request.id),
    ),
    outcomes: outcomes.filter((o) => o.requestId === r.request.id),
  }));
}

/** What a case's views look things up in: linked vraagstukken and (visible) deviations. */
export interface ViewContext {
  vraagstukken: Map<string, string>;
  deviations: Map<string, Deviation>;
  today: string;
}

export async function viewContext(db: Db, v: Viewer): Promise<ViewContext> {
  const caseId = v.caseRow.id;
  return {
    vraagstukken: new Map((await listVraagstukkenOfCase(db, caseId)).map((r) => [r.vraagstuk.id, r.vraagstuk.title])),
    deviations: new Map((await listDeviations(db, v.actor, caseId)).map((d) => [d.id, d])),
    today: todayNl(),
  };
}

// ---------------------------------------------------------------- what the viewer may do

/** Why this viewer may not decide now, or null. Order matters: the most telling refusal first. */
export function decisionProblem(s: RequestState, v: Viewer): ApiError | null {
  if (s.status !== 'ingediend') return Errors.conflict('NIET_IN_BEHANDELING', 'Over dit doorbraakverzoek wordt nu geen besluit gevraagd.');
  if (v.caseRow.status !== 'open') return Errors.conflict('CASUS_GESLOTEN', 'Deze casus is gesloten. Heropen de casus eerst.');
  if (s.requesters.has(v.actor.user.id)) return new ApiError(403, 'VIER_OGEN', 'Vier ogen: wie een doorbraakverzoek indiende of opschaalde, besluit er niet zelf over.');
  if (!may(v, 'breakthrough.decide')) return Errors.forbidden('Alleen een mandaathouder (teamleider, directeur of wethouder) besluit over een doorbraakverzoek.');
  // Temporary access is granted per request: it decides that request, never another one in the case.
  const grantedFor = v.membership.temporaryFor;
  if (grantedFor && !grantedFor.includes(s.request.id)) {
    return new ApiError(403, 'NIET_TOEGEWEZEN', 'Uw tijdelijke inzage in deze casus geldt alleen voor het doorbraakverzoek dat aan u is voorgelegd.');
  }
  const mandate = mandateOf(v.actor.user.functie)!;
  const level = s.routing.level!;
  if (!mandateCovers(mandate, level)) {
    return new ApiError(403, 'BOVEN_MANDAAT', `Dit doorbraakverzoek vraagt het mandaat van een ${MANDATE_LABELS[level].toLowerCase()}; uw mandaat (${MANDATE_LABELS[mandate].toLowerCase()}) is daarvoor niet toereikend.`);
  }
  if (s.routing.assigneeId !== v.actor.user.id) {
    return new ApiError(403, 'NIET_TOEGEWEZEN', `Dit doorbraakverzoek is voorgelegd aan ${s.routing.assigneeName ?? 'een andere mandaathouder'}; alleen die besluit erover.`);
  }
  return null;
}

const OPEN_FOR_WITHDRAWAL = new Set(['ingediend', 'terug_voor_aanvulling', 'afgewezen']);

/** A national request has no term of ours; a granted one has a result once its term is over. */
const resultDue = (s: RequestState, today: string) => s.status === 'landelijk' || (s.status === 'toegekend' && termOver(s, today));

function capabilities(s: RequestState, v: Viewer, today: string): Breakthrough['can'] {
  const requester = may(v, 'breakthrough.request');
  return {
    decide: decisionProblem(s, v) === null,
    amend: requester && s.status === 'terug_voor_aanvulling',
    escalate: requester && s.status === 'afgewezen' && s.escalationLevel !== null,
    export: requester && s.status === 'afgewezen' && s.escalationLevel === null,
    download: s.status === 'landelijk',
    withdraw: requester && OPEN_FOR_WITHDRAWAL.has(s.status),
    recordOutcome: may(v, 'breakthrough.outcome') && resultDue(s, today),
  };
}

// ---------------------------------------------------------------- views

function versionView(row: VersionRow, ctx: ViewContext): BreakthroughVersion {
  const blocking = parseBlocking(row.blocking);
  const costs = parseCosts(row.costs);
  return {
    version: row.version,
    stuck: row.stuck,
    stuckSince: row.stuckSince,
    proposal: row.proposal,
    kind: row.kind,
    laws: blocking.laws,
    rules: blocking.rules,
    vraagstukken: blocking.vraagstukIds.flatMap((id) => {
      const title = ctx.vraagstukken.get(id);
      return title === undefined ? [] : [{ id, title }];
    }),
    deviations: blocking.deviationIds.flatMap((id) => {
      const d = ctx.deviations.get(id);
      return d ? [{ id, law: d.law, rule: d.rule, status: d.status, internal: d.internal }] : [];
    }),
    costs,
    totals: costTotals(costs),
    amountCents: row.amountCents,
    effectiveAmountCents: effectiveAmountCents(row.amountCents, costs),
    submittedBy: { id: row.submittedBy, name: row.submitterName },
    submittedAt: row.submittedAt,
  };
}

function eventView(e: EventRow, version: number): BreakthroughEvent {
  return {
    id: e.id,
    kind: e.kind,
    at: e.at,
    by: { id: e.byUserId, name: e.byName },
    version,
    level: e.level,
    assignee: e.assigneeId ? { id: e.assigneeId, name: e.assigneeName ?? '' } : null,
    mandate: e.mandate,
    note: e.note,
    conditions: e.conditions,
    budgetCents: e.budgetCents,
    termEnd: e.termEnd,
  };
}

function waitingOf(s: RequestState, hasOutcome: boolean, today: string): Breakthrough['waiting'] {
  if (s.status === 'ingediend') {
    return { on: 'besluit', who: { id: s.routing.assigneeId!, name: s.routing.assigneeName ?? '' }, level: s.routing.level, since: s.routing.at };
  }
  const last = s.events.at(-1)!;
  if (s.status === 'terug_voor_aanvulling') return { on: 'aanvulling', who: { id: s.current.submittedBy, name: s.current.submitterName }, level: null, since: last.at };
  if (s.status === 'toegekend' && !hasOutcome && s.grant?.termEnd && termOver(s, today)) {
    return { on: 'resultaat', who: { id: s.current.submittedBy, name: s.current.submitterName }, level: null, since: s.grant.termEnd };
  }
  return null;
}

export function requestView(item: LoadedRequest, v: Viewer, ctx: ViewContext): Breakthrough {
  const s = item.state;
  const versionOf = versionOfEvents(s.events);
  const outcome = item.outcomes.at(-1);
  const g = s.grant;
  return {
    id: s.request.id,
    caseId: s.request.caseId,
    status: s.status,
    level: s.routing.level!,
    createdBy: { id: s.request.createdBy, name: item.creatorName },
    createdAt: s.request.createdAt,
    current: versionView(s.current, ctx),
    versions: s.versions.map((row) => versionView(row, ctx)),
    events: s.events.map((e) => eventView(e, versionOf.get(e.id) ?? 1)),
    grant:
      g && g.mandate && g.conditions !== null && g.budgetCents !== null && g.termEnd !== null
        ? { by: { id: g.byUserId, name: g.byName }, mandate: g.mandate, at: g.at, conditions: g.conditions, budgetCents: g.budgetCents, termEnd: g.termEnd, note: g.note }
        : null,
    waiting: waitingOf(s, outcome !== undefined, ctx.today),
    escalationLevel: s.escalationLevel,
    outcome: outcome
      ? { achieved: outcome.achieved, type: outcome.type, typeOther: outcome.typeOther, difference: outcome.difference, successStory: outcome.successStory, by: { id: outcome.byUserId, name: outcome.byName }, at: outcome.at }
      : null,
    can: capabilities(s, v, ctx.today),
  };
}
