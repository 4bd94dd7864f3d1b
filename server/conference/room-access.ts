// Access to the live agenda and minutes of a case conference (`<caseId>:overleg:<conferenceId>`).
// Every member of the case may follow an open conference; those who may write in the plan
// (plan.edit) co-write it. A closed conference's room is refused to everyone: its frozen copy in
// SQL is the record, and reading a past conference goes through the API, where it is audited
// (conference.opened). Closing re-checks the open sockets, so they are closed at that moment.
import type { Db } from '../../db/client';
import { findConference } from '../../db/queries/conference';
import type { UserRow } from '../../db/queries/users';
import { canInCase } from '../../shared/permissions';
import type { RoomName } from '../../shared/plan/rooms';
import { CASE_ROLE_LABELS } from '../../shared/roles';
import { seatAt } from '../cases/gate';
import { type AccessResult, notMember } from '../collab/room-access';

export async function conferenceRoomAccess(db: Db, user: UserRow, room: Extract<RoomName, { kind: 'overleg' }>): Promise<AccessResult> {
  const seat = await seatAt(db, user, room.caseId);
  if (!seat) return notMember();
  const { caseRow: row, membership } = seat;
  const conference = (await findConference(db, room.caseId, room.conferenceId))?.conference;
  if (!conference) return { ok: false, status: 404, message: 'Dit casusoverleg bestaat niet.' };
  if (conference.closedAt) return { ok: false, status: 403, message: 'Dit casusoverleg is afgesloten. Het vastgestelde verslag staat bij de casus.' };
  const canWrite = canInCase(user.functie, membership, row.status, 'plan.edit');
  return { ok: true, access: { userId: user.id, name: user.name, role: CASE_ROLE_LABELS[membership.caseRole], canWrite } };
}
