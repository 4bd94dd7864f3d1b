// The free-text scrubber: one pass over a text that removes what identifies a person or a
// home, moves (or removes) dates, and replaces known names by roles. Conservative on purpose:
// when something might identify someone, it goes. What it cannot know is listed in README.md.
import { type DateMode, DATE_PATTERNS, removeBirthDates, writeYearlessDate, YEARLESS_DATE } from './dates';
import { replaceAddressedNames } from './names';
import { replaceOrganisations, replacePlaces } from './places';

// Private-use characters mark dates already handled, so no later step touches them; any such
// character in the input is dropped first, so a text cannot forge one.
const MARK = '\uE000';
const PRIVATE_USE = /[\uE000-\uF8FF]/g;
const MARKED = /\uE000([\uE100-\uF8FF])/g;

// ---------------------------------------------------------------- identifiers

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/gu;
const URL = /\b(?:https?:\/\/|www\.)[^\s<>"]+/giu;
// IBAN: country code, check digits, then groups (NL91 ABNA 0417 1643 00, NL91ABNA0417164300).
const IBAN = /(?<![\p{L}\p{N}])[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]){11,30}(?![\p{L}\p{N}])/giu;
// Phone numbers: international (+31 6 1234 5678, 0031...), Dutch (06-12345678, 010 123 45 67,
// (010) 1234567, 06 - 12 34 56 78). Between digits: nothing, spaces, or one of - . with spaces around.
const SEP = '(?:[ \\t]*[-.][ \\t]*|[ \\t]+)?';
const PHONE_INTL = new RegExp(`(?<![\\p{L}\\p{N}])(?:\\+|00)\\d{1,3}${SEP}(?:\\(0\\)${SEP})?\\d(?:${SEP}\\d){6,11}(?!\\d)`, 'gu');
const PHONE_AREA = new RegExp(`\\(0\\d{1,3}\\)${SEP}\\d(?:${SEP}\\d){5,7}(?!\\d)`, 'gu');
const PHONE_NL = new RegExp(`(?<![\\p{N}])0\\d(?:${SEP}\\d){8}(?!\\d)`, 'gu');
// Postcodes: 1234 AB, 1234AB, 1234ab, 1234 ab. Lower case with a space only when the two letters
// are no common word or unit: "2019 en", "1500 km", "2020 op" are no postcode. The place name
// right after a postcode goes with it.
const NOT_POSTCODE_LETTERS = [
  'en', 'of', 'in', 'op', 'om', 'na', 'te', 'de', 'ik', 'je', 'ze', 'we', 'is', 'al', 'er', 'nu', 'ja', 'zo', 'af', 'uw', 'ex', 'ga', 'ma', 'di', 'wo', 'do', 'vr', 'za',
  'ca', 'cm', 'km', 'kg', 'mg', 'ml', 'mm', 'gr', 'jr', 'nr', 'st', 'pp', 'pm', 'pj', 'ct', 'eu', 'tv', 'pc', 'hr', 'mw', 'dd', 'ok', 'oh', 'pa', 'mr', 'dr', 'vs', 'bv',
  'cq', 'zg', 'an', 'et', 'me', 'la', 'el', 'le', 'du', 'da', 'to', 'at', 'on', 'or', 'be', 'it', 'as', 'if', 'so', 'no', 'he', 'my', 'by', 'up', 'us', 'mb', 'gb', 'kb',
  'kw', 'ha', 'jl', 'wk', 'uu', 'ie', 'hé', 'hè', 'ah', 'eh', 'oe', 'au',
];
const POSTCODE = new RegExp(
  `(?<![\\p{L}\\p{N}€])(?<!€\\s)[1-9]\\d{3}(?:\\s?[A-Z]{2}|[a-z]{2}|[ \\t](?!(?:${NOT_POSTCODE_LETTERS.join('|')})(?![\\p{L}\\p{N}]))[a-z]{2})(?![\\p{L}\\p{N}])(?:[ \\t]+\\p{Lu}[\\p{Ll}'’-]+(?:[ \\t-]\\p{Lu}[\\p{Ll}'’-]+)?)?`,
  'gu',
);
// Streets. With a house number, any word ending in a street suffix ("Kastanjelaan 12a",
// "Van Goghstraat 3-5"); without one, only a capitalised word with an unmistakable suffix
// ("woont aan de Kerkstraat"), so "arbeidsmarkt" and "verbetering" stay.
const STRICT_SUFFIX = '(?:straat|straatweg|laan|weg|plein|gracht|kade|singel|dijk|steeg|dreef|plantsoen|boulevard|allee|dwarsstraat|hof|pad|park|markt|erf|hoeve|kwartier)';
const BROAD_SUFFIX = `(?:${STRICT_SUFFIX.slice(3, -1)}|ring|baan|veld|wal|hoek|akker|burg|haven|dam|brink|donk|lei|kanaal|oever|wijk|hoven|gaarde|rode|horst|berg|promenade|passage|galerij|flat|kamp|zijde|pleintje|laantje|straatje)`;
const HOUSE_NUMBER = '\\s*\\d{1,5}(?:\\s?[a-zA-Z](?![\\p{L}])|\\s?-\\s?\\d{1,4}|\\s?(?:bis|hs|huis|bg|rd|zw|I{1,3})(?![\\p{L}]))?';
const STREET_PREFIX = "(?:(?:\\p{Lu}[\\p{L}'’.-]*|van|de|der|den|het|ten|ter|'t)\\s+){0,4}";
const STREET_NUMBERED = new RegExp(
  `(?<![\\p{L}\\p{N}])${STREET_PREFIX}(?:\\p{Lu}[\\p{L}'’-]*${BROAD_SUFFIX}|\\p{L}[\\p{L}'’-]*${STRICT_SUFFIX})(?![\\p{L}])${HOUSE_NUMBER}`,
  'gu',
);
const STREET_NAME = new RegExp(`(?<![\\p{L}\\p{N}])${STREET_PREFIX}\\p{Lu}[\\p{L}'’-]*${STRICT_SUFFIX}(?![\\p{L}])`, 'gu');
const PO_BOX = /(?<![\p{L}])postbus\s*\d+/giu;
// "woont op nummer 12", "adres: Kerkpad 3": a capitalised name followed by a house number after an address word.
const ADDRESSED = new RegExp(`((?:adres|woonadres|woont|wonend|woonachtig)\\s*:?\\s*(?:\\p{Ll}+\\s+){0,3})\\p{Lu}[\\p{L}'’.-]*(?:\\s+\\p{Lu}[\\p{L}'’.-]*){0,3}${HOUSE_NUMBER}`, 'gu');
// Every other long number: BSN (123456782, 123.456.782, 123 456 782), client numbers, file
// numbers. Nine or more digits with separators, or six or more in one run.
const LONG_NUMBER = /(?<![\p{L}\p{N}€])(?<!€\s)\d(?:[\s.-]?\d){8,}(?![\p{N}])|(?<![\p{L}\p{N}€.,])(?<!€\s)\d{6,}(?![\p{N}])/gu;
// Numbers after a label, however short: "klantnummer 87654", "dossiernr. 4521", "BSN: 12345",
// "kenmerk ZK-2024/12". Any word ending in -nummer or -nr is a label.
const NUMBER_LABEL = '(?:\\p{L}*(?:nummer|nr)|bsn|burgerservicenummer|sofi|kenmerk|referentie|ref|kvk)';
const LABELED_NUMBER = new RegExp(
  `(?<![\\p{L}])(${NUMBER_LABEL}\\.?[ \\t]*(?:[:#][ \\t]*)?(?:is[ \\t]+)?)((?=[\\p{L}\\p{N}/.\\s-]*\\p{N})[\\p{L}\\p{N}](?:[\\p{L}\\p{N}/-]|[.\\s](?=\\p{N}))*)`,
  'giu',
);
// A year on its own ("sinds 2019"), except in law names and amounts.
const LONE_YEAR = /(?<![\p{L}\p{N}€.,/-])(?<!(?:Wmo|inburgering|[Vv]erordening[\p{L}\s-]{0,80}|[Bb]eleidsregels?[\p{L}\s-]{0,80})\s)(?:19|20)\d{2}(?![\p{N}]|[.,]\d|\s*(?:euro|EUR)|,-)/gu;

