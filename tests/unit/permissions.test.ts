// Unit tests of the permission matrix (the login throttle and the audit chain have their own files).
//
// The expectation tables below are written out by hand from the rules (see the brief in
// shared/permissions.ts and shared/domain.md). They deliberately do NOT reuse
// GLOBAL_MATRIX / CASE_MATRIX / MUNICIPAL_STAFF from the implementation, so a change to
// the matrix that is not also a change to the rules makes these tests fail.
import { describe, expect, it, test } from 'vitest';
import {
  can,
  CASE_ACTIONS,
  canAsResident,
  canInCase,
  canInIntervision,
  caseCapabilities,
  type CaseAction,
  GLOBAL_ACTIONS,
  type GlobalAction,
  type Membership,
  mandateOf,
  membershipProblem,
  regisseurProblem,
  temporaryMembership,
} from '../../shared/permissions';
import { type MandateLevel, mandateCovers } from '../../shared/laws';
import { type AccessLevel, type CaseRole, type CaseStatus, FUNCTIES, type Functie } from '../../shared/roles';

// ------------------------------------------------------------------ expectation tables

/** Global actions each functie may perform. Written out, one line per functie. */
// Municipal staff take part in intervision and read the success-story library.
const STAFF_EXTRAS: readonly GlobalAction[] = ['intervision.join', 'successstories.read'];

const GLOBAL_EXPECTED: Record<Functie, readonly GlobalAction[]> = {
  procesregisseur: ['case.create', 'directory.search', 'stuck.overview', 'knelpunten.view', ...STAFF_EXTRAS],
  casusregisseur: ['case.create', 'directory.search', ...STAFF_EXTRAS],
  klantmanager_pw: ['directory.search', ...STAFF_EXTRAS],
  consulent_wmo: ['directory.search', ...STAFF_EXTRAS],
  consulent_jeugd: ['directory.search', ...STAFF_EXTRAS],
  schuldhulpverlener: ['directory.search', ...STAFF_EXTRAS],
  consulent_inburgering: ['directory.search', ...STAFF_EXTRAS],
  gedragsdeskundige: [...STAFF_EXTRAS],
  extern_partner: [],
  inwoner: [],
  // Management sees the recurring obstacles (counts and rule references only), as input for policy.
  teamleider: ['knelpunten.view', ...STAFF_EXTRAS],
  directeur: ['knelpunten.view', ...STAFF_EXTRAS],
  wethouder: ['knelpunten.view', ...STAFF_EXTRAS],
  // Which mandate level approves which kind of deviation is municipal configuration,
  // kept by the functional administrator; mandate holders do not set their own mandate.
  functioneel_beheerder: ['users.manage', 'mandates.manage', 'catalogue.manage', 'signals.manage'],
};

/**
 * The typical membership of each functie at a table (its own case role, the highest
 * access it normally gets, not the regisseur), and what it may do in an open and in a
 * closed case. The functioneel beheerder can never really be a member; the row checks
 * that even a forged lead membership gives nothing.
 */
interface CaseExpectation {
  membership: Membership;
  open: readonly CaseAction[];
  gesloten: readonly CaseAction[];
}

const m = (caseRole: CaseRole, access: AccessLevel, isRegisseur = false): Membership => ({ caseRole, access, isRegisseur, temporaryFor: null });

const LEAD_OPEN: readonly CaseAction[] = ['case.read', 'case.members.manage', 'case.regisseur.assign', 'case.close', 'case.intern.access'];
const LEAD_CLOSED: readonly CaseAction[] = ['case.read', 'case.reopen', 'case.intern.access'];
const STAFF_MEMBER: readonly CaseAction[] = ['case.read', 'case.intern.access'];
const READ_ONLY: readonly CaseAction[] = ['case.read'];

const CASE_EXPECTED: Record<Functie, CaseExpectation> = {
  procesregisseur: { membership: m('procesregisseur', 'edit'), open: LEAD_OPEN, gesloten: LEAD_CLOSED },
  casusregisseur: { membership: m('casusregisseur', 'edit'), open: LEAD_OPEN, gesloten: LEAD_CLOSED },
  klantmanager_pw: { membership: m('klantmanager_pw', 'edit'), open: STAFF_MEMBER, gesloten: STAFF_MEMBER },
  consulent_wmo: { membership: m('consulent_wmo', 'edit'), open: STAFF_MEMBER, gesloten: STAFF_MEMBER },
  consulent_jeugd: { membership: m('consulent_jeugd', 'edit'), open: STAFF_MEMBER, gesloten: STAFF_MEMBER },
  schuldhulpverlener: { membership: m('schuldhulpverlener', 'edit'), open: STAFF_MEMBER, gesloten: STAFF_MEMBER },
  consulent_inburgering: { membership: m('consulent_inburgering', 'edit'), open: STAFF_MEMBER, gesloten: STAFF_MEMBER },
  gedragsdeskundige: { membership: m('gedragsdeskundige', 'comment'), open: STAFF_MEMBER, gesloten: STAFF_MEMBER },
  extern_partner: { membership: m('extern_partner', 'comment'), open: READ_ONLY, gesloten: READ_ONLY },
  inwoner: { membership: m('inwoner', 'comment'), open: READ_ONLY, gesloten: READ_ONLY },
  teamleider: { membership: m('mandaathouder', 'read'), open: STAFF_MEMBER, gesloten: STAFF_MEMBER },
  directeur: { membership: m('mandaathouder', 'read'), open: STAFF_MEMBER, gesloten: STAFF_MEMBER },
  wethouder: { membership: m('mandaathouder', 'read'), open: STAFF_MEMBER, gesloten: STAFF_MEMBER },
  functioneel_beheerder: { membership: m('casusregisseur', 'edit', true), open: [], gesloten: [] },
};

/**
 * The case actions these tables cover, written out (not CASE_ACTIONS from the
 * implementation, so an action that is renamed or dropped makes a test fail). Actions
 * added later (e.g. for the plan) need their own table.
 */
const CASE_ACTIONS_UNDER_TEST: readonly CaseAction[] = [
  'case.read',
  'case.members.manage',
  'case.regisseur.assign',
  'case.close',
  'case.reopen',
  'case.intern.access',
];

