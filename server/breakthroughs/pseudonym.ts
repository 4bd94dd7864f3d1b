// Pseudonymisation of the escalation file that leaves the municipality. The scrubbing itself is
// the shared one (server/pseudonymise: the three layers of scrubText), so BSNs, addresses,
// postcodes, phone numbers, e-mail addresses, IBANs, licence plates, birth dates and names go
// the same way as in an intervision copy. What is particular to this file lives here:
// - the household keeps one stable pseudonym ("Huishouden H-…"), so the national desk can refer
//   to it in later correspondence (an intervision copy must not be linkable; this file must be);
// - the people of the case become their role, everyone else in the organisation "[naam]";
// - the file has no review step before it leaves, so what layer c would flag for a reviewer is
//   removed outright ("[weggelaten]", "[nummer]");
// - every date is coarsened to its month ("maart 2026"), with no time of day: the receiver
//   knows when the file arrived, so a shifted or day-numbered calendar anchored on the file's own
//   events could be turned back into real dates. A date more than two years before the case
//   started (most likely a birth date) becomes "[datum]".
import { createHash } from 'node:crypto';
import type { HouseholdMember } from '../../shared/plan/doc';
import { CASE_ROLES, type CaseRole, type Functie } from '../../shared/roles';
import { mandateOf } from '../../shared/permissions';
import { familyNameOfTitle, scrubText } from '../pseudonymise';
import { addDaysIso, type DatePolicy, monthOf } from '../pseudonymise/dates';
import { emailEntry, KnownIndex, type KnownName, nameAndParts, namesInFreeText, phoneEntry } from '../pseudonymise/known';
import { householdRoles, roleName } from '../pseudonymise/names';

const hex = (s: string) => createHash('sha256').update(s).digest('hex');

/** A stable pseudonym for the household: the same case always gets the same one. */
export function householdPseudonym(caseId: string): string {
  return `Huishouden H-${hex(`casustafel:${caseId}`).slice(0, 8).toUpperCase()}`;
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
  /** YYYY-MM-DD: the day the case started. */
  startedOn: string;
  household: readonly HouseholdMember[];
  /** Everyone connected to the case or the request, with the role they get in the file. */
  people: readonly { name: string; role: string; email?: string | null; phone?: string | null }[];
  /** Everyone else in the organisation: named in free text, they become "[naam]". */
  others: readonly string[];
}

function knownNames(n: EscalationNames): KnownName[] {
  const pseudonym = householdPseudonym(n.caseId);
  const family = familyNameOfTitle(n.title);
  const known: KnownName[] = [];
  // The household first: the index keeps the first registration of a name.
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
  for (const p of n.people) known.push(...nameAndParts(p.name, p.role), ...emailEntry(p.email), ...phoneEntry(p.phone));
  for (const name of n.others) known.push(...nameAndParts(name, '[naam]'));
  for (const m of n.household) known.push(...namesInFreeText(m.relatie, '[naam]'));
  return known;
}

export interface EscalationScrubber {
  /** One free text: identifiers out, names to roles, dates to their month. */
  text: (s: string) => string;
  /** "2026-03": the month of a date or timestamp. */
  month: (value: string) => string;
}

export function escalationDatePolicy(n: Pick<EscalationNames, 'startedOn'>, today: string): DatePolicy {
  return { kind: 'month', referenceYear: Number(today.slice(0, 4)), oldest: addDaysIso(n.startedOn, -730) };
}

export function escalationScrubber(n: EscalationNames, today: string): EscalationScrubber {
  const known = KnownIndex.build(knownNames(n));
  const dates = escalationDatePolicy(n, today);
  return {
    text: (s) => scrubText(s, { known, dates, suspects: 'remove' }),
    month: (value) => monthOf(value) ?? '',
  };
}
