// The gate in front of the household's own routes: membership first (404 for outsiders, as
// every case route), then the resident scope of the matrix, never the professionals' one.
import type { Db } from '../../db/client';
import { findCase, type CaseRow } from '../../db/queries/cases';
import type { UserRow } from '../../db/queries/users';
import { canAsResident, type Membership, type ResidentAction } from '../../shared/permissions';
import { membershipOf } from '../cases/access';
import { Errors } from '../http/errors';

const FORBIDDEN: Record<ResidentAction, string> = {
  'resident.view': 'Deze pagina is alleen voor het huishouden zelf.',
  'resident.goal.agree': 'Alleen het huishouden zelf kan zeggen dat het het met een doel eens is. Professionals leggen instemming vast bij het doel.',
  'resident.comment': 'Alleen het huishouden zelf kan hier een reactie plaatsen.',
  'resident.accesslog': 'Alleen het huishouden zelf kan hier zien wie het dossier heeft bekeken.',
};

export function authorizeResident(db: Db, caseId: string, user: UserRow, action: ResidentAction): { row: CaseRow; membership: Membership } {
  const row = findCase(db, caseId);
  const membership = row ? membershipOf(db, row, user.id) : null;
  if (!row || !membership || user.functie === 'functioneel_beheerder') throw Errors.caseNotFound();
  if (canAsResident(user.functie, membership, row.status, action)) return { row, membership };
  // The household member reads along only (access "lezen"): say so, not "only for the household".
  if (membership.access === 'read' && canAsResident(user.functie, { ...membership, access: 'comment' }, row.status, action)) {
    throw Errors.forbidden('U kunt in uw casus meelezen, maar niet reageren of instemmen. Wilt u dat wel? Vraag het uw regisseur.');
  }
  const otherStatus = row.status === 'open' ? 'gesloten' : 'open';
  if (!canAsResident(user.functie, membership, otherStatus, action)) throw Errors.forbidden(FORBIDDEN[action]);
  throw Errors.conflict('CASUS_GESLOTEN', 'Uw casus is afgesloten. U kunt nu niets meer toevoegen of veranderen. Heeft u een vraag? Neem dan contact op met uw regisseur.');
}
