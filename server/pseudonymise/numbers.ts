// Layer b for digits, failing closed: every run of digits, and every code of letters and
// digits, is removed unless it is one of a few known safe patterns. Safe are: law articles and
// their parts ("art. 18 lid 1", "Awb 4:84", "artikel 2.3.5"), law names with a year ("Wmo
// 2015"), amounts with a euro sign or word, percentages, ZRM scores, numbers with a unit of time,
// age or count ("8 jaar", "3 gesprekken", "1,5 uur"), times of day ("09.00-10.30"), ordinals
// ("3e"), fractions ("1/2", "24/7"), small ranges ("3-5") and small counts (one or two digits).
// Everything else (client numbers, BSNs with any separators, licence plates, passport numbers,
// house numbers, a lone three-digit number) goes. What is safe here can still be flagged for
// review by layer c (amounts, longer numbers).
import type { Marker, ReplacementKind } from './marker';

/** A word-like run that holds a digit, with separators inside: "123.456.782", "12-ABC-3", "NXC3P4R12", "4:84". */
const TOKEN = /(?<![\p{L}\p{N}])[\p{L}\p{N}]+(?:[-./:,+][\p{L}\p{N}]+)*/gu;
/** Three or more groups of digits separated by single spaces ("12 34 56 78", "123 456 782"): one number. */
const SPACED_GROUPS = /(?<![\p{L}\p{N}.,])\d{1,4}(?:[ ]\d{1,4}){2,}(?![\p{L}\p{N}]|[.,]\d)/gu;

const LAW_LEAD = /(?:\b(?:art|artt|artikel|artikelen|lid|leden|sub|onder|hoofdstuk|paragraaf|afdeling|titel|boek)\.?|§|\b(?:wmo|awb|jeugdwet|participatiewet|pwet|p-wet|wgs|bw|wsnp|wet\s+inburgering|inburgering|wet))\s*$/iu;
const ARTICLE = /^\d{1,3}(?:[.:]\d{1,3}){0,3}[a-z]?$/i;
const LAW_YEAR = /(?:\bwmo|\binburgering|\bwet(?:\s+\p{L}+){0,3}|\bverordening(?:\s+\p{L}+){0,4}|\bbeleidsregels?(?:\s+\p{L}+){0,4})\s*$/iu;
const AMOUNT = /^\d{1,3}(?:[.,]\d{3})*(?:[.,]\d{1,2})?(?:,-)?$|^\d+(?:[.,]\d{1,2})?$/;
const UNIT_AFTER = /^\s*(?:-\s*\d{1,3}\s*)?(?:jaar|jaren|jarige?n?|jr|maanden|maand|weken|week|dagen|dag|dagdelen|dagdeel|uur|uren|u|minuten|min|kwartier|keer|x|kinderen|kind|personen|mensen|gesprekken|gesprek|sessies|afspraken|punten|km|kg|cm|m|liter|procent|%|euro|eur|,-)(?![\p{L}])/iu;
const MONEY_BEFORE = /(?:€|\beur|\beuro)\s*$/iu;
const SCORE_BEFORE = /\b(?:zrm|score|scores|scoort|niveau|van|naar|op)\s*:?\s*$/iu;
const STEP_BEFORE = /\b(?:stap|stappen|fase|groep|klas|leerjaar|niveau|versie|week|bijlage|pagina|blz|hoofdstuk|punt|vraag|ronde|sessie|module|dag|kind|ouder|moeder|vader|gezinslid|grootouder)\s*$/iu;
const TIME = /^(?:[01]?\d|2[0-3])[:.][0-5]\d(?:-(?:[01]?\d|2[0-3])[:.][0-5]\d)?$/;
const ORDINAL = /^\d{1,3}(?:e|de|ste)$/i;
const FRACTION = /^(?:\d\/\d{1,2}|24\/7)$/;
const SMALL_RANGE = /^\d{1,2}-\d{1,2}$/;
const SMALL = /^\d{1,2}$/;

