// The PostgreSQL tables: the production engine (DATABASE_URL=postgres://…).
//
// The query code is typed against ./sqlite.ts and runs unchanged on these tables (bound in
// ./index.ts), so every table here has the same export name, the same columns (JS names and
// SQL names), the same nullability, defaults, indexes and foreign keys, and the same
// TypeScript row types. tests/unit/schema-drift.test.ts fails when the two differ. The doc
// comments are kept as in ./sqlite.ts, so `diff` of the two files shows only the dialect.
//
// How SQLite columns map:
// - every INTEGER is a bigint read as a JS number: SQLite integers are 64-bit, and some values
//   need more than int4 (Yjs client ids are unsigned 32-bit; euro cents; ids over the years);
// - auto-numbered keys are identity columns BY DEFAULT, so db:copy can insert existing ids
//   (it then moves each sequence past them: syncIdentitySequences in db/engines/postgres.ts);
// - integer booleans are boolean; blobs are bytea, read and written as Buffer;
// - timestamps stay ISO 8601 text, as on SQLite: the same sorting and the same JS values, and
//   the audit chain hashes the exact stored strings.
import { bigint, boolean, customType, index, pgTable, primaryKey, text, uniqueIndex } from 'drizzle-orm/pg-core';
import type { AccessLevel, CaseRole, CaseStatus, Functie } from '../../shared/roles';
import type { DeviationRoute, LawKey, MandateLevel } from '../../shared/laws';
import type { BreakthroughKind, BreakthroughType, CaseCluster } from '../../shared/breakthroughs';
import type { AccessKind } from '../../shared/schemas/resident';
import type { PasswordLoginMode } from '../../shared/schemas/oidc';
import type { DeviationDecisionKind } from '../../shared/schemas/deviations';

/** bytea as a Buffer, like SQLite's blob({ mode: 'buffer' }); node-postgres reads bytea as a Buffer. */
const bytea = customType<{ data: Buffer; driverData: Buffer }>({
  dataType: () => 'bytea',
});

export const users = pgTable(
  'users',
  {
    id: text('id').primaryKey(),
    email: text('email').notNull(),
    name: text('name').notNull(),
    functie: text('functie').$type<Functie>().notNull(),
    organisation: text('organisation').notNull(),
    /** How the household and colleagues reach this person by phone ("wie doet wat"); optional. */
    phone: text('phone'),
    passwordHash: text('password_hash').notNull(),
    active: boolean('active').notNull().default(true),
    mustChangePassword: boolean('must_change_password').notNull().default(false),
    /**
     * Made at a first sign-in through an identity provider whose groups named no functie: the
     * account can do nothing until the functional administrator sets one (server/context.ts).
     */
    functiePending: boolean('functie_pending').notNull().default(false),
    createdAt: text('created_at').notNull(),
    lastLoginAt: text('last_login_at'),
  },
  (t) => [uniqueIndex('users_email_unique').on(t.email)],
);

