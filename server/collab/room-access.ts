// Who may join which room, and whether they may write. One function per room kind, so each
// feature keeps its own rule next to its own data; the socket server only asks here.
import type { Db } from '../../db/client';
import { findCase } from '../../db/queries/cases';
import type { UserRow } from '../../db/queries/users';
import { canInCase } from '../../shared/permissions';
import type { RoomName } from '../../shared/plan/rooms';
import { CASE_ROLE_LABELS } from '../../shared/roles';
import { seatOf } from '../cases/gate';
import { conferenceRoomAccess } from '../conference/room-access';
import { intervisionRoomAccess } from '../intervision/room-access';

export interface Access {
  userId: string;
  name: string;
  /** Shown in presence: the role at this table. */
  role: string;
  canWrite: boolean;
}

export type AccessResult = { ok: true; access: Access } | { ok: false; status: 401 | 403 | 404; message: string };

export const notMember = (): AccessResult => ({ ok: false, status: 404, message: 'Deze casus bestaat niet of u bent er geen lid van.' });

/** The plan and the internal room of a case. */
function caseRoomAccess(db: Db, user: UserRow, room: Extract<RoomName, { kind: 'plan' | 'intern' }>): AccessResult {
  const row = findCase(db, room.caseId);
  const membership = row ? seatOf(db, row, user.id) : null;
  if (!row || !membership) return notMember();
  if (room.kind === 'intern' && !canInCase(user.functie, membership, row.status, 'case.intern.access')) {
    return { ok: false, status: 403, message: 'De interne ruimte is alleen voor medewerkers van de gemeente.' };
  }
  const canWrite = canInCase(user.functie, membership, row.status, room.kind === 'plan' ? 'plan.edit' : 'intern.edit');
  return { ok: true, access: { userId: user.id, name: user.name, role: CASE_ROLE_LABELS[membership.caseRole], canWrite } };
}

export function roomAccess(db: Db, user: UserRow | undefined, room: RoomName): AccessResult {
  if (!user || !user.active) return { ok: false, status: 401, message: 'Niet ingelogd.' };
  // The functional administrator sees no case content, and joins no room.
  if (user.functie === 'functioneel_beheerder') return notMember();
  switch (room.kind) {
    case 'plan':
    case 'intern':
      return caseRoomAccess(db, user, room);
    case 'overleg':
      return conferenceRoomAccess(db, user, room);
    case 'intervisie':
      return intervisionRoomAccess(db, user, room);
  }
}
