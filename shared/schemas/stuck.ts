// Stuck cases (vastgelopen casussen): the signals per case, the flag a member raises, the
// procesregisseur who takes the lead, the overview across their cases, the thresholds the
// functional administrator sets, and the policy views across all cases (knelpunten, pilot
// figures) that hold counts and rule references only.
import { z } from 'zod';
import { BREAKTHROUGH_TYPES, CASE_CLUSTERS } from '../breakthroughs';
import { SIGNAL_SETTINGS, STUCK_SIGNALS } from '../stuck';
import { LAW_KEYS, MANDATE_LEVELS } from '../laws';
import { CASE_STATUSES } from '../roles';
import { Id, IsoDate, Text, Timestamp, UserRef } from './common';

const SIGNAL_KEYS = STUCK_SIGNALS.map((s) => s.key) as [(typeof STUCK_SIGNALS)[number]['key'], ...(typeof STUCK_SIGNALS)[number]['key'][]];
const SETTING_KEYS = SIGNAL_SETTINGS.map((s) => s.key) as [(typeof SIGNAL_SETTINGS)[number]['key'], ...(typeof SIGNAL_SETTINGS)[number]['key'][]];
const CLUSTER_KEYS = CASE_CLUSTERS.map((c) => c.key) as [(typeof CASE_CLUSTERS)[number]['key'], ...(typeof CASE_CLUSTERS)[number]['key'][]];
const TYPE_KEYS = BREAKTHROUGH_TYPES.map((t) => t.key) as [(typeof BREAKTHROUGH_TYPES)[number]['key'], ...(typeof BREAKTHROUGH_TYPES)[number]['key'][]];

export { SIGNAL_KEYS, CLUSTER_KEYS };

// ---------------------------------------------------------------- one case

export const CaseSignal = z
  .object({
    key: z.enum(SIGNAL_KEYS),
    label: z.string(),
    /** Why, in Dutch, with the numbers that matter: "2 doelen over de streefdatum, de oudste sinds 3 okt." */
    reason: z.string(),
    /** The day (YYYY-MM-DD) the situation began, when known: for sorting by how long. */
    since: z.string().nullable(),
  })
  .meta({ id: 'CaseSignal' });
export type CaseSignal = z.infer<typeof CaseSignal>;

export const StuckFlag = z
  .object({ by: UserRef, reason: z.string(), at: Timestamp })
  .meta({ id: 'StuckFlag' });
export type StuckFlag = z.infer<typeof StuckFlag>;

export const CaseLead = z
  .object({ by: UserRef, at: Timestamp, note: z.string().nullable() })
  .meta({ id: 'CaseLead' });
export type CaseLead = z.infer<typeof CaseLead>;

export const CaseSignals = z
  .object({
    caseId: Id,
    status: z.enum(CASE_STATUSES),
    signals: z.array(CaseSignal),
    flag: StuckFlag.nullable(),
    lead: CaseLead.nullable(),
    cluster: z.enum(CLUSTER_KEYS).nullable(),
    /** What the current user may do here. */
    can: z.object({ flag: z.boolean(), clearFlag: z.boolean(), takeLead: z.boolean(), releaseLead: z.boolean(), setCluster: z.boolean() }),
  })
  .meta({ id: 'CaseSignals' });
export type CaseSignals = z.infer<typeof CaseSignals>;

export const FlagStuckRequest = z
  .strictObject({ reason: z.string().trim().min(10, 'Beschrijf in minstens 10 tekens waarom de casus vastloopt.').max(2000) })
  .meta({ id: 'FlagStuckRequest' });
export const ClearStuckFlagRequest = z
  .strictObject({ reason: Text(2000) })
  .meta({ id: 'ClearStuckFlagRequest' });
export const LeadRequest = z
  .strictObject({ note: z.string().trim().max(2000).optional() })
  .meta({ id: 'LeadRequest' });
export const SetClusterRequest = z
  .strictObject({ cluster: z.enum(CLUSTER_KEYS).nullable() })
  .meta({ id: 'SetClusterRequest' });

// ---------------------------------------------------------------- the procesregisseur's overview

/**
 * What a case waits for: a breakthrough request, an open vraagstuk, a deviation proposal, and
 * one kind per remaining signal (an overdue goal, a deviation past its review date, a quiet
 * plan, no regisseur, the vastgelopen flag, a closure without follow-up agreements).
 */
export const WAITING_KINDS = ['doorbraak', 'vraagstuk', 'afwijking', 'doel', 'herbeoordeling', 'plan', 'regisseur', 'vastgelopen', 'borging'] as const;
export type WaitingKind = (typeof WAITING_KINDS)[number];

export const WAITING_KIND_LABELS: Record<WaitingKind, string> = {
  doorbraak: 'Doorbraak',
  vraagstuk: 'Vraagstuk',
  afwijking: 'Afwijking',
  doel: 'Doel over de streefdatum',
  herbeoordeling: 'Afwijking herbeoordelen',
  plan: 'Plan stil',
  regisseur: 'Geen regisseur',
  vastgelopen: 'Gemeld als vastgelopen',
  borging: 'Gesloten zonder vervolgafspraken',
};

