// Breakthrough requests (doorbraakverzoeken): what a procesregisseur files, how it is routed
// to a mandate holder, the decisions on it, the escalation file and the outcome. Money is
// always an integer number of euro cents, on the wire and in the database.
import { z } from 'zod';
import { BREAKTHROUGH_KINDS, BREAKTHROUGH_STATUSES, BREAKTHROUGH_TYPES, type BreakthroughKind, type BreakthroughType } from '../breakthroughs';
import { LAW_KEYS, MANDATE_LEVELS, type MandateLevel } from '../laws';
import { FUNCTIES } from '../roles';
import { Id, IsoDate, Text, Timestamp, UserRef } from './common';
import { DEVIATION_STATUSES } from './deviations';

const KIND_KEYS = BREAKTHROUGH_KINDS.map((k) => k.key) as [BreakthroughKind, ...BreakthroughKind[]];
const TYPE_KEYS = BREAKTHROUGH_TYPES.map((t) => t.key) as [BreakthroughType, ...BreakthroughType[]];

/** €100 million: far above any household, low enough to stay exact in a JS number. */
export const MAX_CENTS = 100_000_000_00;
export const Cents = z
  .number({ error: 'Vul een bedrag in.' })
  .int('Gebruik een bedrag in hele centen.')
  .min(0, 'Een bedrag kan niet negatief zijn.')
  .max(MAX_CENTS, 'Dit bedrag is onwaarschijnlijk hoog (maximaal € 100 miljoen).');

// ---------------------------------------------------------------- money

