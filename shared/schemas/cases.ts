import { z } from 'zod';
import { ACCESS_LEVELS, CASE_ROLES, CASE_STATUSES, FUNCTIES } from '../roles';
import { CASE_ACTIONS } from '../permissions';
import { Id, Text, Timestamp, UserRef } from './common';

export const BORGING_MIN_LENGTH = 20;

export const CaseListItem = z
  .object({
    id: Id,
    title: z.string(),
    status: z.enum(CASE_STATUSES),
    regisseur: UserRef.nullable(),
    myRole: z.enum(CASE_ROLES),
    myAccess: z.enum(ACCESS_LEVELS),
    memberCount: z.number().int(),
    lastActivityAt: Timestamp,
  })
  .meta({ id: 'CaseListItem' });
export type CaseListItem = z.infer<typeof CaseListItem>;

export const CaseMember = z
  .object({
    userId: Id,
    name: z.string(),
    functie: z.enum(FUNCTIES),
    organisation: z.string(),
    phone: z.string().nullable(),
    caseRole: z.enum(CASE_ROLES),
    access: z.enum(ACCESS_LEVELS),
    isRegisseur: z.boolean(),
    addedAt: Timestamp,
  })
  .meta({ id: 'CaseMember' });
export type CaseMember = z.infer<typeof CaseMember>;

export const StatusChange = z
  .object({
    status: z.enum(CASE_STATUSES),
    at: Timestamp,
    by: UserRef,
    note: z.string().nullable(),
  })
  .meta({ id: 'StatusChange' });
export type StatusChange = z.infer<typeof StatusChange>;

export const CaseDetail = z
  .object({
    id: Id,
    title: z.string(),
    summary: z.string(),
    status: z.enum(CASE_STATUSES),
    regisseur: UserRef.nullable(),
    createdAt: Timestamp,
    lastActivityAt: Timestamp,
    borgingsafspraken: z.string().nullable(),
    members: z.array(CaseMember),
    statusHistory: z.array(StatusChange),
    me: z.object({
      caseRole: z.enum(CASE_ROLES),
      access: z.enum(ACCESS_LEVELS),
      can: z.record(z.enum(CASE_ACTIONS), z.boolean()),
    }),
  })
  .meta({ id: 'CaseDetail' });
export type CaseDetail = z.infer<typeof CaseDetail>;

export const CreateCaseRequest = z
  .strictObject({
    title: Text(160),
    summary: z.string().trim().max(4000).default(''),
    /** The creator's own role at the table; defaults to their functie's first allowed role. */
    myRole: z.enum(CASE_ROLES).optional(),
    /** Become the regisseur right away. */
    iAmRegisseur: z.boolean().default(false),
  })
  .meta({ id: 'CreateCaseRequest' });
export type CreateCaseRequest = z.input<typeof CreateCaseRequest>;

export const AddMemberRequest = z
  .strictObject({ userId: Id, caseRole: z.enum(CASE_ROLES), access: z.enum(ACCESS_LEVELS) })
  .meta({ id: 'AddMemberRequest' });
export type AddMemberRequest = z.infer<typeof AddMemberRequest>;

export const UpdateMemberRequest = z
  .strictObject({ caseRole: z.enum(CASE_ROLES).optional(), access: z.enum(ACCESS_LEVELS).optional() })
  .refine((v) => v.caseRole !== undefined || v.access !== undefined, {
    message: 'Geef een nieuwe rol of een nieuw toegangsniveau op.',
  })
  .meta({ id: 'UpdateMemberRequest' });
export type UpdateMemberRequest = z.infer<typeof UpdateMemberRequest>;

export const AssignRegisseurRequest = z
  .strictObject({ userId: Id.nullable() })
  .meta({ id: 'AssignRegisseurRequest' });
export type AssignRegisseurRequest = z.infer<typeof AssignRegisseurRequest>;

export const CloseCaseRequest = z
  .strictObject({
    borgingsafspraken: z
      .string()
      .trim()
      .min(BORGING_MIN_LENGTH, `Beschrijf de borgingsafspraken (minstens ${BORGING_MIN_LENGTH} tekens): wie houdt na afsluiten een vinger aan de pols, en hoe kan het gezin terugkomen?`)
      .max(4000),
  })
  .meta({ id: 'CloseCaseRequest' });
export type CloseCaseRequest = z.infer<typeof CloseCaseRequest>;

export const ReopenCaseRequest = z
  .strictObject({ reason: Text(2000) })
  .meta({ id: 'ReopenCaseRequest' });
export type ReopenCaseRequest = z.infer<typeof ReopenCaseRequest>;