export const sessions = pgTable(
  'sessions',
  {
    /** SHA-256 of the cookie token, so a copy of the database does not hand out sessions. */
    id: text('id').primaryKey(),
    userId: text('user_id').notNull().references(() => users.id),
    createdAt: text('created_at').notNull(),
    lastSeenAt: text('last_seen_at').notNull(),
    expiresAt: text('expires_at').notNull(),
    ip: text('ip').notNull(),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

export const cases = pgTable(
  'cases',
  {
    id: text('id').primaryKey(),
    title: text('title').notNull(),
    summary: text('summary').notNull().default(''),
    status: text('status').$type<CaseStatus>().notNull().default('open'),
    regisseurUserId: text('regisseur_user_id').references(() => users.id),
    createdBy: text('created_by').notNull().references(() => users.id),
    createdAt: text('created_at').notNull(),
    lastActivityAt: text('last_activity_at').notNull(),
    closedAt: text('closed_at'),
    borgingsafspraken: text('borgingsafspraken'),
    /** The pilot's case cluster (shared/breakthroughs.ts), for the pilot figures. */
    cluster: text('cluster').$type<CaseCluster>(),
  },
);

export const caseMembers = pgTable(
  'case_members',
  {
    caseId: text('case_id').notNull().references(() => cases.id),
    userId: text('user_id').notNull().references(() => users.id),
    caseRole: text('case_role').$type<CaseRole>().notNull(),
    access: text('access').$type<AccessLevel>().notNull(),
    addedAt: text('added_at').notNull(),
    addedBy: text('added_by').notNull().references(() => users.id),
    /** Removed members keep their row so the case's history stays readable. */
    removedAt: text('removed_at'),
  },
  (t) => [
    primaryKey({ columns: [t.caseId, t.userId] }),
    index('case_members_user_idx').on(t.userId, t.removedAt),
    // Covers the werkbak's per-case member count without touching the table rows.
    index('case_members_case_idx').on(t.caseId, t.removedAt),
  ],
);

export const caseStatusChanges = pgTable(
  'case_status_changes',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
    caseId: text('case_id').notNull().references(() => cases.id),
    status: text('status').$type<CaseStatus>().notNull(),
    at: text('at').notNull(),
    byUserId: text('by_user_id').notNull().references(() => users.id),
    note: text('note'),
  },
  (t) => [index('case_status_changes_case_idx').on(t.caseId)],
);

/** Append-only (enforced by triggers in the migration); each row hashes the previous one. */
export const auditLog = pgTable(
  'audit_log',
  {
    seq: bigint('seq', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
    at: text('at').notNull(),
    actorUserId: text('actor_user_id'),
    /** What the actor typed or was, when there is no account (a failed login). */
    actorLabel: text('actor_label'),
    action: text('action').notNull(),
    caseId: text('case_id'),
    ip: text('ip'),
    detail: text('detail').notNull().default('{}'),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [index('audit_log_case_idx').on(t.caseId), index('audit_log_actor_idx').on(t.actorUserId)],
);


/**
 * Every Yjs update a room accepted, with its author and time, written before it is relayed.
 * Compaction folds old updates into collab_snapshots and empties their `update` column, but
 * keeps the row: who changed the plan and when stays answerable.
 */
export const collabUpdates = pgTable(
  'collab_updates',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
    room: text('room').notNull(),
    userId: text('user_id').notNull().references(() => users.id),
    at: text('at').notNull(),
    size: bigint('size', { mode: 'number' }).notNull(),
    update: bytea('update'),
  },
  (t) => [index('collab_updates_room_idx').on(t.room, t.id)],
);

/**
 * Which session first wrote with a Yjs client id in a room. The id is that session's for the
 * life of the room (and of the session: deleting the session prunes its rows): an update under
 * it from any other session is refused from the sender, never from the owner.
 */
export const collabClientOwners = pgTable(
  'collab_client_owners',
  {
    room: text('room').notNull(),
    clientId: bigint('client_id', { mode: 'number' }).notNull(),
    sessionId: text('session_id')
      .notNull()
      .references(() => sessions.id, { onDelete: 'cascade' }),
    at: text('at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.room, t.clientId] }), index('collab_client_owners_session_idx').on(t.sessionId)],
);

/**
 * Yjs client ids under which a session sent updates while it could not write. Those updates
 * were dropped, and Yjs history cannot be accepted in part: every later edit of that client
 * builds on them, so that session's document must be replaced (4409), never merged. The mark
 * is per session, so nobody can use it against another member.
 */
export const collabDivergedClients = pgTable(
  'collab_diverged_clients',
  {
    room: text('room').notNull(),
    sessionId: text('session_id')
      .notNull()
      .references(() => sessions.id, { onDelete: 'cascade' }),
    clientId: bigint('client_id', { mode: 'number' }).notNull(),
    at: text('at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.room, t.sessionId, t.clientId] }), index('collab_diverged_clients_session_idx').on(t.sessionId)],
);

/** The compacted state of a room: all updates up to and including `upToId`. */
export const collabSnapshots = pgTable('collab_snapshots', {
  room: text('room').primaryKey(),
  state: bytea('state').notNull(),
  upToId: bigint('up_to_id', { mode: 'number' }).notNull(),
  at: text('at').notNull(),
});

/** Adopted (vastgestelde) plan versions: numbered, read-only, with a copy of what was adopted. */
export const planVersions = pgTable(
  'plan_versions',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
    caseId: text('case_id').notNull().references(() => cases.id),
    number: bigint('number', { mode: 'number' }).notNull(),
    adoptedAt: text('adopted_at').notNull(),
    adoptedBy: text('adopted_by').notNull().references(() => users.id),
    note: text('note'),
    /** The Y.Doc state as one update, so the exact version can be reopened. */
    state: bytea('state').notNull(),
    /** PlanContent as JSON, for reading without Yjs. */
    content: text('content').notNull(),
    text: text('text').notNull(),
  },
  (t) => [uniqueIndex('plan_versions_case_number').on(t.caseId, t.number)],
);

/** A proposed deviation from the rules, exactly as proposed. Never changed afterwards. */
export const deviations = pgTable(
  'deviations',
  {
    id: text('id').primaryKey(),
    caseId: text('case_id').notNull().references(() => cases.id),
    law: text('law').$type<LawKey>().notNull(),
    rule: text('rule').notNull(),
    route: text('route').$type<DeviationRoute>().notNull(),
    routeOther: text('route_other'),
    willDo: text('will_do').notNull(),
    willNotDo: text('will_not_do').notNull(),
    reasoning: text('reasoning').notNull(),
    startDate: text('start_date').notNull(),
    endDate: text('end_date').notNull(),
    reviewDate: text('review_date').notNull(),
    internal: boolean('internal').notNull(),
    proposedBy: text('proposed_by').notNull().references(() => users.id),
    proposedAt: text('proposed_at').notNull(),
  },
  (t) => [index('deviations_case_idx').on(t.caseId)],
);

/** What happened to a deviation: approved, rejected, revoked. Append-only; the status is derived. */
export const deviationEvents = pgTable(
  'deviation_events',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
    deviationId: text('deviation_id').notNull().references(() => deviations.id),
    kind: text('kind').$type<DeviationDecisionKind>().notNull(),
    byUserId: text('by_user_id').notNull().references(() => users.id),
    /** The mandate the decision was taken under (approve/reject). */
    mandate: text('mandate').$type<MandateLevel>(),
    at: text('at').notNull(),
    note: text('note'),
  },
  (t) => [index('deviation_events_deviation_idx').on(t.deviationId)],
);

/** Which mandate level must approve a deviation from a law by a route. Missing: the default. */
export const mandateRules = pgTable(
  'mandate_rules',
  {
    law: text('law').$type<LawKey>().notNull(),
    route: text('route').$type<DeviationRoute>().notNull(),
    level: text('level').$type<MandateLevel>().notNull(),
    updatedBy: text('updated_by').notNull().references(() => users.id),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.law, t.route] })],
);

// ---------------------------------------------------------------- reverse test (omgekeerde toets)

/** A vraagstuk: one issue of the household, walked through the six steps. The drafts live in the Y.Doc. */
export const vraagstukken = pgTable(
  'vraagstukken',
  {
    id: text('id').primaryKey(),
    caseId: text('case_id').notNull().references(() => cases.id),
    title: text('title').notNull(),
    createdBy: text('created_by').notNull().references(() => users.id),
    createdAt: text('created_at').notNull(),
  },
  (t) => [index('vraagstukken_case_idx').on(t.caseId)],
);

/** A signed per-law verdict (step 3): a copy of exactly what was signed. Append-only. */
export const verdictSignatures = pgTable(
  'verdict_signatures',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
    vraagstukId: text('vraagstuk_id').notNull().references(() => vraagstukken.id),
    law: text('law').$type<LawKey>().notNull(),
    verdict: text('verdict').notNull(),
    reasoning: text('reasoning').notNull(),
    /** The proposed solution (step 2) as it read when the verdict was signed. */
    solution: text('solution').notNull(),
    byUserId: text('by_user_id').notNull().references(() => users.id),
    /** Name and case role as they were when signing: the signature must read the same later. */
    byName: text('by_name').notNull(),
    byCaseRole: text('by_case_role').$type<CaseRole>().notNull(),
    at: text('at').notNull(),
  },
  (t) => [index('verdict_signatures_vraagstuk_idx').on(t.vraagstukId)],
);

