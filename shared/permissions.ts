// The role/permission matrix. The server enforces it on every route; the client uses the
// same functions only to decide what to show. Change a rule here and both sides follow.
import {
  ACCESS_LEVELS,
  accessAtLeast,
  type AccessLevel,
  type CaseRole,
  type CaseStatus,
  FUNCTIES,
  type Functie,
} from './roles';
import type { MandateLevel } from './laws';

// ---------------------------------------------------------------- facts per functie

/** Staff of the municipality who may see internal notes (e.g. a fraud-relevant suspicion). */
export const MUNICIPAL_STAFF: readonly Functie[] = [
  'procesregisseur',
  'casusregisseur',
  'klantmanager_pw',
  'consulent_wmo',
  'consulent_jeugd',
  'schuldhulpverlener',
  'consulent_inburgering',
  'gedragsdeskundige',
  'teamleider',
  'directeur',
  'wethouder',
];

/** Which hats a person may wear at the table, given their functie. */
export const ALLOWED_CASE_ROLES: Record<Functie, readonly CaseRole[]> = {
  procesregisseur: ['procesregisseur', 'casusregisseur'],
  casusregisseur: ['casusregisseur'],
  klantmanager_pw: ['klantmanager_pw', 'casusregisseur'],
  consulent_wmo: ['consulent_wmo', 'casusregisseur'],
  consulent_jeugd: ['consulent_jeugd', 'casusregisseur'],
  schuldhulpverlener: ['schuldhulpverlener', 'casusregisseur'],
  consulent_inburgering: ['consulent_inburgering', 'casusregisseur'],
  gedragsdeskundige: ['gedragsdeskundige'],
  extern_partner: ['extern_partner'],
  inwoner: ['inwoner'],
  teamleider: ['mandaathouder'],
  directeur: ['mandaathouder'],
  wethouder: ['mandaathouder'],
  // The functional administrator manages accounts and sees no case content.
  functioneel_beheerder: [],
};

/** Highest access level a functie can be given in a case. */
export const MAX_ACCESS: Record<Functie, AccessLevel | null> = {
  ...(Object.fromEntries(FUNCTIES.map((f) => [f, 'edit'])) as Record<Functie, AccessLevel>),
  // Residents react to and agree with their plan; the professionals write it.
  inwoner: 'comment',
  // External partners have limited access (domain.md): they follow and react, they do not co-write.
  extern_partner: 'comment',
  functioneel_beheerder: null,
};

/** Who can be the household's one regisseur ("één persoon die de weg weet"). */
export const REGISSEUR_FUNCTIES: readonly Functie[] = [
  'procesregisseur',
  'casusregisseur',
  'klantmanager_pw',
  'consulent_wmo',
  'consulent_jeugd',
  'schuldhulpverlener',
  'consulent_inburgering',
];

/** The mandate a person holds by their functie, if any. */
export function mandateOf(functie: Functie): MandateLevel | null {
  return functie === 'teamleider' || functie === 'directeur' || functie === 'wethouder' ? functie : null;
}

// ---------------------------------------------------------------- global actions

export const GLOBAL_ACTIONS = ['case.create', 'users.manage', 'directory.search', 'mandates.manage', 'catalogue.manage', 'signals.manage', 'stuck.overview', 'knelpunten.view', 'intervision.join', 'successstories.read'] as const;
export type GlobalAction = (typeof GLOBAL_ACTIONS)[number];

const GLOBAL_MATRIX: Record<GlobalAction, readonly Functie[]> = {
  'case.create': ['procesregisseur', 'casusregisseur'],
  'users.manage': ['functioneel_beheerder'],
  // Which mandate level approves which kind of deviation is municipal configuration.
  'mandates.manage': ['functioneel_beheerder'],
  // The municipality's own verordening articles and who answers for which law: configuration too.
  'catalogue.manage': ['functioneel_beheerder'],
  // The thresholds of the stuck-case signals are configuration as well.
  'signals.manage': ['functioneel_beheerder'],
  // The stuck-case overview across one's own cases: the procesregisseur's dashboard.
  'stuck.overview': ['procesregisseur'],
  // Recurring obstacles across cases, as counts and rule references only (no personal data):
  // input for policy, for the procesregisseur and management.
  'knelpunten.view': ['procesregisseur', 'teamleider', 'directeur', 'wethouder'],
  // Intervision is reflection among colleagues of the municipality, on a pseudonymised copy.
  'intervision.join': MUNICIPAL_STAFF,
  // The library of success stories and lessons holds no personal data; it is for the whole organisation.
  'successstories.read': MUNICIPAL_STAFF,
  // Looking up colleagues to invite them; residents and partners do not browse the directory.
  'directory.search': ['procesregisseur', 'casusregisseur', 'klantmanager_pw', 'consulent_wmo', 'consulent_jeugd', 'schuldhulpverlener', 'consulent_inburgering'],
};

