// The pseudonymiser: a case snapshot in, a copy out that no longer points at the household.
// Pure functions, no database: the caller collects the snapshot (server/intervisie/snapshot.ts)
// and chooses the date offset, which is forgotten once the copy is made.
//
// What it does, per field:
// - household members become roles ("moeder", "vader", "kind 1") with an age band;
// - the family name in the case title becomes "het gezin", the title is never copied;
// - professionals become their role ("de klantmanager"), never their name or organisation;
// - every free text goes through scrubText: e-mail addresses, links, IBANs, birth dates,
//   phone numbers, postcodes, streets with house numbers, places, schools, employers, BSN-like
//   and other long numbers, numbers after a label and lone years are removed; dates (also
//   without a year) move by the offset; every known name becomes its role, and names after a
//   form of address ("mevrouw Jansen", "oma Truus") become "[naam]";
// - structured dates (ZRM, due dates, deviation terms, conclusions) move by the same offset;
// - no id of any record of the original case is copied.
import type { PlanContent } from '../../shared/plan/doc';
import type { VraagstukDraft } from '../../shared/plan/vraagstukken';
import type { LawKey, DeviationRoute } from '../../shared/laws';
import { CASE_ROLES, type CaseRole, type Functie } from '../../shared/roles';
import type { DeviationStatus, GoalStatus, IntervisionCopy } from '../../shared/schemas';
import { TOETS_TEXTS } from '../../shared/toets';
import type { ZrmDomain } from '../../shared/zrm';
import { shiftIsoDate } from './dates';
import { ageBand, householdRoles, type KnownName, nameAndParts, nameReplacer, roleName } from './names';
import { scrubText } from './scrub';

export { randomShiftDays } from './dates';
export { scrubText } from './scrub';

// ---------------------------------------------------------------- the snapshot

/** Who carries a goal or an action, resolved to a role by the collector (never a name). */
export type SnapshotOwner = { kind: 'member'; caseRole: CaseRole | null; functie: Functie | null } | { kind: 'household'; text: string } | null;

export interface SnapshotPerson {
  name: string;
  caseRole: CaseRole | null;
  functie: Functie | null;
  /** A current member: shown in the copy's list of roles at the table. */
  atTable: boolean;
}

export interface CaseSnapshot {
  title: string;
  summary: string;
  plan: PlanContent;
  goals: {
    text: string;
    lifeDomain: ZrmDomain;
    owner: SnapshotOwner;
    dueDate: string | null;
    status: GoalStatus;
    householdAgreedOn: string | null;
    legitimations: { law: LawKey; text: string }[];
    actions: { text: string; owner: SnapshotOwner; dueDate: string | null; done: boolean }[];
  }[];
  vraagstukken: {
    title: string;
    draft: VraagstukDraft | null;
    conclusions: { kind: 'besloten' | 'heropend'; outcome: 'uitvoeren' | 'niet_uitvoeren' | null; motivation: string; reviewDate: string | null; at: string; byCaseRole: CaseRole | null; byFunctie: Functie | null }[];
  }[];
  deviations: {
    law: LawKey;
    rule: string;
    route: DeviationRoute;
    routeOther: string | null;
    willDo: string;
    willNotDo: string;
    reasoning: string;
    startDate: string;
    endDate: string;
    reviewDate: string;
    status: DeviationStatus;
    internal: boolean;
  }[];
  /** Everyone whose name may appear: members now and before, people who decided or proposed. */
  people: SnapshotPerson[];
}

export interface PseudonymiseOptions {
  /** Whole days; from randomShiftDays(). Never stored. */
  shiftDays: number;
  /** YYYY-MM-DD, for age bands and for dates written without a year. */
  today: string;
}

// ---------------------------------------------------------------- names of this case

