// The pseudonymiser: a case snapshot in, a copy out that no longer points at the household,
// with a review of every replacement and every remaining suspicious token (see README.md).
// Pure functions, no database: the caller collects the snapshot (server/intervision/snapshot.ts).
//
// Per field:
// - household members become roles ("moeder", "vader", "kind 1") with an age band;
// - the title is never copied; its family name is a known name;
// - professionals become their role ("de klantmanager"), never their name or organisation;
// - every free text goes through the three layers of scrub.ts: the case's own names and contact
//   details (layer a, known.ts), generic detectors failing closed (layer b), flags for the
//   review (layer c);
// - dates are day numbers, day 0 being the start of the case (dates.ts);
// - no id of any record of the original case is copied.
import { isProfessionalSection, type PlanContent } from '../../shared/plan/doc';
import type { VraagstukDraft } from '../../shared/plan/vraagstukken';
import type { LawKey, DeviationRoute } from '../../shared/laws';
import { lawByKey } from '../../shared/laws';
import { CASE_ROLES, type CaseRole, type Functie } from '../../shared/roles';
import type { DeviationStatus, GoalStatus, IntervisionCopy, Review } from '../../shared/schemas';
import { TOETS_STEPS, TOETS_TEXTS } from '../../shared/vraagstukken';
import type { ZrmDomain } from '../../shared/zrm';
import { addDaysIso, type DatePolicy, dayNumber, REMOVE_DATES } from './dates';
import { internalGuard } from './guard';
import { emailEntry, KnownIndex, type KnownName, nameAndParts, namesInFreeText, phoneEntry } from './known';
import { piecesToText } from './marker';
import { ageBand, householdRoles, roleName } from './names';
import { ReviewBuilder } from './review';
import { type ScrubContext, scrubPieces } from './scrub';

export { scrubPieces, scrubText } from './scrub';
export { KnownIndex, type KnownIndexJson } from './known';
export { renderedFields, resolveMarks, setPath, type Resolution, type ResolveProblem } from './review';

// ---------------------------------------------------------------- the snapshot

/** Who carries a goal or an action, resolved to a role by the collector (never a name). */
export type SnapshotOwner = { kind: 'member'; caseRole: CaseRole | null; functie: Functie | null } | { kind: 'household'; text: string } | null;

export interface SnapshotPerson {
  name: string;
  caseRole: CaseRole | null;
  functie: Functie | null;
  /** A current member: shown in the copy's list of roles at the table. */
  atTable: boolean;
  email?: string | null;
  phone?: string | null;
  /** Only for external partners: their organisation identifies a care provider. */
  organisation?: string | null;
}

export interface CaseSnapshot {
  title: string;
  summary: string;
  /** YYYY-MM-DD: the day the case started, day 0 of the copy. */
  startedOn: string;
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
  /** The texts of internal deviations and the internal notes: a field that quotes one is left out (guard.ts). */
  internalTexts?: string[];
}

export interface PseudonymiseOptions {
  /** YYYY-MM-DD, for age bands and for dates written without a year. */
  today: string;
}