export interface ScrubContext {
  /** Replaces the names the copy knows (household, family name, people at the table). */
  names?: (text: string) => string;
  /** Move dates, or remove them (for texts whose date offset nobody knows, like a published story). */
  dates: DateMode;
}

/** One free text, scrubbed. With dates removed it is idempotent; with dates moved, scrub each text once. */
export function scrubText(input: string, ctx: ScrubContext): string {
  if (!input) return '';
  const found: string[] = [];
  const mark = (replacement: string) => {
    found.push(replacement);
    return MARK + String.fromCharCode(0xe100 + found.length - 1);
  };
  let text = input.replace(PRIVATE_USE, '');

  // Things that contain names or digits of their own go first.
  text = text.replace(EMAIL, '[e-mail]').replace(URL, '[link]');
  text = text.replace(IBAN, (m) => (/\d/.test(m.slice(4)) ? '[IBAN]' : m));
  text = removeBirthDates(text);
  for (const { re, write } of DATE_PATTERNS) {
    text = text.replace(re, (...args) => {
      const m = args.slice(0, -2) as unknown as RegExpExecArray;
      const r = write(m, ctx.dates);
      return r ? mark(r.replacement) : String(args[0]);
    });
  }
  text = text.replace(PHONE_INTL, '[telefoon]').replace(PHONE_AREA, '[telefoon]').replace(PHONE_NL, '[telefoon]');
  text = text.replace(POSTCODE, '[postcode]');
  text = text.replace(PO_BOX, '[adres]').replace(ADDRESSED, (_m, lead: string) => `${lead}[adres]`).replace(STREET_NUMBERED, '[adres]').replace(STREET_NAME, '[adres]');
  text = text.replace(LONG_NUMBER, '[nummer]');
  text = text.replace(LABELED_NUMBER, (m, label: string, value: string) => (/\p{N}/u.test(value) ? `${label}[nummer]` : m));
  // Day and month without a year go after every number that could look like one.
  text = text.replace(YEARLESS_DATE, (...args) => {
    const groups = args.at(-1) as { lead?: string; day: string; sep: string; month: string };
    const r = writeYearlessDate(groups, ctx.dates);
    return r ? `${groups.lead ?? ''}${mark(r)}` : String(args[0]);
  });
  text = text.replace(LONE_YEAR, '[jaar]');
  if (ctx.names) text = ctx.names(text);
  text = replaceAddressedNames(text);
  text = replaceOrganisations(text);
  text = replacePlaces(text);
  return text.replace(MARKED, (_m, ch: string) => found[ch.charCodeAt(0) - 0xe100] ?? '[datum]');
}
