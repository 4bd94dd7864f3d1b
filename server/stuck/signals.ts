// The stuck-case signals, computed from rows without touching the database: the same rules
// for one case page and for the overview across hundreds of cases, and testable on fixture
// rows with a fixed `today`. The SQL in db/queries/stuck.ts narrows the rows down (only
// overdue goals, only open vraagstukken, ...); the rules here decide, so they hold even for
// rows the SQL let through too generously.
import { STUCK_SIGNALS, type SignalSetting, type StuckSignal } from '../../shared/stuck';
import type { CaseStatus } from '../../shared/roles';
import type { CaseSignal } from '../../shared/schemas';

export interface CaseFacts {
  status: CaseStatus;
  createdAt: string;
  closedAt: string | null;
  hasRegisseur: boolean;
  borgingsafspraken: string | null;
  goals: readonly { status: string; dueDate: string | null }[];
  /** Newest update of the plan room; null when nobody ever wrote in it. */
  lastPlanChangeAt: string | null;
  vraagstukken: readonly { title: string; createdAt: string; lastKind: 'besloten' | 'heropend' | null; lastAt: string | null }[];
  deviations: readonly { rule: string; reviewDate: string; endDate: string; lastKind: 'goedgekeurd' | 'afgewezen' | 'ingetrokken' | null }[];
  /** The latest flag event of the case. */
  flag: { kind: 'gemeld' | 'opgeheven'; reason: string; byName: string; at: string } | null;
}

export type Thresholds = Record<SignalSetting, number>;

const MONTHS = ['jan.', 'feb.', 'mrt.', 'apr.', 'mei', 'jun.', 'jul.', 'aug.', 'sep.', 'okt.', 'nov.', 'dec.'];
const DAY_MS = 86_400_000;

// One formatter for all calls: creating an Intl formatter per timestamp cost more than the
// rest of the overview together (hundreds of cases, several timestamps each).
const nlDay = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit', day: '2-digit' });

// The Netherlands is a whole number of hours ahead of UTC, so the Dutch day of a UTC timestamp
// follows from its UTC hour: one formatting per hour seen, not per timestamp (the overview of a
// procesregisseur in 2,000 cases formats tens of thousands). Bounded: cleared when it grows large.
const dayOfUtcHour = new Map<string, string>();

/** The calendar day in the Netherlands of a timestamp (as server/dates.ts todayNl counts), or the day itself. */
export function dayOf(isoOrDay: string): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(isoOrDay)) return isoOrDay;
  // Only the canonical UTC form (toISOString, as every stored timestamp) may share an hour's answer.
  const hour = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/.test(isoOrDay) ? isoOrDay.slice(0, 13) : null;
  if (hour === null) return nlDay.format(new Date(isoOrDay));
  let day = dayOfUtcHour.get(hour);
  if (day === undefined) {
    if (dayOfUtcHour.size > 100_000) dayOfUtcHour.clear();
    day = nlDay.format(new Date(`${hour}:00:00Z`));
    dayOfUtcHour.set(hour, day);
  }
  return day;
}

export function daysBetween(fromDay: string, toDay: string): number {
  return Math.round((Date.parse(`${toDay}T00:00:00Z`) - Date.parse(`${fromDay}T00:00:00Z`)) / DAY_MS);
}

/** "3 okt.", with the year only when it is not this year's: short enough for a list of reasons. */
export function shortDate(day: string, today: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const base = `${d} ${MONTHS[m - 1]}`;
  return day.slice(0, 4) === today.slice(0, 4) ? base : `${base} ${y}`;
}

/** Ends a sentence with a full stop, unless it ends with an abbreviated month that has one ("3 okt."). */
const sentence = (s: string) => (s.endsWith('.') ? s : `${s}.`);
const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
const label = (key: StuckSignal) => STUCK_SIGNALS.find((s) => s.key === key)!.label;
const signal = (key: StuckSignal, reason: string, since: string | null): CaseSignal => ({ key, label: label(key), reason, since });

function goalsOverdue(f: CaseFacts, today: string): CaseSignal | null {
  const due = f.goals
    .filter((g) => (g.status === 'open' || g.status === 'bezig') && g.dueDate !== null && g.dueDate < today)
    .map((g) => g.dueDate!)
    .sort();
  const oldest = due[0];
  if (!oldest) return null;
  const reason =
    due.length === 1
      ? sentence(`1 doel over de streefdatum, sinds ${shortDate(oldest, today)}`)
      : sentence(`${due.length} doelen over de streefdatum, de oudste sinds ${shortDate(oldest, today)}`);
  return signal('doelen_verlopen', reason, oldest);
}

