// The reverse test's server records: vraagstukken, signed verdicts and conclusions.
import { z } from 'zod';
import { LAW_KEYS, MANDATE_LEVELS } from '../laws';
import { OUTCOMES, VERDICTS } from '../vraagstukken';
import { CASE_ROLES } from '../roles';
import { Citation } from './catalogue';
import { Id, IsoDate, Text, Timestamp, UserRef } from './common';
import { DEVIATION_STATUSES } from './deviations';

const VERDICT_KEYS = VERDICTS.map((v) => v.key) as [(typeof VERDICTS)[number]['key'], ...(typeof VERDICTS)[number]['key'][]];
const OUTCOME_KEYS = OUTCOMES.map((o) => o.key) as [(typeof OUTCOMES)[number]['key'], ...(typeof OUTCOMES)[number]['key'][]];

export const OpenVraagstukRequest = z
  .strictObject({
    title: Text(200),
    /** Laws in scope; default: the laws the case's members answer for. */
    laws: z.array(z.enum(LAW_KEYS)).max(LAW_KEYS.length).optional(),
  })
  .meta({ id: 'OpenVraagstukRequest' });
export type OpenVraagstukRequest = z.input<typeof OpenVraagstukRequest>;

/**
 * Signing a verdict: the client sends what its user read. The server signs its own copy of the
 * live draft, and only when that is what the user read (else 409: someone just changed it).
 */
export const SignVerdictRequest = z
  .strictObject({
    law: z.enum(LAW_KEYS),
    verdict: z.enum(VERDICT_KEYS),
    reasoning: z.string().max(20000),
    solution: z.string().max(50000),
  })
  .meta({ id: 'SignVerdictRequest' });
export type SignVerdictRequest = z.input<typeof SignVerdictRequest>;

export const ConcludeVraagstukRequest = z
  .strictObject({
    outcome: z.enum(OUTCOME_KEYS),
    /** The motivation as the user read it in step 6; the server stores its own copy of the draft. */
    motivation: z.string().max(50000),
    reviewDate: IsoDate.optional(),
  })
  .meta({ id: 'ConcludeVraagstukRequest' });
export type ConcludeVraagstukRequest = z.input<typeof ConcludeVraagstukRequest>;

export const ReopenVraagstukRequest = z.strictObject({ reason: Text(2000) }).meta({ id: 'ReopenVraagstukRequest' });
export const LinkDeviationRequest = z.strictObject({ deviationId: Id }).meta({ id: 'LinkDeviationRequest' });

export const VerdictSignature = z
  .object({
    id: z.number().int(),
    law: z.enum(LAW_KEYS),
    verdict: z.enum(VERDICT_KEYS),
    reasoning: z.string(),
    solution: z.string(),
    by: UserRef,
    caseRole: z.enum(CASE_ROLES),
    at: Timestamp,
  })
  .meta({ id: 'VerdictSignature' });
export type VerdictSignature = z.infer<typeof VerdictSignature>;

/** A deviation as a vraagstuk relies on it. Internal ones are left out for partners and the household. */
export const ReliedDeviation = z
  .object({
    id: Id,
    law: z.enum(LAW_KEYS),
    rule: z.string(),
    internal: z.boolean(),
    status: z.enum(DEVIATION_STATUSES),
    approval: z.object({ by: UserRef, mandate: z.enum(MANDATE_LEVELS), at: Timestamp }).nullable(),
    /** When the deviation is reviewed: a decision resting on it is reviewed no later. Absent in conclusions recorded before it was kept. */
    reviewDate: z.string().optional(),
  })
  .meta({ id: 'ReliedDeviation' });
export type ReliedDeviation = z.infer<typeof ReliedDeviation>;

export const VraagstukDecision = z
  .object({
    id: z.number().int(),
    kind: z.enum(['besloten', 'heropend']),
    outcome: z.enum(OUTCOME_KEYS).nullable(),
    motivation: z.string(),
    reviewDate: z.string().nullable(),
    by: UserRef,
    caseRole: z.enum(CASE_ROLES),
    at: Timestamp,
    /** What a conclusion rests on, as it was at that moment. */
    basis: z
      .object({
        laws: z.array(z.enum(LAW_KEYS)),
        signatures: z.array(VerdictSignature),
        deviations: z.array(ReliedDeviation),
        citations: z.array(Citation),
        catalogueVersion: z.string(),
      })
      .nullable(),
  })
  .meta({ id: 'VraagstukDecision' });
export type VraagstukDecision = z.infer<typeof VraagstukDecision>;

export const LawInScope = z
  .object({
    law: z.enum(LAW_KEYS),
    /** The case role that answers for this law here (configuration), and who that is in this case. */
    responsibleRole: z.enum(CASE_ROLES).nullable(),
    responsible: z.array(UserRef),
    signature: VerdictSignature.nullable(),
    /** What changed in the draft since signing ("gewijzigd na ondertekening"); empty when current. */
    changedSinceSigning: z.array(z.enum(['oordeel', 'motivering', 'oplossing'])),
    current: z.boolean(),
    canSign: z.boolean(),
  })
  .meta({ id: 'LawInScope' });
export type LawInScope = z.infer<typeof LawInScope>;

export const Vraagstuk = z
  .object({
    id: Id,
    caseId: Id,
    title: z.string(),
    createdBy: UserRef,
    createdAt: Timestamp,
    status: z.enum(['open', 'besloten']),
    laws: z.array(LawInScope),
    signatures: z.array(VerdictSignature),
    deviations: z.array(ReliedDeviation),
    decisions: z.array(VraagstukDecision),
    /**
     * Why it cannot be concluded yet (Dutch, for people): `any` blocks every conclusion (laws
     * without a current signed verdict), `uitvoeren` only "we doen het" (deviations not approved).
     */
    blockers: z.object({ any: z.array(z.string()), uitvoeren: z.array(z.string()) }),
    can: z.object({ conclude: z.boolean(), reopen: z.boolean(), linkDeviations: z.boolean() }),
  })
  .meta({ id: 'Vraagstuk' });
export type Vraagstuk = z.infer<typeof Vraagstuk>;