/** The dates of an intervision copy: day numbers from the start of the case; two years before it, "[datum]". */
export function copyDatePolicy(s: Pick<CaseSnapshot, 'startedOn'>, opts: PseudonymiseOptions): DatePolicy {
  return { kind: 'relative', anchor: s.startedOn, referenceYear: Number(opts.today.slice(0, 4)), oldest: addDaysIso(s.startedOn, -730) };
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

const FAMILY_LEADS = ['gezin', 'het gezin', 'familie', 'de familie', 'fam.', 'fam', 'huishouden', 'het huishouden'];

/** Layer a's list for an intervision copy: the household first (its roles win), the title, the people. */
export function knownNamesOfCase(s: CaseSnapshot): KnownName[] {
  const roles = householdRoles(s.plan.household);
  const family = familyNameOfTitle(s.title);
  const householdWord = /^\s*(gezin|familie|fam\.?)\b/i.test(s.title) || s.plan.household.length > 1 ? 'het gezin' : 'het huishouden';
  const known: KnownName[] = [];
  for (const [m, role] of roles) {
    if (!m.voornaam.trim()) continue;
    if (family) known.push({ name: `${m.voornaam} ${family}`, replacement: role });
    known.push(...nameAndParts(m.voornaam, role));
  }
  known.push({ name: s.title, replacement: householdWord });
  if (family) {
    for (const lead of FAMILY_LEADS) known.push({ name: `${lead} ${family}`, replacement: householdWord });
    known.push(...nameAndParts(family, '[naam]'));
  }
  for (const p of s.people) {
    known.push(...nameAndParts(p.name, roleName(p.caseRole, p.functie ?? undefined)));
    known.push(...emailEntry(p.email), ...phoneEntry(p.phone));
  }
  // What the free-text relation and an external partner's organisation say: names, numbers, a care provider.
  for (const m of s.plan.household) known.push(...namesInFreeText(m.relatie, '[naam]'));
  for (const p of s.people) if (p.organisation) known.push({ name: p.organisation.replace(/\(.*?\)/g, ' '), replacement: '[organisatie]', kind: 'organisatie' }, ...namesInFreeText(p.organisation.replace(/\(.*?\)/g, ' '), '[organisatie]').map((k) => ({ ...k, kind: 'organisatie' as const })));
  return known;
}

// ---------------------------------------------------------------- the copy

export interface PreparedCopy {
  copy: IntervisionCopy;
  title: string;
  review: Review;
  known: KnownIndex;
}

const SECTION_LABELS: Record<string, string> = { beeldvorming: 'Beeldvorming', wens: 'Wat het huishouden wil', afspraken: 'Afspraken' };
const stepLabel = (key: string) => TOETS_STEPS.find((s) => s.key === key)?.label ?? key;

/**
 * The copy, its title and its review. The copy's texts show every flag as written until the
 * review resolves it; nobody but the person who made the copy sees it before the release.
 */
export function prepareCopy(s: CaseSnapshot, requestedTitle: string | undefined, opts: PseudonymiseOptions): PreparedCopy {
  const referenceYear = Number(opts.today.slice(0, 4));
  const roles = householdRoles(s.plan.household);
  const known = KnownIndex.build(knownNamesOfCase(s));
  const policy = copyDatePolicy(s, opts);
  const r = new ReviewBuilder({ known, dates: policy }, internalGuard(s.internalTexts ?? []));
  const day = (d: string | null | undefined) => dayNumber(d, s.startedOn);
  const owner = (path: string, label: string, o: SnapshotOwner): string | null => {
    if (!o) return null;
    if (o.kind === 'member') return roleName(o.caseRole, o.functie ?? undefined);
    return r.text(path, label, o.text) || null;
  };

  const tableRoles = CASE_ROLES.filter((x) => x !== 'inwoner').flatMap((x) =>
    [...new Set(s.people.filter((p) => p.atTable && p.caseRole === x).map((p) => roleName(p.caseRole, p.functie ?? undefined)))],
  );

  const title = requestedTitle?.trim() ? r.text('title', 'Titel van de sessie', requestedTitle.trim().slice(0, 200)) : defaultTitle(roles);

  const copy: IntervisionCopy = {
    household: s.plan.household.map((m) => ({ role: roles.get(m)!, ageBand: ageBand(m.geboortejaar, referenceYear) })),
    table: tableRoles,
    summary: r.text('summary', 'Omschrijving', s.summary),
    // The plain-language text for the household says the same in simpler words: one more text to scrub, nothing to learn from.
    sections: s.plan.sections.filter(isProfessionalSection).map((sec, i) => ({ key: sec.key, label: sec.label, text: r.text(`sections.${i}.text`, `Gezinsplan: ${SECTION_LABELS[sec.key] ?? sec.label}`, sec.text) })),
    zrm: s.plan.zrm.flatMap((z) => {
      const d = day(z.datum);
      return d === null ? [] : [{ day: d, scores: { ...z.scores } }];
    }),
    goals: s.goals.map((g, i) => ({
      text: r.text(`goals.${i}.text`, `Doel ${i + 1}`, g.text),
      lifeDomain: g.lifeDomain,
      owner: owner(`goals.${i}.owner`, `Doel ${i + 1}: eigenaar`, g.owner),
      dueDay: day(g.dueDate),
      status: g.status,
      householdAgreed: g.householdAgreedOn !== null,
      legitimations: g.legitimations.map((l, j) => ({ law: l.law, text: r.text(`goals.${i}.legitimations.${j}.text`, `Doel ${i + 1}: legitimatie ${lawByKey(l.law).name}`, l.text) })),
      actions: g.actions.map((a, j) => ({
        text: r.text(`goals.${i}.actions.${j}.text`, `Doel ${i + 1}: actie ${j + 1}`, a.text),
        owner: owner(`goals.${i}.actions.${j}.owner`, `Doel ${i + 1}: eigenaar van actie ${j + 1}`, a.owner),
        dueDay: day(a.dueDate),
        done: a.done,
      })),
    })),
    vraagstukken: s.vraagstukken.map((v, i) => {
      const laws = v.draft?.laws ?? [];
      return {
        title: r.text(`vraagstukken.${i}.title`, `Vraagstuk ${i + 1}: titel`, v.title),
        laws,
        lifeDomains: v.draft?.lifeDomains ?? [],
        texts: Object.fromEntries(TOETS_TEXTS.map((k) => [k, r.text(`vraagstukken.${i}.texts.${k}`, `Vraagstuk ${i + 1}: ${stepLabel(k)}`, v.draft?.texts[k])])) as IntervisionCopy['vraagstukken'][number]['texts'],
        verdicts: laws.map((law, j) => ({ law, verdict: v.draft?.verdicts[law].verdict || null, reasoning: r.text(`vraagstukken.${i}.verdicts.${j}.reasoning`, `Vraagstuk ${i + 1}: oordeel ${lawByKey(law).name}`, v.draft?.verdicts[law].reasoning) })),
        conclusions: v.conclusions.flatMap((c, j) => {
          const d = day(c.at);
          if (d === null) return [];
          return [{ kind: c.kind, outcome: c.outcome, motivation: r.text(`vraagstukken.${i}.conclusions.${j}.motivation`, `Vraagstuk ${i + 1}: ${c.kind === 'besloten' ? 'besluit' : 'heropening'}`, c.motivation), reviewDay: day(c.reviewDate), day: d, by: roleName(c.byCaseRole, c.byFunctie ?? undefined) }];
        }),
      };
    }),
    // Internal deviations never leave the municipality's internal room, not even pseudonymised.
    deviations: s.deviations
      .filter((d) => !d.internal)
      .flatMap((d, i) => {
        const [startDay, endDay, reviewDay] = [day(d.startDate), day(d.endDate), day(d.reviewDate)];
        if (startDay === null || endDay === null || reviewDay === null) return [];
        const label = `Afwijking ${i + 1}`;
        return [
          {
            law: d.law,
            rule: r.text(`deviations.${i}.rule`, `${label}: regel`, d.rule),
            route: d.route,
            routeOther: d.routeOther ? r.text(`deviations.${i}.routeOther`, `${label}: route`, d.routeOther) : null,
            willDo: r.text(`deviations.${i}.willDo`, `${label}: wat we wel doen`, d.willDo),
            willNotDo: r.text(`deviations.${i}.willNotDo`, `${label}: wat we niet doen`, d.willNotDo),
            reasoning: r.text(`deviations.${i}.reasoning`, `${label}: motivering`, d.reasoning),
            startDay,
            endDay,
            reviewDay,
            status: d.status,
          },
        ];
      }),
  };
  return { copy, title, review: r.review(), known };
}

function defaultTitle(roles: Map<unknown, string>): string {
  const list = [...roles.values()];
  const children = list.filter((x) => x.startsWith('kind')).length;
  const adults = list.filter((x) => !x.startsWith('kind'));
  const parts = [...adults, ...(children === 1 ? ['één kind'] : children > 1 ? [`${children} kinderen`] : [])];
  return parts.length > 0 ? `Intervisie: huishouden met ${parts.join(', ').replace(/, ([^,]*)$/, ' en $1')}` : 'Intervisie: gepseudonimiseerde casus';
}

/** The copy with every flag kept as written: what `prepareCopy` gives before any review (for tests and tools). */
export function pseudonymiseCase(s: CaseSnapshot, opts: PseudonymiseOptions): IntervisionCopy {
  return prepareCopy(s, undefined, opts).copy;
}

/** The session title alone (see prepareCopy). */
export function sessionTitle(s: CaseSnapshot, requested: string | undefined, opts: PseudonymiseOptions): string {
  return prepareCopy(s, requested, opts).title;
}

// ---------------------------------------------------------------- stories for the library

/** The scrub context of a story: the session's known names (layer a) and no dates at all. */
export function storyContext(known: KnownIndex | undefined): ScrubContext {
  return { known, dates: REMOVE_DATES };
}

/** For a text typed for the library outside a session's review (tools, tests): flags kept as written. */
export function scrubForLibrary(text: string, known?: KnownIndex): string {
  return piecesToText(scrubPieces(text, storyContext(known)));
}