/** Special memberships where the lead/access/status rules interact. */
const SPECIAL_CASES: { name: string; functie: Functie; membership: Membership; status: CaseStatus; allowed: readonly CaseAction[] }[] = [
  // The regisseur flag makes a non-lead case role a lead, as long as they can edit.
  { name: 'klantmanager_pw who is the regisseur (edit), open', functie: 'klantmanager_pw', membership: m('klantmanager_pw', 'edit', true), status: 'open', allowed: LEAD_OPEN },
  { name: 'klantmanager_pw who is the regisseur (edit), closed', functie: 'klantmanager_pw', membership: m('klantmanager_pw', 'edit', true), status: 'gesloten', allowed: LEAD_CLOSED },
  { name: 'consulent_wmo as casusregisseur (edit), open', functie: 'consulent_wmo', membership: m('casusregisseur', 'edit'), status: 'open', allowed: LEAD_OPEN },
  // Lead role without edit access: no management.
  { name: 'procesregisseur with only comment access, open', functie: 'procesregisseur', membership: m('procesregisseur', 'comment'), status: 'open', allowed: STAFF_MEMBER },
  { name: 'casusregisseur with only read access, closed', functie: 'casusregisseur', membership: m('casusregisseur', 'read'), status: 'gesloten', allowed: STAFF_MEMBER },
  { name: 'regisseur flag with only comment access, open', functie: 'consulent_jeugd', membership: m('consulent_jeugd', 'comment', true), status: 'open', allowed: STAFF_MEMBER },
  // External partner with a (generous) edit access still is no lead and sees no internal notes.
  { name: 'extern_partner with edit access, open', functie: 'extern_partner', membership: m('extern_partner', 'edit'), status: 'open', allowed: READ_ONLY },
  { name: 'inwoner marked as regisseur (forged), open', functie: 'inwoner', membership: m('inwoner', 'comment', true), status: 'open', allowed: READ_ONLY },
  { name: 'functioneel_beheerder forged procesregisseur, closed', functie: 'functioneel_beheerder', membership: m('procesregisseur', 'edit', true), status: 'gesloten', allowed: [] },
];

// ------------------------------------------------------------------ global actions

describe('global permission matrix (can)', () => {
  const rows = FUNCTIES.flatMap((functie) =>
    GLOBAL_ACTIONS.map((action) => ({ functie, action, expected: GLOBAL_EXPECTED[functie].includes(action) })),
  );

  test.each(rows)('$functie may $action: $expected', ({ functie, action, expected }) => {
    expect(can(functie, action)).toBe(expected);
  });

  it('the expectation table covers every functie and only known actions', () => {
    expect(Object.keys(GLOBAL_EXPECTED).sort()).toEqual([...FUNCTIES].sort());
    for (const actions of Object.values(GLOBAL_EXPECTED)) for (const a of actions) expect(GLOBAL_ACTIONS).toContain(a);
  });

  it('only procesregisseur and casusregisseur can create cases', () => {
    expect(FUNCTIES.filter((f) => can(f, 'case.create')).sort()).toEqual(['casusregisseur', 'procesregisseur']);
  });

  it('only the functioneel beheerder manages users', () => {
    expect(FUNCTIES.filter((f) => can(f, 'users.manage'))).toEqual(['functioneel_beheerder']);
  });

  it('only the functioneel beheerder manages mandate levels (not the teamleider, directeur or wethouder themselves)', () => {
    expect(FUNCTIES.filter((f) => can(f, 'mandates.manage'))).toEqual(['functioneel_beheerder']);
  });
});

// ------------------------------------------------------------------ case actions

describe('case permission matrix (canInCase), typical member per functie', () => {
  const statuses: CaseStatus[] = ['open', 'gesloten'];
  const rows = FUNCTIES.flatMap((functie) =>
    statuses.flatMap((status) =>
      CASE_ACTIONS_UNDER_TEST.map((action) => ({
        functie,
        status,
        action,
        membership: CASE_EXPECTED[functie].membership,
        expected: CASE_EXPECTED[functie][status].includes(action),
      })),
    ),
  );

  test.each(rows)('$functie (member) in $status case may $action: $expected', ({ functie, status, action, membership, expected }) => {
    expect(canInCase(functie, membership, status, action)).toBe(expected);
  });

  it('the expectation table covers every functie', () => {
    expect(Object.keys(CASE_EXPECTED).sort()).toEqual([...FUNCTIES].sort());
  });

  it('every action in the table is a case action of the implementation', () => {
    for (const a of CASE_ACTIONS_UNDER_TEST) expect(CASE_ACTIONS).toContain(a);
  });
});

// ------------------------------------------------------------------ plan actions

/**
 * The plan actions, written out by hand from the rules:
 *  - plan.edit: edit access in an open case (everyone else follows read-only);
 *  - plan.adopt: edit access in an open case, and the regisseur or the procesregisseur
 *    case role (a casusregisseur who is not the regisseur does not adopt);
 *  - intern.edit: edit access in an open case, municipal staff only.
 * In a closed case nobody writes or adopts.
 */
const PLAN_ACTIONS_UNDER_TEST: readonly CaseAction[] = ['plan.edit', 'plan.adopt', 'intern.edit'];

const PLAN_EXPECTED: Record<Functie, { membership: Membership; open: readonly CaseAction[] }> = {
  procesregisseur: { membership: m('procesregisseur', 'edit'), open: ['plan.edit', 'plan.adopt', 'intern.edit'] },
  casusregisseur: { membership: m('casusregisseur', 'edit'), open: ['plan.edit', 'intern.edit'] },
  klantmanager_pw: { membership: m('klantmanager_pw', 'edit'), open: ['plan.edit', 'intern.edit'] },
  consulent_wmo: { membership: m('consulent_wmo', 'edit'), open: ['plan.edit', 'intern.edit'] },
  consulent_jeugd: { membership: m('consulent_jeugd', 'edit'), open: ['plan.edit', 'intern.edit'] },
  schuldhulpverlener: { membership: m('schuldhulpverlener', 'edit'), open: ['plan.edit', 'intern.edit'] },
  consulent_inburgering: { membership: m('consulent_inburgering', 'edit'), open: ['plan.edit', 'intern.edit'] },
  gedragsdeskundige: { membership: m('gedragsdeskundige', 'comment'), open: [] },
  extern_partner: { membership: m('extern_partner', 'comment'), open: [] },
  inwoner: { membership: m('inwoner', 'comment'), open: [] },
  teamleider: { membership: m('mandaathouder', 'read'), open: [] },
  directeur: { membership: m('mandaathouder', 'read'), open: [] },
  wethouder: { membership: m('mandaathouder', 'read'), open: [] },
  functioneel_beheerder: { membership: m('casusregisseur', 'edit', true), open: [] },
};

describe('plan permission matrix (canInCase), typical member per functie', () => {
  const rows = FUNCTIES.flatMap((functie) =>
    PLAN_ACTIONS_UNDER_TEST.map((action) => ({
      functie,
      action,
      membership: PLAN_EXPECTED[functie].membership,
      expected: PLAN_EXPECTED[functie].open.includes(action),
    })),
  );

  test.each(rows)('$functie (member) may $action in an open case: $expected, in a closed case: never', ({ functie, action, membership, expected }) => {
    expect(canInCase(functie, membership, 'open', action)).toBe(expected);
    expect(canInCase(functie, membership, 'gesloten', action)).toBe(false);
  });

  it('the expectation table covers every functie, with the same memberships as the case table', () => {
    expect(Object.keys(PLAN_EXPECTED).sort()).toEqual([...FUNCTIES].sort());
    for (const f of FUNCTIES) expect(PLAN_EXPECTED[f].membership).toEqual(CASE_EXPECTED[f].membership);
  });

  it('together, the case, plan and deviation tables cover every case action of the implementation', () => {
    expect([...CASE_ACTIONS_UNDER_TEST, ...PLAN_ACTIONS_UNDER_TEST, ...DEVIATION_ACTIONS_UNDER_TEST, ...TOETS_ACTIONS_UNDER_TEST, ...DOORBRAAK_ACTIONS_UNDER_TEST, ...TAFEL_ACTIONS_UNDER_TEST, ...SEAT_ACTIONS_UNDER_TEST].sort()).toEqual([...CASE_ACTIONS].sort());
  });
});

