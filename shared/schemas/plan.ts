import { z } from 'zod';
import { Timestamp, UserRef } from './common';

export const PlanVersionSummary = z
  .object({ number: z.number().int(), adoptedAt: Timestamp, adoptedBy: UserRef, note: z.string().nullable() })
  .meta({ id: 'PlanVersionSummary' });
export type PlanVersionSummary = z.infer<typeof PlanVersionSummary>;

const HouseholdMemberSchema = z.object({ id: z.string(), voornaam: z.string(), relatie: z.string(), geboortejaar: z.number().int().nullable() });
const ZrmMetingSchema = z.object({ id: z.string(), datum: z.string(), scores: z.record(z.string(), z.number().int()) });

export const PlanContentSchema = z
  .object({
    sections: z.array(z.object({ key: z.string(), label: z.string(), text: z.string() })),
    household: z.array(HouseholdMemberSchema),
    zrm: z.array(ZrmMetingSchema),
  })
  .meta({ id: 'PlanContent' });

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

