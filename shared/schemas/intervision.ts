// Intervision sessions on a pseudonymised copy of a case, and the library of success stories.
// Nothing here carries a case id, a case title, a member's name or an id of a record of the
// original case: the copy stands on its own (see server/pseudonymise).
import { z } from 'zod';
import { BREAKTHROUGH_TYPES, type BreakthroughType } from '../breakthroughs';
import { LAW_KEYS } from '../laws';
import type { PlanSectionKey } from '../plan/doc';
import { DEVIATION_ROUTES, type DeviationRoute } from '../laws';
import { FUNCTIES } from '../roles';
import { OUTCOMES, TOETS_TEXTS, VERDICTS } from '../vraagstukken';
import { ZRM_DOMAINS, type ZrmDomain } from '../zrm';
import { Id, Text, Timestamp } from './common';
import { DEVIATION_STATUSES } from './deviations';
import { GOAL_STATUSES } from './goals';

// Spelled out rather than imported from shared/plan/doc.ts, which brings Yjs into every screen.
const SECTION_KEYS = ['beeldvorming', 'wens', 'afspraken'] as const satisfies readonly PlanSectionKey[];
const DOMAIN_KEYS = ZRM_DOMAINS.map((d) => d.key) as [ZrmDomain, ...ZrmDomain[]];
const ROUTE_KEYS = DEVIATION_ROUTES.map((r) => r.key) as [DeviationRoute, ...DeviationRoute[]];
const VERDICT_KEYS = VERDICTS.map((v) => v.key) as [(typeof VERDICTS)[number]['key'], ...(typeof VERDICTS)[number]['key'][]];
const OUTCOME_KEYS = OUTCOMES.map((o) => o.key) as [(typeof OUTCOMES)[number]['key'], ...(typeof OUTCOMES)[number]['key'][]];
const BREAKTHROUGH_TYPE_KEYS = BREAKTHROUGH_TYPES.map((t) => t.key) as [BreakthroughType, ...BreakthroughType[]];

// ---------------------------------------------------------------- the pseudonymised copy

/** A day in the life of the case: day 0 is the day the case started; negative before it. */
const DayNumber = z.number().int().min(-100_000).max(100_000);

/**
 * The copy as stored with the session (intervision_sessions.content) and shown to participants.
 * People are roles ("moeder", "kind 1", "de klantmanager"); dates are day numbers, day 0 being
 * the start of the case (no calendar date, no time of day); nothing identifies a record of the
 * original case.
 */
export const IntervisionCopy = z
  .object({
    /** The household as roles with an age band, never names or birth years. */
    household: z.array(z.object({ role: z.string(), ageBand: z.string().nullable() })),
    /** The roles that sat at the table (no names, no organisations). */
    table: z.array(z.string()),
    summary: z.string(),
    sections: z.array(z.object({ key: z.enum(SECTION_KEYS), label: z.string(), text: z.string() })),
    zrm: z.array(z.object({ day: DayNumber, scores: z.partialRecord(z.enum(DOMAIN_KEYS), z.number().int().min(1).max(5)) })),
    goals: z.array(
      z.object({
        text: z.string(),
        lifeDomain: z.enum(DOMAIN_KEYS),
        owner: z.string().nullable(),
        dueDay: DayNumber.nullable(),
        status: z.enum(GOAL_STATUSES),
        householdAgreed: z.boolean(),
        legitimations: z.array(z.object({ law: z.enum(LAW_KEYS), text: z.string() })),
        actions: z.array(z.object({ text: z.string(), owner: z.string().nullable(), dueDay: DayNumber.nullable(), done: z.boolean() })),
      }),
    ),
    vraagstukken: z.array(
      z.object({
        title: z.string(),
        laws: z.array(z.enum(LAW_KEYS)),
        lifeDomains: z.array(z.enum(DOMAIN_KEYS)),
        texts: z.record(z.enum(TOETS_TEXTS), z.string()),
        verdicts: z.array(z.object({ law: z.enum(LAW_KEYS), verdict: z.enum(VERDICT_KEYS).nullable(), reasoning: z.string() })),
        conclusions: z.array(
          z.object({
            kind: z.enum(['besloten', 'heropend']),
            outcome: z.enum(OUTCOME_KEYS).nullable(),
            motivation: z.string(),
            reviewDay: DayNumber.nullable(),
            day: DayNumber,
            by: z.string(),
          }),
        ),
      }),
    ),
    deviations: z.array(
      z.object({
        law: z.enum(LAW_KEYS),
        rule: z.string(),
        route: z.enum(ROUTE_KEYS),
        routeOther: z.string().nullable(),
        willDo: z.string(),
        willNotDo: z.string(),
        reasoning: z.string(),
        startDay: DayNumber,
        endDay: DayNumber,
        reviewDay: DayNumber,
        status: z.enum(DEVIATION_STATUSES),
      }),
    ),
  })
  .meta({ id: 'IntervisionCopy' });