// ------------------------------------------------------------------ deviation actions

/**
 * The deviation actions (afwijkingenregister), written out by hand from the rules:
 *  - deviation.propose: municipal staff with edit access in an open case (not external
 *    partners, not the household, not someone who only reads or comments);
 *  - deviation.decide: a mandate holder at the table (teamleider, directeur, wethouder),
 *    whatever their access level, in an open case. The required level and four-eyes are
 *    checked per deviation by the server, not here.
 * In a closed case nobody proposes or decides.
 */
const DEVIATION_ACTIONS_UNDER_TEST: readonly CaseAction[] = ['deviation.propose', 'deviation.decide'];

const DEVIATION_EXPECTED: Record<Functie, { membership: Membership; open: readonly CaseAction[] }> = {
  procesregisseur: { membership: m('procesregisseur', 'edit'), open: ['deviation.propose'] },
  casusregisseur: { membership: m('casusregisseur', 'edit'), open: ['deviation.propose'] },
  klantmanager_pw: { membership: m('klantmanager_pw', 'edit'), open: ['deviation.propose'] },
  consulent_wmo: { membership: m('consulent_wmo', 'edit'), open: ['deviation.propose'] },
  consulent_jeugd: { membership: m('consulent_jeugd', 'edit'), open: ['deviation.propose'] },
  schuldhulpverlener: { membership: m('schuldhulpverlener', 'edit'), open: ['deviation.propose'] },
  consulent_inburgering: { membership: m('consulent_inburgering', 'edit'), open: ['deviation.propose'] },
  gedragsdeskundige: { membership: m('gedragsdeskundige', 'comment'), open: [] },
  extern_partner: { membership: m('extern_partner', 'comment'), open: [] },
  inwoner: { membership: m('inwoner', 'comment'), open: [] },
  teamleider: { membership: m('mandaathouder', 'read'), open: ['deviation.decide'] },
  directeur: { membership: m('mandaathouder', 'read'), open: ['deviation.decide'] },
  wethouder: { membership: m('mandaathouder', 'read'), open: ['deviation.decide'] },
  functioneel_beheerder: { membership: m('casusregisseur', 'edit', true), open: [] },
};

describe('deviation permission matrix (canInCase), typical member per functie', () => {
  const rows = FUNCTIES.flatMap((functie) =>
    DEVIATION_ACTIONS_UNDER_TEST.map((action) => ({
      functie,
      action,
      membership: DEVIATION_EXPECTED[functie].membership,
      expected: DEVIATION_EXPECTED[functie].open.includes(action),
    })),
  );

  test.each(rows)('$functie (member) may $action in an open case: $expected, in a closed case: never', ({ functie, action, membership, expected }) => {
    expect(canInCase(functie, membership, 'open', action)).toBe(expected);
    expect(canInCase(functie, membership, 'gesloten', action)).toBe(false);
  });

  it('the expectation table covers every functie, with the same memberships as the case table', () => {
    expect(Object.keys(DEVIATION_EXPECTED).sort()).toEqual([...FUNCTIES].sort());
    for (const f of FUNCTIES) expect(DEVIATION_EXPECTED[f].membership).toEqual(CASE_EXPECTED[f].membership);
  });

  it('nobody may both propose and decide with their typical membership', () => {
    for (const f of FUNCTIES) expect(DEVIATION_EXPECTED[f].open.length).toBeLessThanOrEqual(1);
  });
});

describe('deviation permission matrix: special memberships', () => {
  const special: { name: string; functie: Functie; membership: Membership; status: CaseStatus; allowed: readonly CaseAction[] }[] = [
    // A mandate holder who co-writes the plan can propose as well as decide (four-eyes is checked per deviation).
    { name: 'teamleider (mandaathouder) with edit access, open', functie: 'teamleider', membership: m('mandaathouder', 'edit'), status: 'open', allowed: ['deviation.propose', 'deviation.decide'] },
    { name: 'wethouder (mandaathouder) with comment access, open', functie: 'wethouder', membership: m('mandaathouder', 'comment'), status: 'open', allowed: ['deviation.decide'] },
    { name: 'directeur (mandaathouder) with edit access, closed', functie: 'directeur', membership: m('mandaathouder', 'edit'), status: 'gesloten', allowed: [] },
    // Staff without a lead role, given edit access, may propose; the regisseur flag gives no mandate.
    { name: 'gedragsdeskundige with edit access, open', functie: 'gedragsdeskundige', membership: m('gedragsdeskundige', 'edit'), status: 'open', allowed: ['deviation.propose'] },
    { name: 'klantmanager_pw who is the regisseur, open', functie: 'klantmanager_pw', membership: m('klantmanager_pw', 'edit', true), status: 'open', allowed: ['deviation.propose'] },
    { name: 'the regisseur in a closed case', functie: 'casusregisseur', membership: m('casusregisseur', 'edit', true), status: 'gesloten', allowed: [] },
    // Without edit access no proposal, lead role or not.
    { name: 'procesregisseur with only comment access, open', functie: 'procesregisseur', membership: m('procesregisseur', 'comment'), status: 'open', allowed: [] },
    { name: 'consulent_wmo with only read access, open', functie: 'consulent_wmo', membership: m('consulent_wmo', 'read'), status: 'open', allowed: [] },
    // Outside the municipality: never, whatever access or flag they are given.
    { name: 'extern_partner with edit access, open', functie: 'extern_partner', membership: m('extern_partner', 'edit'), status: 'open', allowed: [] },
    { name: 'extern_partner forged as mandaathouder with edit, open', functie: 'extern_partner', membership: m('mandaathouder', 'edit'), status: 'open', allowed: [] },
    { name: 'inwoner marked as regisseur (forged), edit, open', functie: 'inwoner', membership: m('inwoner', 'edit', true), status: 'open', allowed: [] },
    { name: 'functioneel_beheerder forged mandaathouder with edit, open', functie: 'functioneel_beheerder', membership: m('mandaathouder', 'edit', true), status: 'open', allowed: [] },
  ];
  const rows = special.flatMap((s) =>
    DEVIATION_ACTIONS_UNDER_TEST.map((action) => {
      const expected = s.allowed.includes(action);
      return [`${s.name}: ${action} -> ${expected}`, { ...s, action, expected }] as const;
    }),
  );
  test.each(rows)('%s', (_title, { functie, membership, status, action, expected }) => {
    expect(canInCase(functie, membership, status, action)).toBe(expected);
  });
});

