// The conference that adopted a plan version, as frozen at its close: read straight from the
// conference tables, which are immutable once closed.
import { and, asc, eq, isNotNull } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { caseMembers, conferenceAttendance, conferenceDecisions, conferences, users } from '../../db/schema';
import { CASE_ROLE_LABELS } from '../../shared/roles';

export interface AdoptingConference {
  startedAt: string;
  closedAt: string;
  chair: string;
  householdPresent: boolean | null;
  attendance: { name: string; role: string | null; present: boolean; guest: boolean }[];
  decisions: { text: string; at: string }[];
  minutes: string;
}

export function conferenceOfVersion(db: DbOrTx, caseId: string, number: number): AdoptingConference | null {
  const row = db
    .select({ c: conferences, chair: users.name })
    .from(conferences)
    .innerJoin(users, eq(users.id, conferences.chairUserId))
    .where(and(eq(conferences.caseId, caseId), eq(conferences.planVersionNumber, number), isNotNull(conferences.closedAt)))
    .get();
  if (!row) return null;
  const attendance = db
    .select({ a: conferenceAttendance, name: users.name, caseRole: caseMembers.caseRole })
    .from(conferenceAttendance)
    .leftJoin(users, eq(users.id, conferenceAttendance.userId))
    .leftJoin(caseMembers, and(eq(caseMembers.caseId, caseId), eq(caseMembers.userId, conferenceAttendance.userId)))
    .where(eq(conferenceAttendance.conferenceId, row.c.id))
    .orderBy(asc(conferenceAttendance.id))
    .all();
  // Attendance may be recorded more than once per person: the last record counts.
  const byPerson = new Map<string, AdoptingConference['attendance'][number]>();
  for (const { a, name, caseRole } of attendance) {
    const key = a.userId ?? `gast:${a.guestName ?? ''}:${a.guestRole ?? ''}`;
    byPerson.set(key, { name: a.userId ? (name ?? '') : (a.guestName ?? ''), role: a.userId ? (caseRole ? CASE_ROLE_LABELS[caseRole] : null) : a.guestRole, present: a.present, guest: a.userId === null });
  }
  const decisions = db
    .select({ text: conferenceDecisions.text, at: conferenceDecisions.at })
    .from(conferenceDecisions)
    .where(eq(conferenceDecisions.conferenceId, row.c.id))
    .orderBy(asc(conferenceDecisions.id))
    .all();
  return {
    startedAt: row.c.startedAt,
    closedAt: row.c.closedAt!,
    chair: row.chair,
    householdPresent: row.c.householdPresent,
    attendance: [...byPerson.values()],
    decisions,
    minutes: row.c.minutesText ?? '',
  };
}
