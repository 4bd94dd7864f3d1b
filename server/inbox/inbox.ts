// The in-app inbox (postvak): across the cases a user sits at (or reads through temporary
// access), what asks for their attention:
//  - breakthrough requests awaiting their decision;
//  - decisions of the last 30 days on their cases, for every member who may see what was
//    decided: breakthrough decisions for the municipal staff at the table, approvals and
//    rejections of deviations for every member, except internal deviations (staff only);
//  - reviews due within 14 days or overdue, for the people who carry the case (its regisseur
//    and procesregisseur(s)) and whoever proposed the deviation, concluded the vraagstuk or
//    asked for the breakthrough: approved deviations, concluded vraagstukken, and granted
//    breakthroughs whose term ends (or ended) without a recorded outcome.
// Breakthroughs are for municipal staff only; internal deviations never reach anyone else.
import type { Db } from '../../db/client';
import { type EventRow, listEvents, listOutcomes, listVersions, requestIdsAssignedTo, requestsByIds, requestsOfCases } from '../../db/queries/breakthroughs';
import { deviationDecisionsSince, deviationsToReview, membershipsOf, temporaryCasesOf, vraagstukDecisionsOf } from '../../db/queries/inbox';
import type { UserRow } from '../../db/queries/users';
import { BREAKTHROUGH_KINDS } from '../../shared/breakthroughs';
import { lawByKey, MANDATE_LABELS } from '../../shared/laws';
import { canInCase, type Membership, temporaryMembership } from '../../shared/permissions';
import type { CaseStatus } from '../../shared/roles';
import type { Inbox, InboxItem, InboxKind } from '../../shared/schemas';
import { statusOf } from '../deviations/register';
import { formatDayNl, todayNl } from '../dates';
import { type RequestState, stateOf, termOver } from '../breakthroughs/state';

const DECISIONS_DAYS = 30;
const REVIEW_DAYS = 14;