describe('plan permission matrix: special memberships', () => {
  const special: { name: string; functie: Functie; membership: Membership; status: CaseStatus; allowed: readonly CaseAction[] }[] = [
    // The regisseur adopts, whatever the case role.
    { name: 'casusregisseur who is the regisseur, open', functie: 'casusregisseur', membership: m('casusregisseur', 'edit', true), status: 'open', allowed: ['plan.edit', 'plan.adopt', 'intern.edit'] },
    { name: 'klantmanager_pw who is the regisseur, open', functie: 'klantmanager_pw', membership: m('klantmanager_pw', 'edit', true), status: 'open', allowed: ['plan.edit', 'plan.adopt', 'intern.edit'] },
    { name: 'consulent_wmo as casusregisseur (not the regisseur), open', functie: 'consulent_wmo', membership: m('casusregisseur', 'edit'), status: 'open', allowed: ['plan.edit', 'intern.edit'] },
    { name: 'the regisseur in a closed case', functie: 'casusregisseur', membership: m('casusregisseur', 'edit', true), status: 'gesloten', allowed: [] },
    // Without edit access nothing is written or adopted, lead role or regisseur flag or not.
    { name: 'procesregisseur with only comment access, open', functie: 'procesregisseur', membership: m('procesregisseur', 'comment'), status: 'open', allowed: [] },
    { name: 'regisseur flag with only read access, open', functie: 'consulent_jeugd', membership: m('consulent_jeugd', 'read', true), status: 'open', allowed: [] },
    // Staff without a lead role, given edit access, co-write the plan and the internal notes.
    { name: 'gedragsdeskundige with edit access, open', functie: 'gedragsdeskundige', membership: m('gedragsdeskundige', 'edit'), status: 'open', allowed: ['plan.edit', 'intern.edit'] },
    { name: 'wethouder (mandaathouder) with edit access, open', functie: 'wethouder', membership: m('mandaathouder', 'edit'), status: 'open', allowed: ['plan.edit', 'intern.edit'] },
    // Outside the municipality: never the internal notes, never adopting.
    { name: 'extern_partner with edit access, open', functie: 'extern_partner', membership: m('extern_partner', 'edit'), status: 'open', allowed: ['plan.edit'] },
    { name: 'inwoner marked as regisseur (forged), comment, open', functie: 'inwoner', membership: m('inwoner', 'comment', true), status: 'open', allowed: [] },
    // Even with a forged regisseur flag and edit access, only someone who can be a regisseur adopts.
    { name: 'inwoner marked as regisseur (forged), edit, open', functie: 'inwoner', membership: m('inwoner', 'edit', true), status: 'open', allowed: ['plan.edit'] },
    { name: 'functioneel_beheerder forged procesregisseur, open', functie: 'functioneel_beheerder', membership: m('procesregisseur', 'edit', true), status: 'open', allowed: [] },
  ];
  const rows = special.flatMap((s) =>
    PLAN_ACTIONS_UNDER_TEST.map((action) => {
      const expected = s.allowed.includes(action);
      return [`${s.name}: ${action} -> ${expected}`, { ...s, action, expected }] as const;
    }),
  );
  test.each(rows)('%s', (_title, { functie, membership, status, action, expected }) => {
    expect(canInCase(functie, membership, status, action)).toBe(expected);
  });
});

describe('case permission matrix: non-members may do nothing', () => {
  // Every action of the implementation, including ones added after this table was written.
  const rows = FUNCTIES.flatMap((functie) => CASE_ACTIONS.map((action) => ({ functie, action })));
  test.each(rows)('$functie without membership may not $action', ({ functie, action }) => {
    expect(canInCase(functie, null, 'open', action)).toBe(false);
    expect(canInCase(functie, null, 'gesloten', action)).toBe(false);
  });

  test.each([...CASE_ACTIONS])('functioneel_beheerder, even with a forged lead membership, may not %s', (action) => {
    for (const status of ['open', 'gesloten'] as const) {
      expect(canInCase('functioneel_beheerder', m('procesregisseur', 'edit', true), status, action)).toBe(false);
    }
  });
});

describe('case permission matrix: special memberships', () => {
  const rows = SPECIAL_CASES.flatMap((s) =>
    CASE_ACTIONS_UNDER_TEST.map((action) => {
      const expected = s.allowed.includes(action);
      return [`${s.name}: ${action} -> ${expected}`, { ...s, action, expected }] as const;
    }),
  );
  test.each(rows)('%s', (_title, { functie, membership, status, action, expected }) => {
    expect(canInCase(functie, membership, status, action)).toBe(expected);
  });
});

describe('caseCapabilities', () => {
  it('lists every action, each equal to canInCase', () => {
    for (const functie of FUNCTIES) {
      for (const status of ['open', 'gesloten'] as const) {
        const membership = CASE_EXPECTED[functie].membership;
        const caps = caseCapabilities(functie, membership, status);
        expect(Object.keys(caps).sort()).toEqual([...CASE_ACTIONS].sort());
        for (const a of CASE_ACTIONS) expect(caps[a]).toBe(canInCase(functie, membership, status, a));
      }
    }
  });

  it('gives a casusregisseur in an open case the expected case capabilities', () => {
    const caps = caseCapabilities('casusregisseur', m('casusregisseur', 'edit'), 'open');
    expect(caps).toMatchObject({
      'case.read': true,
      'case.members.manage': true,
      'case.regisseur.assign': true,
      'case.close': true,
      'case.reopen': false,
      'case.intern.access': true,
    });
  });

  it('is all false for a non-member', () => {
    const caps = caseCapabilities('procesregisseur', null, 'open');
    expect(Object.values(caps).every((v) => v === false)).toBe(true);
  });
});

// ------------------------------------------------------------------ mandates

describe('mandateOf and mandateCovers', () => {
  const MANDATE_EXPECTED: Record<Functie, MandateLevel | null> = {
    procesregisseur: null,
    casusregisseur: null,
    klantmanager_pw: null,
    consulent_wmo: null,
    consulent_jeugd: null,
    schuldhulpverlener: null,
    consulent_inburgering: null,
    gedragsdeskundige: null,
    extern_partner: null,
    inwoner: null,
    teamleider: 'teamleider',
    directeur: 'directeur',
    wethouder: 'wethouder',
    functioneel_beheerder: null,
  };
  test.each([...FUNCTIES])('%s holds the expected mandate', (functie) => {
    expect(mandateOf(functie)).toBe(MANDATE_EXPECTED[functie]);
  });

  // have, need, covers: a higher level may approve whatever a lower one may.
  const covers: [MandateLevel, MandateLevel, boolean][] = [
    ['teamleider', 'teamleider', true],
    ['teamleider', 'directeur', false],
    ['teamleider', 'wethouder', false],
    ['directeur', 'teamleider', true],
    ['directeur', 'directeur', true],
    ['directeur', 'wethouder', false],
    ['wethouder', 'teamleider', true],
    ['wethouder', 'directeur', true],
    ['wethouder', 'wethouder', true],
  ];
  test.each(covers)('a %s mandate covers a %s requirement: %s', (have, need, expected) => {
    expect(mandateCovers(have, need)).toBe(expected);
  });
});

