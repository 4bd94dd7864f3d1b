import { z } from 'zod';
import { DEVIATION_ROUTES, LAW_KEYS, MANDATE_LEVELS } from '../laws';
import { Id, IsoDate, Text, Timestamp, UserRef, whenPresent } from './common';

export const DEVIATION_STATUSES = ['voorgesteld', 'goedgekeurd', 'afgewezen', 'verlopen', 'ingetrokken'] as const;
/**
 * Decisions on a deviation, as stored in its append-only event log. Like every decision kind in
 * the product (breakthroughs, vraagstukken, stuck flags, the lead) they are the Dutch terms the
 * decision letters use; labels for the screen come from the statuses.
 */
export const DEVIATION_DECISION_KINDS = ['goedgekeurd', 'afgewezen', 'ingetrokken'] as const;
export type DeviationDecisionKind = (typeof DEVIATION_DECISION_KINDS)[number];
export type DeviationStatus = (typeof DEVIATION_STATUSES)[number];

export const DEVIATION_STATUS_LABELS: Record<DeviationStatus, string> = {
  voorgesteld: 'Voorgesteld',
  goedgekeurd: 'Goedgekeurd',
  afgewezen: 'Afgewezen',
  verlopen: 'Verlopen',
  ingetrokken: 'Ingetrokken',
};

const ROUTE_KEYS = DEVIATION_ROUTES.map((r) => r.key) as [(typeof DEVIATION_ROUTES)[number]['key'], ...(typeof DEVIATION_ROUTES)[number]['key'][]];
export const ProposeDeviationRequest = z
  .strictObject({
    law: z.enum(LAW_KEYS, { error: (i) => (i.input ? undefined : 'Kies de wet waarvan wordt afgeweken.') }),
    /** The rule departed from: article, verordening or beleidsregel. */
    rule: Text(500),
    route: z.enum(ROUTE_KEYS, { error: (i) => (i.input ? undefined : 'Kies de route die de afwijking mogelijk maakt.') }),
    routeOther: z.string().trim().max(500).optional(),
    willDo: Text(4000),
    willNotDo: Text(4000),
    reasoning: z.string().trim().min(20, 'Motiveer de afwijking (minstens 20 tekens): die motivering moet standhouden in bezwaar en beroep.').max(8000),
    startDate: IsoDate,
    endDate: IsoDate,
    reviewDate: IsoDate,
    /** Internal deviations never reach external partners or the household. */
    internal: z.boolean().default(false),
  })
  .refine((d) => d.endDate >= d.startDate, { message: 'De einddatum ligt vóór de begindatum.', path: ['endDate'], ...whenPresent('startDate', 'endDate') })
  .refine((d) => d.route !== 'anders' || (d.routeOther ?? '').length > 0, { message: 'Beschrijf de route als u „anders” kiest.', path: ['routeOther'], ...whenPresent('route') })
  .meta({ id: 'ProposeDeviationRequest' });
export type ProposeDeviationRequest = z.input<typeof ProposeDeviationRequest>;

export const ApproveDeviationRequest = z.strictObject({ note: z.string().trim().max(2000).optional() }).meta({ id: 'ApproveDeviationRequest' });
export const RejectDeviationRequest = z.strictObject({ note: Text(2000) }).meta({ id: 'RejectDeviationRequest' });
export const RevokeDeviationRequest = z.strictObject({ reason: Text(2000) }).meta({ id: 'RevokeDeviationRequest' });

const Decision = z.object({
  by: UserRef,
  /** The mandate under which it was decided, shown so everyone sees the backing (rugdekking). */
  mandate: z.enum(MANDATE_LEVELS),
  at: Timestamp,
  note: z.string().nullable(),
});

export const Deviation = z
  .object({
    id: Id,
    caseId: Id,
    law: z.enum(LAW_KEYS),
    rule: z.string(),
    route: z.enum(ROUTE_KEYS, { error: (i) => (i.input ? undefined : 'Kies de route die de afwijking mogelijk maakt.') }),
    routeOther: z.string().nullable(),
    willDo: z.string(),
    willNotDo: z.string(),
    reasoning: z.string(),
    startDate: z.string(),
    endDate: z.string(),
    reviewDate: z.string(),
    internal: z.boolean(),
    status: z.enum(DEVIATION_STATUSES),
    reviewOverdue: z.boolean(),
    requiredMandate: z.enum(MANDATE_LEVELS),
    proposedBy: UserRef,
    proposedAt: Timestamp,
    approval: Decision.nullable(),
    rejection: Decision.nullable(),
    revocation: z.object({ by: UserRef, at: Timestamp, reason: z.string() }).nullable(),
    /** What the current user may do with it. */
    can: z.object({ approve: z.boolean(), reject: z.boolean(), revoke: z.boolean() }),
  })
  .meta({ id: 'Deviation' });
export type Deviation = z.infer<typeof Deviation>;

export const MandateRule = z
  .object({ law: z.enum(LAW_KEYS), route: z.enum(ROUTE_KEYS), level: z.enum(MANDATE_LEVELS) })
  .meta({ id: 'MandateRule' });
export type MandateRule = z.infer<typeof MandateRule>;

export const SetMandateRuleRequest = z.strictObject({ level: z.enum(MANDATE_LEVELS) }).meta({ id: 'SetMandateRuleRequest' });

/** Where one deviation stands on the case page (`/casussen/<id>#afwijking-<deviationId>`): links from the Postvak land on it. */
export const deviationHash = (id: string): string => `#afwijking-${id}`;
