// The one gate in front of every case route: membership first (404 for outsiders, so a
// case's existence does not leak), then the permission matrix from shared/.
import type { Db, DbOrTx } from '../../db/client';
import { type CaseRow, findActiveMembership, findCase } from '../../db/queries/cases';
import { openGrantsOf } from '../../db/queries/temporary-access';
import type { UserRow } from '../../db/queries/users';
import { type CaseAction, canInCase, type Membership, temporaryMembership } from '../../shared/permissions';
import { Errors } from '../http/errors';

export interface CaseAccess {
  row: CaseRow;
  membership: Membership;
}

export function membershipOf(db: DbOrTx, row: CaseRow, userId: string): Membership | null {
  const m = findActiveMembership(db, row.id, userId);
  if (m) return { ...m, isRegisseur: row.regisseurUserId === userId, temporaryFor: null };
  // A mandate holder reads the case while a breakthrough request awaits their decision; the
  // grant ends with the decision. The seat is marked temporary, which the matrix allows only to
  // read and to decide (server/breakthroughs checks: only the requests it was granted for).
  const grants = openGrantsOf(db, row.id, userId);
  return grants.length > 0 ? temporaryMembership(grants) : null;
}

const FORBIDDEN_MESSAGES: Partial<Record<CaseAction, string>> = {
  'case.members.manage': 'Alleen de regisseur of een procesregisseur met bewerkrechten kan leden beheren.',
  'case.regisseur.assign': 'Alleen de regisseur of een procesregisseur met bewerkrechten kan de regisseur aanwijzen.',
  'case.close': 'Alleen de regisseur of een procesregisseur met bewerkrechten kan de casus sluiten.',
  'case.reopen': 'Alleen de regisseur of een procesregisseur met bewerkrechten kan de casus heropenen.',
  'verdict.sign': 'Alleen gemeentelijke professionals met bewerkrechten ondertekenen een oordeel in de omgekeerde toets.',
  'vraagstuk.conclude': 'Alleen de regisseur of een procesregisseur met bewerkrechten kan over een vraagstuk besluiten.',
};

export function authorizeCase(db: Db, caseId: string, user: UserRow, action: CaseAction): CaseAccess {
  const row = findCase(db, caseId);
  const membership = row ? membershipOf(db, row, user.id) : null;
  if (!row || !membership || user.functie === 'functioneel_beheerder') throw Errors.caseNotFound();
  if (canInCase(user.functie, membership, row.status, action)) return { row, membership };
  // Not allowed now. If it would be allowed in the other status, the status is the obstacle (409);
  // otherwise the person is (403).
  const otherStatus = row.status === 'open' ? 'gesloten' : 'open';
  if (!canInCase(user.functie, membership, otherStatus, action)) throw Errors.forbidden(FORBIDDEN_MESSAGES[action]);
  if (action === 'case.close') throw Errors.conflict('AL_GESLOTEN', 'Deze casus is al gesloten.');
  if (action === 'case.reopen') throw Errors.conflict('AL_OPEN', 'Deze casus is niet gesloten.');
  throw Errors.conflict('CASUS_GESLOTEN', 'Deze casus is gesloten. Heropen de casus eerst.');
}