export type IntervisionCopy = z.infer<typeof IntervisionCopy>;

// ---------------------------------------------------------------- the review before release

/**
 * Before anyone else sees a copy (or a story in the library), the person who made it reviews
 * it: every replacement is marked ("vervanging", layers a and b of server/pseudonymise) and
 * every remaining suspicious token is flagged ("verdacht", layer c). A replacement stands
 * ("vervangen") unless it is edited; a flag is open until it is kept ("behouden"), replaced by
 * a placeholder ("vervangen") or edited ("bewerkt"). The server refuses the release while a flag
 * is open. The original of a replacement is never stored, so it cannot be shown here.
 */
export const REVIEW_MARK_KINDS = ['vervanging', 'verdacht'] as const;
export const REVIEW_RESOLUTIONS = ['open', 'behouden', 'vervangen', 'bewerkt'] as const;
export const REVIEW_PLACEHOLDERS = ['[naam]', '[plaats]', '[organisatie]', '[school]', '[adres]', '[nummer]', '[datum]', '[weggelaten]'] as const;
export type ReviewPlaceholder = (typeof REVIEW_PLACEHOLDERS)[number];

export const ReviewMark = z
  .object({
    id: z.string(),
    kind: z.enum(REVIEW_MARK_KINDS),
    layer: z.enum(['a', 'b', 'c']),
    /** What was replaced ("naam", "telefoon", "kenteken", …) or why a token is flagged ("hoofdletter", "onbekend-woord", "cijfers", "handle", "e-mail"). */
    category: z.string(),
    /** The placeholder of a replacement, or the flagged token as written. */
    found: z.string(),
    resolution: z.enum(REVIEW_RESOLUTIONS),
    /** What stands in the copy now. */
    value: z.string(),
  })
  .meta({ id: 'ReviewMark' });
export type ReviewMark = z.infer<typeof ReviewMark>;

export const ReviewPiece = z.union([z.object({ text: z.string() }), z.object({ mark: z.string() })]);
export type ReviewPiece = z.infer<typeof ReviewPiece>;

export const ReviewField = z.object({ path: z.string(), label: z.string(), pieces: z.array(ReviewPiece) }).meta({ id: 'ReviewField' });
export type ReviewField = z.infer<typeof ReviewField>;

export const Review = z
  .object({
    fields: z.array(ReviewField),
    marks: z.array(ReviewMark),
    /** Flags still open: the release is refused while this is above 0. */
    open: z.number().int(),
  })
  .meta({ id: 'Review' });
export type Review = z.infer<typeof Review>;

export const ResolveMarksRequest = z
  .strictObject({
    resolutions: z
      .array(
        z.strictObject({
          markId: z.string().max(20),
          resolution: z.enum(['behouden', 'vervangen', 'bewerkt']),
          /** With "vervangen": which placeholder (a sensible one by default). */
          placeholder: z.enum(REVIEW_PLACEHOLDERS).optional(),
          /** With "bewerkt": the new text; it is checked like the rest of the copy. */
          text: z.string().trim().max(500).optional(),
        }),
      )
      .min(1)
      .max(2000),
  })
  .meta({ id: 'ResolveMarksRequest' });
export type ResolveMarksRequest = z.input<typeof ResolveMarksRequest>;

// ---------------------------------------------------------------- sessions

export const INTERVISION_ROLES = ['begeleider', 'deelnemer'] as const;
export const INTERVISION_ROLE_LABELS: Record<(typeof INTERVISION_ROLES)[number], string> = { begeleider: 'Begeleider', deelnemer: 'Deelnemer' };

export const CreateIntervisionRequest = z
  .strictObject({
    /** A title for the session; it is run through the pseudonymiser like every other text. */
    title: z.string().trim().max(200).optional(),
  })
  .meta({ id: 'CreateIntervisionRequest' });
export type CreateIntervisionRequest = z.input<typeof CreateIntervisionRequest>;

