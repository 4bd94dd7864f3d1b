// Goals (doelen) of the household plan: in the household's own words, per life domain,
// legitimised per law (the worked example: one goal, three laws), with an owner, a due date,
// a status, the household's agreement, and actions under them.
import { z } from 'zod';
import { LAW_KEYS } from '../laws';
import { ZRM_DOMAINS, type ZrmDomain } from '../zrm';
import { Id, IsoDate, Text, Timestamp, UserRef, whenPresent } from './common';

export const GOAL_STATUSES = ['open', 'bezig', 'bereikt', 'gestopt'] as const;
export type GoalStatus = (typeof GOAL_STATUSES)[number];

export const GOAL_STATUS_LABELS: Record<GoalStatus, string> = {
  open: 'Open',
  bezig: 'Bezig',
  bereikt: 'Bereikt',
  gestopt: 'Gestopt',
};

const DOMAIN_KEYS = ZRM_DOMAINS.map((d) => d.key) as [ZrmDomain, ...ZrmDomain[]];

/**
 * Who carries a goal or an action: a current member of the case, or the household itself
 * (or one of them), named in free text such as "moeder" or "het gezin".
 */
export const GoalOwnerInput = z
  .discriminatedUnion('type', [
    z.strictObject({ type: z.literal('member'), userId: Id }),
    z.strictObject({ type: z.literal('household'), name: Text(120) }),
  ])
  .meta({ id: 'GoalOwnerInput' });
export type GoalOwnerInput = z.input<typeof GoalOwnerInput>;

export const GoalLegitimation = z
  .strictObject({
    law: z.enum(LAW_KEYS),
    /** Why the goal serves the purpose (bedoeling) of this law. */
    text: Text(4000),
  })
  .meta({ id: 'GoalLegitimation' });
export type GoalLegitimation = z.infer<typeof GoalLegitimation>;

const Legitimations = z
  .array(GoalLegitimation)
  .max(LAW_KEYS.length)
  .refine((list) => new Set(list.map((l) => l.law)).size === list.length, 'Geef per wet hoogstens één legitimatie.');

/** Why no law legitimises the goal: said explicitly, in place of a legitimation. */
const LegitimationWaiver = z.string().trim().min(10, 'Leg in minstens 10 tekens uit waarom geen wet het doel legitimeert.').max(2000);

export const NO_LEGITIMATION = 'Geef voor minstens één wet de legitimatie, of leg uit waarom geen wet het doel legitimeert.';
export const WAIVER_WITH_LEGITIMATION = 'Een reden zonder legitimatie hoort alleen bij een doel zonder legitimatie per wet.';

/**
 * At least one law's legitimation, or an explicit reason why none (never both): a goal in the
 * plan is accountable to the laws it serves.
 */
export const CreateGoalRequest = z
  .strictObject({
    text: Text(2000),
    lifeDomain: z.enum(DOMAIN_KEYS),
    legitimations: Legitimations.default([]),
    legitimationWaiver: LegitimationWaiver.optional(),
    owner: GoalOwnerInput,
    /** A goal without a date can't be followed up: the stuck-case signals count on it. Not in the past (the server checks, with today's date). */
    dueDate: IsoDate,
    vraagstukId: Id.optional(),
  })
  // Also when other fields have problems (so one submit names them all), as long as the list itself is valid.
  .refine((g) => g.legitimations.length > 0 || g.legitimationWaiver !== undefined, {
    message: NO_LEGITIMATION,
    path: ['legitimations'],
    when: ({ value }) => typeof value === 'object' && value !== null && Array.isArray((value as { legitimations?: unknown }).legitimations ?? []),
  })
  .refine((g) => g.legitimations.length === 0 || g.legitimationWaiver === undefined, { message: WAIVER_WITH_LEGITIMATION, path: ['legitimationWaiver'], ...whenPresent('legitimationWaiver') })
  .meta({ id: 'CreateGoalRequest' });
export type CreateGoalRequest = z.input<typeof CreateGoalRequest>;