/** Conclusions (step 6) and reopenings of a vraagstuk, in order. Append-only; the latest counts. */
export const vraagstukDecisions = pgTable(
  'vraagstuk_decisions',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
    vraagstukId: text('vraagstuk_id').notNull().references(() => vraagstukken.id),
    kind: text('kind').$type<'besloten' | 'heropend'>().notNull(),
    /** 'uitvoeren' or 'niet_uitvoeren' for a conclusion; null for a reopening. */
    outcome: text('outcome').$type<'uitvoeren' | 'niet_uitvoeren'>(),
    motivation: text('motivation').notNull(),
    reviewDate: text('review_date'),
    /** JSON: what the conclusion rests on: laws, signature ids, deviations, cited articles with their versions. */
    basis: text('basis').notNull(),
    byUserId: text('by_user_id').notNull().references(() => users.id),
    byName: text('by_name').notNull(),
    byCaseRole: text('by_case_role').$type<CaseRole>().notNull(),
    at: text('at').notNull(),
  },
  (t) => [index('vraagstuk_decisions_vraagstuk_idx').on(t.vraagstukId)],
);

/** Which deviations a vraagstuk's solution relies on (step 5). */
export const vraagstukDeviations = pgTable(
  'vraagstuk_deviations',
  {
    vraagstukId: text('vraagstuk_id').notNull().references(() => vraagstukken.id),
    deviationId: text('deviation_id').notNull().references(() => deviations.id),
    linkedBy: text('linked_by').notNull().references(() => users.id),
    linkedAt: text('linked_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.vraagstukId, t.deviationId] })],
);

// ---------------------------------------------------------------- goals (doelen)

export const goals = pgTable(
  'goals',
  {
    id: text('id').primaryKey(),
    caseId: text('case_id').notNull().references(() => cases.id),
    /** In the household's own words. */
    text: text('text').notNull(),
    /** A ZRM domain key (shared/zrm.ts). */
    lifeDomain: text('life_domain').notNull(),
    vraagstukId: text('vraagstuk_id').references(() => vraagstukken.id),
    ownerUserId: text('owner_user_id').references(() => users.id),
    /** When the household (or one of them) owns the goal: e.g. "moeder", "het gezin". */
    ownerHousehold: text('owner_household'),
    dueDate: text('due_date'),
    status: text('status').$type<'open' | 'bezig' | 'bereikt' | 'gestopt'>().notNull(),
    householdAgreedOn: text('household_agreed_on'),
    householdAgreedRecordedBy: text('household_agreed_recorded_by').references(() => users.id),
    /** Why no law legitimises the goal, when none does (said explicitly instead of a legitimation). */
    legitimationWaiver: text('legitimation_waiver'),
    createdBy: text('created_by').notNull().references(() => users.id),
    createdAt: text('created_at').notNull(),
    updatedBy: text('updated_by').notNull().references(() => users.id),
    updatedAt: text('updated_at').notNull(),
    /** Set once, when a goal entered by mistake is withdrawn: it leaves every view; the audit trail keeps it. */
    withdrawnAt: text('withdrawn_at'),
    withdrawnBy: text('withdrawn_by').references(() => users.id),
    withdrawnReason: text('withdrawn_reason'),
  },
  (t) => [index('goals_case_idx').on(t.caseId), index('goals_due_idx').on(t.status, t.dueDate)],
);

/** Why a goal is legitimate under a law (the worked example: one goal, three laws). */
export const goalLegitimations = pgTable(
  'goal_legitimations',
  {
    goalId: text('goal_id').notNull().references(() => goals.id),
    law: text('law').$type<LawKey>().notNull(),
    text: text('text').notNull(),
  },
  (t) => [primaryKey({ columns: [t.goalId, t.law] })],
);

export const goalActions = pgTable(
  'goal_actions',
  {
    id: text('id').primaryKey(),
    goalId: text('goal_id').notNull().references(() => goals.id),
    text: text('text').notNull(),
    ownerUserId: text('owner_user_id').references(() => users.id),
    ownerHousehold: text('owner_household'),
    dueDate: text('due_date'),
    doneAt: text('done_at'),
    createdBy: text('created_by').notNull().references(() => users.id),
    createdAt: text('created_at').notNull(),
  },
  (t) => [index('goal_actions_goal_idx').on(t.goalId)],
);

// ---------------------------------------------------------------- the municipality's own catalogue

/**
 * The municipality's own verordening articles, hardship clauses and beleidsregels. Rows are
 * never changed: a new wording is a new row that replaces the old one from its effective
 * date, so a conclusion can always show the version it cited.
 */
export const localArticles = pgTable(
  'local_articles',
  {
    id: text('id').primaryKey(),
    law: text('law').$type<LawKey>().notNull(),
    kind: text('kind').$type<'verordening' | 'hardheidsclausule' | 'beleidsregel'>().notNull(),
    /** The regulation's name, e.g. "Verordening maatschappelijke ondersteuning 2025". */
    source: text('source').notNull(),
    ref: text('ref').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    validFrom: text('valid_from').notNull(),
    validUntil: text('valid_until'),
    replacesId: text('replaces_id'),
    createdBy: text('created_by').notNull().references(() => users.id),
    createdAt: text('created_at').notNull(),
  },
  (t) => [index('local_articles_law_idx').on(t.law)],
);

/** Which case role gives a law's verdict in this municipality. Missing: the catalogue default. */
export const lawResponsibilities = pgTable('law_responsibilities', {
  law: text('law').$type<LawKey>().primaryKey(),
  caseRole: text('case_role').$type<CaseRole>(),
  updatedBy: text('updated_by').notNull().references(() => users.id),
  updatedAt: text('updated_at').notNull(),
});

// ---------------------------------------------------------------- stuck cases and breakthroughs

/** Thresholds of the stuck-case signals (shared/stuck.ts SIGNAL_SETTINGS). Missing: the default. */
export const signalSettings = pgTable('signal_settings', {
  key: text('key').primaryKey(),
  value: bigint('value', { mode: 'number' }).notNull(),
  updatedBy: text('updated_by').notNull().references(() => users.id),
  updatedAt: text('updated_at').notNull(),
});

/** A member flags a case as stuck (vastgelopen), or clears that. Append-only; the latest counts. */
export const caseStuckFlags = pgTable(
  'case_stuck_flags',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
    caseId: text('case_id').notNull().references(() => cases.id),
    kind: text('kind').$type<'gemeld' | 'opgeheven'>().notNull(),
    reason: text('reason').notNull(),
    byUserId: text('by_user_id').notNull().references(() => users.id),
    at: text('at').notNull(),
  },
  (t) => [index('case_stuck_flags_case_idx').on(t.caseId, t.id)],
);

/** A procesregisseur takes the lead in a stuck case, or hands it back. Append-only. */
export const caseLeadEvents = pgTable(
  'case_lead_events',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
    caseId: text('case_id').notNull().references(() => cases.id),
    kind: text('kind').$type<'genomen' | 'overgedragen'>().notNull(),
    userId: text('user_id').notNull().references(() => users.id),
    note: text('note'),
    at: text('at').notNull(),
  },
  (t) => [index('case_lead_events_case_idx').on(t.caseId, t.id)],
);

