// Names become roles. Every name we know of (the household's first names, the family name in
// the case title, the people at the table) is replaced wherever it occurs in free text: whole
// words, any letter case, with or without accents, with initials in front ("S. Verbeek") and
// possessive forms behind ("Sanne's", "Sannes").
import type { HouseholdMember } from '../../shared/plan/doc';
import type { CaseRole, Functie } from '../../shared/roles';

// ---------------------------------------------------------------- household roles

const CHILD = /^(kind|zoon|dochter|pleeg(kind|zoon|dochter)|stief(kind|zoon|dochter)|baby|tiener|jongere|puber)\b/i;
const MOTHER = /^(moeder|mama|stiefmoeder|pleegmoeder)\b/i;
const FATHER = /^(vader|papa|stiefvader|pleegvader)\b/i;
const PARENT = /^(ouder|stiefouder|pleegouder|partner|verzorger|echtgeno(o|te))\b/i;
const GRANDPARENT = /^(oma|opa|grootmoeder|grootvader|grootouder)\b/i;

type Group = 'moeder' | 'vader' | 'ouder' | 'kind' | 'grootouder' | 'gezinslid';

function groupOf(relatie: string): Group {
  const r = relatie.trim();
  if (CHILD.test(r)) return 'kind';
  if (MOTHER.test(r)) return 'moeder';
  if (FATHER.test(r)) return 'vader';
  if (PARENT.test(r)) return 'ouder';
  if (GRANDPARENT.test(r)) return 'grootouder';
  return 'gezinslid';
}

/**
 * A role per household member: "moeder", "vader", "kind 1" (the oldest first), "gezinslid 1".
 * Derived from the relation, never copied from it: the free-text relation may hold a name
 * ("moeder van Sanne"). A role that occurs once has no number, except children.
 */
export function householdRoles(members: readonly HouseholdMember[]): Map<HouseholdMember, string> {
  const groups = new Map<Group, HouseholdMember[]>();
  for (const m of members) {
    const g = groupOf(m.relatie);
    groups.set(g, [...(groups.get(g) ?? []), m]);
  }
  const out = new Map<HouseholdMember, string>();
  for (const [group, list] of groups) {
    // Oldest child is "kind 1"; unknown birth years after the known ones, in list order.
    const ordered = group === 'kind' ? [...list].sort((a, b) => (a.geboortejaar ?? 9999) - (b.geboortejaar ?? 9999)) : list;
    ordered.forEach((m, i) => out.set(m, group === 'kind' || group === 'gezinslid' || list.length > 1 ? `${group} ${i + 1}` : group));
  }
  return out;
}

/** An age band instead of a birth year: wide enough not to single a child out. */
export function ageBand(birthYear: number | null, currentYear: number): string | null {
  if (birthYear === null) return null;
  const age = currentYear - birthYear;
  const bands: [number, number | null][] = [
    [0, 3],
    [4, 11],
    [12, 17],
    [18, 23],
    [24, 34],
    [35, 49],
    [50, 64],
    [65, null],
  ];
  if (age < 0) return null;
  const [lo, hi] = bands.find(([l, h]) => age >= l && (h === null || age <= h))!;
  return hi === null ? `${lo} jaar of ouder` : `${lo}–${hi} jaar`;
}

// ---------------------------------------------------------------- professionals

const ROLE_NAMES: Record<CaseRole, string> = {
  procesregisseur: 'de procesregisseur',
  casusregisseur: 'de casusregisseur',
  klantmanager_pw: 'de klantmanager',
  consulent_wmo: 'de Wmo-consulent',
  consulent_jeugd: 'de jeugdconsulent',
  schuldhulpverlener: 'de schuldhulpverlener',
  consulent_inburgering: 'de consulent inburgering',
  gedragsdeskundige: 'de gedragsdeskundige',
  extern_partner: 'de externe partner',
  inwoner: 'het gezinslid',
  mandaathouder: 'de mandaathouder',
};

const MANDATE_NAMES: Partial<Record<Functie, string>> = { teamleider: 'de teamleider', directeur: 'de directeur', wethouder: 'de wethouder' };

/** "de klantmanager": how a professional is named in the copy. */
export function roleName(caseRole: CaseRole | null, functie?: Functie): string {
  if (caseRole === 'mandaathouder' && functie && MANDATE_NAMES[functie]) return MANDATE_NAMES[functie]!;
  return caseRole ? ROLE_NAMES[caseRole] : 'een professional';
}

// ---------------------------------------------------------------- matching names in text

// Surname particles and forms of address: on their own they name nobody.
const PARTICLES = new Set(['de', 'van', 'der', 'den', 'het', 'ten', 'ter', 'te', 'in', "'t", 'op', 'en', 'la', 'le', 'du', 'da', 'di', 'del', 'dos', 'el', 'al', 'von', 'zu', 'bin', 'ben', 'ibn', 'abu']);
const ADDRESS = new Set(['gezin', 'familie', 'fam', 'huishouden', 'dhr', 'mevr', 'mw', 'mr', 'heer', 'mevrouw', 'meneer', 'jr', 'sr', 'de heer']);