const wholeEuros = new Intl.NumberFormat('nl-NL', { style: 'currency', currency: 'EUR', maximumFractionDigits: 0, minimumFractionDigits: 0 });
const withCents = new Intl.NumberFormat('nl-NL', { style: 'currency', currency: 'EUR', minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** "€ 12.345" (or "€ 12.345,50" when there are cents), for every place that shows money. */
export function formatEuro(cents: number): string {
  return (cents % 100 === 0 ? wholeEuros : withCents).format(cents / 100);
}

// ---------------------------------------------------------------- the cost comparison

/** One current intervention of carrying on as now (doormodderen): its cost per year. */
export const CarryOnCostLine = z.strictObject({ label: Text(200), cents: Cents }).meta({ id: 'CarryOnCostLine' });
/** One cost of the breakthrough (doorbreken): once, or per year. */
export const BreakthroughCostLine = z
  .strictObject({ label: Text(200), cents: Cents, per: z.enum(['eenmalig', 'jaar']) })
  .meta({ id: 'BreakthroughCostLine' });

export const CostLines = z
  .strictObject({
    carryOn: z.array(CarryOnCostLine).min(1, 'Noem minstens één huidige interventie met haar kosten per jaar.').max(30),
    breakthrough: z.array(BreakthroughCostLine).min(1, 'Noem minstens één kostenpost van de doorbraak.').max(30),
  })
  .meta({ id: 'CostLines' });
export type CostLines = z.infer<typeof CostLines>;

export const CostTotals = z
  .object({
    carryOnPerYear: z.number().int(),
    breakthroughOnce: z.number().int(),
    breakthroughPerYear: z.number().int(),
    /** One-off plus one year of the breakthrough. */
    breakthroughFirstYear: z.number().int(),
    /** Positive: the breakthrough saves money in its first year. */
    differenceFirstYear: z.number().int(),
    /** Positive: every following year saves this much. */
    differencePerYear: z.number().int(),
  })
  .meta({ id: 'CostTotals' });
export type CostTotals = z.infer<typeof CostTotals>;

/** The one computation of the comparison: the server stores and shows it, the form previews it. */
export function costTotals(lines: CostLines): CostTotals {
  const sum = (xs: { cents: number }[]) => xs.reduce((n, l) => n + l.cents, 0);
  const carryOnPerYear = sum(lines.carryOn);
  const breakthroughOnce = sum(lines.breakthrough.filter((l) => l.per === 'eenmalig'));
  const breakthroughPerYear = sum(lines.breakthrough.filter((l) => l.per === 'jaar'));
  const breakthroughFirstYear = breakthroughOnce + breakthroughPerYear;
  return {
    carryOnPerYear,
    breakthroughOnce,
    breakthroughPerYear,
    breakthroughFirstYear,
    differenceFirstYear: carryOnPerYear - breakthroughFirstYear,
    differencePerYear: carryOnPerYear - breakthroughPerYear,
  };
}

/**
 * The amount routing and the per-level grant limit compare against: the budget asked for, but
 * never less than what the breakthrough costs in its first year. Otherwise a low "budget" on a
 * costly breakthrough would take it to a level that may not commit that much.
 */
export function effectiveAmountCents(amountCents: number, lines: CostLines): number {
  return Math.max(amountCents, costTotals(lines).breakthroughFirstYear);
}

// ---------------------------------------------------------------- filing and amending

export const SubmitBreakthroughRequest = z
  .strictObject({
    /** What is stuck, in plain words. */
    stuck: Text(4000),
    stuckSince: IsoDate,
    /** The proposed breakthrough. */
    proposal: Text(4000),
    kind: z.enum(KIND_KEYS),
    /** Which laws and which rules block it, and the vraagstukken and deviations it concerns. */
    laws: z
      .array(z.enum(LAW_KEYS))
      .min(1, 'Kies minstens één wet die de oplossing blokkeert.')
      .max(LAW_KEYS.length)
      .refine((l) => new Set(l).size === l.length, 'Noem elke wet één keer.'),
    rules: Text(4000),
    vraagstukIds: z.array(Id).max(50).default([]),
    deviationIds: z.array(Id).max(50).default([]),
    costs: CostLines,
    /** The budget asked for: what the mandate thresholds compare against. */
    amountCents: Cents,
    /** The mandate holder chosen from GET …/breakthrough-routing. */
    assigneeId: Id,
  })
  .meta({ id: 'SubmitBreakthroughRequest' });
export type SubmitBreakthroughRequest = z.input<typeof SubmitBreakthroughRequest>;

export const GrantBreakthroughRequest = z
  .strictObject({
    conditions: Text(4000),
    /** At most the budget asked for, and within the decider's own amount limit. */
    budgetCents: Cents,
    /** The last day of the term; the outcome is recorded after it. */
    termEnd: IsoDate,
    note: z.string().trim().max(4000).optional(),
  })
  .meta({ id: 'GrantBreakthroughRequest' });
export type GrantBreakthroughRequest = z.input<typeof GrantBreakthroughRequest>;

export const RefuseBreakthroughRequest = z.strictObject({ reasons: Text(4000) }).meta({ id: 'RefuseBreakthroughRequest' });
export type RefuseBreakthroughRequest = z.input<typeof RefuseBreakthroughRequest>;

export const ReturnBreakthroughRequest = z.strictObject({ missing: Text(4000) }).meta({ id: 'ReturnBreakthroughRequest' });
export type ReturnBreakthroughRequest = z.input<typeof ReturnBreakthroughRequest>;

export const EscalateBreakthroughRequest = z
  .strictObject({ assigneeId: Id, note: z.string().trim().max(4000).optional() })
  .meta({ id: 'EscalateBreakthroughRequest' });
export type EscalateBreakthroughRequest = z.input<typeof EscalateBreakthroughRequest>;

export const ExportBreakthroughRequest = z
  .strictObject({ note: z.string().trim().max(4000).optional() })
  .meta({ id: 'ExportBreakthroughRequest' });
export type ExportBreakthroughRequest = z.input<typeof ExportBreakthroughRequest>;

export const WithdrawBreakthroughRequest = z.strictObject({ reason: Text(2000) }).meta({ id: 'WithdrawBreakthroughRequest' });
export type WithdrawBreakthroughRequest = z.input<typeof WithdrawBreakthroughRequest>;

export const RecordOutcomeRequest = z
  .strictObject({
    achieved: z.boolean(),
    type: z.enum(TYPE_KEYS),
    typeOther: z.string().trim().max(200).optional(),
    /** What made the difference. */
    difference: Text(4000),
    /** Offered as a success story (succesverhaal) for the organisation. */
    successStory: z.boolean().default(false),
  })
  .refine((o) => o.type !== 'anders' || (o.typeOther ?? '').length > 0, { message: 'Beschrijf de doorbraak als u „anders” kiest.', path: ['typeOther'] })
  .refine((o) => o.achieved || !o.successStory, { message: 'Alleen een bereikte doorbraak kan een succesverhaal worden.', path: ['successStory'] })
  .meta({ id: 'RecordOutcomeRequest' });
export type RecordOutcomeRequest = z.input<typeof RecordOutcomeRequest>;

// ---------------------------------------------------------------- routing

export const MandateHolder = z
  .object({ id: Id, name: z.string(), functie: z.enum(FUNCTIES), organisation: z.string(), mandate: z.enum(MANDATE_LEVELS) })
  .meta({ id: 'MandateHolder' });
export type MandateHolder = z.infer<typeof MandateHolder>;

export const BreakthroughRouting = z
  .object({
    /** The level the request goes to: the highest of what the kind, the amount and the linked deviations need. */
    level: z.enum(MANDATE_LEVELS),
    kindLevel: z.enum(MANDATE_LEVELS).nullable(),
    /** The level for `effectiveAmountCents`. */
    amountLevel: z.enum(MANDATE_LEVELS).nullable(),
    /** The amount routed on: the budget asked, at least the breakthrough's first-year cost; null without an amount. */
    effectiveAmountCents: z.number().int().nullable(),
    /** The highest mandate the linked deviations need (the mandate rules per law and route); null without any. */
    deviationLevel: z.enum(MANDATE_LEVELS).nullable(),
    /** Active accounts whose mandate covers the level, the requester left out (four eyes). */
    holders: z.array(MandateHolder),
  })
  .meta({ id: 'BreakthroughRouting' });
export type BreakthroughRouting = z.infer<typeof BreakthroughRouting>;

export const BreakthroughRoutingQuery = z.object({
  kind: z.enum(KIND_KEYS).optional(),
  amountCents: z.coerce.number().int().min(0).max(MAX_CENTS).optional(),
  /** The first-year cost of the breakthrough as the form computes it (costTotals): routing uses at least this. */
  firstYearCents: z.coerce.number().int().min(0).max(MAX_CENTS * 30).optional(),
  /** The linked deviations, as comma-separated ids: their mandate rules raise the level. */
  deviationIds: z
    .string()
    .max(50 * 65, 'Koppel hoogstens 50 afwijkingen.')
    .regex(/^[^,\s]{1,64}(,[^,\s]{1,64})*$/, 'Geef de afwijkingen als ids, gescheiden door komma’s.')
    .optional(),
  /** At least this level (an escalation, or a resubmission after "terug voor aanvulling"). */
  atLeast: z.enum(MANDATE_LEVELS).optional(),
});

/** The functional administrator's routing configuration: amount limits and the least level per kind. */
export const BreakthroughRoutingConfig = z
  .strictObject({
    /** The highest amount each level may grant, in cents; null: no limit. */
    amountLimits: z.strictObject(Object.fromEntries(MANDATE_LEVELS.map((l) => [l, Cents.nullable()])) as Record<MandateLevel, z.ZodNullable<typeof Cents>>),
    kindLevels: z.strictObject(Object.fromEntries(KIND_KEYS.map((k) => [k, z.enum(MANDATE_LEVELS)])) as Record<BreakthroughKind, z.ZodEnum<{ [K in MandateLevel]: K }>>),
  })
  .meta({ id: 'BreakthroughRoutingConfig' });
export type BreakthroughRoutingConfig = z.infer<typeof BreakthroughRoutingConfig>;

// ---------------------------------------------------------------- views

export const BreakthroughVersion = z
  .object({
    version: z.number().int(),
    stuck: z.string(),
    stuckSince: z.string(),
    proposal: z.string(),
    kind: z.enum(KIND_KEYS),
    laws: z.array(z.enum(LAW_KEYS)),
    rules: z.string(),
    vraagstukken: z.array(z.object({ id: Id, title: z.string() })),
    deviations: z.array(z.object({ id: Id, law: z.enum(LAW_KEYS), rule: z.string(), status: z.enum(DEVIATION_STATUSES), internal: z.boolean() })),
    costs: CostLines,
    totals: CostTotals,
    amountCents: z.number().int(),
    /** What routing and the grant limit used: the budget asked, at least the first-year cost (effectiveAmountCents). */
    effectiveAmountCents: z.number().int(),
    submittedBy: UserRef,
    submittedAt: Timestamp,
  })
  .meta({ id: 'BreakthroughVersion' });
export type BreakthroughVersion = z.infer<typeof BreakthroughVersion>;

export const BREAKTHROUGH_EVENT_KINDS = ['voorgelegd', 'toegekend', 'afgewezen', 'terug', 'opgeschaald', 'geexporteerd', 'ingetrokken'] as const;
export type BreakthroughEventKind = (typeof BREAKTHROUGH_EVENT_KINDS)[number];

export const BREAKTHROUGH_EVENT_LABELS: Record<BreakthroughEventKind, string> = {
  voorgelegd: 'Voorgelegd',
  toegekend: 'Toegekend',
  afgewezen: 'Afgewezen',
  terug: 'Terug voor aanvulling',
  opgeschaald: 'Opgeschaald',
  geexporteerd: 'Voorgelegd aan het landelijk maatwerkloket',
  ingetrokken: 'Ingetrokken',
};

export const BreakthroughEvent = z
  .object({
    id: z.number().int(),
    kind: z.enum(BREAKTHROUGH_EVENT_KINDS),
    at: Timestamp,
    by: UserRef,
    /** The version the event is about. */
    version: z.number().int(),
    level: z.enum(MANDATE_LEVELS).nullable(),
    assignee: UserRef.nullable(),
    mandate: z.enum(MANDATE_LEVELS).nullable(),
    note: z.string().nullable(),
    conditions: z.string().nullable(),
    budgetCents: z.number().int().nullable(),
    termEnd: z.string().nullable(),
  })
  .meta({ id: 'BreakthroughEvent' });
export type BreakthroughEvent = z.infer<typeof BreakthroughEvent>;

export const BreakthroughOutcome = z
  .object({
    achieved: z.boolean(),
    type: z.enum(TYPE_KEYS),
    typeOther: z.string().nullable(),
    difference: z.string(),
    successStory: z.boolean(),
    by: UserRef,
    at: Timestamp,
  })
  .meta({ id: 'BreakthroughOutcome' });
export type BreakthroughOutcome = z.infer<typeof BreakthroughOutcome>;

export const WAITING_ON = ['besluit', 'aanvulling', 'resultaat'] as const;

export const Breakthrough = z
  .object({
    id: Id,
    caseId: Id,
    status: z.enum(BREAKTHROUGH_STATUSES),
    /** The level it is (or was last) routed to. */
    level: z.enum(MANDATE_LEVELS),
    createdBy: UserRef,
    createdAt: Timestamp,
    current: BreakthroughVersion,
    versions: z.array(BreakthroughVersion),
    events: z.array(BreakthroughEvent),
    /** The grant in force: conditions, budget and term. */
    grant: z
      .object({ by: UserRef, mandate: z.enum(MANDATE_LEVELS), at: Timestamp, conditions: z.string(), budgetCents: z.number().int(), termEnd: z.string(), note: z.string().nullable() })
      .nullable(),
    /** Whom it is waiting for, for what, and since when; null when nobody needs to act. */
    waiting: z.object({ on: z.enum(WAITING_ON), who: UserRef.nullable(), level: z.enum(MANDATE_LEVELS).nullable(), since: z.string() }).nullable(),
    /** After a refusal: the level an escalation goes to; null above the wethouder (export instead). */
    escalationLevel: z.enum(MANDATE_LEVELS).nullable(),
    outcome: BreakthroughOutcome.nullable(),
    can: z.object({
      decide: z.boolean(),
      amend: z.boolean(),
      escalate: z.boolean(),
      export: z.boolean(),
      download: z.boolean(),
      withdraw: z.boolean(),
      recordOutcome: z.boolean(),
    }),
  })
  .meta({ id: 'Breakthrough' });
export type Breakthrough = z.infer<typeof Breakthrough>;

export const BreakthroughList = z
  .object({
    requests: z.array(Breakthrough),
    /** Set when the viewer reads the case only through temporary access for a decision. */
    temporaryAccessFor: z.array(Id),
    canRequest: z.boolean(),
  })
  .meta({ id: 'BreakthroughList' });
export type BreakthroughList = z.infer<typeof BreakthroughList>;

// ---------------------------------------------------------------- the pseudonymised escalation file

export const EscalationFile = z
  .object({
    format: z.literal('casustafel-escalatie/2'),
    /** Every date in the file (fields and free text) is its month only: no day, no time of day. */
    datePrecision: z.literal('maand'),
    /** The month the file was made, "2026-03". */
    createdIn: z.string().regex(/^\d{4}-\d{2}$/),
    /** A stable pseudonym of the household; never its name. */
    household: z.string(),
    reference: z.string(),
    kind: z.enum(KIND_KEYS),
    kindLabel: z.string(),
    stuck: z.string(),
    /** "2025-03": the month since when it is stuck. */
    stuckSince: z.string().regex(/^\d{4}-\d{2}$/),
    proposal: z.string(),
    laws: z.array(z.object({ key: z.enum(LAW_KEYS), name: z.string() })),
    rules: z.string(),
    vraagstukken: z.array(z.string()),
    /** Linked deviations that are not internal; internal ones never leave the municipality. */
    deviations: z.array(z.object({ law: z.enum(LAW_KEYS), rule: z.string(), status: z.enum(DEVIATION_STATUSES) })),
    costs: CostLines,
    totals: CostTotals,
    amountCents: z.number().int(),
    /** Decisions and escalations with the mandate level, by role only, in order, each with its month. */
    trail: z.array(
      z.object({
        kind: z.enum(BREAKTHROUGH_EVENT_KINDS),
        label: z.string(),
        month: z.string().regex(/^\d{4}-\d{2}$/),
        byRole: z.string(),
        level: z.enum(MANDATE_LEVELS).nullable(),
        mandate: z.enum(MANDATE_LEVELS).nullable(),
        note: z.string().nullable(),
      }),
    ),
  })
  .meta({ id: 'EscalationFile' });
export type EscalationFile = z.infer<typeof EscalationFile>;
