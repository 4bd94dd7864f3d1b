// The in-app inbox (postvak): across the cases a user sits at (or reads through temporary
// access), what asks for their attention:
//  - breakthrough requests awaiting their decision, and proposed deviations awaiting a mandate
//    holder at the table whose mandate covers them (mandate_rules, per law and route); when no one
//    at the table holds that mandate, the people who carry the case hear so (they add one);
//  - verdicts to sign: each professional who answers for a law in an open vraagstuk and has not
//    (or no longer currently) signed it, with a link to the vraagstuk at step 3;
//  - decisions of the last 30 days on their cases, for every member who may see what was
//    decided: breakthrough decisions for the municipal staff at the table, approvals and
//    rejections of deviations for every member, except internal deviations (staff only);
//  - reviews due within 14 days or overdue, for the people who carry the case (its regisseur
//    and procesregisseur(s)) and whoever proposed the deviation, concluded the vraagstuk or
//    asked for the breakthrough: approved deviations, concluded vraagstukken, and granted
//    breakthroughs whose term ends (or ended) without a recorded outcome.
// Breakthroughs are for municipal staff only; internal deviations never reach anyone else.
// A household member (functie inwoner) gets none of this, but a Postvak in her own words: ./resident.ts.
import type { Db } from '../../db/client';
import { requiredMandate } from '../../db/queries/deviations';
import { lawResponsibleRoles } from '../../db/queries/catalogue';
import { type EventRow, listEvents, listOutcomes, listVersions, requestIdsAssignedTo, requestsByIds, requestsOfCases } from '../../db/queries/breakthroughs';
import { activeMembersOf, casesWithOpenVraagstukken, deviationDecisionsSince, deviationsToReview, membershipsOf, temporaryCasesOf, undecidedDeviationsOf, vraagstukDecisionsOf } from '../../db/queries/inbox';
import type { UserRow } from '../../db/queries/users';
import { BREAKTHROUGH_KINDS } from '../../shared/breakthroughs';
import { DEFAULT_MANDATE, lawByKey, MANDATE_LABELS, type MandateLevel, mandateCovers } from '../../shared/laws';
import { canInCase, mandateOf, type Membership, temporaryMembership } from '../../shared/permissions';
import type { CaseStatus } from '../../shared/roles';
import { deviationHash, type Inbox, INBOX_NEWS_KINDS, type InboxItem, type InboxKind } from '../../shared/schemas';
import { vraagstukHref } from '../../shared/vraagstukken';
import type { Actor, Services } from '../context';
import { listVraagstukken } from '../vraagstukken/vraagstukken';
import { statusOf } from '../deviations/register';
import { formatDayNl, todayNl } from '../dates';
import { type RequestState, stateOf, termOver } from '../breakthroughs/state';
import { residentItems } from './resident';

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

