// The free-text scrubber: one pass over a text in three layers.
//   a. what the case knows (known.ts): its names, phone numbers, e-mail addresses and
//      organisations, in any spelling, become roles or placeholders;
//   b. generic detectors for the rest, failing closed: e-mail addresses, links, handles, IBANs,
//      birth dates, phone numbers, postcodes, addresses (also "Kerkstr. 12", "Markt 3"), names
//      after a form of address or with surname particles, schools, employers, places, and every
//      digit or letter–digit code that is not a known safe pattern (numbers.ts); dates follow
//      the product's date policy (dates.ts);
//   c. flags (suspects.ts) on what is left and may still identify someone, for the review.
// The text is normalised first (NFKC, invisible characters out: normalise.ts). The result is
// a list of pieces (marker.ts), so a review can show every replacement and every flag.
import { BIRTH_DATE, DATE_PATTERNS, type DatePolicy, writeYearlessDate, YEARLESS_DATE } from './dates';
import { findKnown, type KnownIndex } from './known';
import { Marker, type Piece, piecesToText, PRIVATE_USE } from './marker';
import { replaceAddressedNames, replaceParticleNames } from './names';
import { normalise } from './normalise';
import { removeUnsafeNumbers } from './numbers';
import { replaceOrganisations, replacePlaces } from './places';
import { markSuspects } from './suspects';
import { isFieldTerm } from './terms';

