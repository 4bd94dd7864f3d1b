// Whom a case in the procesregisseur's overview waits for, for what, and since when: one list
// per case, built from rows the overview already loaded (no query per case). Every signal gets
// its own entries, so the overview never shows a signal without saying whose move it is:
// - a breakthrough request: the mandate holder, the submitter, the procesregisseur after a
//   refusal (escalate or withdraw), or the national desk;
// - an open vraagstuk: the professionals who still have to sign, then the regisseur;
// - a deviation proposal: a mandate holder with a high enough mandate;
// - overdue goals: their owners (one entry per owner); a deviation past its review date: its
//   proposer and approver;
// - a quiet plan and the vastgelopen flag: the regisseur; no regisseur: whoever may assign one;
// - a closure without follow-up agreements: the last regisseur.
import type { OpenRequestRow, OverdueGoalRow, RegisseurChangeRow, ScopeMemberRow } from '../../db/queries/stuck';
import { LAW_KEYS, type LawKey, lawByKey, MANDATE_LABELS, mandateCovers, type MandateLevel } from '../../shared/laws';
import { type CaseAction, canInCase, mandateOf } from '../../shared/permissions';
import { CASE_ROLE_LABELS, FUNCTIE_LABELS, type Functie } from '../../shared/roles';
import type { CaseSignal, WaitingItem } from '../../shared/schemas';
import { escalationLevelAfter } from '../breakthroughs/state';
import type { LoadedCase } from './facts';
import { dayOf, daysBetween } from './signals';

export interface WaitContext {
  today: string;
  /** Current members, loaded only for the cases whose waits name them (membersNeeded). */
  members: Map<string, ScopeMemberRow[]>;
  requests: Map<string, OpenRequestRow[]>;
  signed: Set<string>;
  responsible: Record<LawKey, string | null>;
  mandateFor: (law: string, route: string) => MandateLevel;
  /** Last loss or change of the regisseur, for cases without one and closed cases. */
  regisseurChanges: Map<string, RegisseurChangeRow>;
  /** Name and functie of the goal owners. */
  people: Map<string, { name: string; functie: Functie }>;
}

type Person = WaitingItem['waitingFor'][number];

const item = (ctx: WaitContext, w: Omit<WaitingItem, 'days'>): WaitingItem => ({ ...w, days: Math.max(0, daysBetween(dayOf(w.since), ctx.today)) });

/**
 * Whether the waits of this case name members from the table (and so need its members loaded):
 * open vraagstukken, deviation proposals, a refused request, or no regisseur to name instead.
 * Most cases name only their regisseur or the goal owners, which come with their own rows.
 */
export function membersNeeded(c: LoadedCase, requests: readonly OpenRequestRow[]): boolean {
  if (c.base.status !== 'open') return false;
  return !c.base.regisseurId || c.openVraagstukken.length > 0 || c.liveDeviations.some((d) => d.lastKind === null) || requests.some((r) => r.kind === 'afgewezen');
}

/** Members who may do this in this case, by the permission matrix (the same rule the server applies); asked once per case and action. */
function membersWho(ctx: WaitContext, c: LoadedCase, action: CaseAction, memo: Map<CaseAction, ScopeMemberRow[]>): ScopeMemberRow[] {
  let who = memo.get(action);
  if (!who) {
    who = (ctx.members.get(c.base.id) ?? []).filter((m) =>
      canInCase(m.functie, { caseRole: m.caseRole, access: m.access, isRegisseur: m.userId === c.base.regisseurId, temporaryFor: null }, c.base.status, action),
    );
    memo.set(action, who);
  }
  return who;
}

type Memo = Map<CaseAction, ScopeMemberRow[]>;

const asPerson = (m: ScopeMemberRow, what: string): Person => ({ name: m.name, role: `${CASE_ROLE_LABELS[m.caseRole]} (${what})` });

/** The regisseur; without one, whoever may appoint one (and so pick up what the regisseur would). */
function regisseurOrAssigners(ctx: WaitContext, c: LoadedCase, memo: Memo, what: string): { waitingFor: Person[]; note: string | null } {
  if (c.base.regisseurName) return { waitingFor: [{ name: c.base.regisseurName, role: `Regisseur (${what})` }], note: null };
  const assigners = membersWho(ctx, c, 'case.regisseur.assign', memo);
  return assigners.length > 0
    ? { waitingFor: assigners.map((m) => asPerson(m, 'wijst een regisseur aan')), note: null }
    : { waitingFor: [], note: 'Een procesregisseur: niemand aan tafel kan een regisseur aanwijzen' };
}

// ---------------------------------------------------------------- breakthrough requests

