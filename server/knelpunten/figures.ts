// The knelpunten view and the pilot figures: across ALL cases, so they hold counts, laws,
// rule references, breakthrough types and durations only. No case id, title, name or free
// text leaves this module, except a deviation's rule reference, and that only when the same
// rule was deviated from in at least MIN_CASES different cases: a recurring obstacle is what
// policy needs, and a reference typed into one case alone could carry anything.
import type { Db } from '../../db/client';
import {
  achievedCount,
  approvedDeviationRules,
  casesPerCluster,
  closuresInPeriod,
  lawPairsInTension,
  outcomeTypeCounts,
  requestTimelines,
  type RequestTimeline,
} from '../../db/queries/knelpunten';
import { BREAKTHROUGH_TYPES, CASE_CLUSTERS, type CaseCluster } from '../../shared/breakthroughs';
import { LAW_KEYS, type LawKey } from '../../shared/laws';
import type { Knelpunten, PilotFigures } from '../../shared/schemas';
import { medianDays, type Period } from './period';

export const MIN_CASES = 2;
const MAX_RULES = 25;

/**
 * One key for the many ways people write the same rule: case, spaces, quotes, "artikel" /
 * "art" / "art.", and trailing punctuation do not make a different rule.
 */
export function normaliseRule(rule: string): string {
  return rule
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[„”“"'‘’]/g, '')
    .replace(/\bartikel\b/g, 'art.')
    .replace(/\bart\b\.?/g, 'art.')
    .replace(/\bart\.(?=\S)/g, 'art. ')
    .replace(/\s+/g, ' ')
    .replace(/[\s.,;:]+$/, '')
    .trim();
}

/** The spelling most people used, for display (ties: the first in alphabetical order). */
function mostUsed(spellings: Map<string, number>): string {
  return [...spellings.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0], 'nl'))[0]![0];
}

function ruleCounts(rows: readonly { law: LawKey; rule: string; n: number; caseIds: string }[]) {
  const groups = new Map<string, { law: LawKey; deviations: number; cases: Set<string>; spellings: Map<string, number> }>();
  for (const r of rows) {
    const key = `${r.law}\u0000${normaliseRule(r.rule)}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { law: r.law, deviations: 0, cases: new Set(), spellings: new Map() }));
    g.deviations += r.n;
    for (const id of r.caseIds.split(',')) g.cases.add(id);
    const spelling = r.rule.replace(/\s+/g, ' ').trim();
    g.spellings.set(spelling, (g.spellings.get(spelling) ?? 0) + r.n);
  }
  const recurring = [...groups.values()].filter((g) => g.cases.size >= MIN_CASES);
  const rest = [...groups.values()].filter((g) => g.cases.size < MIN_CASES);
  return {
    rules: recurring
      .map((g) => ({ law: g.law, rule: mostUsed(g.spellings), deviations: g.deviations, cases: g.cases.size }))
      .sort((a, b) => b.deviations - a.deviations || b.cases - a.cases || a.rule.localeCompare(b.rule, 'nl'))
      .slice(0, MAX_RULES),
    otherRules: LAW_KEYS.map((law) => ({ law, deviations: rest.filter((g) => g.law === law).reduce((n, g) => n + g.deviations, 0) })).filter((x) => x.deviations > 0),
  };
}

const within = (at: string | null, p: Period): at is string => at !== null && at >= p.from && at < p.toExcl;

function requestToDecision(timelines: readonly RequestTimeline[], p: Period) {
  return medianDays(timelines.filter((t) => t.submittedAt && within(t.decidedAt, p)).map((t) => ({ start: t.submittedAt!, end: t.decidedAt! })));
}

export async function knelpunten(db: Db, p: Period): Promise<Knelpunten> {
  const typeCounts = new Map((await outcomeTypeCounts(db, p)).map((t) => [t.type, t]));
  return {
    from: p.fromDay,
    to: p.toDay,
    ...ruleCounts(await approvedDeviationRules(db, p)),
    minCases: MIN_CASES,
    lawPairs: (await lawPairsInTension(db, p))
      .map((r) => ({ laws: [r.lawA, r.lawB] as [LawKey, LawKey], vraagstukken: r.n }))
      .sort((a, b) => b.vraagstukken - a.vraagstukken || a.laws.join().localeCompare(b.laws.join())),
    breakthroughTypes: BREAKTHROUGH_TYPES.flatMap((t) => {
      const c = typeCounts.get(t.key);
      return c ? [{ type: t.key, outcomes: c.n, achieved: c.achieved }] : [];
    }).sort((a, b) => b.outcomes - a.outcomes),
    requestToDecision: requestToDecision(await requestTimelines(db), p),
  };
}

export async function pilotFigures(db: Db, p: Period): Promise<PilotFigures> {
  const perCluster = await casesPerCluster(db, p);
  const timelines = await requestTimelines(db);
  const closures = await closuresInPeriod(db, p);
  const granted = timelines.filter((t) => within(t.grantedAt, p));
  const clusterRow = (cluster: CaseCluster | null) => {
    const row = perCluster.find((r) => r.cluster === cluster);
    return { cluster, opened: row?.opened ?? 0, active: row?.active ?? 0, granted: granted.filter((t) => t.cluster === cluster).length };
  };
  const sum = (k: 'opened' | 'active') => perCluster.reduce((n, r) => n + (r[k] ?? 0), 0);
  return {
    from: p.fromDay,
    to: p.toDay,
    cases: { opened: sum('opened'), active: sum('active'), closed: new Set(closures.map((c) => c.caseId)).size },
    breakthroughs: {
      requested: timelines.filter((t) => within(t.submittedAt, p)).length,
      granted: granted.length,
      refused: timelines.filter((t) => within(t.refusedAt, p)).length,
      achieved: await achievedCount(db, p),
    },
    clusters: [...CASE_CLUSTERS.map((c) => clusterRow(c.key)), clusterRow(null)],
    durations: {
      caseOpenToClosed: medianDays(closures.map((c) => ({ start: c.createdAt, end: c.closedAt }))),
      requestToDecision: requestToDecision(timelines, p),
    },
  };
}
