import { z } from 'zod';
import { BREAKTHROUGH_KINDS, BREAKTHROUGH_STATUSES } from '../breakthroughs';
import { DEVIATION_ROUTES, LAW_KEYS, MANDATE_LEVELS } from '../laws';
import { MUNICIPAL_STAFF } from '../permissions';
import type { Functie } from '../roles';
import { Id, Timestamp, UserRef } from './common';
import { GOAL_STATUSES } from './goals';
import { VraagstukDecision } from './vraagstukken';

export const PlanVersionSummary = z
  .object({ number: z.number().int(), adoptedAt: Timestamp, adoptedBy: UserRef, note: z.string().nullable() })
  .meta({ id: 'PlanVersionSummary' });
export type PlanVersionSummary = z.infer<typeof PlanVersionSummary>;

const HouseholdMemberSchema = z.object({ id: z.string(), voornaam: z.string(), relatie: z.string(), geboortejaar: z.number().int().nullable() });
const ZrmMetingSchema = z.object({ id: z.string(), datum: z.string(), scores: z.record(z.string(), z.number().int()) });

// ---------------------------------------------------------------- the decided records of a version

/**
 * What was decided when a version was adopted, copied at that moment: the goals, the concluded
 * vraagstukken, the deviations in force and the breakthroughs. The dossier of a version shows
 * these, not today's rows. Versions adopted before this existed have no `records`.
 */
const RecordGoal = z.object({
  id: Id,
  text: z.string(),
  lifeDomain: z.string(),
  owner: z.object({ type: z.enum(['member', 'household']), name: z.string() }),
  dueDate: z.string().nullable(),
  status: z.enum(GOAL_STATUSES),
  householdAgreedOn: z.string().nullable(),
  legitimations: z.array(z.object({ law: z.enum(LAW_KEYS), text: z.string() })),
  actions: z.array(z.object({ text: z.string(), owner: z.string(), dueDate: z.string().nullable(), done: z.boolean() })),
});

const RecordVraagstuk = z.object({ id: Id, title: z.string(), conclusion: VraagstukDecision });

const ROUTE_KEYS = DEVIATION_ROUTES.map((r) => r.key) as [(typeof DEVIATION_ROUTES)[number]['key'], ...(typeof DEVIATION_ROUTES)[number]['key'][]];
const RecordDeviation = z.object({
  id: Id,
  law: z.enum(LAW_KEYS),
  rule: z.string(),
  route: z.enum(ROUTE_KEYS),
  routeOther: z.string().nullable(),
  willDo: z.string(),
  willNotDo: z.string(),
  reasoning: z.string(),
  startDate: z.string(),
  endDate: z.string(),
  reviewDate: z.string(),
  /** Fraud-relevant and the like: never shown to partners or the household. */
  internal: z.boolean(),
  proposedBy: UserRef,
  approval: z.object({ by: UserRef, mandate: z.enum(MANDATE_LEVELS), at: Timestamp, note: z.string().nullable() }),
});

const KIND_KEYS = BREAKTHROUGH_KINDS.map((k) => k.key) as [(typeof BREAKTHROUGH_KINDS)[number]['key'], ...(typeof BREAKTHROUGH_KINDS)[number]['key'][]];
const RecordBreakthrough = z.object({
  id: Id,
  kind: z.enum(KIND_KEYS),
  stuck: z.string(),
  proposal: z.string(),
  amountCents: z.number().int(),
  status: z.enum(BREAKTHROUGH_STATUSES),
  decisions: z.array(
    z.object({
      kind: z.enum(['toegekend', 'afgewezen', 'terug', 'opgeschaald', 'geexporteerd', 'ingetrokken']),
      by: UserRef,
      mandate: z.enum(MANDATE_LEVELS).nullable(),
      at: Timestamp,
      note: z.string().nullable(),
      conditions: z.string().nullable(),
      budgetCents: z.number().int().nullable(),
      termEnd: z.string().nullable(),
    }),
  ),
});

export const PlanRecords = z
  .object({
    goals: z.array(RecordGoal),
    vraagstukken: z.array(RecordVraagstuk),
    /** Approved and in force at adoption. */
    deviations: z.array(RecordDeviation),
    /** Municipal staff only: empty for everyone else (as the breakthroughs list itself). */
    breakthroughs: z.array(RecordBreakthrough),
  })
  .meta({ id: 'PlanRecords' });
export type PlanRecords = z.infer<typeof PlanRecords>;
export type PlanRecordBreakthroughDecision = z.infer<typeof RecordBreakthrough>['decisions'][number];

export const PlanContentSchema = z
  .object({
    sections: z.array(z.object({ key: z.string(), label: z.string(), text: z.string() })),
    household: z.array(HouseholdMemberSchema),
    zrm: z.array(ZrmMetingSchema),
    records: PlanRecords.optional(),
  })
  .meta({ id: 'PlanContent' });

// ---------------------------------------------------------------- the dossier of a version

export const DOSSIER_VARIANTS = ['volledig', 'extern'] as const;
export type DossierVariant = (typeof DOSSIER_VARIANTS)[number];
export const DOSSIER_VARIANT_LABELS: Record<DossierVariant, string> = {
  volledig: 'Volledig, voor het gemeentelijk dossier',
  extern: 'Voor een externe partner, zonder interne informatie',
};

/**
 * Which dossier a person may download (the server also checks dossier.export in the case):
 * municipal staff both, external partners only the variant without anything internal.
 */
export function dossierVariantsFor(functie: Functie): DossierVariant[] {
  if (MUNICIPAL_STAFF.includes(functie)) return ['volledig', 'extern'];
  return functie === 'extern_partner' ? ['extern'] : [];
}

export const PlanVersion = PlanVersionSummary.extend({ content: PlanContentSchema, text: z.string() }).meta({ id: 'PlanVersion' });
export type PlanVersion = z.infer<typeof PlanVersion>;

export const AdoptPlanRequest = z
  .strictObject({ note: z.string().trim().max(1000).optional() })
  .meta({ id: 'AdoptPlanRequest' });
export type AdoptPlanRequest = z.infer<typeof AdoptPlanRequest>;

/** `concept` is the current, not yet adopted draft. */
export const VersionRef = z.union([z.coerce.number().int().positive(), z.literal('concept')]);

export const PlanDiff = z
  .object({
    from: z.union([z.number().int(), z.literal('concept')]),
    to: z.union([z.number().int(), z.literal('concept')]),
    parts: z.array(z.object({ kind: z.enum(['same', 'added', 'removed']), text: z.string() })),
  })
  .meta({ id: 'PlanDiff' });
export type PlanDiff = z.infer<typeof PlanDiff>;

export const EditSession = z
  .object({ author: UserRef, from: Timestamp, to: Timestamp, edits: z.number().int(), bytes: z.number().int() })
  .meta({ id: 'EditSession' });
export type EditSession = z.infer<typeof EditSession>;

export const PlanHistory = z.object({ room: z.enum(['plan', 'intern']), sessions: z.array(EditSession) }).meta({ id: 'PlanHistory' });
export type PlanHistory = z.infer<typeof PlanHistory>;