// ------------------------------------------------------------------ membershipProblem

describe('membershipProblem', () => {
  const ok: [Functie, CaseRole, AccessLevel][] = [
    ['procesregisseur', 'procesregisseur', 'edit'],
    ['procesregisseur', 'casusregisseur', 'edit'],
    ['casusregisseur', 'casusregisseur', 'edit'],
    ['klantmanager_pw', 'klantmanager_pw', 'edit'],
    ['klantmanager_pw', 'casusregisseur', 'comment'],
    ['consulent_wmo', 'consulent_wmo', 'read'],
    ['gedragsdeskundige', 'gedragsdeskundige', 'comment'],
    ['extern_partner', 'extern_partner', 'read'],
    ['inwoner', 'inwoner', 'comment'],
    ['inwoner', 'inwoner', 'read'],
    ['teamleider', 'mandaathouder', 'read'],
    ['wethouder', 'mandaathouder', 'edit'],
  ];
  test.each(ok)('%s as %s with %s access is allowed', (functie, caseRole, access) => {
    expect(membershipProblem(functie, caseRole, access)).toBeNull();
  });

  const wrongRole: [Functie, CaseRole, AccessLevel][] = [
    ['extern_partner', 'procesregisseur', 'read'],
    ['extern_partner', 'casusregisseur', 'edit'],
    ['inwoner', 'casusregisseur', 'comment'],
    ['casusregisseur', 'procesregisseur', 'edit'],
    ['klantmanager_pw', 'procesregisseur', 'edit'],
    ['klantmanager_pw', 'consulent_wmo', 'edit'],
    ['gedragsdeskundige', 'casusregisseur', 'edit'],
    ['teamleider', 'casusregisseur', 'edit'],
    ['directeur', 'procesregisseur', 'read'],
  ];
  test.each(wrongRole)('%s cannot wear case role %s (%s)', (functie, caseRole, access) => {
    const problem = membershipProblem(functie, caseRole, access);
    expect(problem).toMatch(/rol in de casus past niet/);
  });

  it('inwoner cannot get edit access', () => {
    expect(membershipProblem('inwoner', 'inwoner', 'edit')).toMatch(/toegangsniveau is te hoog/);
  });

  const beheerderRows: [CaseRole, AccessLevel][] = [
    ['casusregisseur', 'edit'],
    ['procesregisseur', 'read'],
    ['inwoner', 'read'],
    ['mandaathouder', 'comment'],
  ];
  test.each(beheerderRows)('functioneel_beheerder can never be a member (as %s, %s)', (caseRole, access) => {
    expect(membershipProblem('functioneel_beheerder', caseRole, access)).toMatch(/geen lid van een casus/);
  });

  it('messages are Dutch sentences, not codes', () => {
    for (const p of [
      membershipProblem('inwoner', 'inwoner', 'edit'),
      membershipProblem('extern_partner', 'procesregisseur', 'edit'),
      membershipProblem('functioneel_beheerder', 'casusregisseur', 'edit'),
    ]) {
      expect(p).toMatch(/^[A-Z].*\.$/);
    }
  });
});

// ------------------------------------------------------------------ regisseurProblem

describe('regisseurProblem', () => {
  const canBeRegisseur: Functie[] = [
    'procesregisseur',
    'casusregisseur',
    'klantmanager_pw',
    'consulent_wmo',
    'consulent_jeugd',
    'schuldhulpverlener',
    'consulent_inburgering',
  ];
  const cannot = FUNCTIES.filter((f) => !canBeRegisseur.includes(f));

  test.each(canBeRegisseur)('%s with edit access can be regisseur', (functie) => {
    expect(regisseurProblem(functie, m('casusregisseur', 'edit'))).toBeNull();
  });

  test.each(canBeRegisseur)('%s with only comment access cannot be regisseur', (functie) => {
    expect(regisseurProblem(functie, m('casusregisseur', 'comment'))).toMatch(/bewerkrechten/);
  });

  test.each(cannot)('%s cannot be regisseur because of the functie', (functie) => {
    expect(regisseurProblem(functie, m('casusregisseur', 'edit'))).toMatch(/vanwege de functie/);
  });

  test.each([...FUNCTIES])('%s who is not a member cannot be regisseur', (functie) => {
    expect(regisseurProblem(functie, null)).toMatch(/lid van de casus/);
  });

  it('the list of possible regisseurs is exactly the seven municipal professionals', () => {
    expect(cannot.sort()).toEqual(['directeur', 'extern_partner', 'functioneel_beheerder', 'gedragsdeskundige', 'inwoner', 'teamleider', 'wethouder']);
  });
});

// ------------------------------------------------------------------ reverse test actions

/**
 * The reverse-test actions, written out by hand from the rules:
 *  - verdict.sign: municipal staff with edit access in an open case. Whether they answer for
 *    the law they sign is configuration, checked per law by the server;
 *  - vraagstuk.conclude: edit access in an open case, and the regisseur or the procesregisseur
 *    case role (like adopting the plan).
 */
const TOETS_ACTIONS_UNDER_TEST: readonly CaseAction[] = ['verdict.sign', 'vraagstuk.conclude'];

const TOETS_EXPECTED: Record<Functie, { membership: Membership; open: readonly CaseAction[] }> = {
  procesregisseur: { membership: m('procesregisseur', 'edit'), open: ['verdict.sign', 'vraagstuk.conclude'] },
  casusregisseur: { membership: m('casusregisseur', 'edit'), open: ['verdict.sign'] },
  klantmanager_pw: { membership: m('klantmanager_pw', 'edit'), open: ['verdict.sign'] },
  consulent_wmo: { membership: m('consulent_wmo', 'edit'), open: ['verdict.sign'] },
  consulent_jeugd: { membership: m('consulent_jeugd', 'edit'), open: ['verdict.sign'] },
  schuldhulpverlener: { membership: m('schuldhulpverlener', 'edit'), open: ['verdict.sign'] },
  consulent_inburgering: { membership: m('consulent_inburgering', 'edit'), open: ['verdict.sign'] },
  gedragsdeskundige: { membership: m('gedragsdeskundige', 'comment'), open: [] },
  extern_partner: { membership: m('extern_partner', 'comment'), open: [] },
  inwoner: { membership: m('inwoner', 'comment'), open: [] },
  teamleider: { membership: m('mandaathouder', 'read'), open: [] },
  directeur: { membership: m('mandaathouder', 'read'), open: [] },
  wethouder: { membership: m('mandaathouder', 'read'), open: [] },
  functioneel_beheerder: { membership: m('casusregisseur', 'edit', true), open: [] },
};

