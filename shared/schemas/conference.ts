// Case conferences (casusoverleg): starting, attendance, the shared timer, noted decisions and
// the close that freezes the minutes and adopts a plan version.
import { z } from 'zod';
import { MANDATE_LEVELS } from '../laws';
import { MAX_ITEM_MINUTES } from '../plan/conference';
import { CASE_ROLES } from '../roles';
import { Id, Text, Timestamp, UserRef } from './common';

// ---------------------------------------------------------------- requests

export const StartConferenceRequest = z.strictObject({}).meta({ id: 'StartConferenceRequest' });
export type StartConferenceRequest = z.input<typeof StartConferenceRequest>;

export const SetMemberAttendanceRequest = z.strictObject({ present: z.boolean() }).meta({ id: 'SetMemberAttendanceRequest' });
export type SetMemberAttendanceRequest = z.input<typeof SetMemberAttendanceRequest>;

export const AddGuestRequest = z.strictObject({ name: Text(120), role: Text(120) }).meta({ id: 'AddGuestRequest' });
export type AddGuestRequest = z.input<typeof AddGuestRequest>;

export const SetGuestAttendanceRequest = z.strictObject({ present: z.boolean() }).meta({ id: 'SetGuestAttendanceRequest' });
export type SetGuestAttendanceRequest = z.input<typeof SetGuestAttendanceRequest>;

/** Whether the household took part; null: not recorded. */
export const SetHouseholdPresentRequest = z.strictObject({ present: z.boolean().nullable() }).meta({ id: 'SetHouseholdPresentRequest' });
export type SetHouseholdPresentRequest = z.input<typeof SetHouseholdPresentRequest>;

export const TIMER_ACTIONS = ['start', 'pauze', 'reset'] as const;
export type TimerAction = (typeof TIMER_ACTIONS)[number];

/**
 * The chair's timer: start (or resume) an agenda item with its planned minutes, pause it, or
 * reset it to zero. Starting another item pauses the running one.
 */
export const TimerRequest = z
  .strictObject({
    action: z.enum(TIMER_ACTIONS),
    itemId: z.string().regex(/^[A-Za-z0-9-]{1,64}$/, 'Ongeldig agendapunt.'),
    minutes: z.number().int().min(1).max(MAX_ITEM_MINUTES).optional(),
  })
  .refine((t) => t.action !== 'start' || t.minutes !== undefined, { message: 'Geef het aantal geplande minuten op.', path: ['minutes'] })
  .meta({ id: 'TimerRequest' });
export type TimerRequest = z.input<typeof TimerRequest>;

export const NoteDecisionRequest = z.strictObject({ text: Text(2000) }).meta({ id: 'NoteDecisionRequest' });
export type NoteDecisionRequest = z.input<typeof NoteDecisionRequest>;

export const CloseConferenceRequest = z
  .strictObject({ note: z.string().trim().max(1000).optional() })
  .meta({ id: 'CloseConferenceRequest' });
export type CloseConferenceRequest = z.input<typeof CloseConferenceRequest>;

// ---------------------------------------------------------------- views

export const TimerItemState = z
  .object({
    itemId: z.string(),
    /** Planned minutes when last started. */
    minutes: z.number().int().nullable(),
    /** Time run up to the last pause (or up to runningSince while it runs). */
    elapsedMs: z.number().int(),
    /** Server time the current run started; null when paused or never started. */
    runningSince: Timestamp.nullable(),
  })
  .meta({ id: 'TimerItemState' });
export type TimerItemState = z.infer<typeof TimerItemState>;

export const TimerState = z
  .object({
    /** The agenda item the chair last started (running or paused); null before the first start. */
    currentItemId: z.string().nullable(),
    items: z.array(TimerItemState),
  })
  .meta({ id: 'TimerState' });
export type TimerState = z.infer<typeof TimerState>;

export const AttendanceMember = z
  .object({ userId: Id, name: z.string(), caseRole: z.enum(CASE_ROLES).nullable(), present: z.boolean().nullable() })
  .meta({ id: 'AttendanceMember' });
export type AttendanceMember = z.infer<typeof AttendanceMember>;

export const AttendanceGuest = z.object({ id: z.number().int(), name: z.string(), role: z.string(), present: z.boolean() }).meta({ id: 'AttendanceGuest' });
export type AttendanceGuest = z.infer<typeof AttendanceGuest>;

export const NotedDecision = z.object({ id: z.number().int(), text: z.string(), by: UserRef, at: Timestamp }).meta({ id: 'NotedDecision' });
export type NotedDecision = z.infer<typeof NotedDecision>;

/** Decided elsewhere in the case while the conference ran (read-only here). */
export const DerivedDecision = z
  .object({
    kind: z.enum(['vraagstuk', 'afwijking', 'doorbraak']),
    /** Stable key for lists, e.g. "afwijking:12". */
    key: z.string(),
    subject: z.string(),
    outcome: z.string(),
    by: UserRef,
    mandate: z.enum(MANDATE_LEVELS).nullable(),
    at: Timestamp,
  })
  .meta({ id: 'DerivedDecision' });
export type DerivedDecision = z.infer<typeof DerivedDecision>;

export const ConferenceAgendaItem = z.object({ id: z.string(), title: z.string(), minutes: z.number().int() }).meta({ id: 'ConferenceAgendaItem' });

export const ConferenceSummary = z
  .object({
    id: Id,
    caseId: Id,
    chair: UserRef,
    startedAt: Timestamp,
    status: z.enum(['open', 'gesloten']),
    closedAt: Timestamp.nullable(),
    closedBy: UserRef.nullable(),
    planVersionNumber: z.number().int().nullable(),
  })
  .meta({ id: 'ConferenceSummary' });
export type ConferenceSummary = z.infer<typeof ConferenceSummary>;

export const Conference = ConferenceSummary.extend({
  /** The collaboration room of the agenda and live minutes (open conferences only). */
  room: z.string().nullable(),
  householdPresent: z.boolean().nullable(),
  attendance: z.object({ members: z.array(AttendanceMember), guests: z.array(AttendanceGuest) }),
  timer: TimerState,
  decisions: z.object({ noted: z.array(NotedDecision), derived: z.array(DerivedDecision) }),
  /** The frozen copy, once closed: agenda, minutes and the full text. */
  frozen: z.object({ agenda: z.array(ConferenceAgendaItem), minutes: z.string(), text: z.string() }).nullable(),
  /** The server's clock when this answer was made: clients correct their own clock with it for the timer. */
  serverNow: Timestamp,
  can: z.object({
    /** Timer, attendance and closing: the regisseur or a procesregisseur (conference.run). */
    run: z.boolean(),
    /** Writing the agenda and minutes and noting decisions (plan.edit), while open. */
    write: z.boolean(),
  }),
}).meta({ id: 'Conference' });
export type Conference = z.infer<typeof Conference>;

export const CloseConferenceResponse = z.object({ conference: Conference, planVersionNumber: z.number().int() }).meta({ id: 'CloseConferenceResponse' });
export type CloseConferenceResponse = z.infer<typeof CloseConferenceResponse>;