/** Only the fields sent change; `legitimations` replaces the whole set; null clears the link. */
export const UpdateGoalRequest = z
  .strictObject({
    text: Text(2000).optional(),
    lifeDomain: z.enum(DOMAIN_KEYS).optional(),
    legitimations: Legitimations.optional(),
    /** null clears the reason (with legitimations given in the same change). */
    legitimationWaiver: LegitimationWaiver.nullable().optional(),
    owner: GoalOwnerInput.optional(),
    dueDate: IsoDate.optional(),
    vraagstukId: Id.nullable().optional(),
  })
  .refine((v) => Object.values(v).some((x) => x !== undefined), 'Geef minstens één wijziging op.')
  .meta({ id: 'UpdateGoalRequest' });
export type UpdateGoalRequest = z.input<typeof UpdateGoalRequest>;

export const SetGoalStatusRequest = z.strictObject({ status: z.enum(GOAL_STATUSES) }).meta({ id: 'SetGoalStatusRequest' });
export type SetGoalStatusRequest = z.input<typeof SetGoalStatusRequest>;

/** Withdrawing a goal entered by mistake: it leaves every view and copy; the audit trail keeps why. */
export const WithdrawGoalRequest = z.strictObject({ reason: Text(2000) }).meta({ id: 'WithdrawGoalRequest' });
export type WithdrawGoalRequest = z.input<typeof WithdrawGoalRequest>;

/** The date the household agreed; recorded by a professional, never in the future (checked by the server). */
export const RecordGoalAgreementRequest = z.strictObject({ agreedOn: IsoDate }).meta({ id: 'RecordGoalAgreementRequest' });
export type RecordGoalAgreementRequest = z.input<typeof RecordGoalAgreementRequest>;

export const AddGoalActionRequest = z
  .strictObject({
    text: Text(1000),
    owner: GoalOwnerInput,
    dueDate: IsoDate,
  })
  .meta({ id: 'AddGoalActionRequest' });
export type AddGoalActionRequest = z.input<typeof AddGoalActionRequest>;

export const UpdateGoalActionRequest = z
  .strictObject({
    text: Text(1000).optional(),
    owner: GoalOwnerInput.optional(),
    dueDate: IsoDate.optional(),
    done: z.boolean().optional(),
  })
  .refine((v) => Object.values(v).some((x) => x !== undefined), 'Geef minstens één wijziging op.')
  .meta({ id: 'UpdateGoalActionRequest' });
export type UpdateGoalActionRequest = z.input<typeof UpdateGoalActionRequest>;

// ---------------------------------------------------------------- responses

export const GoalOwner = z
  .object({
    type: z.enum(['member', 'household']),
    /** Set for a member; null for the household. */
    userId: Id.nullable(),
    /** The member's name, or the household's own words ("moeder"). */
    name: z.string(),
    /** False when the member has since left the case: someone else should take it over. */
    stillMember: z.boolean(),
  })
  .meta({ id: 'GoalOwner' });
export type GoalOwner = z.infer<typeof GoalOwner>;

export const GoalAction = z
  .object({
    id: Id,
    text: z.string(),
    owner: GoalOwner,
    dueDate: z.string().nullable(),
    done: z.boolean(),
    doneAt: Timestamp.nullable(),
    /** Not done and past its due date (Dutch calendar). */
    overdue: z.boolean(),
    createdBy: UserRef,
    createdAt: Timestamp,
  })
  .meta({ id: 'GoalAction' });
export type GoalAction = z.infer<typeof GoalAction>;

export const Goal = z
  .object({
    id: Id,
    caseId: Id,
    text: z.string(),
    lifeDomain: z.enum(DOMAIN_KEYS),
    vraagstuk: z.object({ id: Id, title: z.string() }).nullable(),
    /** In the catalogue's order of laws. */
    legitimations: z.array(z.object({ law: z.enum(LAW_KEYS), text: z.string() })),
    /** Why no law legitimises it, when none does. */
    legitimationWaiver: z.string().nullable(),
    owner: GoalOwner,
    dueDate: z.string().nullable(),
    status: z.enum(GOAL_STATUSES),
    /** Open or in progress, and past its due date. */
    overdue: z.boolean(),
    householdAgreement: z.object({ agreedOn: z.string(), recordedBy: UserRef }).nullable(),
    actions: z.array(GoalAction),
    createdBy: UserRef,
    createdAt: Timestamp,
    updatedBy: UserRef,
    updatedAt: Timestamp,
  })
  .meta({ id: 'Goal' });
export type Goal = z.infer<typeof Goal>;