describe('reverse test permission matrix (canInCase), typical member per functie', () => {
  const rows = FUNCTIES.flatMap((functie) =>
    TOETS_ACTIONS_UNDER_TEST.map((action) => ({ functie, action, membership: TOETS_EXPECTED[functie].membership, expected: TOETS_EXPECTED[functie].open.includes(action) })),
  );

  test.each(rows)('$functie (member) may $action in an open case: $expected, in a closed case: never', ({ functie, action, membership, expected }) => {
    expect(canInCase(functie, membership, 'open', action)).toBe(expected);
    expect(canInCase(functie, membership, 'gesloten', action)).toBe(false);
  });

  it('the expectation table covers every functie, with the same memberships as the case table', () => {
    expect(Object.keys(TOETS_EXPECTED).sort()).toEqual([...FUNCTIES].sort());
    for (const f of FUNCTIES) expect(TOETS_EXPECTED[f].membership).toEqual(CASE_EXPECTED[f].membership);
  });

  const special: { name: string; functie: Functie; membership: Membership; allowed: readonly CaseAction[] }[] = [
    { name: 'klantmanager_pw who is the regisseur', functie: 'klantmanager_pw', membership: m('klantmanager_pw', 'edit', true), allowed: ['verdict.sign', 'vraagstuk.conclude'] },
    { name: 'consulent_wmo with only comment access', functie: 'consulent_wmo', membership: m('consulent_wmo', 'comment'), allowed: [] },
    { name: 'extern_partner with edit access', functie: 'extern_partner', membership: m('extern_partner', 'edit'), allowed: [] },
    { name: 'inwoner forged as regisseur with edit', functie: 'inwoner', membership: m('inwoner', 'edit', true), allowed: [] },
  ];
  test.each(special.flatMap((s) => TOETS_ACTIONS_UNDER_TEST.map((action) => ({ ...s, action, expected: s.allowed.includes(action) }))))(
    '$name: $action -> $expected',
    ({ functie, membership, action, expected }) => {
      expect(canInCase(functie, membership, 'open', action)).toBe(expected);
    },
  );
});

// ------------------------------------------------------------------ stuck cases and breakthroughs

/**
 * Written out by hand from the rules (issue 5):
 *  - case.flag_stuck: any member of an open case, the household and partners included;
 *  - case.lead.take and breakthrough.request: a procesregisseur with edit access in an open case;
 *  - breakthrough.decide: a mandate holder (teamleider, directeur, wethouder) in an open case;
 *    level, amount, assignment and four-eyes are checked per request by the server;
 *  - breakthrough.outcome: the regisseur or the procesregisseur with edit access, also in a closed case.
 */
const DOORBRAAK_ACTIONS_UNDER_TEST: readonly CaseAction[] = ['case.flag_stuck', 'case.lead.take', 'breakthrough.request', 'breakthrough.decide', 'breakthrough.outcome'];

const DOORBRAAK_EXPECTED: Record<Functie, { membership: Membership; open: readonly CaseAction[]; gesloten: readonly CaseAction[] }> = {
  procesregisseur: { membership: m('procesregisseur', 'edit'), open: ['case.flag_stuck', 'case.lead.take', 'breakthrough.request', 'breakthrough.outcome'], gesloten: ['breakthrough.outcome'] },
  casusregisseur: { membership: m('casusregisseur', 'edit'), open: ['case.flag_stuck'], gesloten: [] },
  klantmanager_pw: { membership: m('klantmanager_pw', 'edit'), open: ['case.flag_stuck'], gesloten: [] },
  consulent_wmo: { membership: m('consulent_wmo', 'edit'), open: ['case.flag_stuck'], gesloten: [] },
  consulent_jeugd: { membership: m('consulent_jeugd', 'edit'), open: ['case.flag_stuck'], gesloten: [] },
  schuldhulpverlener: { membership: m('schuldhulpverlener', 'edit'), open: ['case.flag_stuck'], gesloten: [] },
  consulent_inburgering: { membership: m('consulent_inburgering', 'edit'), open: ['case.flag_stuck'], gesloten: [] },
  gedragsdeskundige: { membership: m('gedragsdeskundige', 'comment'), open: ['case.flag_stuck'], gesloten: [] },
  extern_partner: { membership: m('extern_partner', 'comment'), open: ['case.flag_stuck'], gesloten: [] },
  inwoner: { membership: m('inwoner', 'comment'), open: ['case.flag_stuck'], gesloten: [] },
  teamleider: { membership: m('mandaathouder', 'read'), open: ['case.flag_stuck', 'breakthrough.decide'], gesloten: [] },
  directeur: { membership: m('mandaathouder', 'read'), open: ['case.flag_stuck', 'breakthrough.decide'], gesloten: [] },
  wethouder: { membership: m('mandaathouder', 'read'), open: ['case.flag_stuck', 'breakthrough.decide'], gesloten: [] },
  functioneel_beheerder: { membership: m('casusregisseur', 'edit', true), open: [], gesloten: [] },
};

describe('stuck-case and breakthrough permission matrix (canInCase), typical member per functie', () => {
  const rows = FUNCTIES.flatMap((functie) =>
    DOORBRAAK_ACTIONS_UNDER_TEST.map((action) => ({
      functie,
      action,
      membership: DOORBRAAK_EXPECTED[functie].membership,
      open: DOORBRAAK_EXPECTED[functie].open.includes(action),
      gesloten: DOORBRAAK_EXPECTED[functie].gesloten.includes(action),
    })),
  );

  test.each(rows)('$functie (member) may $action: open $open, closed $gesloten', ({ functie, action, membership, open, gesloten }) => {
    expect(canInCase(functie, membership, 'open', action)).toBe(open);
    expect(canInCase(functie, membership, 'gesloten', action)).toBe(gesloten);
  });

  it('the expectation table covers every functie, with the same memberships as the case table', () => {
    expect(Object.keys(DOORBRAAK_EXPECTED).sort()).toEqual([...FUNCTIES].sort());
    for (const f of FUNCTIES) expect(DOORBRAAK_EXPECTED[f].membership).toEqual(CASE_EXPECTED[f].membership);
  });

  it('the regisseur (any case role) records an outcome; a procesregisseur with only comment access does nothing of the kind', () => {
    expect(canInCase('consulent_wmo', m('consulent_wmo', 'edit', true), 'gesloten', 'breakthrough.outcome')).toBe(true);
    for (const a of ['case.lead.take', 'breakthrough.request', 'breakthrough.outcome'] as const) expect(canInCase('procesregisseur', m('procesregisseur', 'comment'), 'open', a)).toBe(false);
    expect(canInCase('inwoner', m('inwoner', 'edit', true), 'open', 'breakthrough.outcome')).toBe(false);
  });
});

