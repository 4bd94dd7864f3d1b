// Stuck cases: the flag and lead events (append-only, the latest counts), the signal
// thresholds, and the aggregate reads the signals are computed from. Every aggregate takes a
// scope (one case, or the cases a user is a current member of) and answers for all cases in
// it with one grouped query, never one query per case: the overview must stay fast with
// thousands of cases.
import { desc, eq, type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { nowIso } from '../client';
import { asBool, inList, jsonText, jsonTrue, rawAll } from '../raw';
import { cases, caseLeadEvents, caseStuckFlags, signalSettings, users } from '../schema';
import { type CaseCluster } from '../../shared/breakthroughs';
import { SIGNAL_SETTINGS, type SignalSetting } from '../../shared/stuck';
import type { MandateLevel } from '../../shared/laws';
import type { AccessLevel, CaseRole, CaseStatus, Functie } from '../../shared/roles';

// ---------------------------------------------------------------- thresholds

export type SignalThresholds = Record<SignalSetting, number>;

export async function listSignalSettingRows(db: DbOrTx) {
  return db
    .select({ key: signalSettings.key, value: signalSettings.value, updatedAt: signalSettings.updatedAt, updatedById: users.id, updatedByName: users.name })
    .from(signalSettings)
    .innerJoin(users, eq(users.id, signalSettings.updatedBy));
}

/** The thresholds in force: what the administrator stored, else the default. */
export async function signalThresholds(db: DbOrTx): Promise<SignalThresholds> {
  const stored = new Map((await db.select({ key: signalSettings.key, value: signalSettings.value }).from(signalSettings)).map((r) => [r.key, r.value]));
  return Object.fromEntries(SIGNAL_SETTINGS.map((s) => [s.key, stored.get(s.key) ?? s.default])) as SignalThresholds;
}

export async function setSignalSetting(db: DbOrTx, s: { key: SignalSetting; value: number; updatedBy: string }): Promise<void> {
  const at = nowIso();
  await db.insert(signalSettings)
    .values({ ...s, updatedAt: at })
    .onConflictDoUpdate({ target: signalSettings.key, set: { value: s.value, updatedBy: s.updatedBy, updatedAt: at } });
}

// ---------------------------------------------------------------- flag, lead, cluster

export type FlagRow = typeof caseStuckFlags.$inferSelect;
export type LeadRow = typeof caseLeadEvents.$inferSelect;

export async function insertStuckFlag(db: DbOrTx, f: Omit<FlagRow, 'id' | 'at'>): Promise<void> {
  await db.insert(caseStuckFlags).values({ ...f, at: nowIso() });
}

export async function latestStuckFlag(db: DbOrTx, caseId: string) {
  return (await db
    .select({ kind: caseStuckFlags.kind, reason: caseStuckFlags.reason, at: caseStuckFlags.at, byId: users.id, byName: users.name })
    .from(caseStuckFlags)
    .innerJoin(users, eq(users.id, caseStuckFlags.byUserId))
    .where(eq(caseStuckFlags.caseId, caseId))
    .orderBy(desc(caseStuckFlags.id))
    .limit(1))[0];
}

export async function insertLeadEvent(db: DbOrTx, e: Omit<LeadRow, 'id' | 'at'>): Promise<void> {
  await db.insert(caseLeadEvents).values({ ...e, at: nowIso() });
}

export async function latestLeadEvent(db: DbOrTx, caseId: string) {
  return (await db
    .select({ kind: caseLeadEvents.kind, note: caseLeadEvents.note, at: caseLeadEvents.at, userId: users.id, userName: users.name })
    .from(caseLeadEvents)
    .innerJoin(users, eq(users.id, caseLeadEvents.userId))
    .where(eq(caseLeadEvents.caseId, caseId))
    .orderBy(desc(caseLeadEvents.id))
    .limit(1))[0];
}

export async function setCaseCluster(db: DbOrTx, caseId: string, cluster: CaseCluster | null): Promise<void> {
  await db.update(cases).set({ cluster }).where(eq(cases.id, caseId));
}

// ---------------------------------------------------------------- scoped aggregates

/** Which cases an aggregate covers: one case, or every case a user is a current member of. */
export type CaseScope = { caseId: string } | { memberUserId: string };

function inScope(column: SQL, scope: CaseScope): SQL {
  return 'caseId' in scope
    ? sql`${column} = ${scope.caseId}`
    : sql`${column} in (select case_id from case_members where user_id = ${scope.memberUserId} and removed_at is null)`;
}

export interface CaseBaseRow {
  id: string;
  title: string;
  status: CaseStatus;
  createdAt: string;
  closedAt: string | null;
  borgingsafspraken: string | null;
  cluster: CaseCluster | null;
  regisseurId: string | null;
  regisseurName: string | null;
  /** Time of the plan room's newest stored update, or null when nobody ever wrote in it. */
  lastPlanChangeAt: string | null;
}

/**
 * The cases themselves, with the newest plan change. The plan room is named after the case
 * (shared/plan/rooms.ts); the (room, id) index finds its newest update in one seek.
 */
export async function caseBaseRows(db: DbOrTx, scope: CaseScope): Promise<CaseBaseRow[]> {
  return rawAll<CaseBaseRow>(db, sql`
    select c.id, c.title, c.status, c.created_at as "createdAt", c.closed_at as "closedAt", c.borgingsafspraken, c.cluster,
           r.id as "regisseurId", r.name as "regisseurName",
           (select u.at from collab_updates u where u.room = c.id order by u.id desc limit 1) as "lastPlanChangeAt"
    from cases c left join users r on r.id = c.regisseur_user_id
    where ${inScope(sql`c.id`, scope)}`);
}

export interface OverdueGoalRow {
  caseId: string;
  id: string;
  text: string;
  status: 'open' | 'bezig';
  dueDate: string;
  /** The professional who owns the goal, if any (names are looked up once, for the few people involved); else the household may own it. */
  ownerUserId: string | null;
  ownerHousehold: string | null;
}

/** Goals still open or in progress whose due date lies before today, with whoever owns them. */
export async function overdueGoalRows(db: DbOrTx, scope: CaseScope, today: string): Promise<OverdueGoalRow[]> {
  return rawAll<OverdueGoalRow>(db, sql`
    select g.case_id as "caseId", g.id, g.text, g.status, g.due_date as "dueDate", g.owner_user_id as "ownerUserId", g.owner_household as "ownerHousehold"
    from goals g
    where ${inScope(sql`g.case_id`, scope)} and g.withdrawn_at is null and g.status in ('open', 'bezig') and g.due_date is not null and g.due_date < ${today}`);
}

export interface OpenVraagstukRow {
  caseId: string;
  id: string;
  title: string;
  createdAt: string;
  /** The latest decision: null (never concluded) or 'heropend'. Concluded ones are left out. */
  lastKind: 'heropend' | null;
  lastAt: string | null;
}

/** Vraagstukken that are open: no conclusion yet, or reopened after the last one. */
export async function openVraagstukRows(db: DbOrTx, scope: CaseScope): Promise<OpenVraagstukRow[]> {
  return rawAll<OpenVraagstukRow>(db, sql`
    select * from (
      select v.case_id as "caseId", v.id, v.title, v.created_at as "createdAt",
             (select d.kind from vraagstuk_decisions d where d.vraagstuk_id = v.id order by d.id desc limit 1) as "lastKind",
             (select d.at from vraagstuk_decisions d where d.vraagstuk_id = v.id order by d.id desc limit 1) as "lastAt"
      from vraagstukken v where ${inScope(sql`v.case_id`, scope)}
    ) as v where "lastKind" is null or "lastKind" = 'heropend'`);
}

export interface LiveDeviationRow {
  caseId: string;
  id: string;
  law: string;
  rule: string;
  route: string;
  reviewDate: string;
  endDate: string;
  proposedAt: string;
  proposerName: string;
  /** Internal deviations never reach external partners or the household, not even as a signal. */
  internal: boolean;
  /** null: still a proposal; 'goedgekeurd': in force. Rejected and revoked ones are left out. */
  lastKind: 'goedgekeurd' | null;
  /** Who approved it (the latest event), when in force. */
  approverName: string | null;
}

/** Deviations still running (end date not passed) that are either proposed or approved. */
export async function liveDeviationRows(db: DbOrTx, scope: CaseScope, today: string): Promise<LiveDeviationRow[]> {
  return (await rawAll<Omit<LiveDeviationRow, 'internal'> & { internal: unknown }>(db, sql`
    select d.case_id as "caseId", d.id, d.law, d.rule, d.route, d.review_date as "reviewDate", d.end_date as "endDate", d.proposed_at as "proposedAt", d.internal,
           p.name as "proposerName", e.kind as "lastKind", a.name as "approverName"
    from deviations d
    join users p on p.id = d.proposed_by
    left join deviation_events e on e.id = (select max(x.id) from deviation_events x where x.deviation_id = d.id)
    left join users a on a.id = e.by_user_id and e.kind = 'goedgekeurd'
    where ${inScope(sql`d.case_id`, scope)} and d.end_date >= ${today} and (e.kind is null or e.kind = 'goedgekeurd')`)).map((r) => ({ ...r, internal: asBool(r.internal) }));
}

export interface LatestFlagRow {
  caseId: string;
  kind: 'gemeld' | 'opgeheven';
  reason: string;
  at: string;
  byId: string;
  byName: string;
}

export async function latestFlagRows(db: DbOrTx, scope: CaseScope): Promise<LatestFlagRow[]> {
  return rawAll<LatestFlagRow>(db, sql`
    select f.case_id as "caseId", f.kind, f.reason, f.at, u.id as "byId", u.name as "byName"
    from case_stuck_flags f join users u on u.id = f.by_user_id
    where f.id in (select max(id) from case_stuck_flags where ${inScope(sql`case_id`, scope)} group by case_id)`);
}

export interface LatestLeadRow {
  caseId: string;
  kind: 'genomen' | 'overgedragen';
  note: string | null;
  at: string;
  userId: string;
  userName: string;
  /** Whether the holder still sits at the table: a lead whose holder left is no lead. */
  holderAtTable: boolean;
}

export async function latestLeadRows(db: DbOrTx, scope: CaseScope): Promise<LatestLeadRow[]> {
  return (await rawAll<Omit<LatestLeadRow, 'holderAtTable'> & { holderAtTable: unknown }>(db, sql`
      select l.case_id as "caseId", l.kind, l.note, l.at, u.id as "userId", u.name as "userName",
             exists (select 1 from case_members m where m.case_id = l.case_id and m.user_id = l.user_id and m.removed_at is null) as "holderAtTable"
      from case_lead_events l join users u on u.id = l.user_id
      where l.id in (select max(id) from case_lead_events where ${inScope(sql`case_id`, scope)} group by case_id)`)
  ).map((r) => ({ ...r, holderAtTable: asBool(r.holderAtTable) }));
}

export interface OpenRequestRow {
  caseId: string;
  requestId: string;
  kind: 'voorgelegd' | 'opgeschaald' | 'terug' | 'afgewezen' | 'geexporteerd';
  level: MandateLevel | null;
  /** For a refusal: the refuser's mandate, which decides where an escalation goes. */
  mandate: MandateLevel | null;
  at: string;
  assigneeName: string | null;
  assigneeFunctie: Functie | null;
  /** Who submitted the latest version: a returned request waits for them. */
  requesterName: string | null;
}

/**
 * Breakthrough requests still waiting for someone, by their latest event (as server/breakthroughs
 * derives the status): with a mandate holder (voorgelegd / opgeschaald), back with the
 * submitter for more (terug), refused and waiting for the procesregisseur to escalate or
 * withdraw it (afgewezen), or with the national maatwerkloket (geexporteerd) until its outcome
 * is recorded.
 */
export async function openRequestRows(db: DbOrTx, scope: CaseScope): Promise<OpenRequestRow[]> {
  return rawAll<OpenRequestRow>(db, sql`
    select r.case_id as "caseId", r.id as "requestId", e.kind, e.level, e.mandate, e.at, a.name as "assigneeName", a.functie as "assigneeFunctie",
           (select u.name from breakthrough_versions v join users u on u.id = v.submitted_by where v.request_id = r.id order by v.version desc limit 1) as "requesterName"
    from breakthrough_requests r
    join breakthrough_events e on e.id = (select max(x.id) from breakthrough_events x where x.request_id = r.id)
    left join users a on a.id = e.assignee_id
    where ${inScope(sql`r.case_id`, scope)}
      and (e.kind in ('voorgelegd', 'opgeschaald', 'terug', 'afgewezen')
           or (e.kind = 'geexporteerd' and not exists (select 1 from breakthrough_outcomes o where o.request_id = r.id)))`);
}

export interface ScopeMemberRow {
  caseId: string;
  userId: string;
  name: string;
  functie: Functie;
  caseRole: CaseRole;
  access: AccessLevel;
}

/** The current members of these cases (the overview asks only for the cases whose waits need them). */
export async function memberRowsOfCases(db: DbOrTx, caseIds: readonly string[]): Promise<ScopeMemberRow[]> {
  if (caseIds.length === 0) return [];
  return rawAll<ScopeMemberRow>(db, sql`
    select m.case_id as "caseId", u.id as "userId", u.name, u.functie, m.case_role as "caseRole", m.access
    from case_members m join users u on u.id = m.user_id
    where m.case_id in (${inList(caseIds)}) and m.removed_at is null`);
}

/** Which laws have a signed verdict, per open vraagstuk of the scope. */
export async function signedLawRows(db: DbOrTx, vraagstukIds: readonly string[]) {
  if (vraagstukIds.length === 0) return [];
  return rawAll<{ vraagstukId: string; law: string }>(db, sql`
    select distinct vraagstuk_id as "vraagstukId", law from verdict_signatures
    where vraagstuk_id in (${inList(vraagstukIds)})`);
}

export interface RegisseurChangeRow {
  caseId: string;
  at: string;
  /** Who was regisseur until this change, when the audit detail says so. */
  previousId: string | null;
  previousName: string | null;
}

/**
 * When these cases last lost or changed their regisseur, and who it was: the case row keeps
 * only the current regisseur, so the audit trail (append-only, written in the same transaction
 * as the change) is where that history lives. Only asked for the few cases without a regisseur.
 */
export async function lastRegisseurChangeRows(db: DbOrTx, caseIds: readonly string[]): Promise<RegisseurChangeRow[]> {
  if (caseIds.length === 0) return [];
  return rawAll<RegisseurChangeRow>(db, sql`
    select a.case_id as "caseId", a.at, p.id as "previousId", p.name as "previousName"
    from audit_log a
    left join users p on p.id = case
      when a.action = 'case.member_removed' then ${jsonText(db, sql`a.detail`, 'userId')}
      else ${jsonText(db, sql`a.detail`, 'previous')} end
    where a.seq in (
      select max(seq) from audit_log
      where case_id in (${inList(caseIds)})
        and (action = 'case.regisseur_assigned' or (action = 'case.member_removed' and ${jsonTrue(db, sql`detail`, 'wasRegisseur')}))
      group by case_id)`);
}
