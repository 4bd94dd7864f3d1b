// Dates never leave as calendar dates with a reversible shift. Each product picks a policy:
// - 'relative': day numbers, day 0 = the start of the case ("dag 45", "dag -12"). The intervision
//   copy: colleagues reflect on the rhythm of a case (what came first, how long things took),
//   and no calendar date or time of day is in it.
// - 'month': dates coarsened to the month ("maart 2026"). The escalation file: it leaves the
//   municipality, and its arrival date is known to the receiver, so any day-exact numbering
//   anchored on the file's own events would give the calendar back.
// - 'remove': every date becomes "[datum]". Stories in the library: nobody needs the dates.
// In every policy a time of day written after a date goes with it, a birth date (after a birth
// word) goes outright, and a date long before the case (more than two years before day 0, or
// before `oldest`) becomes "[datum]": written without a birth word, it is most likely a birth
// date, and a day number or month would still give the age.

const DAY_MS = 86_400_000;

export type DatePolicy =
  | { kind: 'relative'; anchor: string; referenceYear: number; oldest: string }
  | { kind: 'month'; referenceYear: number; oldest: string }
  | { kind: 'remove' };

export const REMOVE_DATES: DatePolicy = { kind: 'remove' };

function utc(y: number, m: number, d: number): Date | null {
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d ? date : null;
}

/** The date part (YYYY-MM-DD) of a date or timestamp as a UTC midnight, or null. */
export function parseIsoDay(value: string | null | undefined): Date | null {
  if (!value) return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  return m ? utc(Number(m[1]), Number(m[2]), Number(m[3])) : null;
}

export const addDaysIso = (ymd: string, days: number) => new Date(parseIsoDay(ymd)!.getTime() + days * DAY_MS).toISOString().slice(0, 10);

/** Whole days from `anchor` to `value` (negative before it), or null when `value` is no date. */
export function dayNumber(value: string | null | undefined, anchor: string): number | null {
  const d = parseIsoDay(value);
  const a = parseIsoDay(anchor);
  return d && a ? Math.round((d.getTime() - a.getTime()) / DAY_MS) : null;
}

/** "2026-03": the month of a date or timestamp, or null. */
export function monthOf(value: string | null | undefined): string | null {
  const d = parseIsoDay(value);
  return d ? d.toISOString().slice(0, 7) : null;
}

export const MONTHS = ['januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus', 'september', 'oktober', 'november', 'december'];
const MONTH_ABBREVIATIONS: Record<string, number> = { jan: 1, feb: 2, mrt: 3, mar: 3, apr: 4, jun: 6, jul: 7, aug: 8, sep: 9, sept: 9, okt: 10, oct: 10, nov: 11, dec: 12 };

/** "maart 2026" for "2026-03" (or a date in it). */
export function monthLabel(value: string): string {
  const d = parseIsoDay(value.length === 7 ? `${value}-01` : value);
  return d ? `${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}` : '';
}

function monthNumber(word: string): number | null {
  const w = word.toLowerCase().replace(/\.$/, '');
  const full = MONTHS.indexOf(w);
  if (full >= 0) return full + 1;
  return MONTH_ABBREVIATIONS[w] ?? null;
}

const MONTH_WORD = `(?:${MONTHS.join('|')}|jan|feb|mrt|mar|apr|jun|jul|aug|sept|sep|okt|oct|nov|dec)\\.?`;
/** A time of day after a date goes with it: "14-03-2026 om 10.30 uur", "2026-03-14T09:30:00Z". */
const TIME_AFTER = "(?:(?:T|,?[ \\t]+(?:om[ \\t]+)?)(?:[01]?\\d|2[0-3])[:.][0-5]\\d(?::[0-5]\\d(?:\\.\\d+)?)?(?:Z|[+-]\\d{2}:?\\d{2})?(?:[ \\t]*uur)?)?";