export function can(functie: Functie, action: GlobalAction): boolean {
  return GLOBAL_MATRIX[action].includes(functie);
}

// ---------------------------------------------------------------- case actions

export const CASE_ACTIONS = [
  'case.read',
  'case.members.manage',
  'case.regisseur.assign',
  'case.close',
  'case.reopen',
  'case.intern.access',
  'plan.edit',
  'plan.adopt',
  'intern.edit',
  'deviation.propose',
  'deviation.decide',
  'verdict.sign',
  'vraagstuk.conclude',
  'deviation.revoke',
  'goal.withdraw',
  'case.flag_stuck',
  'case.lead.take',
  'breakthrough.request',
  'breakthrough.decide',
  'breakthrough.outcome',
  'conference.run',
  'intervision.create',
  'dossier.export',
] as const;
export type CaseAction = (typeof CASE_ACTIONS)[number];

export interface Membership {
  caseRole: CaseRole;
  access: AccessLevel;
  isRegisseur: boolean;
  /**
   * Null for a member of the case. For a mandate holder who reads the case through temporary
   * access (a breakthrough request awaits their decision): the requests the grant was made for.
   * Such a seat has the level 'temporary' in the matrix below, whatever `access` says.
   */
  temporaryFor: readonly string[] | null;
}

/**
 * The levels the case matrix reasons with, from least to most: a temporary grant, then the
 * members' own access levels. A temporary grant is not a kind of membership: it reads the case
 * and decides the one request it was made for, and every other action needs at least 'read',
 * i.e. a seat at the table.
 */
export const GRANT_LEVELS = ['temporary', ...ACCESS_LEVELS] as const;
export type GrantLevel = (typeof GRANT_LEVELS)[number];

/** The level a seat has in the matrix. */
export function grantLevelOf(membership: Membership): GrantLevel {
  return membership.temporaryFor ? 'temporary' : membership.access;
}

const levelAtLeast = (have: GrantLevel, need: GrantLevel) => GRANT_LEVELS.indexOf(have) >= GRANT_LEVELS.indexOf(need);

/** The seat of a mandate holder reading through temporary access, for these requests. */
export function temporaryMembership(requestIds: readonly string[]): Membership {
  return { caseRole: 'mandaathouder', access: 'read', isRegisseur: false, temporaryFor: [...requestIds] };
}

interface CaseRule {
  /**
   * Minimum level in the case: required for every action, so that no action is open to
   * "anyone who can see the case" by omission. 'temporary' only where a temporary grant must
   * do it (reading, and deciding the request it was made for).
   */
  minAccess: GrantLevel;
  /** Allowed for the case's regisseur, or for members with one of these case roles. */
  leadRoles?: readonly CaseRole[];
  /** Only for these functies. */
  functies?: readonly Functie[];
  /** Case status in which the action is possible at all. */
  status?: CaseStatus;
}

const LEADS: readonly CaseRole[] = ['procesregisseur', 'casusregisseur'];
const MANDATE_HOLDERS: readonly Functie[] = ['teamleider', 'directeur', 'wethouder'];