export const AddIntervisionParticipantRequest = z.strictObject({ userId: Id }).meta({ id: 'AddIntervisionParticipantRequest' });
export type AddIntervisionParticipantRequest = z.input<typeof AddIntervisionParticipantRequest>;

export const IntervisionParticipant = z
  .object({ id: Id, name: z.string(), functie: z.enum(FUNCTIES), role: z.enum(INTERVISION_ROLES) })
  .meta({ id: 'IntervisionParticipant' });
export type IntervisionParticipant = z.infer<typeof IntervisionParticipant>;

export const IntervisionSummary = z
  .object({
    id: Id,
    title: z.string(),
    createdAt: Timestamp,
    /** Null while the begeleider still reviews the copy; only the begeleider sees such a session listed. */
    releasedAt: Timestamp.nullable(),
    closedAt: Timestamp.nullable(),
    myRole: z.enum(INTERVISION_ROLES),
    participants: z.number().int(),
  })
  .meta({ id: 'IntervisionSummary' });
export type IntervisionSummary = z.infer<typeof IntervisionSummary>;

export const IntervisionSession = z
  .object({
    id: Id,
    title: z.string(),
    createdAt: Timestamp,
    /** Null while the begeleider reviews the copy: until then no participant sees anything of it. */
    releasedAt: Timestamp.nullable(),
    closedAt: Timestamp.nullable(),
    /** The room of the co-edited reflection notes: `intervisie:<id>`; it names no case. Refused before the release. */
    room: z.string(),
    participants: z.array(IntervisionParticipant),
    me: z.object({
      role: z.enum(INTERVISION_ROLES),
      can: z.object({ write: z.boolean(), manageParticipants: z.boolean(), close: z.boolean(), publish: z.boolean(), review: z.boolean() }),
    }),
    copy: IntervisionCopy,
    /** Only for the begeleider, only before the release. */
    review: Review.nullable(),
  })
  .meta({ id: 'IntervisionSession' });
export type IntervisionSession = z.infer<typeof IntervisionSession>;

export const IntervisionCandidate = z
  .object({ id: Id, name: z.string(), functie: z.enum(FUNCTIES), organisation: z.string() })
  .meta({ id: 'IntervisionCandidate' });
export type IntervisionCandidate = z.infer<typeof IntervisionCandidate>;

// ---------------------------------------------------------------- the success-story library

export const SUCCESS_STORY_KINDS = ['succesverhaal', 'les'] as const;
export const SUCCESS_STORY_KIND_LABELS: Record<(typeof SUCCESS_STORY_KINDS)[number], string> = { succesverhaal: 'Succesverhaal', les: 'Les' };

export const PublishStoryRequest = z
  .strictObject({
    kind: z.enum(SUCCESS_STORY_KINDS),
    title: Text(200),
    body: Text(10000),
    laws: z
      .array(z.enum(LAW_KEYS))
      .max(LAW_KEYS.length)
      .default([])
      .refine((l) => new Set(l).size === l.length, 'Noem elke wet hoogstens één keer.'),
    breakthroughType: z.enum(BREAKTHROUGH_TYPE_KEYS).optional(),
  })
  .meta({ id: 'PublishStoryRequest' });
export type PublishStoryRequest = z.input<typeof PublishStoryRequest>;

/** A story in the library: no case, no session, no author (the library is for the whole organisation). */
export const SuccessStory = z
  .object({
    id: Id,
    kind: z.enum(SUCCESS_STORY_KINDS),
    source: z.enum(['intervisie', 'doorbraak']),
    title: z.string(),
    body: z.string(),
    laws: z.array(z.enum(LAW_KEYS)),
    breakthroughType: z.enum(BREAKTHROUGH_TYPE_KEYS).nullable(),
    publishedAt: Timestamp,
  })
  .meta({ id: 'SuccessStory' });
export type SuccessStory = z.infer<typeof SuccessStory>;

/** A story its publisher still reviews: held out of the library until every flag is resolved. */
export const StoryDraft = z
  .object({
    id: Id,
    kind: z.enum(SUCCESS_STORY_KINDS),
    title: z.string(),
    body: z.string(),
    laws: z.array(z.enum(LAW_KEYS)),
    breakthroughType: z.enum(BREAKTHROUGH_TYPE_KEYS).nullable(),
    createdAt: Timestamp,
    review: Review,
  })
  .meta({ id: 'StoryDraft' });
export type StoryDraft = z.infer<typeof StoryDraft>;
