// Pseudonymisation for the escalation file that leaves the municipality: names of the household
// and of the people at the table become roles ("ouder", "kind 1", "procesregisseur"). It
// replaces known names wherever they occur in free text, as whole words, longest first, so
// "Sanne Verbeek" becomes one role and not two.
import { createHash } from 'node:crypto';
import type { HouseholdMember } from '../../shared/plan/doc';

/** A stable pseudonym for the household: the same case always gets the same one. */
export function householdPseudonym(caseId: string): string {
  return `Huishouden H-${createHash('sha256').update(`casustafel:${caseId}`).digest('hex').slice(0, 8).toUpperCase()}`;
}

// Surname particles and forms of address: on their own they name nobody, and replacing them
// everywhere would wreck ordinary Dutch sentences.
const PARTICLES = new Set(['de', 'van', 'der', 'den', 'het', 'ten', 'ter', 'te', 'in', 'op', 'en', 'la', 'le', 'du', 'da', 'di', 'del', 'dos', 'el', 'von', 'zu', "'t", "'s"]);
const ADDRESS = new Set(['gezin', 'familie', 'fam', 'huishouden', 'dhr', 'mevr', 'mw', 'mr', 'heer', 'mevrouw', 'meneer', 'jr', 'sr']);
const NOT_A_NAME = new Set([...PARTICLES, ...ADDRESS]);
const isInitial = (word: string) => /^\p{L}\.$/u.test(word);

/** "Gezin Verbeek" -> "Verbeek", "Dhr. R. de Graaf" -> "de Graaf": the family name a title carries, if any. */
export function surnameOfTitle(title: string): string | null {
  const words = title.trim().split(/\s+/);
  while (words.length > 0 && (ADDRESS.has(words[0]!.replace(/\.$/, '').toLowerCase()) || isInitial(words[0]!))) words.shift();
  const rest = words.join(' ');
  return words.some((w) => !NOT_A_NAME.has(w.toLowerCase())) ? rest : null;
}

const CHILD = /^(kind|zoon|dochter|pleeg(kind|zoon|dochter)|stief(kind|zoon|dochter)|baby|tiener|jongere)\b/i;
const PARENT = /^(moeder|vader|ouder|stief(moeder|vader|ouder)|pleeg(moeder|vader|ouder)|partner|verzorger)\b/i;

/** Roles for the household: "ouder" (or "ouder 1", "ouder 2"), "kind 1", "gezinslid 1". Never the free-text relation itself: it may hold names. */
export function householdRoles(members: HouseholdMember[]): Map<HouseholdMember, string> {
  const groups: Record<'ouder' | 'kind' | 'gezinslid', HouseholdMember[]> = { ouder: [], kind: [], gezinslid: [] };
  for (const m of members) groups[CHILD.test(m.relatie.trim()) ? 'kind' : PARENT.test(m.relatie.trim()) ? 'ouder' : 'gezinslid'].push(m);
  const out = new Map<HouseholdMember, string>();
  for (const [role, list] of Object.entries(groups)) {
    list.forEach((m, i) => out.set(m, role === 'kind' || list.length > 1 ? `${role} ${i + 1}` : role));
  }
  return out;
}

export interface KnownName {
  /** A full name, a first name, a title: anything that must not leave. */
  name: string;
  replacement: string;
}

/** The whole name, and each of its words that can identify (initials with their dot). */
export function nameAndParts(name: string, replacement: string): KnownName[] {
  const out: KnownName[] = [{ name: name.trim(), replacement }];
  for (const word of name.split(/[\s,]+/)) {
    const bare = word.replace(/\.$/, '').toLowerCase();
    if (!bare || NOT_A_NAME.has(bare)) continue;
    // "R." is an initial: keep its dot, so a lone letter elsewhere in the text stays.
    if (isInitial(word)) out.push({ name: word, replacement });
    else if (/^\p{L}[\p{L}'’-]+$/u.test(word)) out.push({ name: word, replacement });
  }
  return out.filter((n) => n.name.length > 1);
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A function that replaces every known name in a text; longer names win over their parts. */
export function pseudonymiser(known: KnownName[]): (text: string) => string {
  const seen = new Map<string, string>();
  for (const k of known) {
    const key = k.name.toLowerCase();
    if (k.name && !seen.has(key)) seen.set(key, k.replacement);
  }
  const names = [...seen.keys()].sort((a, b) => b.length - a.length);
  if (names.length === 0) return (text) => text;
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}])(?:${names.map(escapeRegExp).join('|')})(?![\\p{L}\\p{N}])`, 'giu');
  return (text) => text.replace(pattern, (match) => seen.get(match.toLowerCase()) ?? '[naam]');
}
