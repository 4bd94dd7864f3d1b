// Dates move by one offset per copy (whole days, kept only in memory while the copy is made),
// so the story keeps its rhythm (what came first, how long things took) but no longer matches
// a real calendar. Dates in structured fields and dates written in text move alike.
import { randomInt } from 'node:crypto';

const DAY_MS = 86_400_000;

/**
 * A fresh offset: 5 to 52 weeks, earlier or later. A whole number of weeks keeps weekdays
 * right ("on Tuesdays", "maandag 14 maart") without telling anything about the offset.
 */
export function randomShiftDays(): number {
  const weeks = randomInt(5, 53);
  return (randomInt(0, 2) === 0 ? -1 : 1) * weeks * 7;
}

function utc(y: number, m: number, d: number): Date | null {
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d ? date : null;
}

const pad = (n: number) => String(n).padStart(2, '0');
const ymd = (d: Date) => `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;

/** A YYYY-MM-DD (or the date part of an ISO timestamp) moved by `days`; null when it is no date. */
export function shiftIsoDate(value: string | null | undefined, days: number): string | null {
  if (!value) return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  const d = m ? utc(Number(m[1]), Number(m[2]), Number(m[3])) : null;
  return d ? ymd(new Date(d.getTime() + days * DAY_MS)) : null;
}

// ---------------------------------------------------------------- dates in text

export const MONTHS = ['januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus', 'september', 'oktober', 'november', 'december'];
const MONTH_ABBREVIATIONS: Record<string, number> = { jan: 1, feb: 2, mrt: 3, mar: 3, apr: 4, jun: 6, jul: 7, aug: 8, sep: 9, sept: 9, okt: 10, oct: 10, nov: 11, dec: 12 };

function monthNumber(word: string): number | null {
  const w = word.toLowerCase().replace(/\.$/, '');
  const full = MONTHS.indexOf(w);
  if (full >= 0) return full + 1;
  return MONTH_ABBREVIATIONS[w] ?? null;
}

const MONTH_WORD = `(?:${MONTHS.join('|')}|jan|feb|mrt|mar|apr|jun|jul|aug|sept|sep|okt|oct|nov|dec)\\.?`;

/** How a date found in text is written back: moved, or replaced by a marker. */
export type DateMode = { shiftDays: number; referenceYear: number } | 'remove';

interface Found {
  /** The text to put in place of the date. */
  replacement: string;
}

type Writer = (m: RegExpExecArray, mode: DateMode) => Found | null;

function moved(date: Date, mode: Exclude<DateMode, 'remove'>): Date {
  return new Date(date.getTime() + mode.shiftDays * DAY_MS);
}

const twoDigitYear = (yy: number, referenceYear: number) => {
  const century = Math.floor(referenceYear / 100) * 100;
  return century + yy > referenceYear + 10 ? century - 100 + yy : century + yy;
};

/**
 * The date patterns, most specific first. Each writer answers null for something that looks
 * like a date but is none (31-02-2026): that is then left to the number scrubbers.
 */
export const DATE_PATTERNS: { re: RegExp; write: Writer }[] = [
  // 2026-03-14, 2026/03/14, also inside a timestamp (2026-03-14T10:00)
  {
    re: /(?<!\d)(\d{4})([-/])(\d{1,2})\2(\d{1,2})(?!\d)/g,
    write: (m, mode) => {
      const d = utc(Number(m[1]), Number(m[3]), Number(m[4]));
      if (!d) return null;
      if (mode === 'remove') return { replacement: '[datum]' };
      const s = moved(d, mode);
      return { replacement: `${s.getUTCFullYear()}${m[2]}${pad(s.getUTCMonth() + 1)}${m[2]}${pad(s.getUTCDate())}` };
    },
  },
  // 14-03-2026, 14/3/2026, 14.03.2026, 14-03-26 (two-digit years only with - or /)
  {
    re: /(?<![\d.])(\d{1,2})([-/.])(\d{1,2})\2(\d{4}|\d{2})(?![\d])/g,
    write: (m, mode) => {
      if (m[4]!.length === 2 && m[2] === '.') return null;
      const ref = mode === 'remove' ? new Date().getUTCFullYear() : mode.referenceYear;
      const year = m[4]!.length === 2 ? twoDigitYear(Number(m[4]), ref) : Number(m[4]);
      const d = utc(year, Number(m[3]), Number(m[1]));
      if (!d) return null;
      if (mode === 'remove') return { replacement: '[datum]' };
      const s = moved(d, mode);
      const y = m[4]!.length === 2 ? pad(s.getUTCFullYear() % 100) : String(s.getUTCFullYear());
      return { replacement: `${pad(s.getUTCDate())}${m[2]}${pad(s.getUTCMonth() + 1)}${m[2]}${y}` };
    },
  },
  // 14 maart 2026, 14 mrt. 2026, 1 jan 26
  {
    re: new RegExp(`(?<![\\p{L}\\p{N}])(\\d{1,2})\\s+(${MONTH_WORD})\\s+(\\d{4}|'?\\d{2})(?![\\p{L}\\p{N}])`, 'giu'),
    write: (m, mode) => {
      const month = monthNumber(m[2]!);
      const rawYear = m[3]!.replace("'", '');
      const ref = mode === 'remove' ? new Date().getUTCFullYear() : mode.referenceYear;
      const year = rawYear.length === 2 ? twoDigitYear(Number(rawYear), ref) : Number(rawYear);
      const d = month ? utc(year, month, Number(m[1])) : null;
      if (!d) return null;
      if (mode === 'remove') return { replacement: '[datum]' };
      const s = moved(d, mode);
      return { replacement: `${s.getUTCDate()} ${MONTHS[s.getUTCMonth()]} ${s.getUTCFullYear()}` };
    },
  },
  // 14 maart (no year): the reference year is assumed, the year is left out again
  {
    re: new RegExp(`(?<![\\p{L}\\p{N}])(\\d{1,2})\\s+(${MONTH_WORD})(?![\\p{L}\\p{N}])`, 'giu'),
    write: (m, mode) => {
      const month = monthNumber(m[2]!);
      const ref = mode === 'remove' ? 2024 : mode.referenceYear;
      const d = month ? utc(ref, month, Number(m[1])) ?? (month === 2 && m[1] === '29' ? utc(2024, 2, 29) : null) : null;
      if (!d) return null;
      if (mode === 'remove') return { replacement: '[datum]' };
      const s = moved(d, mode);
      return { replacement: `${s.getUTCDate()} ${MONTHS[s.getUTCMonth()]}` };
    },
  },
  // maart 2026: taken as the middle of the month, so it moves by the same offset (give or take)
  {
    re: new RegExp(`(?<![\\p{L}\\p{N}])(${MONTH_WORD})\\s+(\\d{4})(?![\\p{L}\\p{N}])`, 'giu'),
    write: (m, mode) => {
      const month = monthNumber(m[1]!);
      const d = month ? utc(Number(m[2]), month, 15) : null;
      if (!d) return null;
      if (mode === 'remove') return { replacement: '[maand]' };
      const s = moved(d, mode);
      return { replacement: `${MONTHS[s.getUTCMonth()]} ${s.getUTCFullYear()}` };
    },
  },
];