function requestWaits(ctx: WaitContext, c: LoadedCase, memo: Memo): WaitingItem[] {
  return (ctx.requests.get(c.base.id) ?? []).map((r) => {
    if (r.kind === 'terug') {
      return item(ctx, { kind: 'doorbraak', subject: 'Doorbraakverzoek (terug voor aanvulling)', waitingFor: r.requesterName ? [{ name: r.requesterName, role: 'Indiener' }] : [], note: r.requesterName ? null : 'De indiener', level: r.level, since: r.at });
    }
    if (r.kind === 'geexporteerd') {
      return item(ctx, { kind: 'doorbraak', subject: 'Doorbraakverzoek (landelijk)', waitingFor: [], note: 'Het landelijk maatwerkloket; daarna het resultaat vastleggen', level: r.level, since: r.at });
    }
    if (r.kind === 'afgewezen') {
      // Refused: the procesregisseur decides whether it goes up a level (or to the national desk) or is withdrawn.
      const up = r.level ? escalationLevelAfter(r.level, r.mandate) : null;
      const what = up ? `opschalen naar ${MANDATE_LABELS[up].toLowerCase()} of intrekken` : 'voorleggen aan het landelijk maatwerkloket of intrekken';
      const requesters = membersWho(ctx, c, 'breakthrough.request', memo);
      return item(ctx, {
        kind: 'doorbraak',
        subject: 'Doorbraakverzoek (afgewezen)',
        waitingFor: requesters.map((m) => ({ name: m.name, role: `${FUNCTIE_LABELS[m.functie]} (${what})` })),
        note: requesters.length ? null : `Een procesregisseur met bewerkrechten: ${what}`,
        level: r.level,
        since: r.at,
      });
    }
    const role = r.level ? MANDATE_LABELS[r.level] : r.assigneeFunctie ? FUNCTIE_LABELS[r.assigneeFunctie] : 'Mandaathouder';
    return item(ctx, {
      kind: 'doorbraak',
      subject: r.kind === 'opgeschaald' ? 'Doorbraakverzoek (opgeschaald)' : 'Doorbraakverzoek',
      waitingFor: r.assigneeName ? [{ name: r.assigneeName, role }] : [],
      note: r.assigneeName ? null : `Een ${role.toLowerCase()}`,
      level: r.level,
      since: r.at,
    });
  });
}

// ---------------------------------------------------------------- vraagstukken and deviations

/**
 * An open vraagstuk waits for the professionals who have not signed their law's verdict yet.
 * Which laws are in scope is part of the co-edited draft (the plan's Y.Doc); loading every
 * plan here would cost a document load per case, so the overview uses the scope a vraagstuk
 * starts with: the laws that the case's members answer for. Once every such law is signed,
 * it waits for the regisseur's conclusion.
 */
function vraagstukWaits(ctx: WaitContext, c: LoadedCase): WaitingItem[] {
  const members = ctx.members.get(c.base.id) ?? [];
  return c.openVraagstukken.map((v) => {
    const since = v.lastKind === 'heropend' && v.lastAt ? v.lastAt : v.createdAt;
    const waitingFor = LAW_KEYS.flatMap((law) => {
      const role = ctx.responsible[law];
      if (!role || ctx.signed.has(`${v.id}:${law}`)) return [];
      return members.filter((m) => m.caseRole === role).map((m) => ({ name: m.name, role: `${CASE_ROLE_LABELS[m.caseRole]} (${lawByKey(law).name})` }));
    });
    if (waitingFor.length === 0 && c.base.regisseurName) waitingFor.push({ name: c.base.regisseurName, role: 'Regisseur (besluit)' });
    return item(ctx, { kind: 'vraagstuk', subject: v.title, waitingFor, note: waitingFor.length ? null : 'Niemand aan tafel: wijs een regisseur aan', level: null, since });
  });
}

/** A proposed deviation waits for a mandate holder at the table whose mandate is high enough. */
function deviationWaits(ctx: WaitContext, c: LoadedCase): WaitingItem[] {
  const members = ctx.members.get(c.base.id) ?? [];
  return c.liveDeviations
    .filter((d) => d.lastKind === null)
    .map((d) => {
      const level = ctx.mandateFor(d.law, d.route);
      const holders = members.filter((m) => {
        const mandate = mandateOf(m.functie);
        return m.caseRole === 'mandaathouder' && mandate !== null && mandateCovers(mandate, level);
      });
      return item(ctx, {
        kind: 'afwijking',
        subject: d.rule,
        waitingFor: holders.map((m) => ({ name: m.name, role: FUNCTIE_LABELS[m.functie] })),
        note: holders.length ? null : `Een ${MANDATE_LABELS[level].toLowerCase()}${level === 'wethouder' ? '' : ' of hoger'} (niet aan tafel)`,
        level,
        since: d.proposedAt,
      });
    });
}

/** An approved deviation past its review date (still running): its proposer reassesses it, its approver decides again. */
function reviewWaits(ctx: WaitContext, c: LoadedCase): WaitingItem[] {
  return c.liveDeviations
    .filter((d) => d.lastKind === 'goedgekeurd' && d.reviewDate < ctx.today)
    .map((d) => {
      const waitingFor: Person[] = [{ name: d.proposerName, role: 'Indiener (herbeoordeling)' }];
      if (d.approverName && d.approverName !== d.proposerName) waitingFor.push({ name: d.approverName, role: 'Goedgekeurd door (opnieuw besluiten)' });
      return item(ctx, { kind: 'herbeoordeling', subject: d.rule, waitingFor, note: null, level: ctx.mandateFor(d.law, d.route), since: d.reviewDate });
    });
}

