// The household's own view of its case (inwoner): the adopted plan, its goals, who does what,
// its comments and who looked at the file. A separate scope (shared/permissions.ts
// canAsResident): nothing here comes from the internal room or internal deviations.
import { z } from 'zod';
import { CASE_STATUSES } from '../roles';
import { Id, IsoDate, Text, Timestamp, UserRef } from './common';
import { GOAL_STATUSES } from './goals';

export const ResidentGoal = z
  .object({
    id: Id,
    /** In the household's own words. */
    text: z.string(),
    lifeDomain: z.string(),
    status: z.enum(GOAL_STATUSES),
    dueDate: z.string().nullable(),
    /** Who takes care of it: a professional's name, or the household's own words ("moeder"). */
    owner: z.string(),
    /** When the household said "daar ben ik het mee eens"; null when not (yet, or again after a rewording). */
    agreedOn: z.string().nullable(),
    actions: z.array(z.object({ text: z.string(), owner: z.string(), dueDate: z.string().nullable(), done: z.boolean() })),
  })
  .meta({ id: 'ResidentGoal' });
export type ResidentGoal = z.infer<typeof ResidentGoal>;

/** One person at the household's table ("wie doet wat"); the regisseur comes first. */
export const ResidentContact = z
  .object({
    userId: Id,
    name: z.string(),
    /** The role at this table, in words ("Consulent Wmo"). */
    role: z.string(),
    organisation: z.string(),
    email: z.string(),
    phone: z.string().nullable(),
    isRegisseur: z.boolean(),
    /** Open goals and actions this person takes care of. */
    tasks: z.array(z.string()),
  })
  .meta({ id: 'ResidentContact' });
export type ResidentContact = z.infer<typeof ResidentContact>;

/**
 * An approved deviation as the household reads it: which law, what the municipality does
 * differently and until when. Never the rule's article, the reasoning or who decided: those are
 * the professionals' justification, and an internal deviation is never here at all.
 */
export const ResidentDeviation = z
  .object({
    id: Id,
    /** The law's name as people know it ("Wmo 2015"). */
    lawName: z.string(),
    willDo: z.string(),
    willNotDo: z.string(),
    startDate: IsoDate,
    endDate: IsoDate,
  })
  .meta({ id: 'ResidentDeviation' });
export type ResidentDeviation = z.infer<typeof ResidentDeviation>;

export const ResidentComment = z
  .object({ id: z.number().int(), body: z.string(), at: Timestamp, by: UserRef })
  .meta({ id: 'ResidentComment' });
export type ResidentComment = z.infer<typeof ResidentComment>;

export const ResidentView = z
  .object({
    caseId: Id,
    title: z.string(),
    status: z.enum(CASE_STATUSES),
    plan: z.object({
      /** The latest adopted version, or null when the plan was never adopted. */
      adopted: z
        .object({
          number: z.number().int(),
          adoptedAt: Timestamp,
          sections: z.array(z.object({ key: z.string(), label: z.string(), text: z.string() })),
          /** The professionals' text for the household in plain language (B1), when they wrote one: shown in place of the sections. */
          plain: z.string().nullable(),
        })
        .nullable(),
      /** The professionals are working on a newer version than the adopted one. */
      newerDraft: z.boolean(),
    }),
    goals: z.array(ResidentGoal),
    /** Approved, non-internal deviations in force today or later. */
    deviations: z.array(ResidentDeviation),
    people: z.array(ResidentContact),
    comments: z.array(ResidentComment),
    can: z.object({ agree: z.boolean(), comment: z.boolean() }),
  })
  .meta({ id: 'ResidentView' });
export type ResidentView = z.infer<typeof ResidentView>;

export const AddResidentCommentRequest = z
  .strictObject({ body: Text(2000) })
  .meta({ id: 'AddResidentCommentRequest' });
export type AddResidentCommentRequest = z.input<typeof AddResidentCommentRequest>;

// ---------------------------------------------------------------- who looked at my file (AVG art. 15)

/**
 * What someone did with the file, in the household's words. Internal content (the internal room,
 * an internal deviation) is only ever told as "dossier_geopend": the list must not tell the
 * household that the municipality keeps internal notes.
 */
export const ACCESS_KINDS = [
  'dossier_geopend',
  'plan_bekeken',
  'versie_bekeken',
  'geschiedenis_bekeken',
  'doelen_bekeken',
  'afwijkingen_bekeken',
  'toets_bekeken',
  'overleg_bekeken',
  'signalen_bekeken',
  'doorbraken_bekeken',
  'reacties_bekeken',
  'inzage_bekeken',
  'gedownload',
  'intervisiekopie',
] as const;
export type AccessKind = (typeof ACCESS_KINDS)[number];
export const ACCESS_KIND_LABELS: Record<AccessKind, string> = {
  dossier_geopend: 'Heeft uw dossier geopend',
  plan_bekeken: 'Heeft uw plan bekeken',
  versie_bekeken: 'Heeft een vastgestelde versie van uw plan bekeken',
  geschiedenis_bekeken: 'Heeft bekeken hoe uw plan veranderd is (eerdere versies en wijzigingen)',
  doelen_bekeken: 'Heeft de doelen in uw plan bekeken',
  afwijkingen_bekeken: 'Heeft de afwijkingen van de regels bekeken (uitzonderingen die de gemeente voor u maakt)',
  toets_bekeken: 'Heeft de omgekeerde toets bekeken (wat u nodig heeft en wat de regels daarover zeggen)',
  overleg_bekeken: 'Heeft het casusoverleg over u bekeken',
  signalen_bekeken: 'Heeft bekeken of de hulp aan u vastloopt',
  doorbraken_bekeken: 'Heeft de doorbraakverzoeken bekeken (vragen om een bijzondere oplossing voor u)',
  reacties_bekeken: 'Heeft uw reacties gelezen',
  inzage_bekeken: 'Heeft bekeken wie uw dossier heeft bekeken',
  gedownload: 'Heeft gegevens uit uw dossier gedownload',
  intervisiekopie: 'Heeft een geanonimiseerde kopie van uw dossier gemaakt voor intervisie (collega’s leren ervan, zonder uw naam of gegevens)',
};

/** One person on one day: what they did with the file, and how often. */
export const AccessLogEntry = z
  .object({
    day: IsoDate,
    person: z.object({ name: z.string(), role: z.string(), organisation: z.string() }),
    what: z.array(z.object({ kind: z.enum(ACCESS_KINDS), label: z.string(), times: z.number().int() })),
    first: Timestamp,
    last: Timestamp,
  })
  .meta({ id: 'AccessLogEntry' });
export type AccessLogEntry = z.infer<typeof AccessLogEntry>;