function addDays(ymd: string, days: number): string {
  const d = new Date(`${ymd}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

interface SeatAt {
  caseId: string;
  title: string;
  status: CaseStatus;
  membership: Membership;
  /** A current member (not a mandate holder reading through temporary access). */
  member: boolean;
  /** Carries the case: its regisseur or a procesregisseur at the table. */
  leads: boolean;
  /** Municipal staff here: sees breakthroughs and internal deviations. */
  staff: boolean;
}

function seatsOf(db: Db, user: UserRow): Map<string, SeatAt> {
  const seats = new Map<string, SeatAt>();
  for (const m of membershipsOf(db, user.id)) {
    const membership: Membership = { caseRole: m.caseRole, access: m.access, isRegisseur: m.regisseurUserId === user.id, temporaryFor: null };
    seats.set(m.caseId, {
      caseId: m.caseId,
      title: m.title,
      status: m.status,
      membership,
      member: true,
      leads: membership.isRegisseur || m.caseRole === 'procesregisseur',
      staff: canInCase(user.functie, membership, m.status, 'case.intern.access'),
    });
  }
  for (const t of temporaryCasesOf(db, user.id)) {
    if (seats.has(t.caseId)) continue;
    // The same temporary seat the case routes give (server/cases/access.ts seatOf).
    const membership = temporaryMembership(t.requestIds);
    seats.set(t.caseId, { caseId: t.caseId, title: t.title, status: t.status, membership, member: false, leads: false, staff: canInCase(user.functie, membership, t.status, 'case.intern.access') });
  }
  return seats;
}

const kindLabel = (key: string) => BREAKTHROUGH_KINDS.find((k) => k.key === key)?.label ?? key;
const level = (l: string | null) => (l ? MANDATE_LABELS[l as keyof typeof MANDATE_LABELS].toLowerCase() : '');

/** `dueBy`: for reviews and terms, the day by which it should be done (overdue after it). */
function item(seat: SeatAt, kind: InboxKind, text: string, date: string, dueBy: string | null): InboxItem {
  return { kind, caseId: seat.caseId, caseTitle: seat.title, text, date, overdue: dueBy !== null && date < dueBy, href: `/casussen/${encodeURIComponent(seat.caseId)}` };
}

function loadStates(db: Db, requestIds: string[]): { states: RequestState[]; withOutcome: Set<string> } {
  const requests = requestsByIds(db, requestIds);
  const versions = listVersions(db, requestIds);
  const events = listEvents(db, requestIds);
  return {
    states: requests.map((r) => stateOf(r, versions.filter((v) => v.requestId === r.id), events.filter((e) => e.requestId === r.id))),
    withOutcome: new Set(listOutcomes(db, requestIds).map((o) => o.requestId)),
  };
}

const DECIDED: Partial<Record<EventRow['kind'], string>> = { toegekend: 'toegekend', afgewezen: 'afgewezen', terug: 'teruggestuurd voor aanvulling' };

/** Decisions older than this (a timestamp) are no news any more. */
const decisionsSince = () => new Date(Date.now() - DECISIONS_DAYS * 86_400_000).toISOString();

function breakthroughItems(db: Db, user: UserRow, seats: Map<string, SeatAt>, today: string): InboxItem[] {
  const out: InboxItem[] = [];
  const staffCases = [...seats.values()].filter((s) => s.staff).map((s) => s.caseId);
  const ids = [...new Set([...requestIdsAssignedTo(db, user.id), ...requestsOfCases(db, staffCases).map((r) => r.id)])];
  const { states, withOutcome } = loadStates(db, ids);
  const since = decisionsSince();
  const horizon = addDays(today, REVIEW_DAYS);
  for (const s of states) {
    const seat = seats.get(s.request.caseId);
    if (!seat || !seat.staff) continue;
    const what = kindLabel(s.current.kind);
    if (s.status === 'ingediend' && s.routing.assigneeId === user.id) {
      out.push(item(seat, 'besluit_nodig', `Een doorbraakverzoek wacht op uw besluit, onder het mandaat van ${level(s.routing.level)}. Soort: ${what}.`, s.routing.at, null));
      continue;
    }
    // Every municipal professional at the table hears of a decision on their case.
    if (seat.member) {
      for (const e of s.events) {
        const verb = DECIDED[e.kind];
        if (!verb || e.at < since || e.byUserId === user.id) continue;
        out.push(item(seat, 'besluit_genomen', `Doorbraakverzoek ${verb} door ${e.byName} (${level(e.mandate)}). Soort: ${what}.`, e.at, null));
      }
    }
    // Recording the result is for the people who carry the case or asked for the breakthrough.
    const termEnd = s.grant?.termEnd;
    if ((seat.leads || s.requesters.has(user.id)) && s.status === 'toegekend' && termEnd && termEnd <= horizon && !withOutcome.has(s.request.id)) {
      const text = termOver(s, today)
        ? `De termijn van een toegekende doorbraak liep tot en met ${formatDayNl(termEnd)}: leg het resultaat vast. Soort: ${what}.`
        : `De termijn van een toegekende doorbraak loopt af op ${formatDayNl(termEnd)}; leg daarna het resultaat vast. Soort: ${what}.`;
      out.push(item(seat, 'resultaat_doorbraak', text, termEnd, today));
    }
  }
  return out;
}

function deviationItems(db: Db, user: UserRow, seats: Map<string, SeatAt>, today: string): InboxItem[] {
  const open = [...seats.values()].filter((s) => s.status === 'open').map((s) => s.caseId);
  const { rows, events } = deviationsToReview(db, open, addDays(today, REVIEW_DAYS));
  const out: InboxItem[] = [];
  for (const d of rows) {
    const seat = seats.get(d.caseId)!;
    // Internal deviations are for municipal staff only (as in server/deviations/register.ts).
    if (d.internal && !seat.staff) continue;
    if (!seat.leads && d.proposedBy !== user.id) continue;
    if (statusOf(d, events.filter((e) => e.deviationId === d.id), today) !== 'goedgekeurd') continue;
    const due = d.reviewDate < today ? 'had herbeoordeeld moeten worden op' : 'wordt herbeoordeeld op';
    out.push(item(seat, 'herbeoordeling_afwijking', `Afwijking van ${lawByKey(d.law).name} („${d.rule}”) ${due} ${formatDayNl(d.reviewDate)}.`, d.reviewDate, today));
  }
  return out;
}


/**
 * Approvals and rejections of deviations on the user's cases, for every member who may see the
 * deviation: an internal one (a fraud-relevant suspicion) only for municipal staff, as in the
 * register itself (server/deviations/register.ts).
 */
function deviationDecisionItems(db: Db, user: UserRow, seats: Map<string, SeatAt>): InboxItem[] {
  const cases = [...seats.values()].filter((s) => s.member).map((s) => s.caseId);
  const out: InboxItem[] = [];
  for (const d of deviationDecisionsSince(db, cases, decisionsSince())) {
    const seat = seats.get(d.caseId)!;
    if (d.internal && !seat.staff) continue;
    if (d.byUserId === user.id || (d.kind !== 'goedgekeurd' && d.kind !== 'afgewezen')) continue;
    const by = d.mandate ? `${d.byName} (${level(d.mandate)})` : d.byName;
    out.push(item(seat, 'besluit_genomen', `Afwijking van ${lawByKey(d.law).name} („${d.rule}”) ${d.kind} door ${by}.`, d.at, null));
  }
  return out;
}

function vraagstukItems(db: Db, user: UserRow, seats: Map<string, SeatAt>, today: string): InboxItem[] {
  const open = [...seats.values()].filter((s) => s.status === 'open').map((s) => s.caseId);
  const latest = new Map<string, ReturnType<typeof vraagstukDecisionsOf>[number]>();
  for (const r of vraagstukDecisionsOf(db, open)) latest.set(r.vraagstuk.id, r);
  const horizon = addDays(today, REVIEW_DAYS);
  const out: InboxItem[] = [];
  for (const { vraagstuk, decision } of latest.values()) {
    if (decision.kind !== 'besloten' || !decision.reviewDate || decision.reviewDate > horizon) continue;
    const seat = seats.get(vraagstuk.caseId)!;
    if (!seat.leads && decision.byUserId !== user.id) continue;
    const due = decision.reviewDate < today ? 'had herbeoordeeld moeten worden op' : 'wordt herbeoordeeld op';
    out.push(item(seat, 'herbeoordeling_vraagstuk', `Het besluit over het vraagstuk „${vraagstuk.title}” ${due} ${formatDayNl(decision.reviewDate)}.`, decision.reviewDate, today));
  }
  return out;
}

const ORDER: InboxKind[] = ['besluit_nodig', 'resultaat_doorbraak', 'herbeoordeling_afwijking', 'herbeoordeling_vraagstuk', 'besluit_genomen'];

export function inboxOf(db: Db, user: UserRow, today = todayNl()): Inbox {
  // The functional administrator sees no case content, so has nothing here.
  if (user.functie === 'functioneel_beheerder') return { items: [], count: 0 };
  const seats = seatsOf(db, user);
  const items = [...breakthroughItems(db, user, seats, today), ...deviationItems(db, user, seats, today), ...deviationDecisionItems(db, user, seats), ...vraagstukItems(db, user, seats, today)];
  // What needs doing first; within a kind the oldest (or most overdue) first, decisions newest first.
  items.sort((a, b) => ORDER.indexOf(a.kind) - ORDER.indexOf(b.kind) || (a.kind === 'besluit_genomen' ? b.date.localeCompare(a.date) : a.date.localeCompare(b.date)));
  return { items, count: items.length };
}