// ---------------------------------------------------------------- identifiers

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/gu;
const URL = /\b(?:https?:\/\/|www\.)[^\s<>"]+/giu;
/** A social-media handle: "@sanne_v", "@Sanne.Verbeek90". */
const HANDLE = /(?<![\p{L}\p{N}._%+-])@[\p{L}\p{N}_.]{2,}(?<![.])/gu;
// IBAN: country code, check digits, then groups with any of the usual separators
// (NL91 ABNA 0417 1643 00, NL91ABNA0417164300, NL91-ABNA-0417-1643-00, NL91.ABNA…).
const IBAN = /(?<![\p{L}\p{N}])[A-Z]{2}\d{2}(?:[ .\-]?[A-Z0-9]{4}){2,7}(?:[ .\-]?[A-Z0-9]{1,3})?(?![\p{L}\p{N}])/giu;
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
// Abbreviated streets: "Kerkstr. 12", "Stationsln 4", "Julianapl. 3".
const STREET_ABBREVIATED = new RegExp(`(?<![\\p{L}\\p{N}])${STREET_PREFIX}\\p{Lu}[\\p{L}'’-]*(?:str|ln|pl|gr|sngl|kd|wg|dr|pln)\\.?${HOUSE_NUMBER}(?![\\p{N}])`, 'gu');
// A capitalised word with a house number ("Markt 3", "Brink 14a", "aan de Hoge Ham 7"): an address,
// unless the word is one that numbers things ("Groep 7", "Stap 3", "Artikel 18") or a term of the field.
const NUMBERS_THINGS = new Set([
  'artikel', 'art', 'artikelen', 'lid', 'groep', 'fase', 'stap', 'bijlage', 'hoofdstuk', 'versie', 'week', 'klas', 'niveau', 'dag', 'score', 'jaar', 'leerjaar', 'pagina', 'blz',
  'punt', 'vraag', 'doel', 'actie', 'optie', 'route', 'periode', 'ronde', 'sessie', 'gesprek', 'module', 'kind', 'moeder', 'vader', 'ouder', 'gezinslid', 'grootouder', 'totaal',
  'zrm', 'kamer', 'bus', 'lijn', 'nummer', 'nr', 'deel', 'plan', 'stappenplan', 'variant', 'scenario', 'casus', 'dossier', 'rond',
]);
const STREET_WORDS = /(?:markt|plein|dijk|kade|singel|haven|brink|wal|laan|weg|dreef|hof|ring|straat|steeg|gracht|park|pad|erf|veld|boulevard|promenade|kanaal|ham|hoek|dam|burg)$/i;
const CAPITAL_HOUSE = new RegExp(
  `(?<![\\p{L}\\p{N}])((?:\\p{Lu}[\\p{L}'’-]*[ \\t]+){0,2}\\p{Lu}[\\p{L}'’-]*)[ \\t]+(\\d{1,4}(?:[ \\t]?[a-zA-Z](?![\\p{L}])|-\\d{1,4})?)(?![\\p{N}]|[.,:/]\\d)(?![ \\t]*(?:jaar|jaren|jr|maanden|maand|weken|week|dagen|dag|uur|uren|minuten|keer|x|kinderen|kind|personen|gesprekken|procent|%|euro|km|kg|cm|punten|e|de|ste)(?![\\p{L}]))`,
  'gu',
);
const STREET_NAME = new RegExp(`(?<![\\p{L}\\p{N}])${STREET_PREFIX}\\p{Lu}[\\p{L}'’-]*${STRICT_SUFFIX}(?![\\p{L}])`, 'gu');
const PO_BOX = /(?<![\p{L}])postbus\s*\d+/giu;
// "woont op nummer 12", "adres: Kerkpad 3": a capitalised name followed by a house number after an address word.
const ADDRESSED = new RegExp(`((?:adres|woonadres|woont|wonend|woonachtig)\\s*:?\\s*(?:\\p{Ll}+\\s+){0,3})\\p{Lu}[\\p{L}'’.-]*(?:\\s+\\p{Lu}[\\p{L}'’.-]*){0,3}${HOUSE_NUMBER}`, 'gu');
// Numbers after a label, however short: "klantnummer 87654", "dossiernr. 4521", "BSN: 12345",
// "kenmerk ZK-2024/12". Any word ending in -nummer or -nr is a label.
const NUMBER_LABEL = '(?:\\p{L}*(?:nummer|nr)|bsn|burgerservicenummer|sofi|kenmerk|referentie|ref|kvk|paspoort|id-kaart|rijbewijs|kenteken)';
const LABELED_NUMBER = new RegExp(
  `(?<![\\p{L}])(${NUMBER_LABEL}\\.?[ \\t]*(?:[:#][ \\t]*)?(?:is[ \\t]+)?)((?=[\\p{L}\\p{N}/.\\s-]*\\p{N})[\\p{L}\\p{N}](?:[\\p{L}\\p{N}/-]|[.\\s](?=\\p{N}))*)`,
  'giu',
);
// A year on its own ("sinds 2019"), except in law names and amounts.
const LONE_YEAR = /(?<![\p{L}\p{N}€.,/-])(?<!(?:Wmo|inburgering|[Vv]erordening[\p{L}\s-]{0,80}|[Bb]eleidsregels?[\p{L}\s-]{0,80})\s)(?:19|20)\d{2}(?![\p{N}]|[.,]\d|\s*(?:euro|EUR)|,-)/gu;
const sentenceStart = (before: string) => /(?:^|[.!?:;]\s+|\n[\s\-•*–]*)["'„(]*$/u.test(before);

export interface ScrubContext {
  /** Layer a: what the case knows. */
  known?: KnownIndex;
  /** What becomes of dates. */
  dates: DatePolicy;
}

/** One free text in pieces: plain text, replacements (layers a and b) and flags (layer c). */
export function scrubPieces(input: string, ctx: ScrubContext): Piece[] {
  if (!input) return [];
  const m = new Marker();
  let text = normalise(input.replace(PRIVATE_USE, ''));
  const known = ctx.known;

  // Things that contain names or digits of their own go first.
  text = text.replace(EMAIL, (x) => m.replace('e-mail', known?.lookupEmail(x) ? 'a' : 'b'));
  text = text.replace(URL, () => m.replace('link', 'b'));
  text = text.replace(HANDLE, () => m.replace('handle', 'b'));
  text = text.replace(IBAN, (x) => (/\d/.test(x.slice(4)) ? m.replace('iban', 'b') : x));
  text = text.replace(BIRTH_DATE, (_x, words: string) => `${words}${m.replace('geboortedatum', 'b')}`);
  for (const { re, write } of DATE_PATTERNS) {
    text = text.replace(re, (...args) => {
      const r = write(args.slice(0, -2) as unknown as RegExpExecArray, ctx.dates);
      return r ? m.replace('datum', 'b', r) : String(args[0]);
    });
  }
  const phone = (x: string) => m.replace('telefoon', known?.lookupPhone(x) ? 'a' : 'b');
  text = text.replace(PHONE_INTL, phone).replace(PHONE_AREA, phone).replace(PHONE_NL, phone);
  text = text.replace(POSTCODE, () => m.replace('postcode', 'b'));
  const address = () => m.replace('adres', 'b');
  text = text.replace(PO_BOX, address).replace(ADDRESSED, (_x, lead: string) => `${lead}${address()}`);
  text = text.replace(STREET_NUMBERED, address).replace(STREET_ABBREVIATED, address);
  text = text.replace(CAPITAL_HOUSE, (x: string, words: string, _n: string, offset: number, whole: string) => {
    const last = words.split(/[ \t]+/).at(-1)!;
    if (/^(?:19|20)\d{2}$/.test(_n)) return x;
    if (NUMBERS_THINGS.has(last.toLowerCase()) || isFieldTerm(last)) return x;
    // At the start of a sentence an ordinary word ("Daarna 3 …") is no street, unless it is a street word itself.
    if (words.split(/[ \t]+/).length === 1 && sentenceStart(whole.slice(0, offset)) && !STREET_WORDS.test(last)) return x;
    return address();
  });

  // Layer a: the names the case knows, before the generic name detectors.
  if (known) {
    const hits = findKnown(text, known);
    for (const h of hits.reverse()) text = text.slice(0, h.start) + m.replace(h.kind, 'a', h.replacement) + text.slice(h.end);
  }
  text = text.replace(STREET_NAME, address);

  text = text.replace(LABELED_NUMBER, (x, label: string, value: string) => (/\p{N}/u.test(value) ? `${label}${m.replace('nummer', 'b')}` : x));
  // Day and month without a year go after every number that could look like one.
  text = text.replace(YEARLESS_DATE, (...args) => {
    const groups = args.at(-1) as { lead?: string; day: string; sep: string; month: string };
    const r = writeYearlessDate(groups, ctx.dates);
    return r ? `${groups.lead ?? ''}${m.replace('datum', 'b', r)}` : String(args[0]);
  });
  text = text.replace(LONE_YEAR, () => m.replace('jaar', 'b'));
  text = removeUnsafeNumbers(text, m);
  text = replaceAddressedNames(text, m);
  text = replaceOrganisations(text, m);
  text = replacePlaces(text, m);
  text = replaceParticleNames(text, m);

  // Layer c.
  text = markSuspects(text, m);
  return m.pieces(text);
}

/** One free text, scrubbed: flags of layer c stay as written unless `suspects` says what to put in their place. */
export function scrubText(input: string, ctx: ScrubContext & { suspects?: 'keep' | 'remove' }): string {
  return piecesToText(scrubPieces(input, ctx), ctx.suspects === 'remove' ? (p) => (p.reason === 'cijfers' ? '[nummer]' : '[weggelaten]') : undefined);
}