/** A breakthrough request (doorbraakverzoek). Its content is versioned; what happens to it is events. */
export const breakthroughRequests = pgTable(
  'breakthrough_requests',
  {
    id: text('id').primaryKey(),
    caseId: text('case_id').notNull().references(() => cases.id),
    createdBy: text('created_by').notNull().references(() => users.id),
    createdAt: text('created_at').notNull(),
  },
  (t) => [index('breakthrough_requests_case_idx').on(t.caseId)],
);

/** One submitted wording of a request: the first, and each one after "terug voor aanvulling". Append-only. */
export const breakthroughVersions = pgTable(
  'breakthrough_versions',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
    requestId: text('request_id').notNull().references(() => breakthroughRequests.id),
    version: bigint('version', { mode: 'number' }).notNull(),
    stuck: text('stuck').notNull(),
    stuckSince: text('stuck_since').notNull(),
    proposal: text('proposal').notNull(),
    kind: text('kind').$type<BreakthroughKind>().notNull(),
    /** JSON: { laws: LawKey[], rules: string, vraagstukIds: string[], deviationIds: string[] } */
    blocking: text('blocking').notNull(),
    /** JSON: cost lines of carrying on (doormodderen, per year) and of the breakthrough (doorbreken). */
    costs: text('costs').notNull(),
    /** The budget asked for, in euro cents: what the mandate thresholds compare against. */
    amountCents: bigint('amount_cents', { mode: 'number' }).notNull(),
    submittedBy: text('submitted_by').notNull().references(() => users.id),
    submittedAt: text('submitted_at').notNull(),
  },
  (t) => [uniqueIndex('breakthrough_versions_request_version').on(t.requestId, t.version)],
);