async function seatsOf(db: Db, user: UserRow): Promise<Map<string, SeatAt>> {
  const seats = new Map<string, SeatAt>();
  for (const m of await membershipsOf(db, user.id)) {
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
  for (const t of await temporaryCasesOf(db, user.id)) {
    if (seats.has(t.caseId)) continue;
    // The same temporary seat the case routes give (server/cases/access.ts seatOf).
    const membership = temporaryMembership(t.requestIds);
    seats.set(t.caseId, { caseId: t.caseId, title: t.title, status: t.status, membership, member: false, leads: false, staff: canInCase(user.functie, membership, t.status, 'case.intern.access') });
  }
  return seats;
}

const kindLabel = (key: string) => BREAKTHROUGH_KINDS.find((k) => k.key === key)?.label ?? key;
const level = (l: string | null) => (l ? MANDATE_LABELS[l as keyof typeof MANDATE_LABELS].toLowerCase() : '');

const casePath = (caseId: string) => `/casussen/${encodeURIComponent(caseId)}`;
/** The sections of the case page an item opens at. */
const AT_BREAKTHROUGHS = '#doorbraken';
/** A deviation's own place in the register: the page scrolls to it and focuses its heading. */
const atDeviation = (id: string) => deviationHash(id);

/** `dueBy`: for reviews and terms, the day by which it should be done (overdue after it). `at`: a section anchor, or a full path. */
function item(seat: SeatAt, kind: InboxKind, text: string, date: string, dueBy: string | null, at = ''): InboxItem {
  const href = at.startsWith('/') ? at : `${casePath(seat.caseId)}${at}`;
  return { kind, caseId: seat.caseId, caseTitle: seat.title, text, date, overdue: dueBy !== null && date < dueBy, href };
}

async function loadStates(db: Db, requestIds: string[]): Promise<{ states: RequestState[]; withOutcome: Set<string> }> {
  const requests = await requestsByIds(db, requestIds);
  const versions = await listVersions(db, requestIds);
  const events = await listEvents(db, requestIds);
  return {
    states: requests.map((r) => stateOf(r, versions.filter((v) => v.requestId === r.id), events.filter((e) => e.requestId === r.id))),
    withOutcome: new Set((await listOutcomes(db, requestIds)).map((o) => o.requestId)),
  };
}

const DECIDED: Partial<Record<EventRow['kind'], string>> = { toegekend: 'toegekend', afgewezen: 'afgewezen', terug: 'teruggestuurd voor aanvulling' };

/** Decisions older than this (a timestamp) are no news any more. */
const decisionsSince = () => new Date(Date.now() - DECISIONS_DAYS * 86_400_000).toISOString();

async function breakthroughItems(db: Db, user: UserRow, seats: Map<string, SeatAt>, today: string): Promise<InboxItem[]> {
  const out: InboxItem[] = [];
  const staffCases = [...seats.values()].filter((s) => s.staff).map((s) => s.caseId);
  const ids = [...new Set([...await requestIdsAssignedTo(db, user.id), ...(await requestsOfCases(db, staffCases)).map((r) => r.id)])];
  const { states, withOutcome } = await loadStates(db, ids);
  const since = decisionsSince();
  const horizon = addDays(today, REVIEW_DAYS);
  for (const s of states) {
    const seat = seats.get(s.request.caseId);
    if (!seat || !seat.staff) continue;
    const what = kindLabel(s.current.kind);
    if (s.status === 'ingediend' && s.routing.assigneeId === user.id) {
      out.push(item(seat, 'besluit_nodig', `Een doorbraakverzoek wacht op uw besluit, onder het mandaat van ${level(s.routing.level)}. Soort: ${what}.`, s.routing.at, null, AT_BREAKTHROUGHS));
      continue;
    }
    // Every municipal professional at the table hears of a decision on their case.
    if (seat.member) {
      for (const e of s.events) {
        const verb = DECIDED[e.kind];
        if (!verb || e.at < since || e.byUserId === user.id) continue;
        out.push(item(seat, 'besluit_genomen', `Doorbraakverzoek ${verb} door ${e.byName} (${level(e.mandate)}). Soort: ${what}.`, e.at, null, AT_BREAKTHROUGHS));
      }
    }
    // Recording the result is for the people who carry the case or asked for the breakthrough.
    const termEnd = s.grant?.termEnd;
    if ((seat.leads || s.requesters.has(user.id)) && s.status === 'toegekend' && termEnd && termEnd <= horizon && !withOutcome.has(s.request.id)) {
      const text = termOver(s, today)
        ? `De termijn van een toegekende doorbraak liep tot en met ${formatDayNl(termEnd)}: leg het resultaat vast. Soort: ${what}.`
        : `De termijn van een toegekende doorbraak loopt af op ${formatDayNl(termEnd)}; leg daarna het resultaat vast. Soort: ${what}.`;
      out.push(item(seat, 'resultaat_doorbraak', text, termEnd, today, AT_BREAKTHROUGHS));
    }
  }
  return out;
}

async function deviationItems(db: Db, user: UserRow, seats: Map<string, SeatAt>, today: string): Promise<InboxItem[]> {
  const open = [...seats.values()].filter((s) => s.status === 'open').map((s) => s.caseId);
  const { rows, events } = await deviationsToReview(db, open, addDays(today, REVIEW_DAYS));
  const out: InboxItem[] = [];
  for (const d of rows) {
    const seat = seats.get(d.caseId)!;
    // Internal deviations are for municipal staff only (as in server/deviations/register.ts).
    if (d.internal && !seat.staff) continue;
    if (!seat.leads && d.proposedBy !== user.id) continue;
    if (statusOf(d, events.filter((e) => e.deviationId === d.id), today) !== 'goedgekeurd') continue;
    const due = d.reviewDate < today ? 'had herbeoordeeld moeten worden op' : 'wordt herbeoordeeld op';
    out.push(item(seat, 'herbeoordeling_afwijking', `Afwijking van ${lawByKey(d.law).name} („${d.rule}”) ${due} ${formatDayNl(d.reviewDate)}.`, d.reviewDate, today, atDeviation(d.id)));
  }
  return out;
}


/**
 * Approvals and rejections of deviations on the user's cases, for every member who may see the
 * deviation: an internal one (a fraud-relevant suspicion) only for municipal staff, as in the
 * register itself (server/deviations/register.ts).
 */
async function deviationDecisionItems(db: Db, user: UserRow, seats: Map<string, SeatAt>): Promise<InboxItem[]> {
  const cases = [...seats.values()].filter((s) => s.member).map((s) => s.caseId);
  const out: InboxItem[] = [];
  for (const d of await deviationDecisionsSince(db, cases, decisionsSince())) {
    const seat = seats.get(d.caseId)!;
    if (d.internal && !seat.staff) continue;
    if (d.byUserId === user.id || (d.kind !== 'goedgekeurd' && d.kind !== 'afgewezen')) continue;
    const by = d.mandate ? `${d.byName} (${level(d.mandate)})` : d.byName;
    out.push(item(seat, 'besluit_genomen', `Afwijking van ${lawByKey(d.law).name} („${d.rule}”) ${d.kind} door ${by}.`, d.at, null, atDeviation(d.deviationId)));
  }
  return out;
}

async function vraagstukItems(db: Db, user: UserRow, seats: Map<string, SeatAt>, today: string): Promise<InboxItem[]> {
  const open = [...seats.values()].filter((s) => s.status === 'open').map((s) => s.caseId);
  const latest = new Map<string, Awaited<ReturnType<typeof vraagstukDecisionsOf>>[number]>();
  for (const r of await vraagstukDecisionsOf(db, open)) latest.set(r.vraagstuk.id, r);
  const horizon = addDays(today, REVIEW_DAYS);
  const out: InboxItem[] = [];
  for (const { vraagstuk, decision } of latest.values()) {
    if (decision.kind !== 'besloten' || !decision.reviewDate || decision.reviewDate > horizon) continue;
    const seat = seats.get(vraagstuk.caseId)!;
    if (!seat.leads && decision.byUserId !== user.id) continue;
    const due = decision.reviewDate < today ? 'had herbeoordeeld moeten worden op' : 'wordt herbeoordeeld op';
    out.push(item(seat, 'herbeoordeling_vraagstuk', `Het besluit over het vraagstuk „${vraagstuk.title}” ${due} ${formatDayNl(decision.reviewDate)}.`, decision.reviewDate, today, vraagstukHref(seat.caseId, vraagstuk.id, 6)));
  }
  return out;
}

/**
 * Proposed deviations wait on every mandate holder at the table whose mandate covers the level
 * the municipality set for that law and route, except the one who proposed it (four eyes): the
 * same people the register lets decide (server/deviations/register.ts). A deviation is decided
 * at the table, never through temporary access; so when no one there holds the mandate, the
 * regisseur and procesregisseur(s), and whoever proposed it, are told to add one.
 */
async function pendingDeviationItems(db: Db, user: UserRow, seats: Map<string, SeatAt>, today: string): Promise<InboxItem[]> {
  const open = [...seats.values()].filter((s) => s.member && s.status === 'open').map((s) => s.caseId);
  const pending = (await undecidedDeviationsOf(db, open)).filter((r) => r.deviation.endDate >= today);
  if (pending.length === 0) return [];
  // The level as the register computes it (mandate_rules per law and route, else the default).
  const required = (d: (typeof pending)[number]['deviation']): Promise<MandateLevel> => requiredMandate(db, d.law, d.route, DEFAULT_MANDATE);
  const holders = (await activeMembersOf(db, [...new Set(pending.map((r) => r.deviation.caseId))])).flatMap((m) => {
    const mandate = mandateOf(m.functie);
    return mandate ? [{ ...m, mandate }] : [];
  });
  const mine = mandateOf(user.functie);
  const out: InboxItem[] = [];
  for (const { deviation: d, proposerName } of pending) {
    const seat = seats.get(d.caseId)!;
    if (d.internal && !seat.staff) continue;
    const need = await required(d);
    const what = `een afwijking van de ${lawByKey(d.law).name} („${d.rule}”)`;
    if (mine && mandateCovers(mine, need) && d.proposedBy !== user.id && canInCase(user.functie, seat.membership, seat.status, 'deviation.decide')) {
      out.push(item(seat, 'besluit_nodig', `${proposerName} stelde ${what} voor; die wacht op uw besluit, onder het mandaat van ${level(need)}.`, d.proposedAt, null, atDeviation(d.id)));
      continue;
    }
    const someone = holders.some((h) => h.caseId === d.caseId && h.userId !== d.proposedBy && mandateCovers(h.mandate, need));
    if (!someone && (seat.leads || d.proposedBy === user.id)) {
      out.push(
        item(
          seat,
          'mandaathouder_nodig',
          `${capitalise(what)} vraagt het mandaat van ${level(need)}, maar niemand aan tafel heeft dat mandaat. Voeg een mandaathouder toe als lid van de casus; die ziet het voorstel dan in zijn Postvak.`,
          d.proposedAt,
          null,
          atDeviation(d.id),
        ),
      );
    }
  }
  return out;
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/**
 * Verdicts asked of this user: in an open vraagstuk, every law in the toets this user answers for
 * (law_responsibilities) and has not signed, or whose draft changed since it was signed. The
 * vraagstuk's own view decides (`canSign`, `current`), so the Postvak asks exactly what the
 * signing route would accept.
 */
async function signatureItems(services: Services, actor: Actor, seats: Map<string, SeatAt>): Promise<InboxItem[]> {
  const { db } = services;
  if (!services.collab) return [];
  const roles = new Set(Object.values(await lawResponsibleRoles(db)).filter((r) => r !== null));
  const candidates = [...seats.values()].filter((s) => s.member && s.status === 'open' && roles.has(s.membership.caseRole) && canInCase(actor.user.functie, s.membership, s.status, 'verdict.sign'));
  const out: InboxItem[] = [];
  for (const caseId of await casesWithOpenVraagstukken(db, candidates.map((s) => s.caseId))) {
    const seat = seats.get(caseId)!;
    for (const v of await listVraagstukken(services, actor, caseId)) {
      if (v.status !== 'open') continue;
      for (const l of v.laws) {
        if (!l.canSign || l.current) continue;
        const law = lawByKey(l.law).name;
        const text = l.signature
          ? `Het oordeel over de ${law} bij het vraagstuk „${v.title}” is gewijzigd na ondertekening: lees het en onderteken opnieuw (stap 3).`
          : `Uw oordeel over de ${law} wordt gevraagd bij het vraagstuk „${v.title}”: geef en onderteken het in stap 3.`;
        out.push(item(seat, 'ondertekening_nodig', text, l.signature?.at ?? v.createdAt, null, vraagstukHref(caseId, v.id, 3)));
      }
    }
  }
  return out;
}

const ORDER: InboxKind[] = ['mening_gevraagd', 'besluit_nodig', 'ondertekening_nodig', 'mandaathouder_nodig', 'resultaat_doorbraak', 'herbeoordeling_afwijking', 'herbeoordeling_vraagstuk', 'besluit_genomen', 'bericht'];

async function professionalItems(services: Services, actor: Actor, today: string): Promise<InboxItem[]> {
  const { db } = services;
  const seats = await seatsOf(db, actor.user);
  return [
    ...await breakthroughItems(db, actor.user, seats, today),
    ...await pendingDeviationItems(db, actor.user, seats, today),
    ...await signatureItems(services, actor, seats),
    ...await deviationItems(db, actor.user, seats, today),
    ...await deviationDecisionItems(db, actor.user, seats),
    ...await vraagstukItems(db, actor.user, seats, today),
  ];
}

export async function inboxOf(services: Services, actor: Actor, today = todayNl()): Promise<Inbox> {
  const { user } = actor;
  // The functional administrator sees no case content, so has nothing here.
  if (user.functie === 'functioneel_beheerder') return { items: [], count: 0, waiting: 0 };
  // The household gets a Postvak of its own, in its own words (./resident.ts).
  const items = user.functie === 'inwoner' ? await residentItems(services.db, user, decisionsSince(), today) : await professionalItems(services, actor, today);
  // What needs doing first; within a kind the oldest (or most overdue) first, news newest first.
  items.sort((a, b) => ORDER.indexOf(a.kind) - ORDER.indexOf(b.kind) || (INBOX_NEWS_KINDS.includes(a.kind) ? b.date.localeCompare(a.date) : a.date.localeCompare(b.date)));
  return { items, count: items.length, waiting: items.filter((i) => !INBOX_NEWS_KINDS.includes(i.kind)).length };
}
