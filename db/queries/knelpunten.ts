// Reads across ALL cases for the policy views (knelpunten, pilot figures). These functions
// return counts, laws, rule references, types and timestamps only: never a case title, a
// name or free text other than the rule a deviation departs from. Case ids appear only where
// the caller must count distinct cases, and never leave server/knelpunten.
// Periods are half-open UTC instants [from, toExcl): the caller turns Dutch calendar days into them.
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { commaList, rawAll, rawGet } from '../raw';
import type { BreakthroughType, CaseCluster } from '../../shared/breakthroughs';
import type { LawKey } from '../../shared/laws';

export interface Instants {
  from: string;
  toExcl: string;
}

/**
 * Deviations approved within the period (a later revocation does not undo that it was needed),
 * grouped per law and rule as written, with the distinct cases as a comma list (UUIDs hold no
 * commas): the caller merges spellings of the same rule, so it needs the cases, not the rows.
 */
export async function approvedDeviationRules(db: DbOrTx, p: Instants) {
  return rawAll<{ law: LawKey; rule: string; n: number; caseIds: string }>(db, sql`
    select d.law, d.rule, count(*) as n, ${commaList(db, sql`d.case_id`)} as "caseIds" from deviations d
    where exists (select 1 from deviation_events e where e.deviation_id = d.id and e.kind = 'goedgekeurd' and e.at >= ${p.from} and e.at < ${p.toExcl})
    group by d.law, d.rule`);
}

/**
 * Law pairs in tension. Definition: within one vraagstuk, take each law's latest signed verdict
 * (signed before the period's end); a pair of laws is in tension when one verdict is "past" or
 * "past deels" and the other "past niet": the same solution serves one law's purpose and goes
 * against the other's. Each vraagstuk counts once per pair, in the period in which the later of
 * the two verdicts was signed (the moment the tension became visible).
 * Not counted: laws co-listed as blocking in a breakthrough request; those block the same
 * solution together, which says nothing about them pulling against each other.
 */
export async function lawPairsInTension(db: DbOrTx, p: Instants) {
  // The latest signature per vraagstuk and law. SQLite fills the bare columns of a max()
  // aggregate from the row holding the maximum (a window function sorts twice as long there);
  // PostgreSQL says the same with DISTINCT ON.
  const latest =
    db.$engine === 'postgres'
      ? sql`select distinct on (vraagstuk_id, law) vraagstuk_id, law, verdict, at from verdict_signatures where at < ${p.toExcl} order by vraagstuk_id, law, id desc`
      : sql`select vraagstuk_id, law, verdict, at, max(id) from verdict_signatures where at < ${p.toExcl} group by vraagstuk_id, law`;
  const [lower, higher] = db.$engine === 'postgres' ? [sql`least`, sql`greatest`] : [sql`min`, sql`max`];
  return rawAll<{ lawA: LawKey; lawB: LawKey; n: number }>(db, sql`
    with latest as materialized (${latest}),
    fits as (select * from latest where verdict in ('past', 'past_deels')),
    fails as (select * from latest where verdict = 'past_niet')
    select ${lower}(a.law, b.law) as "lawA", ${higher}(a.law, b.law) as "lawB", count(*) as n
    from fails b join fits a on a.vraagstuk_id = b.vraagstuk_id
    where ${higher}(a.at, b.at) >= ${p.from}
    group by 1, 2`);
}

/** The latest recorded outcome per request, recorded within the period, counted per type. */
export async function outcomeTypeCounts(db: DbOrTx, p: Instants) {
  return rawAll<{ type: BreakthroughType; n: number; achieved: number }>(db, sql`
    select o.type, count(*) as n, sum(case when o.achieved then 1 else 0 end) as achieved
    from breakthrough_outcomes o
    where o.id in (select max(id) from breakthrough_outcomes group by request_id) and o.at >= ${p.from} and o.at < ${p.toExcl}
    group by o.type`);
}

export interface RequestTimeline {
  cluster: CaseCluster | null;
  /** When the first version was submitted. */
  submittedAt: string | null;
  /** The first decision: toegekend or afgewezen ("terug voor aanvulling" is not a decision). */
  decidedAt: string | null;
  grantedAt: string | null;
  refusedAt: string | null;
}

/** Every request's milestones; the (request_id, id) index answers each with a short range scan. */
export async function requestTimelines(db: DbOrTx): Promise<RequestTimeline[]> {
  return rawAll<RequestTimeline>(db, sql`
    select c.cluster,
      (select min(v.submitted_at) from breakthrough_versions v where v.request_id = r.id) as "submittedAt",
      (select min(e.at) from breakthrough_events e where e.request_id = r.id and e.kind in ('toegekend', 'afgewezen')) as "decidedAt",
      (select min(e.at) from breakthrough_events e where e.request_id = r.id and e.kind = 'toegekend') as "grantedAt",
      (select min(e.at) from breakthrough_events e where e.request_id = r.id and e.kind = 'afgewezen') as "refusedAt"
    from breakthrough_requests r join cases c on c.id = r.case_id`);
}

/** Latest outcomes per request that say "achieved", recorded within the period. */
export async function achievedCount(db: DbOrTx, p: Instants): Promise<number> {
  const row = await rawGet<{ n: number }>(db, sql`
    select count(*) as n from breakthrough_outcomes o
    where o.id in (select max(id) from breakthrough_outcomes group by request_id) and o.achieved and o.at >= ${p.from} and o.at < ${p.toExcl}`);
  return row?.n ?? 0;
}

/**
 * Cases per cluster: opened within the period, and active during it. "Active" is read from the
 * case as it stands: started before the period's end and either open now or closed after the
 * period began (a case closed before the period and reopened after it counts as active).
 */
export async function casesPerCluster(db: DbOrTx, p: Instants) {
  return rawAll<{ cluster: CaseCluster | null; opened: number; active: number }>(db, sql`
    select cluster,
      sum(case when created_at >= ${p.from} and created_at < ${p.toExcl} then 1 else 0 end) as opened,
      sum(case when created_at < ${p.toExcl} and (status = 'open' or closed_at >= ${p.from}) then 1 else 0 end) as active
    from cases group by cluster`);
}

/** Closures within the period, with when their case began: for the count and the median duration. */
export async function closuresInPeriod(db: DbOrTx, p: Instants) {
  return rawAll<{ caseId: string; createdAt: string; closedAt: string }>(db, sql`
    select s.case_id as "caseId", c.created_at as "createdAt", s.at as "closedAt"
    from case_status_changes s join cases c on c.id = s.case_id
    where s.status = 'gesloten' and s.at >= ${p.from} and s.at < ${p.toExcl}`);
}