const CASE_MATRIX: Record<CaseAction, CaseRule> = {
  // Reading the case: every member, and the mandate holder a request waits for.
  'case.read': { minAccess: 'temporary' },
  'case.members.manage': { minAccess: 'edit', leadRoles: LEADS, status: 'open' },
  'case.regisseur.assign': { minAccess: 'edit', leadRoles: LEADS, status: 'open' },
  'case.close': { minAccess: 'edit', leadRoles: LEADS, status: 'open' },
  'case.reopen': { minAccess: 'edit', leadRoles: LEADS, status: 'gesloten' },
  // Reading what is internal (the internal room, internal deviations, breakthroughs): municipal
  // staff, the mandate holder deciding a request included: the request may rest on them.
  'case.intern.access': { minAccess: 'temporary', functies: MUNICIPAL_STAFF },
  // Writing in the shared plan: members with edit rights while the case is open. Everyone
  // else (comment, read, or a closed case) follows along read-only.
  'plan.edit': { minAccess: 'edit', status: 'open' },
  // Adopting (vaststellen) a numbered plan version is a decision of the regisseur or procesregisseur.
  'plan.adopt': { minAccess: 'edit', leadRoles: ['procesregisseur'], functies: REGISSEUR_FUNCTIES, status: 'open' },
  'intern.edit': { minAccess: 'edit', functies: MUNICIPAL_STAFF, status: 'open' },
  // Proposing a deviation from the rules: municipal professionals who co-write the plan.
  'deviation.propose': { minAccess: 'edit', functies: MUNICIPAL_STAFF, status: 'open' },
  // Approving or rejecting: mandate holders at the table, whatever their access level (they
  // decide, they do not write the plan); the level and four-eyes are checked per deviation.
  'deviation.decide': { minAccess: 'read', functies: MANDATE_HOLDERS, status: 'open' },
  // Revoking: members of an open case; which of them (the proposer, a lead, a mandate holder
  // whose mandate covers the deviation) is checked per deviation.
  'deviation.revoke': { minAccess: 'read', status: 'open' },
  // Withdrawing a goal entered by mistake: members who write the plan, in an open case; which of
  // them (whoever entered the goal, or those who adopt the plan) is checked per goal.
  'goal.withdraw': { minAccess: 'edit', status: 'open' },
  // Signing a law's verdict in the reverse test (step 3): municipal staff who co-write the plan.
  // Whether they answer for *that* law (law_responsibilities) is checked per law by the server.
  'verdict.sign': { minAccess: 'edit', functies: MUNICIPAL_STAFF, status: 'open' },
  // Concluding a vraagstuk (step 6) is a decision of the regisseur or the procesregisseur, like adopting the plan.
  'vraagstuk.conclude': { minAccess: 'edit', leadRoles: ['procesregisseur'], functies: REGISSEUR_FUNCTIES, status: 'open' },
  // Any member may say a case is stuck (vastgelopen): the household and partners often notice first.
  'case.flag_stuck': { minAccess: 'read', status: 'open' },
  // Taking the lead in a stuck case and filing a breakthrough request: the procesregisseur's job.
  'case.lead.take': { minAccess: 'edit', functies: ['procesregisseur'], status: 'open' },
  'breakthrough.request': { minAccess: 'edit', functies: ['procesregisseur'], status: 'open' },
  // Deciding on a breakthrough: mandate holders, also through temporary access (that is what
  // it is for); the server checks per request that a temporary seat decides only a request it
  // was granted for, and the level, the amount limit, the assignment and four-eyes.
  'breakthrough.decide': { minAccess: 'temporary', functies: MANDATE_HOLDERS, status: 'open' },
  // Recording the result after the term, also once the case is closed.
  'breakthrough.outcome': { minAccess: 'edit', leadRoles: ['procesregisseur'], functies: REGISSEUR_FUNCTIES },
  // Starting and closing a case conference (the chair); closing adopts a plan version, so the
  // same people as plan.adopt. The minutes are written by everyone with plan.edit.
  'conference.run': { minAccess: 'edit', leadRoles: ['procesregisseur'], functies: REGISSEUR_FUNCTIES, status: 'open' },
  // Making a pseudonymised copy for intervision: municipal staff who co-write the plan.
  'intervision.create': { minAccess: 'edit', functies: MUNICIPAL_STAFF },
  // The dossier PDF for the file: municipal staff (everything) and external partners (without
  // anything internal), members only: a copy that leaves the screen is more than the reading a
  // temporary grant is for. The household has its own view.
  'dossier.export': { minAccess: 'read', functies: [...MUNICIPAL_STAFF, 'extern_partner'] },
};

/**
 * May this person do this in this case? `membership` is null for non-members, who may do
 * nothing at all (the server answers 404 so that the case's existence does not leak).
 */
export function canInCase(
  functie: Functie,
  membership: Membership | null,
  caseStatus: CaseStatus,
  action: CaseAction,
): boolean {
  if (!membership) return false;
  if (functie === 'functioneel_beheerder') return false;
  const rule = CASE_MATRIX[action];
  if (rule.status && rule.status !== caseStatus) return false;
  if (!levelAtLeast(grantLevelOf(membership), rule.minAccess)) return false;
  if (rule.functies && !rule.functies.includes(functie)) return false;
  if (rule.leadRoles && !membership.isRegisseur && !rule.leadRoles.includes(membership.caseRole)) return false;
  return true;
}

/** All case actions at once, for the client to decide which buttons to show. */
export function caseCapabilities(
  functie: Functie,
  membership: Membership | null,
  caseStatus: CaseStatus,
): Record<CaseAction, boolean> {
  return Object.fromEntries(
    CASE_ACTIONS.map((a) => [a, canInCase(functie, membership, caseStatus, a)]),
  ) as Record<CaseAction, boolean>;
}

