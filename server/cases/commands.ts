// Every change to a case: checked against the matrix by the case gate, written through the
// command runner (one transaction with its audit rows), so a refused or failing change leaves
// nothing half-written. Changes to who sits at the table emit case.access_changed, on which
// open sockets of the case are re-checked (server/live/reactions.ts).
import type { Db, Tx } from '../../db/client';
import { nowIso } from '../../db/client';
import { recordAudit } from '../../db/queries/audit';
import {
  changeStatus,
  countLeadsWithEdit,
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
import { ALLOWED_CASE_ROLES, can, membershipProblem, regisseurProblem } from '../../shared/permissions';
import type { AddMemberRequest, AssignRegisseurRequest, CaseDetail, CreateCaseRequest, UpdateMemberRequest } from '../../shared/schemas';
import { Errors } from '../http/errors';
import type { Actor, Services } from '../context';
import { commit } from '../domain/commit';
import { withdrawPendingOnClose } from '../breakthroughs/requests';
import { authorizeCase, seatOf } from '../cases/gate';
import { caseDetail } from './views';


type CreateInput = { title: string; summary: string; myRole?: CreateCaseRequest['myRole']; iAmRegisseur: boolean };

/** Someone must always be able to run the case: its regisseur or a lead with edit rights. */
function assertStillManageable(tx: Tx, caseId: string): void {
  const row = findCase(tx, caseId);
  const regisseurStays = row?.regisseurUserId ? findActiveMembership(tx, caseId, row.regisseurUserId)?.access === 'edit' : false;
  if (countLeadsWithEdit(tx, caseId) === 0 && !regisseurStays) {
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

export function createCase(services: Services, actor: Actor, input: CreateInput): CaseDetail {
  if (!can(actor.user.functie, 'case.create')) throw Errors.forbidden('Alleen een procesregisseur of casusregisseur kan een casus aanmaken.');
  const myRole = input.myRole ?? ALLOWED_CASE_ROLES[actor.user.functie][0]!;
  const problem = membershipProblem(actor.user.functie, myRole, 'edit');
  if (problem) throw Errors.unprocessable('ONGELDIGE_ROL', problem);
  const caseId = commit(services, actor, ({ tx, audit }) => {
    const row = insertCase(tx, { title: input.title, summary: input.summary, createdBy: actor.user.id });
    putMember(tx, { caseId: row.id, userId: actor.user.id, caseRole: myRole, access: 'edit', addedBy: actor.user.id, at: row.createdAt });
    audit({ action: 'case.create', caseId: row.id, detail: { title: input.title } });
    audit({ action: 'case.member_added', caseId: row.id, detail: { userId: actor.user.id, caseRole: myRole, access: 'edit' } });
    if (input.iAmRegisseur) {
      const regProblem = regisseurProblem(actor.user.functie, { caseRole: myRole, access: 'edit', isRegisseur: false, temporaryFor: null });
      if (regProblem) throw Errors.unprocessable('ONGELDIGE_REGISSEUR', regProblem);
      setRegisseur(tx, row.id, actor.user.id);
      audit({ action: 'case.regisseur_assigned', caseId: row.id, detail: { userId: actor.user.id } });
    }
    return row.id;
  });
  return readCase(services, actor, caseId, { audit: false });
}

/** Reading a case file is itself an event in the audit trail (AVG: who saw my file?). */
export function readCase(services: Services, actor: Actor, caseId: string, opts: { audit: boolean } = { audit: true }): CaseDetail {
  const { db } = services;
  const { caseRow: row, membership } = authorizeCase(db, actor, caseId, 'case.read');
  if (opts.audit) recordAudit(db, { action: 'case.read', actorUserId: actor.user.id, caseId, ip: actor.ip });
  return caseDetail(db, row, actor.user, membership);
}

export function addMember(services: Services, actor: Actor, caseId: string, input: AddMemberRequest): CaseDetail {
  const { db } = services;
  authorizeCase(db, actor, caseId, 'case.members.manage');
  const target = activeUser(db, input.userId);
  const problem = membershipProblem(target.functie, input.caseRole, input.access);
  if (problem) throw Errors.unprocessable('ONGELDIGE_ROL', problem);
  commit(services, actor, ({ tx, audit, emit }) => {
    if (findActiveMembership(tx, caseId, target.id)) throw Errors.conflict('AL_LID', `${target.name} is al lid van deze casus.`);
    putMember(tx, { caseId, userId: target.id, caseRole: input.caseRole, access: input.access, addedBy: actor.user.id });
    touchCase(tx, caseId);
    audit({ action: 'case.member_added', caseId, detail: { userId: target.id, caseRole: input.caseRole, access: input.access } });
    emit({ type: 'case.access_changed', caseId });
  });
  return readCase(services, actor, caseId, { audit: false });
}

export function changeMember(services: Services, actor: Actor, caseId: string, userId: string, input: UpdateMemberRequest): CaseDetail {
  const { db } = services;
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
  commit(services, actor, ({ tx, audit, emit }) => {
    updateMember(tx, caseId, userId, next);
    assertStillManageable(tx, caseId);
    touchCase(tx, caseId);
    audit({ action: 'case.member_changed', caseId, detail: { userId, from: current, to: next } });
    emit({ type: 'case.access_changed', caseId });
  });
  return readCase(services, actor, caseId, { audit: false });
}

export function dropMember(services: Services, actor: Actor, caseId: string, userId: string): CaseDetail | null {
  const { db } = services;
  const { caseRow: row } = authorizeCase(db, actor, caseId, 'case.members.manage');
  const current = findActiveMembership(db, caseId, userId);
  if (!current) throw Errors.notFound('Deze persoon is geen lid van de casus.');
  const wasRegisseur = row.regisseurUserId === userId;
  commit(services, actor, ({ tx, audit, emit }) => {
    const at = nowIso();
    removeMember(tx, caseId, userId, at);
    // Removing the regisseur leaves the case visibly without one, never with a stale name.
    if (wasRegisseur) setRegisseur(tx, caseId, null);
    assertStillManageable(tx, caseId);
    touchCase(tx, caseId, at);
    audit({ action: 'case.member_removed', caseId, detail: { userId, caseRole: current.caseRole, wasRegisseur } });
    emit({ type: 'case.access_changed', caseId });
  });
  // Someone who removed themselves can no longer read the case.
  return userId === actor.user.id ? null : readCase(services, actor, caseId, { audit: false });
}

export function assignRegisseur(services: Services, actor: Actor, caseId: string, input: AssignRegisseurRequest): CaseDetail {
  const { db } = services;
  const { caseRow: row } = authorizeCase(db, actor, caseId, 'case.regisseur.assign');
  if (input.userId !== null) {
    const target = activeUser(db, input.userId);
    const problem = regisseurProblem(target.functie, seatOf(db, row, target.id));
    if (problem) throw Errors.unprocessable('ONGELDIGE_REGISSEUR', problem);
  }
  commit(services, actor, ({ tx, audit, emit }) => {
    setRegisseur(tx, caseId, input.userId);
    assertStillManageable(tx, caseId);
    touchCase(tx, caseId);
    audit({ action: 'case.regisseur_assigned', caseId, detail: { userId: input.userId, previous: row.regisseurUserId } });
    emit({ type: 'case.access_changed', caseId });
  });
  return readCase(services, actor, caseId, { audit: false });
}

export function closeCase(services: Services, actor: Actor, caseId: string, borgingsafspraken: string): CaseDetail {
  const { db } = services;
  authorizeCase(db, actor, caseId, 'case.close');
  commit(services, actor, ({ tx, audit, emit }) => {
    // A running conference is closed by its chair, which freezes the minutes and adopts the
    // plan; closing the case underneath it would leave it running in a read-only case forever.
    if (findOpenConference(tx, caseId)) {
      throw Errors.conflict('OVERLEG_LOOPT', 'Er loopt nog een casusoverleg. Sluit dat eerst af (dat legt het verslag vast en stelt het plan vast); daarna kunt u de casus sluiten.');
    }
    changeStatus(tx, { caseId, status: 'gesloten', byUserId: actor.user.id, note: 'Casus gesloten met borgingsafspraken', borgingsafspraken });
    audit({ action: 'case.closed', caseId, detail: { borgingsafspraken } });
    emit({ type: 'case.access_changed', caseId });
    withdrawPendingOnClose(tx, actor, caseId);
  });
  return readCase(services, actor, caseId, { audit: false });
}

export function reopenCase(services: Services, actor: Actor, caseId: string, reason: string): CaseDetail {
  const { db } = services;
  authorizeCase(db, actor, caseId, 'case.reopen');
  commit(services, actor, ({ tx, audit, emit }) => {
    changeStatus(tx, { caseId, status: 'open', byUserId: actor.user.id, note: `Heropend: ${reason}` });
    audit({ action: 'case.reopened', caseId, detail: { reason } });
    emit({ type: 'case.access_changed', caseId });
  });
  return readCase(services, actor, caseId, { audit: false });
}
