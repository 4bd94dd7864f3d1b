// A period as people choose it (Dutch calendar days, both inclusive) and as the database
// compares it (UTC instants, half-open), so a decision at 00:30 on 1 March in Zuiderhaven
// falls in March even though it is still February in UTC.
import type { Instants } from '../../db/queries/knelpunten';
import { todayNl } from '../dates';
import { Errors } from '../http/errors';

export interface Period extends Instants {
  /** First day, YYYY-MM-DD. */
  fromDay: string;
  /** Last day, YYYY-MM-DD (inclusive). */
  toDay: string;
}

export function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** The UTC instant at which this day begins in the Netherlands (UTC+1 in winter, UTC+2 in summer). */
export function startOfDayNl(day: string): string {
  const utcMidnight = Date.parse(`${day}T00:00:00Z`);
  for (const hours of [2, 1]) {
    const candidate = new Date(utcMidnight - hours * 3_600_000);
    if (todayNl(candidate) === day) return candidate.toISOString();
  }
  return new Date(utcMidnight).toISOString();
}

/** The chosen period; by default the year up to and including today. */
export function resolvePeriod(q: { from?: string; to?: string }, today = todayNl()): Period {
  const toDay = q.to ?? today;
  const fromDay = q.from ?? addDays(toDay, -364);
  if (fromDay > toDay) throw Errors.unprocessable('PERIODE_ONGELDIG', 'De begindatum van de periode ligt na de einddatum.');
  return { fromDay, toDay, from: startOfDayNl(fromDay), toExcl: startOfDayNl(addDays(toDay, 1)) };
}

const DAY_MS = 86_400_000;

/** Median of durations in days, to one decimal; null when there is nothing to measure. */
export function medianDays(pairs: readonly { start: string; end: string }[]): { n: number; medianDays: number | null } {
  const days = pairs.map((p) => (Date.parse(p.end) - Date.parse(p.start)) / DAY_MS).filter((d) => Number.isFinite(d) && d >= 0).sort((a, b) => a - b);
  if (days.length === 0) return { n: 0, medianDays: null };
  const mid = Math.floor(days.length / 2);
  const m = days.length % 2 === 1 ? days[mid]! : (days[mid - 1]! + days[mid]!) / 2;
  return { n: days.length, medianDays: Math.round(m * 10) / 10 };
}
