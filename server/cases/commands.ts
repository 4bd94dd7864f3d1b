// Every change to a case: checked against the matrix, written in one transaction together
// with its audit row, so a refused or failing change leaves nothing half-written.
import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client';
import { nowIso } from '../../db/client';
import { appendAudit, recordAudit } from '../../db/queries/audit';
import {
  changeStatus,
  findActiveMembership,
  findCase,
  insertCase,
  putMember,
  removeMember,
  setRegisseur,
  touchCase,
  updateMember,
} from '../../db/queries/cases';
import { findOpenConference } from '../../db/queries/conference';
import { findUserById, type UserRow } from '../../db/queries/users';
import { caseMembers } from '../../db/schema';
import { ALLOWED_CASE_ROLES, can, membershipProblem, regisseurProblem } from '../../shared/permissions';
import type { AddMemberRequest, AssignRegisseurRequest, CaseDetail, CreateCaseRequest, UpdateMemberRequest } from '../../shared/schemas';
import { Errors } from '../http/errors';
import type { Actor } from '../context';
import { withdrawPendingOnClose } from '../breakthroughs/requests';
import { authorizeCase, seatOf } from '../cases/gate';
import { caseDetail } from './views';


type CreateInput = { title: string; summary: string; myRole?: CreateCaseRequest['myRole']; iAmRegisseur: boolean };

function immediate<T>(db: Db, fn: (tx: Tx) => T): T {
  return db.transaction(fn, { behavior: 'immediate' });
}

/** Someone must always be able to run the case: its regisseur or a lead with edit rights. */
function assertStillManageable(tx: Tx, caseId: string): void {
  const row = findCase(tx, caseId);
  const leads = tx
    .select({ userId: caseMembers.userId })
    .from(caseMembers)
    .where(and(eq(caseMembers.caseId, caseId), isNull(caseMembers.removedAt), eq(caseMembers.access, 'edit'), inArray(caseMembers.caseRole, ['procesregisseur', 'casusregisseur'])))
    .all();
  const regisseurStays = row?.regisseurUserId ? findActiveMembership(tx, caseId, row.regisseurUserId)?.access === 'edit' : false;
  if (leads.length === 0 && !regisseurStays) {
    throw Errors.conflict('LAATSTE_REGIE', 'Na deze wijziging kan niemand de casus meer beheren. Wijs eerst een regisseur of procesregisseur met bewerkrechten aan.');
  }
}

function activeUser(db: Db | Tx, userId: string): UserRow {
  const u = findUserById(db, userId);
  if (!u || !u.active) throw Errors.unprocessable('ONBEKENDE_GEBRUIKER', 'Deze gebruiker bestaat niet of is niet actief.');
  // Made at a first sign-in and still without a functie: no seat at any table until it has one.
  if (u.functiePending) throw Errors.unprocessable('FUNCTIE_NIET_INGESTELD', 'De functie van deze persoon is nog niet ingesteld door de functioneel beheerder.');
  return u;
}

export function createCase(db: Db, actor: Actor, input: CreateInput): CaseDetail {
  if (!can(actor.user.functie, 'case.create')) throw Errors.forbidden('Alleen een procesregisseur of casusregisseur kan een casus aanmaken.');
  const myRole = input.myRole ?? ALLOWED_CASE_ROLES[actor.user.functie][0]!;
  const problem = membershipProblem(actor.user.functie, myRole, 'edit');
  if (problem) throw Errors.unprocessable('ONGELDIGE_ROL', problem);
  const caseId = immediate(db, (tx) => {
    const row = insertCase(tx, { title: input.title, summary: input.summary, createdBy: actor.user.id });
    putMember(tx, { caseId: row.id, userId: actor.user.id, caseRole: myRole, access: 'edit', addedBy: actor.user.id, at: row.createdAt });
    appendAudit(tx, { action: 'case.create', actorUserId: actor.user.id, caseId: row.id, ip: actor.ip, detail: { title: input.title } });
    appendAudit(tx, { action: 'case.member_added', actorUserId: actor.user.id, caseId: row.id, ip: actor.ip, detail: { userId: actor.user.id, caseRole: myRole, access: 'edit' } });
    if (input.iAmRegisseur) {
      const regProblem = regisseurProblem(actor.user.functie, { caseRole: myRole, access: 'edit', isRegisseur: false, temporaryFor: null });
      if (regProblem) throw Errors.unprocessable('ONGELDIGE_REGISSEUR', regProblem);
      setRegisseur(tx, row.id, actor.user.id);
      appendAudit(tx, { action: 'case.regisseur_assigned', actorUserId: actor.user.id, caseId: row.id, ip: actor.ip, detail: { userId: actor.user.id } });
    }
    return row.id;
  });
  return readCase(db, actor, caseId, { audit: false });
}

/** Reading a case file is itself an event in the audit trail (AVG: who saw my file?). */
export function readCase(db: Db, actor: Actor, caseId: string, opts: { audit: boolean } = { audit: true }): CaseDetail {
  const { caseRow: row, membership } = authorizeCase(db, actor, caseId, 'case.read');
  if (opts.audit) recordAudit(db, { action: 'case.read', actorUserId: actor.user.id, caseId, ip: actor.ip });
  return caseDetail(db, row, actor.user, membership);
}

