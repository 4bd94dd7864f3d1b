// The one case gate: every HTTP route on a case, every room kind of a case and the household's
// own pages come through here, and all of them get the same Viewer back.
// - Who has a seat: a member, or a mandate holder with temporary read access while a request
//   waits for their decision. Everyone else (and the functional administrator, who sees no case
//   content) is an outsider and gets 404, so a case's existence does not leak.
// - What the seat may do: the matrix in shared/permissions.ts, the professionals' scope or the
//   household's own (canAsResident). Refused: 403 when the person may not, 409 when only the
//   case's status is in the way.
import type { Db, DbOrTx } from '../../db/client';
import { type CaseRow, findActiveMembership, findCase } from '../../db/queries/cases';
import { openGrantsOf } from '../../db/queries/temporary-access';
import type { UserRow } from '../../db/queries/users';
import { type CaseAction, canAsResident, canInCase, type Membership, type ResidentAction, temporaryMembership } from '../../shared/permissions';
import type { Actor } from '../actor';
import { Errors } from '../http/errors';

/** Someone with a seat at one case's table, as every feature sees them. */
export interface Viewer {
  actor: Actor;
  caseRow: CaseRow;
  membership: Membership;
}

/** The 403 wording: one message for every refused action, or one per action. */
export type ForbiddenMessages = string | Partial<Record<CaseAction, string>>;

/** May this viewer do this, by the matrix? (For views: what to offer. Commands use authorizeCase.) */
export function may(v: Viewer, action: CaseAction): boolean {
  return canInCase(v.actor.user.functie, v.membership, v.caseRow.status, action);
}

/** The seat of a user at a case: membership, a temporary grant, or none. */
export async function seatOf(db: DbOrTx, row: CaseRow, userId: string): Promise<Membership | null> {
  const m = await findActiveMembership(db, row.id, userId);
  if (m) return { ...m, isRegisseur: row.regisseurUserId === userId, temporaryFor: null };
  // A mandate holder reads the case while a breakthrough request awaits their decision; the
  // grant ends with the decision. The seat is marked temporary, which the matrix allows only to
  // read and to decide (server/breakthroughs checks: only the requests it was granted for).
  const grants = await openGrantsOf(db, row.id, userId);
  return grants.length > 0 ? temporaryMembership(grants) : null;
}

/**
 * The case and the user's seat at it, or null for an outsider (no such case, no seat, or the
 * functional administrator). Every route, room kind and household page starts here.
 */
export async function seatAt(db: DbOrTx, user: UserRow, caseId: string): Promise<{ caseRow: CaseRow; membership: Membership } | null> {
  if (user.functie === 'functioneel_beheerder') return null;
  const caseRow = await findCase(db, caseId);
  const membership = caseRow ? await seatOf(db, caseRow, user.id) : null;
  return caseRow && membership ? { caseRow, membership } : null;
}

/** The viewer, or null for an outsider. */
export async function findViewer(db: DbOrTx, actor: Actor, caseId: string): Promise<Viewer | null> {
  const seat = await seatAt(db, actor.user, caseId);
  return seat ? { actor, ...seat } : null;
}

const FORBIDDEN_MESSAGES: Partial<Record<CaseAction, string>> = {
  'case.members.manage': 'Alleen de regisseur of een procesregisseur met bewerkrechten kan leden beheren.',
  'case.regisseur.assign': 'Alleen de regisseur of een procesregisseur met bewerkrechten kan de regisseur aanwijzen.',
  'case.close': 'Alleen de regisseur of een procesregisseur met bewerkrechten kan de casus sluiten.',
  'case.reopen': 'Alleen de regisseur of een procesregisseur met bewerkrechten kan de casus heropenen.',
  'verdict.sign': 'Alleen gemeentelijke professionals met bewerkrechten ondertekenen een oordeel in de omgekeerde toets.',
  'vraagstuk.conclude': 'Alleen de regisseur of een procesregisseur met bewerkrechten kan over een vraagstuk besluiten.',
};

async function viewerOrNotFound(db: Db, actor: Actor, caseId: string): Promise<Viewer> {
  const v = await findViewer(db, actor, caseId);
  if (!v) throw Errors.caseNotFound();
  return v;
}

const otherStatus = (v: Viewer) => (v.caseRow.status === 'open' ? 'gesloten' : 'open');

/** The gate for the professionals' actions. */
export async function authorizeCase(db: Db, actor: Actor, caseId: string, action: CaseAction, messages?: ForbiddenMessages): Promise<Viewer> {
  const v = await viewerOrNotFound(db, actor, caseId);
  const { functie } = actor.user;
  if (canInCase(functie, v.membership, v.caseRow.status, action)) return v;
  // Not allowed now. If it would be allowed in the other status, the status is the obstacle (409);
  // otherwise the person is (403).
  if (!canInCase(functie, v.membership, otherStatus(v), action)) {
    throw Errors.forbidden(typeof messages === 'string' ? messages : (messages?.[action] ?? FORBIDDEN_MESSAGES[action]));
  }
  if (action === 'case.close') throw Errors.conflict('AL_GESLOTEN', 'Deze casus is al gesloten.');
  if (action === 'case.reopen') throw Errors.conflict('AL_OPEN', 'Deze casus is niet gesloten.');
  throw Errors.conflict('CASUS_GESLOTEN', 'Deze casus is gesloten. Heropen de casus eerst.');
}

const RESIDENT_FORBIDDEN: Record<ResidentAction, string> = {
  'resident.view': 'Deze pagina is alleen voor het huishouden zelf.',
  'resident.goal.agree': 'Alleen het huishouden zelf kan zeggen dat het het met een doel eens is. Professionals leggen instemming vast bij het doel.',
  'resident.comment': 'Alleen het huishouden zelf kan hier een reactie plaatsen.',
  'resident.accesslog': 'Alleen het huishouden zelf kan hier zien wie het dossier heeft bekeken.',
};

/** The gate for the household's own pages: the resident scope of the matrix, never the professionals' one. */
export async function authorizeResident(db: Db, actor: Actor, caseId: string, action: ResidentAction): Promise<Viewer> {
  const v = await viewerOrNotFound(db, actor, caseId);
  const { functie } = actor.user;
  if (canAsResident(functie, v.membership, v.caseRow.status, action)) return v;
  // The household member reads along only (access "lezen"): say so, not "only for the household".
  if (v.membership.access === 'read' && canAsResident(functie, { ...v.membership, access: 'comment' }, v.caseRow.status, action)) {
    throw Errors.forbidden('U kunt in uw casus meelezen, maar niet reageren of instemmen. Wilt u dat wel? Vraag het uw regisseur.');
  }
  if (!canAsResident(functie, v.membership, otherStatus(v), action)) throw Errors.forbidden(RESIDENT_FORBIDDEN[action]);
  throw Errors.conflict('CASUS_GESLOTEN', 'Uw casus is afgesloten. U kunt nu niets meer toevoegen of veranderen. Heeft u een vraag? Neem dan contact op met uw regisseur.');
}