/**
 * Everything that happens to a request, in order: routed to a mandate holder, decided
 * (toegekend / afgewezen / terug), escalated, exported, withdrawn. Append-only; the status is derived.
 */
export const breakthroughEvents = pgTable(
  'breakthrough_events',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
    requestId: text('request_id').notNull().references(() => breakthroughRequests.id),
    kind: text('kind').$type<'voorgelegd' | 'toegekend' | 'afgewezen' | 'terug' | 'opgeschaald' | 'geexporteerd' | 'ingetrokken'>().notNull(),
    /** The level the request is at after this event. */
    level: text('level').$type<MandateLevel>(),
    /** The mandate holder it is waiting for (voorgelegd / opgeschaald). */
    assigneeId: text('assignee_id').references(() => users.id),
    byUserId: text('by_user_id').notNull().references(() => users.id),
    /** The mandate the decision was taken under. */
    mandate: text('mandate').$type<MandateLevel>(),
    note: text('note'),
    /** Toegekend: conditions, budget (cents) and term end. */
    conditions: text('conditions'),
    budgetCents: bigint('budget_cents', { mode: 'number' }),
    termEnd: text('term_end'),
    at: text('at').notNull(),
  },
  (t) => [index('breakthrough_events_request_idx').on(t.requestId, t.id), index('breakthrough_events_assignee_idx').on(t.assigneeId)],
);