/**
 * Day and month without a year, in figures: "14-03", "03-04", "14/3", "maandag 14/3". Applied
 * after phone numbers, postcodes, streets and long numbers are gone (so "Van Goghstraat 3-5"
 * is an address, not the 3rd of May). A day and a month of two figures each ("14-03") or a day
 * above 12 ("14/3") is taken as a date; a short pair like "3-4" or "1/2" only after a weekday or
 * a word that introduces a date ("op 3/4", "vanaf 1/2"), so ranges and fractions ("3-5 jaar",
 * "op 3-4 momenten", "1/2 dag", "24/7") stay. Moved by the same offset, the year of reference assumed, written back
 * in the same way (leading zeros and separator kept).
 */
const WEEKDAY = '(?:maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag|ma|di|wo|do|vr|za|zo)\\.?';
const DATE_LEAD = `(?:${WEEKDAY}|op|per|vanaf|sinds|tot|tot\\s+en\\s+met|t/m|tm|d\\.d\\.|dd|datum|gepland|afspraak|uiterlijk|omstreeks)\\s*:?\\s+`;
const NOT_AFTER = "(?:art|artikel|artikelen|lid|leden|nr|nummer|blz|p|pagina|hoofdstuk|bijlage|groep|klas|score|scores|versie|stap|stappen|fase|niveau|leeftijd)\\.?\\s+";
const UNIT_AFTER = '\\s*(?:jaar|jaren|jr|uur|u|dagen|dag|dagdelen|dagdeel|weken|week|maanden|maand|keer|x|kinderen|kind|personen|uren|minuten|min|kwartier|procent|%|euro|eur|km|kg|cm|m|punten|score)(?![\\p{L}])';
export const YEARLESS_DATE = new RegExp(
  `(?<![\\p{L}\\p{N}.,:/\\-€])(?<!${NOT_AFTER})(?<lead>${DATE_LEAD})?(?<day>\\d{1,2})(?<sep>[-/])(?<month>\\d{1,2})(?![\\p{N}]|[-/.,:]\\p{N}|\\p{L})(?!${UNIT_AFTER})`,
  'giu',
);