// ------------------------------------------------------------------ conference, intervision copy, dossier

/**
 * Written out by hand from the rules (issue 6):
 *  - conference.run: like adopting the plan (closing adopts a version): edit access in an open
 *    case and the regisseur or the procesregisseur;
 *  - intervision.create: municipal staff with edit access (also for a closed case: reflecting afterwards);
 *  - dossier.export: municipal staff and external partners, whatever their access level.
 */
const TAFEL_ACTIONS_UNDER_TEST: readonly CaseAction[] = ['conference.run', 'intervision.create', 'dossier.export'];

const TAFEL_EXPECTED: Record<Functie, { open: readonly CaseAction[]; gesloten: readonly CaseAction[] }> = {
  procesregisseur: { open: ['conference.run', 'intervision.create', 'dossier.export'], gesloten: ['intervision.create', 'dossier.export'] },
  casusregisseur: { open: ['intervision.create', 'dossier.export'], gesloten: ['intervision.create', 'dossier.export'] },
  klantmanager_pw: { open: ['intervision.create', 'dossier.export'], gesloten: ['intervision.create', 'dossier.export'] },
  consulent_wmo: { open: ['intervision.create', 'dossier.export'], gesloten: ['intervision.create', 'dossier.export'] },
  consulent_jeugd: { open: ['intervision.create', 'dossier.export'], gesloten: ['intervision.create', 'dossier.export'] },
  schuldhulpverlener: { open: ['intervision.create', 'dossier.export'], gesloten: ['intervision.create', 'dossier.export'] },
  consulent_inburgering: { open: ['intervision.create', 'dossier.export'], gesloten: ['intervision.create', 'dossier.export'] },
  gedragsdeskundige: { open: ['dossier.export'], gesloten: ['dossier.export'] },
  extern_partner: { open: ['dossier.export'], gesloten: ['dossier.export'] },
  inwoner: { open: [], gesloten: [] },
  teamleider: { open: ['dossier.export'], gesloten: ['dossier.export'] },
  directeur: { open: ['dossier.export'], gesloten: ['dossier.export'] },
  wethouder: { open: ['dossier.export'], gesloten: ['dossier.export'] },
  functioneel_beheerder: { open: [], gesloten: [] },
};

describe('conference, intervision copy and dossier permissions (canInCase), typical member per functie', () => {
  const rows = FUNCTIES.flatMap((functie) =>
    TAFEL_ACTIONS_UNDER_TEST.map((action) => ({
      functie,
      action,
      membership: CASE_EXPECTED[functie].membership,
      open: TAFEL_EXPECTED[functie].open.includes(action),
      gesloten: TAFEL_EXPECTED[functie].gesloten.includes(action),
    })),
  );
  test.each(rows)('$functie may $action: open $open, closed $gesloten', ({ functie, action, membership, open, gesloten }) => {
    expect(canInCase(functie, membership, 'open', action)).toBe(open);
    expect(canInCase(functie, membership, 'gesloten', action)).toBe(gesloten);
  });

  it('the regisseur runs conferences whatever the case role; nobody without edit access does', () => {
    expect(canInCase('consulent_jeugd', m('consulent_jeugd', 'edit', true), 'open', 'conference.run')).toBe(true);
    expect(canInCase('procesregisseur', m('procesregisseur', 'comment'), 'open', 'conference.run')).toBe(false);
    expect(canInCase('inwoner', m('inwoner', 'edit', true), 'open', 'conference.run')).toBe(false);
  });
});

describe('resident scope (canAsResident)', () => {
  const ACTIONS = ['resident.view', 'resident.goal.agree', 'resident.comment', 'resident.accesslog'] as const;
  it('only the household member itself has it; agreeing and commenting only in an open case', () => {
    for (const a of ACTIONS) {
      expect(canAsResident('inwoner', m('inwoner', 'comment'), 'open', a)).toBe(true);
      expect(canAsResident('inwoner', null, 'open', a)).toBe(false);
      for (const f of FUNCTIES.filter((x) => x !== 'inwoner')) expect(canAsResident(f, CASE_EXPECTED[f].membership, 'open', a)).toBe(false);
      // A professional wrongly given the inwoner case role still is no resident, nor a resident with another role.
      expect(canAsResident('casusregisseur', m('inwoner', 'edit'), 'open', a)).toBe(false);
      expect(canAsResident('inwoner', m('extern_partner', 'comment'), 'open', a)).toBe(false);
    }
    expect(canAsResident('inwoner', m('inwoner', 'read'), 'gesloten', 'resident.view')).toBe(true);
    expect(canAsResident('inwoner', m('inwoner', 'read'), 'gesloten', 'resident.accesslog')).toBe(true);
    expect(canAsResident('inwoner', m('inwoner', 'read'), 'gesloten', 'resident.goal.agree')).toBe(false);
    expect(canAsResident('inwoner', m('inwoner', 'read'), 'gesloten', 'resident.comment')).toBe(false);
  });

  it('a household member with read access only reads: no agreeing, no comments, even in an open case', () => {
    expect(canAsResident('inwoner', m('inwoner', 'read'), 'open', 'resident.view')).toBe(true);
    expect(canAsResident('inwoner', m('inwoner', 'read'), 'open', 'resident.accesslog')).toBe(true);
    expect(canAsResident('inwoner', m('inwoner', 'read'), 'open', 'resident.goal.agree')).toBe(false);
    expect(canAsResident('inwoner', m('inwoner', 'read'), 'open', 'resident.comment')).toBe(false);
  });
});

describe('intervision scope (canInIntervision)', () => {
  it('participants read; they write while the session is open; only the begeleider manages and closes', () => {
    const cases: [Parameters<typeof canInIntervision>[1], boolean, string, boolean][] = [
      ['deelnemer', true, 'intervision.read', true],
      ['deelnemer', true, 'intervision.write', true],
      ['deelnemer', false, 'intervision.write', false],
      ['deelnemer', true, 'intervision.participants.manage', false],
      ['deelnemer', true, 'intervision.close', false],
      ['deelnemer', false, 'intervision.publish', true],
      ['begeleider', true, 'intervision.participants.manage', true],
      ['begeleider', true, 'intervision.close', true],
      ['begeleider', false, 'intervision.close', false],
      [null, true, 'intervision.read', false],
    ];
    for (const [role, open, action, expected] of cases) expect(canInIntervision('consulent_wmo', role, open, action as never), `${role} ${open} ${action}`).toBe(expected);
  });
  it('outside the municipality never, whatever role a row claims', () => {
    for (const f of ['extern_partner', 'inwoner', 'functioneel_beheerder'] as const) expect(canInIntervision(f, 'begeleider', true, 'intervision.read')).toBe(false);
  });
});

// ------------------------------------------------------------------ a seat at the table, and temporary access