/**
 * Read access for a mandate holder while a request awaits their decision. Ends with the
 * decision (endedAt set); every start and end is audited.
 */
export const temporaryAccess = pgTable(
  'temporary_access',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
    caseId: text('case_id').notNull().references(() => cases.id),
    userId: text('user_id').notNull().references(() => users.id),
    requestId: text('request_id').notNull().references(() => breakthroughRequests.id),
    startedAt: text('started_at').notNull(),
    endedAt: text('ended_at'),
  },
  (t) => [index('temporary_access_user_case_idx').on(t.userId, t.caseId, t.endedAt)],
);

/** The result after the term: achieved or not, which breakthrough, what made the difference. Append-only; the latest counts. */
export const breakthroughOutcomes = pgTable(
  'breakthrough_outcomes',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
    requestId: text('request_id').notNull().references(() => breakthroughRequests.id),
    achieved: boolean('achieved').notNull(),
    type: text('type').$type<BreakthroughType>().notNull(),
    typeOther: text('type_other'),
    difference: text('difference').notNull(),
    /** Offered as a success story (succesverhaal) for the organisation. */
    successStory: boolean('success_story').notNull(),
    byUserId: text('by_user_id').notNull().references(() => users.id),
    at: text('at').notNull(),
  },
  (t) => [index('breakthrough_outcomes_request_idx').on(t.requestId)],
);

/** Routing configuration: the highest amount a level may grant, and the least level per kind. */
export const breakthroughAmountLimits = pgTable('breakthrough_amount_limits', {
  level: text('level').$type<MandateLevel>().primaryKey(),
  /** Null: no limit. */
  maxCents: bigint('max_cents', { mode: 'number' }),
  updatedBy: text('updated_by').notNull().references(() => users.id),
  updatedAt: text('updated_at').notNull(),
});

export const breakthroughKindLevels = pgTable('breakthrough_kind_levels', {
  kind: text('kind').$type<BreakthroughKind>().primaryKey(),
  level: text('level').$type<MandateLevel>().notNull(),
  updatedBy: text('updated_by').notNull().references(() => users.id),
  updatedAt: text('updated_at').notNull(),
});

// ---------------------------------------------------------------- case conferences (casusoverleg)

/**
 * A case conference. The agenda and the live minutes are co-edited in the conference's own
 * room; closing freezes a copy of both, the attendance, and adopts a plan version, in one step.
 */
export const conferences = pgTable(
  'conferences',
  {
    id: text('id').primaryKey(),
    caseId: text('case_id').notNull().references(() => cases.id),
    chairUserId: text('chair_user_id').notNull().references(() => users.id),
    startedAt: text('started_at').notNull(),
    /** Whether the household took part (null: not recorded yet). */
    householdPresent: boolean('household_present'),
    closedAt: text('closed_at'),
    closedBy: text('closed_by').references(() => users.id),
    /** Frozen at close: the agenda and minutes as text and as Y state, and the plan version adopted. */
    minutesText: text('minutes_text'),
    minutesState: bytea('minutes_state'),
    planVersionNumber: bigint('plan_version_number', { mode: 'number' }),
  },
  (t) => [index('conferences_case_idx').on(t.caseId)],
);

/** Who was there: members of the case (userId) or guests (name + role). Frozen when the conference closes. */
export const conferenceAttendance = pgTable(
  'conference_attendance',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
    conferenceId: text('conference_id').notNull().references(() => conferences.id),
    userId: text('user_id').references(() => users.id),
    guestName: text('guest_name'),
    guestRole: text('guest_role'),
    present: boolean('present').notNull(),
    recordedBy: text('recorded_by').notNull().references(() => users.id),
    recordedAt: text('recorded_at').notNull(),
  },
  (t) => [index('conference_attendance_conference_idx').on(t.conferenceId)],
);

/** The shared timer, controlled by the chair: started / paused / reset per agenda item. Append-only. */
export const conferenceTimerEvents = pgTable(
  'conference_timer_events',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
    conferenceId: text('conference_id').notNull().references(() => conferences.id),
    /** The agenda item's id in the conference room's Y.Doc. */
    itemId: text('item_id').notNull(),
    action: text('action').$type<'start' | 'pauze' | 'reset'>().notNull(),
    /** Planned minutes for the item when started. */
    minutes: bigint('minutes', { mode: 'number' }),
    byUserId: text('by_user_id').notNull().references(() => users.id),
    at: text('at').notNull(),
  },
  (t) => [index('conference_timer_events_conference_idx').on(t.conferenceId, t.id)],
);

