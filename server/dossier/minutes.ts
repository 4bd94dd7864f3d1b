// The conference that adopted a plan version, as frozen at its close (the conference tables are
// immutable once closed): for the dossier.
import type { DbOrTx } from '../../db/client';
import { findConferenceOfVersion, listAttendance, listNotedDecisions } from '../../db/queries/conference';
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

export async function conferenceOfVersion(db: DbOrTx, caseId: string, number: number): Promise<AdoptingConference | null> {
  const found = await findConferenceOfVersion(db, caseId, number);
  if (!found) return null;
  const c = found.conference;
  // One attendance row per member (updated when it changes) and one per guest.
  const attendance = (await listAttendance(db, c.id, caseId)).map((a) => ({
    name: a.userId ? (a.name ?? '') : (a.guestName ?? ''),
    role: a.userId ? (a.caseRole ? CASE_ROLE_LABELS[a.caseRole] : null) : a.guestRole,
    present: a.present,
    guest: a.userId === null,
  }));
  return {
    startedAt: c.startedAt,
    closedAt: c.closedAt!,
    chair: found.chairName,
    householdPresent: c.householdPresent,
    attendance,
    decisions: (await listNotedDecisions(db, c.id)).map((d) => ({ text: d.text, at: d.at })),
    minutes: c.minutesText ?? '',
  };
}