/** How one date found in text is written back under a policy. */
export function writeDate(date: Date, policy: DatePolicy, form: 'day' | 'day-no-year' | 'month'): string {
  if (policy.kind === 'remove') return '[datum]';
  const oldest = parseIsoDay(policy.oldest);
  if (oldest && date.getTime() < oldest.getTime()) return '[datum]';
  if (policy.kind === 'month') return form === 'day-no-year' ? MONTHS[date.getUTCMonth()]! : `${MONTHS[date.getUTCMonth()]} ${date.getUTCFullYear()}`;
  const n = Math.round((date.getTime() - parseIsoDay(policy.anchor)!.getTime()) / DAY_MS);
  return form === 'month' ? `rond dag ${n}` : `dag ${n}`;
}

const refYear = (policy: DatePolicy) => (policy.kind === 'remove' ? new Date().getUTCFullYear() : policy.referenceYear);

const twoDigitYear = (yy: number, referenceYear: number) => {
  const century = Math.floor(referenceYear / 100) * 100;
  return century + yy > referenceYear + 10 ? century - 100 + yy : century + yy;
};

type Writer = (m: RegExpExecArray, policy: DatePolicy) => string | null;

/**
 * The date patterns, most specific first. Each writer answers null for something that looks
 * like a date but is none (31-02-2026): that is then left to the number detectors, which
 * remove it.
 */
export const DATE_PATTERNS: { re: RegExp; write: Writer }[] = [
  // 2026-03-14, 2026/03/14, also a timestamp (2026-03-14T10:00:00Z)
  {
    re: new RegExp(`(?<!\\d)(\\d{4})([-/])(\\d{1,2})\\2(\\d{1,2})(?!\\d)${TIME_AFTER}`, 'g'),
    write: (m, policy) => {
      const d = utc(Number(m[1]), Number(m[3]), Number(m[4]));
      return d ? writeDate(d, policy, 'day') : null;
    },
  },
  // 14-03-2026, 14/3/2026, 14.03.2026, 14-03-26 (two-digit years only with - or /)
  {
    re: new RegExp(`(?<![\\d.])(\\d{1,2})([-/.])(\\d{1,2})\\2(\\d{4}|\\d{2})(?![\\d])${TIME_AFTER}`, 'g'),
    write: (m, policy) => {
      if (m[4]!.length === 2 && m[2] === '.') return null;
      const year = m[4]!.length === 2 ? twoDigitYear(Number(m[4]), refYear(policy)) : Number(m[4]);
      const d = utc(year, Number(m[3]), Number(m[1]));
      return d ? writeDate(d, policy, 'day') : null;
    },
  },
  // 14 maart 2026, 14 mrt. 2026, 1 jan 26
  {
    re: new RegExp(`(?<![\\p{L}\\p{N}])(\\d{1,2})\\s+(${MONTH_WORD})\\s+(\\d{4}|'?\\d{2})(?![\\p{L}\\p{N}])${TIME_AFTER}`, 'giu'),
    write: (m, policy) => {
      const month = monthNumber(m[2]!);
      const rawYear = m[3]!.replace("'", '');
      const year = rawYear.length === 2 ? twoDigitYear(Number(rawYear), refYear(policy)) : Number(rawYear);
      const d = month ? utc(year, month, Number(m[1])) : null;
      return d ? writeDate(d, policy, 'day') : null;
    },
  },
  // 14 maart (no year): the reference year is assumed
  {
    re: new RegExp(`(?<![\\p{L}\\p{N}])(\\d{1,2})\\s+(${MONTH_WORD})(?![\\p{L}\\p{N}])${TIME_AFTER}`, 'giu'),
    write: (m, policy) => {
      const month = monthNumber(m[2]!);
      const ref = refYear(policy);
      const d = month ? (utc(ref, month, Number(m[1])) ?? (month === 2 && m[1] === '29' ? utc(ref - (ref % 4), 2, 29) : null)) : null;
      return d ? writeDate(d, policy, 'day-no-year') : null;
    },
  },
  // maart 2026
  {
    re: new RegExp(`(?<![\\p{L}\\p{N}])(${MONTH_WORD})\\s+(\\d{4})(?![\\p{L}\\p{N}])`, 'giu'),
    write: (m, policy) => {
      const month = monthNumber(m[1]!);
      const d = month ? utc(Number(m[2]), month, 15) : null;
      if (!d) return null;
      if (policy.kind === 'remove') return '[maand]';
      return writeDate(d, policy, 'month');
    },
  },
];