/** Decisions noted during the meeting, as they happen. Append-only. */
export const conferenceDecisions = pgTable(
  'conference_decisions',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
    conferenceId: text('conference_id').notNull().references(() => conferences.id),
    text: text('text').notNull(),
    byUserId: text('by_user_id').notNull().references(() => users.id),
    at: text('at').notNull(),
  },
  (t) => [index('conference_decisions_conference_idx').on(t.conferenceId)],
);

// ---------------------------------------------------------------- intervision and success stories

/**
 * A reflection session on a pseudonymised copy of a case. Deliberately without a case id, and
 * without the date shift used: nothing here may link back to the household. (Who made the
 * copy from which case is in the audit trail, which only the municipality reads.)
 */
export const intervisionSessions = pgTable('intervision_sessions', {
  id: text('id').primaryKey(),
  title: text('title').notNull(),
  /** JSON: the pseudonymised copy (plan texts, household as roles, goals, reverse test, deviations). */
  content: text('content').notNull(),
  createdBy: text('created_by').notNull().references(() => users.id),
  createdAt: text('created_at').notNull(),
  closedAt: text('closed_at'),
  /** Null while the begeleider reviews the copy: no participant sees anything of it, the room is refused. */
  releasedAt: text('released_at'),
  releasedBy: text('released_by').references(() => users.id),
  /** JSON (shared Review): every replacement and flag of the copy with its resolution; emptied at the release. */
  review: text('review'),
  /**
   * JSON: the keyed index of the case's names (layer a of server/pseudonymise): HMAC digests and
   * the role each becomes, never a name. Stories published from the session are checked against it.
   */
  known: text('known'),
});

export const intervisionParticipants = pgTable(
  'intervision_participants',
  {
    sessionId: text('session_id').notNull().references(() => intervisionSessions.id),
    userId: text('user_id').notNull().references(() => users.id),
    role: text('role').$type<'begeleider' | 'deelnemer'>().notNull(),
    addedBy: text('added_by').notNull().references(() => users.id),
    addedAt: text('added_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.sessionId, t.userId] }), index('intervision_participants_user_idx').on(t.userId)],
);

/** The organisation's library of success stories and lessons (succesverhalen). No link to any case. */
export const successStories = pgTable('success_stories', {
  id: text('id').primaryKey(),
  title: text('title').notNull(),
  body: text('body').notNull(),
  kind: text('kind').$type<'succesverhaal' | 'les'>().notNull(),
  source: text('source').$type<'intervisie' | 'doorbraak'>().notNull(),
  /** JSON array of law keys the story is about. */
  laws: text('laws').notNull(),
  breakthroughType: text('breakthrough_type').$type<BreakthroughType>(),
  publishedBy: text('published_by').notNull().references(() => users.id),
  publishedAt: text('published_at').notNull(),
});

/**
 * A story its publisher still reviews. It stays here, out of the library, until every flag is
 * resolved; the release moves it into success_stories and deletes this row, with the flagged
 * tokens it held.
 */
export const storyDrafts = pgTable(
  'story_drafts',
  {
    id: text('id').primaryKey(),
    sessionId: text('session_id').notNull().references(() => intervisionSessions.id),
    kind: text('kind').$type<'succesverhaal' | 'les'>().notNull(),
    laws: text('laws').notNull(),
    breakthroughType: text('breakthrough_type').$type<BreakthroughType>(),
    /** JSON (shared Review) with two fields: title and body. */
    review: text('review').notNull(),
    createdBy: text('created_by').notNull().references(() => users.id),
    createdAt: text('created_at').notNull(),
  },
  (t) => [index('story_drafts_creator_idx').on(t.createdBy, t.sessionId)],
);

// ---------------------------------------------------------------- the resident's own view

/** Comments of the household on its plan. Append-only. */
export const residentComments = pgTable(
  'resident_comments',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
    caseId: text('case_id').notNull().references(() => cases.id),
    userId: text('user_id').notNull().references(() => users.id),
    body: text('body').notNull(),
    at: text('at').notNull(),
  },
  (t) => [index('resident_comments_case_idx').on(t.caseId)],
);

/**
 * Reads of a case's content, one row per person, case, Dutch calendar day and kind of content
 * (server/cases/reads.ts). The first read of a key writes an audit row in the same transaction;
 * later reads that day only count here, so reading stays one small write per request.
 */
export const caseReads = pgTable(
  'case_reads',
  {
    caseId: text('case_id').notNull().references(() => cases.id),
    userId: text('user_id').notNull().references(() => users.id),
    /** YYYY-MM-DD on the Dutch calendar. */
    day: text('day').notNull(),
    kind: text('kind').$type<AccessKind>().notNull(),
    firstAt: text('first_at').notNull(),
    lastAt: text('last_at').notNull(),
    times: bigint('times', { mode: 'number' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.caseId, t.userId, t.day, t.kind] })],
);