function planQuiet(f: CaseFacts, today: string, weeks: number): CaseSignal | null {
  // A plan nobody ever wrote in has been quiet since the case began.
  const since = dayOf(f.lastPlanChangeAt ?? f.createdAt);
  const days = daysBetween(since, today);
  if (days < weeks * 7) return null;
  const howLong = `${plural(Math.floor(days / 7), 'week', 'weken')}; drempel ${plural(weeks, 'week', 'weken')}`;
  const reason = f.lastPlanChangeAt
    ? `Plan sinds ${shortDate(since, today)} niet gewijzigd (${howLong}).`
    : `In het plan is sinds de start op ${shortDate(since, today)} niets geschreven (${howLong}).`;
  return signal('plan_stil', reason, since);
}

function vraagstukOpen(f: CaseFacts, today: string, maxDays: number): CaseSignal | null {
  // Open since it was opened, or since it was reopened after a conclusion.
  const long = f.vraagstukken
    .filter((v) => v.lastKind !== 'besloten')
    .map((v) => ({ title: v.title, since: dayOf(v.lastKind === 'heropend' && v.lastAt ? v.lastAt : v.createdAt) }))
    .map((v) => ({ ...v, days: daysBetween(v.since, today) }))
    .filter((v) => v.days > maxDays)
    .sort((a, b) => b.days - a.days);
  const oldest = long[0];
  if (!oldest) return null;
  const threshold = `drempel ${plural(maxDays, 'dag', 'dagen')}`;
  const reason =
    long.length === 1
      ? `Vraagstuk „${oldest.title}” staat ${plural(oldest.days, 'dag', 'dagen')} open (${threshold}).`
      : `${long.length} vraagstukken langer dan ${plural(maxDays, 'dag', 'dagen')} open; het oudste, „${oldest.title}”, sinds ${shortDate(oldest.since, today)} (${plural(oldest.days, 'dag', 'dagen')}).`;
  return signal('vraagstuk_lang_open', reason, oldest.since);
}

function deviationReview(f: CaseFacts, today: string): CaseSignal | null {
  // Approved, still running (not expired), and its review date has passed.
  const overdue = f.deviations
    .filter((d) => d.lastKind === 'goedgekeurd' && d.endDate >= today && d.reviewDate < today)
    .sort((a, b) => a.reviewDate.localeCompare(b.reviewDate));
  const oldest = overdue[0];
  if (!oldest) return null;
  const reason =
    overdue.length === 1
      ? `De afwijking „${oldest.rule}” had op ${shortDate(oldest.reviewDate, today)} herbeoordeeld moeten worden.`
      : sentence(`${overdue.length} goedgekeurde afwijkingen over de herbeoordelingsdatum, de oudste sinds ${shortDate(oldest.reviewDate, today)}`);
  return signal('afwijking_herbeoordelen', reason, oldest.reviewDate);
}

function noRegisseur(f: CaseFacts): CaseSignal | null {
  if (f.hasRegisseur) return null;
  return signal('geen_regisseur', 'Deze casus heeft geen regisseur: het huishouden heeft niemand die de weg weet.', null);
}

function closedWithoutFollowUp(f: CaseFacts, today: string): CaseSignal | null {
  if ((f.borgingsafspraken ?? '').trim() !== '') return null;
  const when = f.closedAt ? ` op ${shortDate(dayOf(f.closedAt), today)}` : '';
  return signal('gesloten_zonder_borging', `Gesloten${when} zonder vervolgafspraken (borgingsafspraken).`, f.closedAt ? dayOf(f.closedAt) : null);
}

function flagged(f: CaseFacts, today: string): CaseSignal | null {
  if (f.flag?.kind !== 'gemeld') return null;
  const day = dayOf(f.flag.at);
  return signal('vastgelopen', `Als vastgelopen gemeld door ${f.flag.byName} op ${shortDate(day, today)}: „${f.flag.reason}”`, day);
}

/**
 * Every signal that applies to the case today, in the order of STUCK_SIGNALS. A closed case
 * only signals a closure without follow-up agreements: its goals, plan and reviews are over.
 */
export function computeSignals(f: CaseFacts, thresholds: Thresholds, today: string): CaseSignal[] {
  const found =
    f.status === 'gesloten'
      ? [closedWithoutFollowUp(f, today)]
      : [
          goalsOverdue(f, today),
          planQuiet(f, today, thresholds.plan_stil_weken),
          vraagstukOpen(f, today, thresholds.vraagstuk_open_dagen),
          deviationReview(f, today),
          noRegisseur(f),
          flagged(f, today),
        ];
  return found.filter((s): s is CaseSignal => s !== null);
}
