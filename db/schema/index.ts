// The tables the query code (db/queries) uses, for whichever engine this process runs on.
//
// drizzle has no dialect-neutral schema, so each engine has its own: ./sqlite.ts and ./pg.ts,
// kept equal by tests/unit/schema-drift.test.ts. The query code is typed against the SQLite
// tables and written in the subset both engines share (awaited builders, `returning`, raw SQL
// through db/raw.ts). openDatabase binds the engine's tables here once per process, before
// the first query: these are ES module live bindings, so every importer sees the swap.
import * as sqlite from './sqlite';

export type Schema = typeof sqlite;
export type SchemaEngine = 'sqlite' | 'postgres';

let bound: SchemaEngine = 'sqlite';
const rebinders: (() => void)[] = [];

/**
 * Runs `rebuild` now and again whenever the tables are rebound: for values a query module
 * builds once from the tables (an aliased table, for a second join on users), which must be
 * built from the bound engine's tables, not from the ones that were bound at import.
 */
export function onSchemaBound(rebuild: () => void): void {
  rebinders.push(rebuild);
}

/** Which engine's tables the bindings below hold. */
export function boundEngine(): SchemaEngine {
  return bound;
}

export let users = sqlite.users;
export let sessions = sqlite.sessions;
export let cases = sqlite.cases;
export let caseMembers = sqlite.caseMembers;
export let caseStatusChanges = sqlite.caseStatusChanges;
export let auditLog = sqlite.auditLog;
export let collabUpdates = sqlite.collabUpdates;
export let collabClientOwners = sqlite.collabClientOwners;
export let collabDivergedClients = sqlite.collabDivergedClients;
export let collabSnapshots = sqlite.collabSnapshots;
export let planVersions = sqlite.planVersions;
export let deviations = sqlite.deviations;
export let deviationEvents = sqlite.deviationEvents;
export let mandateRules = sqlite.mandateRules;
export let vraagstukken = sqlite.vraagstukken;
export let verdictSignatures = sqlite.verdictSignatures;
export let vraagstukDecisions = sqlite.vraagstukDecisions;
export let vraagstukDeviations = sqlite.vraagstukDeviations;
export let goals = sqlite.goals;
export let goalLegitimations = sqlite.goalLegitimations;
export let goalActions = sqlite.goalActions;
export let localArticles = sqlite.localArticles;
export let lawResponsibilities = sqlite.lawResponsibilities;
export let signalSettings = sqlite.signalSettings;
export let caseStuckFlags = sqlite.caseStuckFlags;
export let caseLeadEvents = sqlite.caseLeadEvents;
export let breakthroughRequests = sqlite.breakthroughRequests;
export let breakthroughVersions = sqlite.breakthroughVersions;
export let breakthroughEvents = sqlite.breakthroughEvents;
export let temporaryAccess = sqlite.temporaryAccess;
export let breakthroughOutcomes = sqlite.breakthroughOutcomes;
export let breakthroughAmountLimits = sqlite.breakthroughAmountLimits;
export let breakthroughKindLevels = sqlite.breakthroughKindLevels;
export let conferences = sqlite.conferences;
export let conferenceAttendance = sqlite.conferenceAttendance;
export let conferenceTimerEvents = sqlite.conferenceTimerEvents;
export let conferenceDecisions = sqlite.conferenceDecisions;
export let intervisionSessions = sqlite.intervisionSessions;
export let intervisionParticipants = sqlite.intervisionParticipants;
export let successStories = sqlite.successStories;
export let storyDrafts = sqlite.storyDrafts;
export let residentComments = sqlite.residentComments;
export let caseReads = sqlite.caseReads;
export let oidcProviders = sqlite.oidcProviders;
export let oidcGroupFuncties = sqlite.oidcGroupFuncties;
export let oidcIdentities = sqlite.oidcIdentities;
export let oidcLinkRequests = sqlite.oidcLinkRequests;
export let oidcSessions = sqlite.oidcSessions;
export let authSettings = sqlite.authSettings;

/**
 * Points every binding above at `tables` (the PostgreSQL schema, typed as the SQLite one:
 * same names, same columns, same TypeScript types). One engine per process; db/client.ts
 * refuses to open the other one once a database is open.
 */
export function bindSchema(engine: SchemaEngine, tables: Schema): void {
  bound = engine;
  users = tables.users;
  sessions = tables.sessions;
  cases = tables.cases;
  caseMembers = tables.caseMembers;
  caseStatusChanges = tables.caseStatusChanges;
  auditLog = tables.auditLog;
  collabUpdates = tables.collabUpdates;
  collabClientOwners = tables.collabClientOwners;
  collabDivergedClients = tables.collabDivergedClients;
  collabSnapshots = tables.collabSnapshots;
  planVersions = tables.planVersions;
  deviations = tables.deviations;
  deviationEvents = tables.deviationEvents;
  mandateRules = tables.mandateRules;
  vraagstukken = tables.vraagstukken;
  verdictSignatures = tables.verdictSignatures;
  vraagstukDecisions = tables.vraagstukDecisions;
  vraagstukDeviations = tables.vraagstukDeviations;
  goals = tables.goals;
  goalLegitimations = tables.goalLegitimations;
  goalActions = tables.goalActions;
  localArticles = tables.localArticles;
  lawResponsibilities = tables.lawResponsibilities;
  signalSettings = tables.signalSettings;
  caseStuckFlags = tables.caseStuckFlags;
  caseLeadEvents = tables.caseLeadEvents;
  breakthroughRequests = tables.breakthroughRequests;
  breakthroughVersions = tables.breakthroughVersions;
  breakthroughEvents = tables.breakthroughEvents;
  temporaryAccess = tables.temporaryAccess;
  breakthroughOutcomes = tables.breakthroughOutcomes;
  breakthroughAmountLimits = tables.breakthroughAmountLimits;
  breakthroughKindLevels = tables.breakthroughKindLevels;
  conferences = tables.conferences;
  conferenceAttendance = tables.conferenceAttendance;
  conferenceTimerEvents = tables.conferenceTimerEvents;
  conferenceDecisions = tables.conferenceDecisions;
  intervisionSessions = tables.intervisionSessions;
  intervisionParticipants = tables.intervisionParticipants;
  successStories = tables.successStories;
  storyDrafts = tables.storyDrafts;
  residentComments = tables.residentComments;
  caseReads = tables.caseReads;
  oidcProviders = tables.oidcProviders;
  oidcGroupFuncties = tables.oidcGroupFuncties;
  oidcIdentities = tables.oidcIdentities;
  oidcLinkRequests = tables.oidcLinkRequests;
  oidcSessions = tables.oidcSessions;
  authSettings = tables.authSettings;
  for (const rebuild of rebinders) rebuild();
}