const ADDRESS_WORDS = new Set(['gezin', 'familie', 'fam', 'huishouden', 'dhr', 'mevr', 'mw', 'mr', 'heer', 'de', 'mevrouw', 'meneer']);
const PARTICLES = new Set(['de', 'van', 'der', 'den', 'het', 'ten', 'ter', 'te', 'el', 'al', 'la', 'le', 'da', 'di', 'du', 'von', "'t"]);

/** "Gezin Verbeek" -> "Verbeek", "Dhr. R. de Graaf" -> "de Graaf", "Mw. J. Koster (18-/18+)" -> "Koster". */
export function familyNameOfTitle(title: string): string | null {
  const words = title
    .replace(/\(.*?\)/g, ' ')
    .replace(/[^\p{L}\s'’.-]/gu, ' ')
    .trim()
    .split(/\s+/)
    .filter(Boolean);
  while (words.length > 0 && (ADDRESS_WORDS.has(words[0]!.replace(/\.$/, '').toLowerCase()) || /^\p{L}\.$/u.test(words[0]!))) {
    // Keep a particle that starts the family name ("de Graaf"): only drop it when a form of address precedes nothing else.
    if (PARTICLES.has(words[0]!.toLowerCase()) && words.length > 1 && !ADDRESS_WORDS.has(words[1]!.replace(/\.$/, '').toLowerCase()) && !/^\p{L}\.$/u.test(words[1]!)) break;
    words.shift();
  }
  const rest = words.join(' ');
  return words.some((w) => !PARTICLES.has(w.toLowerCase())) ? rest : null;
}

function knownNames(s: CaseSnapshot, roles: Map<PlanContent['household'][number], string>): KnownName[] {
  const family = familyNameOfTitle(s.title);
  const householdWord = /^\s*(gezin|familie|fam\.?)\b/i.test(s.title) || s.plan.household.length > 1 ? 'het gezin' : 'het huishouden';
  const known: KnownName[] = [];
  // The household first: its roles win over anything registered later under the same name.
  for (const [m, role] of roles) {
    if (family) known.push({ name: `${m.voornaam} ${family}`, replacement: role });
    known.push(...nameAndParts(m.voornaam, role));
  }
  known.push({ name: s.title, replacement: householdWord });
  if (family) {
    for (const lead of ['gezin', 'familie', 'fam.', 'fam', 'de familie', 'het gezin', 'huishouden', 'het huishouden']) known.push({ name: `${lead} ${family}`, replacement: householdWord });
    known.push(...nameAndParts(family, '[naam]'));
  }
  for (const p of s.people) {
    // The household's own account: its role when a first name matches, "het gezinslid" otherwise.
    known.push(...nameAndParts(p.name, roleName(p.caseRole, p.functie ?? undefined)));
  }
  return known;
}

// ---------------------------------------------------------------- the copy

export function pseudonymiseCase(s: CaseSnapshot, opts: PseudonymiseOptions): IntervisionCopy {
  const referenceYear = Number(opts.today.slice(0, 4));
  const roles = householdRoles(s.plan.household);
  const names = nameReplacer(knownNames(s, roles));
  const text = (t: string | null | undefined) => scrubText(t ?? '', { names, dates: { shiftDays: opts.shiftDays, referenceYear } });
  const date = (d: string | null | undefined) => shiftIsoDate(d, opts.shiftDays);
  const owner = (o: SnapshotOwner): string | null => {
    if (!o) return null;
    if (o.kind === 'member') return roleName(o.caseRole, o.functie ?? undefined);
    return text(o.text) || null;
  };

  const tableRoles = CASE_ROLES.filter((r) => r !== 'inwoner').flatMap((r) =>
    [...new Set(s.people.filter((p) => p.atTable && p.caseRole === r).map((p) => roleName(p.caseRole, p.functie ?? undefined)))],
  );

  return {
    household: s.plan.household.map((m) => ({ role: roles.get(m)!, ageBand: ageBand(m.geboortejaar, referenceYear) })),
    table: tableRoles,
    summary: text(s.summary),
    sections: s.plan.sections.map((sec) => ({ key: sec.key, label: sec.label, text: text(sec.text) })),
    zrm: s.plan.zrm.flatMap((z) => {
      const d = date(z.datum);
      return d ? [{ date: d, scores: { ...z.scores } }] : [];
    }),
    goals: s.goals.map((g) => ({
      text: text(g.text),
      lifeDomain: g.lifeDomain,
      owner: owner(g.owner),
      dueDate: date(g.dueDate),
      status: g.status,
      householdAgreed: g.householdAgreedOn !== null,
      legitimations: g.legitimations.map((l) => ({ law: l.law, text: text(l.text) })),
      actions: g.actions.map((a) => ({ text: text(a.text), owner: owner(a.owner), dueDate: date(a.dueDate), done: a.done })),
    })),
    vraagstukken: s.vraagstukken.map((v) => ({
      title: text(v.title),
      laws: v.draft?.laws ?? [],
      lifeDomains: v.draft?.lifeDomains ?? [],
      texts: Object.fromEntries(TOETS_TEXTS.map((k) => [k, text(v.draft?.texts[k])])) as IntervisionCopy['vraagstukken'][number]['texts'],
      verdicts: (v.draft?.laws ?? []).map((law) => ({ law, verdict: v.draft?.verdicts[law].verdict || null, reasoning: text(v.draft?.verdicts[law].reasoning) })),
      conclusions: v.conclusions.flatMap((c) => {
        const d = date(c.at);
        return d ? [{ kind: c.kind, outcome: c.outcome, motivation: text(c.motivation), reviewDate: date(c.reviewDate), date: d, by: roleName(c.byCaseRole, c.byFunctie ?? undefined) }] : [];
      }),
    })),
    // Internal deviations never leave the municipality's internal room, not even pseudonymised.
    deviations: s.deviations
      .filter((d) => !d.internal)
      .flatMap((d) => {
        const [startDate, endDate, reviewDate] = [date(d.startDate), date(d.endDate), date(d.reviewDate)];
        if (!startDate || !endDate || !reviewDate) return [];
        return [{ law: d.law, rule: text(d.rule), route: d.route, routeOther: d.routeOther ? text(d.routeOther) : null, willDo: text(d.willDo), willNotDo: text(d.willNotDo), reasoning: text(d.reasoning), startDate, endDate, reviewDate, status: d.status }];
      }),
  };
}

/** A title for a session: scrubbed like any text of the copy, or made from the household's roles. */
export function sessionTitle(s: CaseSnapshot, requested: string | undefined, opts: PseudonymiseOptions): string {
  const roles = householdRoles(s.plan.household);
  if (requested && requested.trim()) {
    const names = nameReplacer(knownNames(s, roles));
    const scrubbed = scrubText(requested.trim(), { names, dates: { shiftDays: opts.shiftDays, referenceYear: Number(opts.today.slice(0, 4)) } }).slice(0, 200);
    if (scrubbed.trim()) return scrubbed;
  }
  const list = [...roles.values()];
  const children = list.filter((r) => r.startsWith('kind')).length;
  const adults = list.filter((r) => !r.startsWith('kind'));
  const parts = [...adults, ...(children === 1 ? ['één kind'] : children > 1 ? [`${children} kinderen`] : [])];
  return parts.length > 0 ? `Intervisie: huishouden met ${parts.join(', ').replace(/, ([^,]*)$/, ' en $1')}` : 'Intervisie: gepseudonimiseerde casus';
}

/**
 * For a text typed by a participant for the success-story library. The session knows no real
 * names (its copy holds roles only), so this catches identifiers and addressed names
 * ("mevrouw Jansen") and removes dates outright; a bare first name typed from memory is not
 * recognised (documented limit).
 */
export function scrubForLibrary(text: string): string {
  return scrubText(text, { dates: 'remove' });
}