// Dutch licence plates (sidecodes 1–14, any letter case).
const PLATE = /^(?:[a-z]{2}-?\d{2}-?\d{2}|\d{2}-?\d{2}-?[a-z]{2}|\d{2}-?[a-z]{2}-?\d{2}|[a-z]{2}-?\d{2}-?[a-z]{2}|[a-z]{2}-?[a-z]{2}-?\d{2}|\d{2}-?[a-z]{2}-?[a-z]{2}|\d{2}-?[a-z]{3}-?\d|\d-?[a-z]{3}-?\d{2}|[a-z]{2}-?\d{3}-?[a-z]|[a-z]-?\d{3}-?[a-z]{2}|[a-z]{3}-?\d{2}-?[a-z]|[a-z]-?\d{2}-?[a-z]{3}|\d-?[a-z]{2}-?\d{3}|\d{3}-?[a-z]{2}-?\d)$/i;

export type NumberVerdict = 'artikel' | 'wetjaar' | 'bedrag' | 'eenheid' | 'score' | 'tijd' | 'rangtelwoord' | 'breuk' | 'klein' | null;

/** Why a number with this context is safe, or null when it must go. */
export function safeNumber(token: string, before: string, after: string): NumberVerdict {
  const b = before.slice(-60);
  if (!/\d/.test(token)) return 'klein';
  if (LAW_LEAD.test(b) && ARTICLE.test(token)) return 'artikel';
  if (/^(?:19|20)\d{2}$/.test(token) && LAW_YEAR.test(b)) return 'wetjaar';
  if (TIME.test(token)) return 'tijd';
  if (AMOUNT.test(token) && (MONEY_BEFORE.test(b) || /^\s*(?:euro|eur|,-)(?![\p{L}])/iu.test(after))) return 'bedrag';
  if (AMOUNT.test(token.replace(/,-$/, '')) && /^\s*(?:%|procent)/iu.test(after)) return 'bedrag';
  if ((/^\d{1,4}(?:[.,]\d{1,2})?$/.test(token) || SMALL_RANGE.test(token)) && UNIT_AFTER.test(after)) return 'eenheid';
  if (/^[1-5](?:\/5)?$/.test(token) && SCORE_BEFORE.test(b)) return 'score';
  if (ORDINAL.test(token)) return 'rangtelwoord';
  if (FRACTION.test(token)) return 'breuk';
  if (/^\d{1,3}$/.test(token) && STEP_BEFORE.test(b)) return 'klein';
  if (SMALL.test(token) || SMALL_RANGE.test(token)) return 'klein';
  return null;
}

function kindOf(token: string): ReplacementKind {
  if (PLATE.test(token) && /\p{L}/u.test(token)) return 'kenteken';
  return /\p{L}/u.test(token) ? 'code' : 'nummer';
}

export function removeUnsafeNumbers(text: string, marker: Marker): string {
  let out = text.replace(SPACED_GROUPS, (m, offset: number, whole: string) => {
    const digits = m.replace(/\D/g, '');
    if (digits.length < 5) return m;
    // "3 4 5 jaar" and the like stay for the token check; a long spaced number goes whole.
    return safeNumber(m.replace(/ /g, ''), whole.slice(0, offset), whole.slice(offset + m.length)) === 'bedrag' ? m : marker.replace('nummer', 'b');
  });
  out = out.replace(TOKEN, (m: string, offset: number, whole: string) => {
    if (!/\p{N}/u.test(m)) return m;
    // A trailing comma or dot is punctuation, not part of the number ("3 kinderen, 2 honden.").
    const trail = /[.,]+$/.exec(m)?.[0] ?? '';
    const token = trail && !/,-$/.test(m) ? m.slice(0, -trail.length) : m;
    const rest = m.slice(token.length);
    if (safeNumber(token, whole.slice(0, offset), rest + whole.slice(offset + m.length))) return m;
    return marker.replace(kindOf(token), 'b') + rest;
  });
  return out;
}
