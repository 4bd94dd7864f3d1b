// Names become roles: household roles and age bands, role names of professionals (the known
// names themselves are matched by known.ts, layer a), and names nobody registered where Dutch
// grammar gives them away (layer b): after a form of address or a relation ("mevrouw Jansen",
// "oma Truus"), and a surname with its particles ("van der Berg", "Van den Heuvel").
import type { HouseholdMember } from '../../shared/plan/doc';
import type { CaseRole, Functie } from '../../shared/roles';
import { isDutchWord } from './dictionary';
import type { Marker } from './marker';
import { isFieldTerm } from './terms';

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
  `(?<![\\p{L}\\p{N}])(${[...HONORIFICS, ...KIN].map(anyCase).join('|')})(\\s+)((?:\\p{Lu}\\.\\s?){0,3}${anyCase(PARTICLE_SRC)}*${CAPITALISED}(?:[\\s-]+${anyCase(PARTICLE_SRC)}*${CAPITALISED})?)`,
  'gu',
);

/**
 * Names nobody registered, where Dutch grammar gives them away: after a form of address
 * ("mevrouw Jansen", "dhr. P. de Boer") or a relation ("oma Truus", "haar vriend Kevin").
 * A name in any other position is not found: there is no name list of everyone.
 */
export function replaceAddressedNames(text: string, marker: Marker): string {
  return text.replace(UNKNOWN_NAME, (match, word: string, space: string, name: string) => {
    const firstWord = name.split(/[\s-]+/).find((w) => /^\p{Lu}\p{Ll}/u.test(w)) ?? '';
    if (NOT_A_NAME.has(firstWord.toLowerCase()) || isFieldTerm(firstWord)) return match;
    return `${word}${space}${marker.replace('naam', 'b')}`;
  });
}

/** Particle sequences that start a Dutch (or Arabic, German, …) surname. */
const SURNAME_PARTICLES = new Set(['van', 'van de', 'van der', 'van den', "van 't", 'van het', 'de', 'den', 'der', 'ter', 'ten', 'te', "in 't", 'in de', 'in den', 'op de', "op 't", 'op den', 'uit de', 'uit den', 'von', 'von der', 'el', 'al', 'da', 'di', 'du', 'la', 'le', 'del', 'dos']);
const PART = "(?:[Vv]an|[Dd]e|[Dd]er|[Dd]en|[Hh]et|[Tt]er|[Tt]en|[Tt]e|[Ii]n|[Oo]p|[Uu]it|'t|[Vv]on|[Ee]l|[Aa]l|[Dd]a|[Dd]i|[Dd]u|[Ll]a|[Ll]e|[Dd]el|[Dd]os)";
const CAP = "\\p{Lu}[\\p{L}'’]+";
const PARTICLE_NAME = new RegExp(`(?<![\\p{L}\\p{N}])(?:(${CAP})[ \\t]+)?((?:${PART}[ \\t]+){1,3})(${CAP}(?:-${CAP})?)(?![\\p{L}\\p{N}])`, 'gu');
const sentenceStart = (before: string) => /(?:^|[.!?:;]\s+|\n[\s\-•*–]*)["'„(]*$/u.test(before);

/**
 * A surname with its particles, found by its shape: "van der Berg", "Van den Heuvel", "ten
 * Brink", "Kees van Dijk", "De Vries" in the middle of a sentence. A lone lower-case "de" or "het"
 * is an article ("de Belastingdienst"), so it counts only when it is capitalised mid-sentence; and
 * a term of the field after the particles ("van Veilig Thuis") is no surname.
 */
export function replaceParticleNames(text: string, marker: Marker): string {
  return text.replace(PARTICLE_NAME, (match: string, first: string | undefined, particles: string, surname: string, offset: number, whole: string) => {
    const seq = particles.trim().split(/[ \t]+/);
    const key = seq.join(' ').toLowerCase();
    if (!SURNAME_PARTICLES.has(key) || isFieldTerm(surname) || isFieldTerm(surname.split('-')[0]!)) return match;
    const particleStart = offset + (first ? match.indexOf(particles) : 0);
    const atStart = sentenceStart(whole.slice(0, particleStart));
    const capitalParticle = /^\p{Lu}/u.test(seq[0]!);
    if ((key === 'de' || key === 'het' || key === 'te' || key === 'in de' || key === 'op de' || key === 'uit de') && (!capitalParticle || atStart) && isDutchWord(surname)) return match;
    if ((key === 'de' || key === 'het' || key === 'te') && !capitalParticle) return match;
    // A capitalised word before the particles is the first name ("Kees van Dijk"), unless it starts the sentence as an ordinary word.
    const firstIsName = !!first && !isFieldTerm(first) && !(sentenceStart(whole.slice(0, offset)) && isDutchWord(first));
    const lead = first && !firstIsName ? match.slice(0, match.indexOf(particles)) : '';
    return `${lead}${marker.replace('naam', 'b')}`;
  });
}