/**
 * Names that are also ordinary Dutch words ("Wil", "Roos", "de Jong"): matched only with a
 * capital first letter, so "moeder wil weer werken" keeps its verb. A lower-case use of such a
 * name stays (a documented limit); every other name is matched in any case.
 */
const COMMON_WORDS = new Set([
  'al', 'ben', 'bas', 'bo', 'els', 'fleur', 'hoop', 'iris', 'jade', 'job', 'lief', 'lot', 'mees', 'mei', 'rob', 'roos', 'ster', 'storm', 'wil', 'zon', 'june', 'mark', 'dewi',
  'jong', 'groot', 'wit', 'zwart', 'klein', 'bos', 'kok', 'boer', 'berg', 'dijk', 'beek', 'graaf', 'vos', 'smit', 'bakker', 'visser', 'koster', 'brouwer', 'maas', 'hoek',
  'haan', 'lange', 'kort', 'winter', 'zomer', 'boom', 'steen', 'meer', 'veen', 'wal', 'post', 'baas', 'koning', 'prins', 'schouten', 'molenaar', 'timmer', 'kramer', 'schipper',
]);

const VARIANTS: Record<string, string> = {
  a: 'aàáâäãå',
  e: 'eèéêë',
  i: 'iìíîï',
  o: 'oòóôöõø',
  u: 'uùúûü',
  y: 'yÿý',
  c: 'cç',
  n: 'nñ',
};

export const stripAccents = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '');