// ---------------------------------------------------------------- sign-in through identity providers (OIDC)

/**
 * Providers kept by the functional administrator (those from OIDC_PROVIDERS live in the
 * environment only). The client secret is sealed with a key that is not in the database
 * (server/auth/oidc/secret-box.ts), so a copy of the file does not hand it out.
 */
export const oidcProviders = pgTable('oidc_providers', {
  id: text('id').primaryKey(),
  /** OidcProviderSettings (shared/schemas/oidc.ts) as JSON, without the secret. */
  settings: text('settings').notNull(),
  clientSecretSealed: text('client_secret_sealed').notNull(),
  createdAt: text('created_at').notNull(),
  updatedAt: text('updated_at').notNull(),
  updatedBy: text('updated_by').notNull().references(() => users.id),
});

/** The table the administrator keeps: a group (or role) claim value at a provider means this functie. */
export const oidcGroupFuncties = pgTable(
  'oidc_group_functies',
  {
    providerId: text('provider_id').notNull(),
    groupName: text('group_name').notNull(),
    functie: text('functie').$type<Functie>().notNull(),
    setAt: text('set_at').notNull(),
    setBy: text('set_by').notNull().references(() => users.id),
  },
  (t) => [primaryKey({ columns: [t.providerId, t.groupName] })],
);

/**
 * Who someone is at a provider (the subject claim: a pseudonym for residents) and which account
 * that is here. Made at a just-in-time first sign-in, or by an administrator approving a link.
 */
export const oidcIdentities = pgTable(
  'oidc_identities',
  {
    providerId: text('provider_id').notNull(),
    subject: text('subject').notNull(),
    userId: text('user_id').notNull().references(() => users.id),
    linkedAt: text('linked_at').notNull(),
    /** Null: made just in time at the first sign-in; otherwise the administrator who approved the link. */
    linkedBy: text('linked_by').references(() => users.id),
  },
  (t) => [primaryKey({ columns: [t.providerId, t.subject] }), index('oidc_identities_user_idx').on(t.userId)],
);

/**
 * A sign-in that needs an administrator first: the provider's verified e-mail address belongs
 * to an existing (password) account, or a resident's pseudonym is not linked to anyone yet.
 * Deleted when decided; the decision is in the audit trail.
 */
export const oidcLinkRequests = pgTable(
  'oidc_link_requests',
  {
    id: text('id').primaryKey(),
    providerId: text('provider_id').notNull(),
    subject: text('subject').notNull(),
    kind: text('kind').$type<'email' | 'inwoner'>().notNull(),
    email: text('email'),
    name: text('name'),
    targetUserId: text('target_user_id').references(() => users.id),
    createdAt: text('created_at').notNull(),
    lastSeenAt: text('last_seen_at').notNull(),
  },
  (t) => [uniqueIndex('oidc_link_requests_subject').on(t.providerId, t.subject)],
);

/**
 * What a session made through a provider needs later: its `sid` and subject for back-channel
 * logout, the ID token for RP-initiated logout and the refresh token to re-check the account at
 * the provider. Tokens are sealed (never in the clear in the file); the row goes with its session.
 */
export const oidcSessions = pgTable(
  'oidc_sessions',
  {
    sessionId: text('session_id')
      .primaryKey()
      .references(() => sessions.id, { onDelete: 'cascade' }),
    providerId: text('provider_id').notNull(),
    subject: text('subject').notNull(),
    sid: text('sid'),
    acr: text('acr'),
    idTokenSealed: text('id_token_sealed').notNull(),
    refreshTokenSealed: text('refresh_token_sealed'),
    checkedAt: text('checked_at').notNull(),
  },
  (t) => [index('oidc_sessions_sid_idx').on(t.providerId, t.sid), index('oidc_sessions_subject_idx').on(t.providerId, t.subject)],
);

/** How people may sign in: one row (id 1). Without it, password login is on for everyone. */
export const authSettings = pgTable('auth_settings', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
  passwordLogin: text('password_login').$type<PasswordLoginMode>().notNull(),
  breakGlassUserId: text('break_glass_user_id').references(() => users.id),
  updatedAt: text('updated_at').notNull(),
  updatedBy: text('updated_by').notNull().references(() => users.id),
});