export function addMember(db: Db, actor: Actor, caseId: string, input: AddMemberRequest): CaseDetail {
  authorizeCase(db, actor, caseId, 'case.members.manage');
  const target = activeUser(db, input.userId);
  const problem = membershipProblem(target.functie, input.caseRole, input.access);
  if (problem) throw Errors.unprocessable('ONGELDIGE_ROL', problem);
  immediate(db, (tx) => {
    if (findActiveMembership(tx, caseId, target.id)) throw Errors.conflict('AL_LID', `${target.name} is al lid van deze casus.`);
    putMember(tx, { caseId, userId: target.id, caseRole: input.caseRole, access: input.access, addedBy: actor.user.id });
    touchCase(tx, caseId);
    appendAudit(tx, { action: 'case.member_added', actorUserId: actor.user.id, caseId, ip: actor.ip, detail: { userId: target.id, caseRole: input.caseRole, access: input.access } });
  });
  return readCase(db, actor, caseId, { audit: false });
}

export function changeMember(db: Db, actor: Actor, caseId: string, userId: string, input: UpdateMemberRequest): CaseDetail {
  const { caseRow: row } = authorizeCase(db, actor, caseId, 'case.members.manage');
  const current = findActiveMembership(db, caseId, userId);
  const target = findUserById(db, userId);
  if (!current || !target) throw Errors.notFound('Deze persoon is geen lid van de casus.');
  const next = { caseRole: input.caseRole ?? current.caseRole, access: input.access ?? current.access };
  const problem = membershipProblem(target.functie, next.caseRole, next.access);
  if (problem) throw Errors.unprocessable('ONGELDIGE_ROL', problem);
  if (row.regisseurUserId === userId && next.access !== 'edit') {
    throw Errors.conflict('REGISSEUR_HEEFT_BEWERKRECHT', 'De regisseur moet bewerkrechten houden. Wijs eerst een andere regisseur aan.');
  }
  immediate(db, (tx) => {
    updateMember(tx, caseId, userId, next);
    assertStillManageable(tx, caseId);
    touchCase(tx, caseId);
    appendAudit(tx, { action: 'case.member_changed', actorUserId: actor.user.id, caseId, ip: actor.ip, detail: { userId, from: current, to: next } });
  });
  return readCase(db, actor, caseId, { audit: false });
}

export function dropMember(db: Db, actor: Actor, caseId: string, userId: string): CaseDetail | null {
  const { caseRow: row } = authorizeCase(db, actor, caseId, 'case.members.manage');
  const current = findActiveMembership(db, caseId, userId);
  if (!current) throw Errors.notFound('Deze persoon is geen lid van de casus.');
  const wasRegisseur = row.regisseurUserId === userId;
  immediate(db, (tx) => {
    const at = nowIso();
    removeMember(tx, caseId, userId, at);
    // Removing the regisseur leaves the case visibly without one, never with a stale name.
    if (wasRegisseur) setRegisseur(tx, caseId, null);
    assertStillManageable(tx, caseId);
    touchCase(tx, caseId, at);
    appendAudit(tx, { action: 'case.member_removed', actorUserId: actor.user.id, caseId, ip: actor.ip, detail: { userId, caseRole: current.caseRole, wasRegisseur } });
  });
  // Someone who removed themselves can no longer read the case.
  return userId === actor.user.id ? null : readCase(db, actor, caseId, { audit: false });
}

export function assignRegisseur(db: Db, actor: Actor, caseId: string, input: AssignRegisseurRequest): CaseDetail {
  const { caseRow: row } = authorizeCase(db, actor, caseId, 'case.regisseur.assign');
  if (input.userId !== null) {
    const target = activeUser(db, input.userId);
    const problem = regisseurProblem(target.functie, seatOf(db, row, target.id));
    if (problem) throw Errors.unprocessable('ONGELDIGE_REGISSEUR', problem);
  }
  immediate(db, (tx) => {
    setRegisseur(tx, caseId, input.userId);
    assertStillManageable(tx, caseId);
    touchCase(tx, caseId);
    appendAudit(tx, { action: 'case.regisseur_assigned', actorUserId: actor.user.id, caseId, ip: actor.ip, detail: { userId: input.userId, previous: row.regisseurUserId } });
  });
  return readCase(db, actor, caseId, { audit: false });
}

export function closeCase(db: Db, actor: Actor, caseId: string, borgingsafspraken: string): CaseDetail {
  authorizeCase(db, actor, caseId, 'case.close');
  immediate(db, (tx) => {
    // A running conference is closed by its chair, which freezes the minutes and adopts the
    // plan; closing the case underneath it would leave it running in a read-only case forever.
    if (findOpenConference(tx, caseId)) {
      throw Errors.conflict('OVERLEG_LOOPT', 'Er loopt nog een casusoverleg. Sluit dat eerst af (dat legt het verslag vast en stelt het plan vast); daarna kunt u de casus sluiten.');
    }
    changeStatus(tx, { caseId, status: 'gesloten', byUserId: actor.user.id, note: 'Casus gesloten met borgingsafspraken', borgingsafspraken });
    appendAudit(tx, { action: 'case.closed', actorUserId: actor.user.id, caseId, ip: actor.ip, detail: { borgingsafspraken } });
    withdrawPendingOnClose(tx, actor, caseId);
  });
  return readCase(db, actor, caseId, { audit: false });
}

export function reopenCase(db: Db, actor: Actor, caseId: string, reason: string): CaseDetail {
  authorizeCase(db, actor, caseId, 'case.reopen');
  immediate(db, (tx) => {
    changeStatus(tx, { caseId, status: 'open', byUserId: actor.user.id, note: `Heropend: ${reason}` });
    appendAudit(tx, { action: 'case.reopened', actorUserId: actor.user.id, caseId, ip: actor.ip, detail: { reason } });
  });
  return readCase(db, actor, caseId, { audit: false });
}