export function writeYearlessDate(m: { lead?: string; day: string; sep: string; month: string }, mode: DateMode): string | null {
  const day = Number(m.day);
  const month = Number(m.month);
  if (day < 1 || day > 31 || month < 1 || month > 12) return null;
  const padded = m.day.length === 2 && m.month.length === 2;
  // "3-4" or "1/2" on its own is a range or a fraction; after a weekday it is a date, after "op",
  // "vanaf" and the like only when written with a slash ("op 3-4 momenten" is a range).
  const weekdayLead = !!m.lead && new RegExp(`^(?:${WEEKDAY}|d\\.d\\.|dd|datum)`, 'i').test(m.lead.trim());
  if (!padded && day <= 12 && !(weekdayLead || (m.lead && m.sep === '/'))) return null;
  if (`${day}/${month}` === '24/7' && m.sep === '/') return null;
  const ref = mode === 'remove' ? 2024 : mode.referenceYear;
  const d = utc(ref, month, day) ?? (month === 2 && day === 29 ? utc(2024, 2, 29) : null);
  if (!d) return null;
  if (mode === 'remove') return '[datum]';
  const s = moved(d, mode);
  const dd = padded ? pad(s.getUTCDate()) : String(s.getUTCDate());
  const mm = padded ? pad(s.getUTCMonth() + 1) : String(s.getUTCMonth() + 1);
  return `${dd}${m.sep}${mm}`;
}

// A birth date is removed outright, never moved: moved, it would still give the age to the day.
const BIRTH_WORDS = '(?:geboren(?:\\s+op)?|geb\\.?(?:\\s+op)?|geboortedatum|geb\\.?\\s*datum|geboortedag|DOB|verjaardag(?:\\s+op)?|jarig(?:\\s+op)?)\\s*:?\\s*';
const DATE_LIKE = `(?:\\d{4}[-/]\\d{1,2}[-/]\\d{1,2}|\\d{1,2}[-/.]\\d{1,2}[-/.]\\d{2,4}|\\d{1,2}\\s+${MONTH_WORD}(?:\\s+'?\\d{2,4})?)`;
const BIRTH_DATE = new RegExp(`(?<![\\p{L}])(${BIRTH_WORDS})${DATE_LIKE}`, 'giu');

export function removeBirthDates(text: string): string {
  return text.replace(BIRTH_DATE, (_m, words: string) => `${words}[geboortedatum]`);
}