/**
 * Written out by hand from the rules (issue 10):
 *  - deviation.revoke: any member of an open case, whatever the access level (who among them,
 *    the proposer, a lead or a mandate holder whose mandate covers it, is checked per deviation);
 *    never through a temporary grant;
 *  - a mandate holder reading through temporary access (a breakthrough request awaits their
 *    decision) may read the case, including what is internal (they are municipal staff), and
 *    decide on a breakthrough in an open case. Nothing else, whatever access level the seat
 *    claims: not approve or revoke a deviation, not flag the case as stuck, not export the dossier.
 */
const SEAT_ACTIONS_UNDER_TEST: readonly CaseAction[] = ['deviation.revoke', 'goal.withdraw'];

const REVOKE_OPEN: Record<Functie, boolean> = {
  procesregisseur: true,
  casusregisseur: true,
  klantmanager_pw: true,
  consulent_wmo: true,
  consulent_jeugd: true,
  schuldhulpverlener: true,
  consulent_inburgering: true,
  gedragsdeskundige: true,
  extern_partner: true,
  inwoner: true,
  teamleider: true,
  directeur: true,
  wethouder: true,
  functioneel_beheerder: false,
};

/** Everything a temporary seat may do, per case status. */
const TEMPORARY_OPEN: readonly CaseAction[] = ['case.read', 'case.intern.access', 'breakthrough.decide'];
const TEMPORARY_CLOSED: readonly CaseAction[] = ['case.read', 'case.intern.access'];
const MANDATE_FUNCTIES = ['teamleider', 'directeur', 'wethouder'] as const;

describe('a seat at the table (deviation.revoke)', () => {
  test.each(FUNCTIES.map((functie) => ({ functie, expected: REVOKE_OPEN[functie] })))('$functie (member) may revoke in an open case: $expected, in a closed case: never', ({ functie, expected }) => {
    expect(canInCase(functie, CASE_EXPECTED[functie].membership, 'open', 'deviation.revoke')).toBe(expected);
    expect(canInCase(functie, CASE_EXPECTED[functie].membership, 'gesloten', 'deviation.revoke')).toBe(false);
  });

  it('a member who only reads still has a seat; a temporary grant has none', () => {
    expect(canInCase('consulent_wmo', m('consulent_wmo', 'read'), 'open', 'deviation.revoke')).toBe(true);
    for (const f of MANDATE_FUNCTIES) expect(canInCase(f, temporaryMembership(['r1']), 'open', 'deviation.revoke')).toBe(false);
  });
});

/**
 * goal.withdraw (issue 12): members who write the plan (edit access) in an open case; whether
 * they entered the goal or adopt the plan is checked per goal by the server.
 */
describe('withdrawing a goal entered by mistake (goal.withdraw)', () => {
  test.each(FUNCTIES.map((functie) => ({ functie })))('$functie: only with edit access, in an open case, never through a temporary grant', ({ functie }) => {
    const { membership } = CASE_EXPECTED[functie];
    const writes = functie !== 'functioneel_beheerder' && membership !== null && membership.access === 'edit';
    expect(canInCase(functie, membership, 'open', 'goal.withdraw')).toBe(writes);
    expect(canInCase(functie, membership, 'gesloten', 'goal.withdraw')).toBe(false);
  });

  it('a member who only comments or reads may not; a temporary grant may not', () => {
    expect(canInCase('consulent_wmo', m('consulent_wmo', 'comment'), 'open', 'goal.withdraw')).toBe(false);
    expect(canInCase('casusregisseur', m('casusregisseur', 'read'), 'open', 'goal.withdraw')).toBe(false);
    for (const f of MANDATE_FUNCTIES) expect(canInCase(f, temporaryMembership(['r1']), 'open', 'goal.withdraw')).toBe(false);
  });
});

describe('temporary access (a mandate holder deciding a breakthrough request)', () => {
  const rows = MANDATE_FUNCTIES.flatMap((functie) =>
    CASE_ACTIONS.flatMap((action) => [
      { functie, action, status: 'open' as const, expected: TEMPORARY_OPEN.includes(action) },
      { functie, action, status: 'gesloten' as const, expected: TEMPORARY_CLOSED.includes(action) },
    ]),
  );

  test.each(rows)('$functie with temporary access, $status case: $action -> $expected', ({ functie, action, status, expected }) => {
    expect(canInCase(functie, temporaryMembership(['verzoek-1']), status, action)).toBe(expected);
  });

  it('the seat is marked as temporary, with the requests it was granted for, and reads as "lezen"', () => {
    expect(temporaryMembership(['a', 'b'])).toEqual({ caseRole: 'mandaathouder', access: 'read', isRegisseur: false, temporaryFor: ['a', 'b'] });
  });

  it('the same mandate holder as a member (read access) approves, revokes and flags; through a temporary grant not', () => {
    for (const f of MANDATE_FUNCTIES) {
      for (const a of ['deviation.decide', 'deviation.revoke', 'case.flag_stuck', 'dossier.export'] as const) {
        expect(canInCase(f, m('mandaathouder', 'read'), 'open', a), `${f} member ${a}`).toBe(true);
        expect(canInCase(f, temporaryMembership(['r1']), 'open', a), `${f} temporary ${a}`).toBe(false);
      }
    }
  });

  it('a forged access level on a temporary seat gives nothing more: the grant, not the access field, counts', () => {
    const forged = { ...temporaryMembership(['r1']), access: 'edit' as const, isRegisseur: true, caseRole: 'procesregisseur' as const };
    const allowed = CASE_ACTIONS.filter((a) => canInCase('wethouder', forged, 'open', a));
    expect(allowed.sort()).toEqual([...TEMPORARY_OPEN].sort());
    // Staff without a mandate on a temporary seat read; deciding is for mandate holders only.
    expect(CASE_ACTIONS.filter((a) => canInCase('consulent_wmo', temporaryMembership(['r1']), 'open', a)).sort()).toEqual(['case.intern.access', 'case.read']);
    expect(CASE_ACTIONS.filter((a) => canInCase('extern_partner', temporaryMembership(['r1']), 'open', a))).toEqual(['case.read']);
  });

  it('the capabilities the client gets say the same: only reading and deciding', () => {
    const caps = caseCapabilities('wethouder', temporaryMembership(['r1']), 'open');
    expect(Object.entries(caps).filter(([, v]) => v).map(([k]) => k).sort()).toEqual([...TEMPORARY_OPEN].sort());
  });

  it('a temporary seat is never the household, and gives nothing in the resident scope', () => {
    const forged = { ...temporaryMembership(['r1']), caseRole: 'inwoner' as const, access: 'comment' as const };
    for (const a of ['resident.view', 'resident.goal.agree', 'resident.comment', 'resident.accesslog'] as const) {
      expect(canAsResident('inwoner', forged, 'open', a)).toBe(false);
      expect(canAsResident('inwoner', { ...forged, temporaryFor: null }, 'open', a)).toBe(true);
    }
  });
});