/** Why a membership (functie + case role + access) is not allowed, or null when it is. */
export function membershipProblem(
  functie: Functie,
  caseRole: CaseRole,
  access: AccessLevel,
): string | null {
  const roles = ALLOWED_CASE_ROLES[functie];
  if (roles.length === 0) return 'Dit account kan geen lid van een casus zijn.';
  if (!roles.includes(caseRole)) return 'Deze rol in de casus past niet bij de functie van deze persoon.';
  const max = MAX_ACCESS[functie];
  if (!max || !accessAtLeast(max, access)) return 'Dit toegangsniveau is te hoog voor de functie van deze persoon.';
  return null;
}

/** Why someone cannot be the regisseur, or null when they can. */
export function regisseurProblem(functie: Functie, membership: Membership | null): string | null {
  if (!membership) return 'De regisseur moet lid van de casus zijn.';
  if (!REGISSEUR_FUNCTIES.includes(functie)) return 'Deze persoon kan geen regisseur zijn vanwege de functie.';
  if (membership.access !== 'edit') return 'De regisseur moet bewerkrechten in de casus hebben.';
  return null;
}

// ---------------------------------------------------------------- the resident's own view

/**
 * A separate scope: what the household itself may do in its own case (issue 6). Only a member
 * with the functie and case role "inwoner" has it; professionals never act "as the resident".
 */
export const RESIDENT_ACTIONS = ['resident.view', 'resident.goal.agree', 'resident.comment', 'resident.accesslog'] as const;
export type ResidentAction = (typeof RESIDENT_ACTIONS)[number];

// Agreeing and commenting are what "reageren" (comment access) gives; a household member the
// regisseur set to "lezen" (say, a teenager following along) reads only. Every action states its
// minimum access, as in the case matrix; a temporary grant is never a household seat.
const RESIDENT_MATRIX: Record<ResidentAction, { status?: CaseStatus; minAccess: AccessLevel }> = {
  'resident.view': { minAccess: 'read' },
  'resident.goal.agree': { status: 'open', minAccess: 'comment' },
  'resident.comment': { status: 'open', minAccess: 'comment' },
  // Who looked at my file (AVG art. 15): also after the case closed.
  'resident.accesslog': { minAccess: 'read' },
};

export function canAsResident(functie: Functie, membership: Membership | null, caseStatus: CaseStatus, action: ResidentAction): boolean {
  if (!membership || functie !== 'inwoner' || membership.caseRole !== 'inwoner') return false;
  const rule = RESIDENT_MATRIX[action];
  return (!rule.status || rule.status === caseStatus) && levelAtLeast(grantLevelOf(membership), rule.minAccess);
}

// ---------------------------------------------------------------- intervision sessions

/**
 * A separate scope as well: an intervision session is not a case, and its participants need
 * not be case members. Roles: the begeleider (who made the copy or was asked to lead) and
 * deelnemers. Only municipal staff can take part at all (global 'intervision.join'). Rights
 * here come from the role in the session, never from a seat at a case: making a copy is the
 * case action 'intervision.create' (edit access), so a temporary grant gives nothing here.
 */
export const INTERVISION_ACTIONS = ['intervision.read', 'intervision.write', 'intervision.participants.manage', 'intervision.close', 'intervision.publish', 'intervision.review'] as const;
export type IntervisionAction = (typeof INTERVISION_ACTIONS)[number];
export type IntervisionRole = 'begeleider' | 'deelnemer';

const INTERVISION_MATRIX: Record<IntervisionAction, { roles: readonly IntervisionRole[]; open?: true }> = {
  'intervision.read': { roles: ['begeleider', 'deelnemer'] },
  'intervision.write': { roles: ['begeleider', 'deelnemer'], open: true },
  'intervision.participants.manage': { roles: ['begeleider'], open: true },
  'intervision.close': { roles: ['begeleider'], open: true },
  'intervision.publish': { roles: ['begeleider', 'deelnemer'] },
  // Reviewing the pseudonymised copy and releasing it to the participants: the begeleider, who made it.
  'intervision.review': { roles: ['begeleider'], open: true },
};

export function canInIntervision(functie: Functie, role: IntervisionRole | null, sessionOpen: boolean, action: IntervisionAction): boolean {
  if (!role || !can(functie, 'intervision.join')) return false;
  const rule = INTERVISION_MATRIX[action];
  return rule.roles.includes(role) && (!rule.open || sessionOpen);
}