// ---------------------------------------------------------------- the other signals

const GOAL_SUBJECT_MAX = 120;
const goalSubject = (text: string) => {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length > GOAL_SUBJECT_MAX ? `${t.slice(0, GOAL_SUBJECT_MAX - 1)}…` : t;
};

/**
 * Overdue goals wait for their owner: a professional, or the household itself; without an owner,
 * for the regisseur. One entry per owner (since the oldest due date), so a case with many
 * overdue goals names each person once.
 */
function goalWaits(ctx: WaitContext, c: LoadedCase, memo: Memo): WaitingItem[] {
  const byOwner = new Map<string, OverdueGoalRow[]>();
  for (const g of c.overdueGoals) {
    const key = g.ownerUserId && ctx.people.has(g.ownerUserId) ? `u:${g.ownerUserId}` : g.ownerHousehold?.trim() ? `h:${g.ownerHousehold.trim()}` : '-';
    const list = byOwner.get(key);
    if (list) list.push(g);
    else byOwner.set(key, [g]);
  }
  return [...byOwner.values()].map((goals) => {
    const oldest = goals.reduce((a, b) => (b.dueDate < a.dueDate ? b : a));
    const subject = goals.length === 1 ? goalSubject(oldest.text) : `${goals.length} doelen, het oudste „${goalSubject(oldest.text)}”`;
    const base = { kind: 'doel' as const, subject, level: null, since: oldest.dueDate };
    const owner = oldest.ownerUserId ? ctx.people.get(oldest.ownerUserId) : undefined;
    if (owner) return item(ctx, { ...base, waitingFor: [{ name: owner.name, role: `${FUNCTIE_LABELS[owner.functie]} (eigenaar)` }], note: null });
    if (oldest.ownerHousehold?.trim()) return item(ctx, { ...base, waitingFor: [], note: `Het huishouden (${oldest.ownerHousehold.trim()}), met de regisseur` });
    return item(ctx, { ...base, ...regisseurOrAssigners(ctx, c, memo, 'doel zonder eigenaar') });
  });
}

function signalWaits(ctx: WaitContext, c: LoadedCase, memo: Memo, signals: readonly CaseSignal[]): WaitingItem[] {
  const out: WaitingItem[] = [];
  const has = (key: CaseSignal['key']) => signals.find((s) => s.key === key);
  const quiet = has('plan_stil');
  if (quiet?.since) out.push(item(ctx, { kind: 'plan', subject: 'Plan niet gewijzigd', ...regisseurOrAssigners(ctx, c, memo, 'plan bijwerken'), level: null, since: quiet.since }));
  if (has('vastgelopen') && c.flag?.kind === 'gemeld') {
    out.push(item(ctx, { kind: 'vastgelopen', subject: c.flag.reason, ...regisseurOrAssigners(ctx, c, memo, 'vastgelopen melding'), level: null, since: c.flag.at }));
  }
  if (has('geen_regisseur')) {
    const assigners = membersWho(ctx, c, 'case.regisseur.assign', memo);
    // Since the regisseur left or was taken off; a case that never had one since it began.
    const since = ctx.regisseurChanges.get(c.base.id)?.at ?? c.base.createdAt;
    out.push(
      item(ctx, {
        kind: 'regisseur',
        subject: 'Regisseur aanwijzen',
        waitingFor: assigners.map((m) => asPerson(m, 'wijst een regisseur aan')),
        note: assigners.length ? null : 'Een procesregisseur: niemand aan tafel kan een regisseur aanwijzen',
        level: null,
        since,
      }),
    );
  }
  if (has('gesloten_zonder_borging')) {
    const last = c.base.regisseurName ?? ctx.regisseurChanges.get(c.base.id)?.previousName ?? null;
    out.push(
      item(ctx, {
        kind: 'borging',
        subject: 'Vervolgafspraken (borgingsafspraken) vastleggen',
        waitingFor: last ? [{ name: last, role: 'Laatste regisseur' }] : [],
        note: last ? null : 'De laatste regisseur is niet bekend: een procesregisseur heropent de casus of legt de afspraken vast',
        level: null,
        since: c.base.closedAt ?? c.base.createdAt,
      }),
    );
  }
  return out;
}

/** Everything the case waits for, longest-waiting first. */
export function waitsOf(ctx: WaitContext, c: LoadedCase, signals: readonly CaseSignal[]): WaitingItem[] {
  // A closed case only has its closure to wait on (and requests still with the national desk).
  const open = c.base.status === 'open';
  const memo: Memo = new Map();
  return [
    ...requestWaits(ctx, c, memo),
    ...(open ? [...vraagstukWaits(ctx, c), ...deviationWaits(ctx, c), ...reviewWaits(ctx, c), ...goalWaits(ctx, c, memo)] : []),
    ...signalWaits(ctx, c, memo, signals),
  ].sort((a, b) => b.days - a.days);
}
