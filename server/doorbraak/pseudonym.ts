// Pseudonymisation of the escalation file that leaves the municipality. The scrubbing itself is
// the shared one (server/pseudonymise: scrubText with its name replacer), so BSNs, addresses,
// postcodes, phone numbers, e-mail addresses, IBANs, birth dates and names after a form of
// address go the same way as in an intervision copy. What is particular to this file lives here:
// - the household keeps one stable pseudonym ("Huishouden H-…"), so the national desk can refer
//   to it in later correspondence (an intervision copy must not be linkable; this file must be);
// - the people of the case become their role, everyone else in the organisation "[naam]";
// - every date moves by one offset per request (whole weeks, always earlier), the same in every
//   download, so the file reads the same each time it is fetched.
import { createHash } from 'node:crypto';
import type { HouseholdMember } from '../../shared/plan/doc';
import { CASE_ROLES, type CaseRole, type Functie } from '../../shared/roles';
import { mandateOf } from '../../shared/permissions';
import { familyNameOfTitle, scrubText } from '../pseudonymise';
import { shiftIsoDate } from '../pseudonymise/dates';
import { householdRoles, type KnownName, nameAndParts, nameReplacer, roleName } from '../pseudonymise/names';

const hex = (s: string) => createHash('sha256').update(s).digest('hex');

/** A stable pseudonym for the household: the same case always gets the same one. */
export function householdPseudonym(caseId: string): string {
  return `Huishouden H-${hex(`casustafel:${caseId}`).slice(0, 8).toUpperCase()}`;
}

/**
 * The date offset of one request's file: 5 to 52 whole weeks earlier (weekdays stay right, no
 * date lands in the future). Derived from the request id, which never leaves the municipality,
 * with its own prefix, so the file's reference does not give it away; nothing is stored.
 */
export function dateShiftDays(requestId: string): number {
  const weeks = 5 + (Number.parseInt(hex(`casustafel:datumverschuiving:${requestId}`).slice(0, 8), 16) % 48);
  return -weeks * 7;
}

/** "de wethouder", "de klantmanager": the hat at this table, else what the functie says. */
export function roleOf(functie: Functie, caseRole: CaseRole | null): string {
  if (caseRole) return roleName(caseRole, functie);
  if (mandateOf(functie)) return roleName('mandaathouder', functie);
  return (CASE_ROLES as readonly string[]).includes(functie) ? roleName(functie as CaseRole, functie) : 'een professional';
}

export interface EscalationNames {
  caseId: string;
  title: string;
  household: readonly HouseholdMember[];
  /** Everyone connected to the case or the request, with the role they get in the file. */
  people: readonly { name: string; role: string }[];
  /** Everyone else in the organisation: named in free text, they become "[naam]". */
  others: readonly string[];
}

function knownNames(n: EscalationNames): KnownName[] {
  const pseudonym = householdPseudonym(n.caseId);
  const family = familyNameOfTitle(n.title);
  const known: KnownName[] = [];
  // The household first: the replacer keeps the first registration of a name.
  for (const [m, role] of householdRoles(n.household)) {
    if (!m.voornaam.trim()) continue;
    if (family) known.push({ name: `${m.voornaam.trim()} ${family}`, replacement: role });
    known.push(...nameAndParts(m.voornaam, role));
  }
  known.push({ name: n.title, replacement: pseudonym });
  if (family) {
    for (const lead of ['gezin', 'het gezin', 'familie', 'de familie', 'fam.', 'fam', 'huishouden', 'het huishouden']) known.push({ name: `${lead} ${family}`, replacement: pseudonym });
    known.push(...nameAndParts(family, pseudonym));
  }
  for (const p of n.people) known.push(...nameAndParts(p.name, p.role));
  for (const name of n.others) known.push(...nameAndParts(name, '[naam]'));
  return known;
}

export interface EscalationScrubber {
  /** One free text: identifiers out, names to roles, dates moved. Scrub each text once. */
  text: (s: string) => string;
  /** A YYYY-MM-DD (or the date of a timestamp), moved by the same offset. */
  day: (ymd: string) => string;
  /** A timestamp, moved by the same offset. */
  timestamp: (iso: string) => string;
}

export function escalationScrubber(n: EscalationNames, requestId: string, today: string): EscalationScrubber {
  const shiftDays = dateShiftDays(requestId);
  const names = nameReplacer(knownNames(n));
  const dates = { shiftDays, referenceYear: Number(today.slice(0, 4)) };
  return {
    text: (s) => scrubText(s, { names, dates }),
    day: (ymd) => shiftIsoDate(ymd, shiftDays) ?? '',
    timestamp: (iso) => new Date(Date.parse(iso) + shiftDays * 86_400_000).toISOString(),
  };
}