/**
 * Day and month without a year, in figures: "14-03", "03-04", "14/3", "maandag 14/3". Applied
 * after phone numbers, postcodes, streets and long numbers are gone (so "Van Goghstraat 3-5"
 * is an address, not the 3rd of May). A day and a month of two figures each ("14-03") or a day
 * above 12 ("14/3") is taken as a date; a short pair like "3-4" or "1/2" only after a weekday or
 * a word that introduces a date ("op 3/4", "vanaf 1/2"), so ranges and fractions ("3-5 jaar",
 * "op 3-4 momenten", "1/2 dag", "24/7") stay.
 */
const WEEKDAY = '(?:maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag|ma|di|wo|do|vr|za|zo)\\.?';
const DATE_LEAD = `(?:${WEEKDAY}|op|per|vanaf|sinds|tot|tot\\s+en\\s+met|t/m|tm|d\\.d\\.|dd|datum|gepland|afspraak|uiterlijk|omstreeks)\\s*:?\\s+`;
const NOT_AFTER = "(?:art|artikel|artikelen|lid|leden|nr|nummer|blz|p|pagina|hoofdstuk|bijlage|groep|klas|score|scores|versie|stap|stappen|fase|niveau|leeftijd)\\.?\\s+";
const UNIT_AFTER = '\\s*(?:jaar|jaren|jr|uur|u|dagen|dag|dagdelen|dagdeel|weken|week|maanden|maand|keer|x|kinderen|kind|personen|uren|minuten|min|kwartier|procent|%|euro|eur|km|kg|cm|m|punten|score)(?![\\p{L}])';
export const YEARLESS_DATE = new RegExp(
  `(?<![\\p{L}\\p{N}.,:/\\-€])(?<!${NOT_AFTER})(?<lead>${DATE_LEAD})?(?<day>\\d{1,2})(?<sep>[-/])(?<month>\\d{1,2})(?![\\p{N}]|[-/.,:]\\p{N}|\\p{L})(?!${UNIT_AFTER})`,
  'giu',
);

export function writeYearlessDate(m: { lead?: string; day: string; sep: string; month: string }, policy: DatePolicy): string | null {
  const day = Number(m.day);
  const month = Number(m.month);
  if (day < 1 || day > 31 || month < 1 || month > 12) return null;
  const padded = m.day.length === 2 && m.month.length === 2;
  const weekdayLead = !!m.lead && new RegExp(`^(?:${WEEKDAY}|d\\.d\\.|dd|datum)`, 'i').test(m.lead.trim());
  if (!padded && day <= 12 && !(weekdayLead || (m.lead && m.sep === '/'))) return null;
  if (`${day}/${month}` === '24/7' && m.sep === '/') return null;
  const ref = refYear(policy);
  const d = utc(ref, month, day) ?? (month === 2 && day === 29 ? utc(ref - (ref % 4), 2, 29) : null);
  return d ? writeDate(d, policy, 'day-no-year') : null;
}

// A birth date is removed outright, never converted: as a day number or a month it still gives the age.
const BIRTH_WORDS = '(?:geboren(?:\\s+op)?|geb\\.?(?:\\s+op)?|geboortedatum|geb\\.?\\s*datum|geboortedag|DOB|verjaardag(?:\\s+op)?|jarig(?:\\s+op)?)\\s*:?\\s*';
const DATE_LIKE = `(?:\\d{4}[-/]\\d{1,2}[-/]\\d{1,2}|\\d{1,2}[-/.]\\d{1,2}[-/.]\\d{2,4}|\\d{1,2}\\s+${MONTH_WORD}(?:\\s+'?\\d{2,4})?|\\d{1,2}[-/]\\d{1,2})`;
export const BIRTH_DATE = new RegExp(`(?<![\\p{L}])(${BIRTH_WORDS})${DATE_LIKE}`, 'giu');