export const WaitingItem = z
  .object({
    kind: z.enum(WAITING_KINDS),
    /** What waits: "Doorbraakverzoek", the vraagstuk's title, the rule of the deviation, the goal, the flag's reason. */
    subject: z.string(),
    /** Who it waits for, each with their role or level ("Wethouder", "Consulent Wmo"). */
    waitingFor: z.array(z.object({ name: z.string(), role: z.string() })),
    /** What is asked of them, or who when nobody by name can be given ("een teamleider of hoger", "het landelijk maatwerkloket"). */
    note: z.string().nullable(),
    level: z.enum(MANDATE_LEVELS).nullable(),
    /** Since when it waits (a timestamp, or a day for due dates and review dates). */
    since: Timestamp,
    days: z.number().int(),
  })
  .meta({ id: 'WaitingItem' });
export type WaitingItem = z.infer<typeof WaitingItem>;

export const StuckCase = z
  .object({
    id: Id,
    title: z.string(),
    status: z.enum(CASE_STATUSES),
    regisseur: UserRef.nullable(),
    lead: CaseLead.nullable(),
    cluster: z.enum(CLUSTER_KEYS).nullable(),
    signals: z.array(CaseSignal),
    /** An open breakthrough request (submitted, escalated, returned, refused but not yet escalated or withdrawn, or with the national loket without an outcome). */
    escalated: z.boolean(),
    waiting: z.array(WaitingItem),
  })
  .meta({ id: 'StuckCase' });
export type StuckCase = z.infer<typeof StuckCase>;

export const StuckOverview = z
  .object({
    today: z.string(),
    thresholds: z.record(z.enum(SETTING_KEYS), z.number().int()),
    /** Cases the user is a member of with at least one signal or an open breakthrough request. */
    cases: z.array(StuckCase),
    /** How many of the user's cases were looked at. */
    casesChecked: z.number().int(),
  })
  .meta({ id: 'StuckOverview' });
export type StuckOverview = z.infer<typeof StuckOverview>;

export const StuckQuery = z.object({
  signal: z
    .enum(SIGNAL_KEYS)
    .optional()
    .meta({ param: { name: 'signal', in: 'query' }, description: 'Alleen casussen met dit signaal' }),
});

// ---------------------------------------------------------------- thresholds (functional administrator)

export const SignalSettingView = z
  .object({
    key: z.enum(SETTING_KEYS),
    label: z.string(),
    value: z.number().int(),
    default: z.number().int(),
    min: z.number().int(),
    max: z.number().int(),
    updatedAt: Timestamp.nullable(),
    updatedBy: UserRef.nullable(),
  })
  .meta({ id: 'SignalSetting' });
export type SignalSettingView = z.infer<typeof SignalSettingView>;

export const SetSignalSettingRequest = z
  .strictObject({ value: z.number().int('Gebruik een geheel getal.') })
  .meta({ id: 'SetSignalSettingRequest' });

export const SettingParams = z.object({ key: z.enum(SETTING_KEYS).meta({ param: { name: 'key', in: 'path' } }) });

// ---------------------------------------------------------------- knelpunten and pilot figures (no personal data)

export const PeriodQuery = z.object({
  from: IsoDate.optional().meta({ param: { name: 'from', in: 'query' }, description: 'Eerste dag (JJJJ-MM-DD); standaard een jaar terug' }),
  to: IsoDate.optional().meta({ param: { name: 'to', in: 'query' }, description: 'Laatste dag (JJJJ-MM-DD); standaard vandaag' }),
});

const Median = z.object({ n: z.number().int(), medianDays: z.number().nullable() });

export const Knelpunten = z
  .object({
    from: z.string(),
    to: z.string(),
    /** Approved deviations per rule, normalised; only rules deviated from in at least `minCases` cases. */
    rules: z.array(z.object({ law: z.enum(LAW_KEYS), rule: z.string(), deviations: z.number().int(), cases: z.number().int() })),
    /** Approved deviations from rules seen in fewer cases, per law: counted, not named (free text can hold anything). */
    otherRules: z.array(z.object({ law: z.enum(LAW_KEYS), deviations: z.number().int() })),
    minCases: z.number().int(),
    /** Pairs of laws whose signed verdicts on one vraagstuk disagree (one fits, the other does not). */
    lawPairs: z.array(z.object({ laws: z.tuple([z.enum(LAW_KEYS), z.enum(LAW_KEYS)]), vraagstukken: z.number().int() })),
    breakthroughTypes: z.array(z.object({ type: z.enum(TYPE_KEYS), outcomes: z.number().int(), achieved: z.number().int() })),
    requestToDecision: Median,
  })
  .meta({ id: 'Knelpunten' });
export type Knelpunten = z.infer<typeof Knelpunten>;

export const PilotFigures = z
  .object({
    from: z.string(),
    to: z.string(),
    cases: z.object({ opened: z.number().int(), active: z.number().int(), closed: z.number().int() }),
    breakthroughs: z.object({ requested: z.number().int(), granted: z.number().int(), refused: z.number().int(), achieved: z.number().int() }),
    clusters: z.array(z.object({ cluster: z.enum(CLUSTER_KEYS).nullable(), opened: z.number().int(), active: z.number().int(), granted: z.number().int() })),
    durations: z.object({ caseOpenToClosed: Median, requestToDecision: Median }),
  })
  .meta({ id: 'PilotFigures' });
export type PilotFigures = z.infer<typeof PilotFigures>;