/** The form used to compare names: no accents, lower case, one space between parts. */
export function nameKey(s: string): string {
  return stripAccents(s).toLowerCase().replace(/[\s\-‐'’`]+/g, ' ').trim();
}

const escapeClass = (s: string) => s.replace(/[\]\\^-]/g, '\\$&');

/** One letter of a name as a character class: both cases, with and without accents. */
function letterClass(ch: string, upperOnly: boolean): string {
  const base = stripAccents(ch).toLowerCase();
  const variants = VARIANTS[base] ?? base;
  const lower = variants + (VARIANTS[base] ? '' : ch.toLowerCase());
  const chars = upperOnly ? lower.toUpperCase() : lower + lower.toUpperCase();
  return `[${escapeClass([...new Set(chars)].join(''))}]`;
}

/** A regex source for one name: letters as classes, spaces and hyphens interchangeable. */
function namePattern(name: string, capitalOnly: boolean): string {
  let out = '';
  let first = true;
  for (const ch of name.trim()) {
    if (/[\s\-‐]/.test(ch)) {
      if (!out.endsWith('[\\s\\-‐]+')) out += '[\\s\\-‐]+';
      first = true;
    } else if (/['’`]/.test(ch)) out += "['’`]?";
    else if (/\p{L}/u.test(ch)) {
      out += letterClass(ch, capitalOnly && first && out === '');
      first = false;
    } else out += ch.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  }
  return out;
}

export interface KnownName {
  /** A full name, a first name, a family name: anything that must not appear in the copy. */
  name: string;
  replacement: string;
}

/** The whole name and each word (and part of a hyphenated word) of it that can identify someone on its own. */
export function nameAndParts(name: string, replacement: string, partReplacement = replacement): KnownName[] {
  const full = name.trim().replace(/\s+/g, ' ');
  if (!full) return [];
  const out: KnownName[] = [{ name: full, replacement }];
  // Each word, and each part of a hyphenated word ("Jansen-de Vries": "Jansen", "Vries").
  const words = full.split(' ');
  const parts = full.split(/[\s\-‐]+/).filter(Boolean);
  for (const w of new Set([...words, ...parts])) {
    const bare = w.replace(/[.,]$/, '');
    if (bare.length < 2 || PARTICLES.has(bare.toLowerCase()) || ADDRESS.has(bare.toLowerCase()) || /^\p{L}\.?$/u.test(bare)) continue;
    if (/^[\p{L}'’-]+$/u.test(bare)) out.push({ name: bare, replacement: partReplacement });
  }
  // "de Graaf", "van der Berg", "Jansen-de Vries": the family name with its particles is a name of its own.
  const firstName = parts.findIndex((w) => !PARTICLES.has(w.toLowerCase()));
  const particleAt = parts.findIndex((w, i) => i > firstName && PARTICLES.has(w.toLowerCase()));
  if (particleAt > 0) out.push({ name: parts.slice(particleAt).join(' '), replacement: partReplacement });
  return out;
}

/** One part of a double-barrelled surname: "Jansen", "van Dijk", "de Vries", "El Amrani". */
const BARREL = "(?:(?:van|de|der|den|ten|ter|el|al|[Ee]l|[Aa]l|[Vv]an|[Dd]e)\\s+)*(?:\\p{Lu}\\p{Ll}+)";

/** What a possessive of a replacement reads like: "moeders", "kind 1’s". */
function possessive(replacement: string): string {
  return /[\p{L}]$/u.test(replacement) && !/[aeiouy]$/i.test(replacement) ? `${replacement}s` : `${replacement}’s`;
}

/**
 * A function that replaces every known name in a text. Longer names win over their parts
 * ("Sanne Verbeek" becomes one role, not two). The first registration of a name wins, so
 * register the household first.
 */
export function nameReplacer(known: readonly KnownName[]): (text: string) => string {
  const byKey = new Map<string, { name: string; replacement: string }>();
  for (const k of known) {
    const key = nameKey(k.name);
    if (key.length < 2 || byKey.has(key)) continue;
    byKey.set(key, k);
  }
  if (byKey.size === 0) return (t) => t;
  const entries = [...byKey.entries()].sort((a, b) => b[0].length - a[0].length);
  const alternatives = entries.map(([key, k]) => namePattern(k.name, !key.includes(' ') && COMMON_WORDS.has(key)));
  // Optional initials before ("S. Verbeek"); after, an optional diminutive ("Noortje",
  // "Sannetje") and an optional possessive ("Sanne's", "Sannes"). A double-barrelled name goes
  // whole: "Sanne Verbeek-Jansen" and "Jansen-Verbeek" are one person, not "moeder-Jansen".
  const pattern = new RegExp(
    `(?<![\\p{L}\\p{N}])((?:\\p{Lu}\\.\\s?){0,3})((?:${BARREL}[\\-‐])*)(${alternatives.join('|')})(?:etje|tje|pje|kje|je|ke)?((?:[\\-‐]${BARREL})*)(['’\`]s|s)?(?![\\p{L}\\p{N}])`,
    'gu',
  );
  return (text) =>
    text.replace(pattern, (match, _initials: string, _before: string, name: string, _after: string, poss: string | undefined) => {
      const hit = byKey.get(nameKey(name));
      if (!hit) return match;
      return poss ? possessive(hit.replacement) : hit.replacement;
    });
}

// ---------------------------------------------------------------- names we were not told about

const HONORIFICS = ['mevrouw', 'mevr\\.?', 'mw\\.?', 'meneer', 'mnr\\.?', 'dhr\\.?', 'de\\s+heer', 'heer', 'dokter', 'dr\\.?', 'mr\\.?', 'juf', 'juffrouw', 'meester'];
const KIN = [
  'oma', 'opa', 'tante', 'oom', 'neef', 'nicht', 'broer', 'broertje', 'zus', 'zusje', 'zuster', 'buurvrouw', 'buurman', 'vriend', 'vriendin', 'vriendje', 'vriendinnetje',
  'partner', 'ex', 'ex-partner', 'ex-man', 'ex-vrouw', 'vader', 'moeder', 'zoon', 'dochter', 'stiefvader', 'stiefmoeder', 'schoonmoeder', 'schoonvader', 'man', 'vrouw',
  'vriendje', 'mentor', 'collega', 'baas', 'huisarts', 'bewindvoerder', 'advocaat', 'therapeut', 'hulpverlener', 'begeleider',
];
/** Capitalised words after a form of address that are no name: laws, organisations, places in the field. */
const NOT_A_NAME = new Set(['wmo', 'jeugdwet', 'participatiewet', 'wgs', 'awb', 'wet', 'jeugd', 'veilig', 'thuis', 'ggz', 'poh', 'kopp', 'zrm', 'gemeente', 'wijkteam', 'sociaal', 'team', 'de', 'het', 'een', 'en', 'of', 'ook', 'die', 'dat', 'is', 'heeft', 'wil', 'kan', 'gaat']);

const PARTICLE_SRC = '(?:(?:van|de|der|den|ten|ter|te|el|al|la|le|da|di|du|von)\\s+)';
const CAPITALISED = "\\p{Lu}[\\p{Ll}'’-][\\p{L}'’-]*";
/** A word in any letter case, without the `i` flag (which would make \\p{Lu} match lower case too). */
const anyCase = (src: string) => src.replace(/(?<!\\)\p{L}/gu, (ch) => `[${ch.toLowerCase()}${ch.toUpperCase()}]`);
const UNKNOWN_NAME = new RegExp(
  `(?<![\\p{L}\\p{N}])(${[...HONORIFICS, ...KIN].map(anyCase).join('|')})(\\s+)((?:\\p{Lu}\\.\\s?){0,3}${anyCase(PARTICLE_SRC)}*${CAPITALISED}(?:[\\s-]+${CAPITALISED})?)`,
  'gu',
);

/**
 * Names nobody registered, where Dutch grammar gives them away: after a form of address
 * ("mevrouw Jansen", "dhr. P. de Boer") or a relation ("oma Truus", "haar vriend Kevin").
 * A name in any other position is not found: there is no name list of everyone.
 */
export function replaceAddressedNames(text: string): string {
  return text.replace(UNKNOWN_NAME, (match, word: string, space: string, name: string) => {
    const firstWord = name.split(/[\s-]+/).find((w) => /^\p{Lu}\p{Ll}/u.test(w)) ?? '';
    if (NOT_A_NAME.has(firstWord.toLowerCase())) return match;
    return `${word}${space}[naam]`;
  });
}
