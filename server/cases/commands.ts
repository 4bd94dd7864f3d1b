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
async function assertStillManageable(tx: Tx, caseId: string): Promise<void> {
  const row = await findCase(tx, caseId);
  const regisseurStays = row?.regisseurUserId ? (await findActiveMembership(tx, caseId, row.regisseurUserId))?.access === 'edit' : false;
  if (await countLeadsWithEdit(tx, caseId) === 0 && !regisseurStays) {
    throw Errors.conflict('LAATSTE_REGIE', 'Na deze wijziging kan niemand de casus meer beheren. Wijs eerst een regisseur of procesregisseur met bewerkrechten aan.');
  }
}

async function activeUser(db: Db | Tx, userId: string): Promise<UserRow> {
  const u = await findUserById(db, userId);
  if (!u || !u.active) throw Errors.unprocessable('ONBEKENDE_GEBRUIKER', 'Deze gebruiker bestaat niet of is niet actief.');
  // Made at a first sign-in and still without a functie: no seat at any table until it has one.
  if (u.functiePending) throw Errors.unprocessable('FUNCTIE_NIET_INGESTELD', 'De functie van deze persoon is nog niet ingesteld door de functioneel beheerder.');
  return u;
}

export async function createCase(services: Services, actor: Actor, input: CreateInput): Promise<CaseDetail> {
  if (!can(actor.user.functie, 'case.create')) throw Errors.forbidden('Alleen een procesregisseur of casusregisseur kan een casus aanmaken.');
  const myRole = input.myRole ?? ALLOWED_CASE_ROLES[actor.user.functie][0]!;
  const problem = membershipProblem(actor.user.functie, myRole, 'edit');
  if (problem) throw Errors.unprocessable('ONGELDIGE_ROL', problem);
  const caseId = await commit(services, actor, async ({ tx, audit }) => {
    const row = await insertCase(tx, { title: input.title, summary: input.summary, createdBy: actor.user.id });
    await putMember(tx, { caseId: row.id, userId: actor.user.id, caseRole: myRole, access: 'edit', addedBy: actor.user.id, at: row.createdAt });
    await audit({ action: 'case.create', caseId: row.id, detail: { title: input.title } });
    await audit({ action: 'case.member_added', caseId: row.id, detail: { userId: actor.user.id, caseRole: myRole, access: 'edit' } });
    if (input.iAmRegisseur) {
      const regProblem = regisseurProblem(actor.user.functie, { caseRole: myRole, access: 'edit', isRegisseur: false, temporaryFor: null });
      if (regProblem) throw Errors.unprocessable('ONGELDIGE_REGISSEUR', regProblem);
      await setRegisseur(tx, row.id, actor.user.id);
      await audit({ action: 'case.regisseur_assigned', caseId: row.id, detail: { userId: actor.user.id } });
    }
    return row.id;
  });
  return await readCase(services, actor, caseId, { audit: false });
}

/** Reading a case file is itself an event in the audit trail (AVG: who saw my file?). */
export async function readCase(services: Services, actor: Actor, caseId: string, opts: { audit: boolean } = { audit: true }): Promise<CaseDetail> {
  const { db } = services;
  const { caseRow: row, membership } = await authorizeCase(db, actor, caseId, 'case.read');
  if (opts.audit) await recordAudit(db, { action: 'case.read', actorUserId: actor.user.id, caseId, ip: actor.ip });
  return await caseDetail(db, row, actor.user, membership);
}

export async function addMember(services: Services, actor: Actor, caseId: string, input: AddMemberRequest): Promise<CaseDetail> {
  const { db } = services;
  await authorizeCase(db, actor, caseId, 'case.members.manage');
  const target = await activeUser(db, input.userId);
  const problem = membershipProblem(target.functie, input.caseRole, input.access);
  if (problem) throw Errors.unprocessable('ONGELDIGE_ROL', problem);
  await commit(services, actor, async ({ tx, audit, emit }) => {
    if (await findActiveMembership(tx, caseId, target.id)) throw Errors.conflict('AL_LID', `${target.name} is al lid van deze casus.`);
    await putMember(tx, { caseId, userId: target.id, caseRole: input.caseRole, access: input.access, addedBy: actor.user.id });
    await touchCase(tx, caseId);
    await audit({ action: 'case.member_added', caseId, detail: { userId: target.id, caseRole: input.caseRole, access: input.access } });
    emit({ type: 'case.access_changed', caseId });
  });
  return await readCase(services, actor, caseId, { audit: false });
}

export async function changeMember(services: Services, actor: Actor, caseId: string, userId: string, input: UpdateMemberRequest): Promise<CaseDetail> {
  const { db } = services;
  const { caseRow: row } = await authorizeCase(db, actor, caseId, 'case.members.manage');
  const current = await findActiveMembership(db, caseId, userId);
  const target = await findUserById(db, userId);
  if (!current || !target) throw Errors.notFound('Deze persoon is geen lid van de casus.');
  const next = { caseRole: input.caseRole ?? current.caseRole, access: input.access ?? current.access };
  const problem = membershipProblem(target.functie, next.caseRole, next.access);
  if (problem) throw Errors.unprocessable('ONGELDIGE_ROL', problem);
  if (row.regisseurUserId === userId && next.access !== 'edit') {
    throw Errors.conflict('REGISSEUR_HEEFT_BEWERKRECHT', 'De regisseur moet bewerkrechten houden. Wijs eerst een andere regisseur aan.');
  }
  await commit(services, actor, async ({ tx, audit, emit }) => {
    await updateMember(tx, caseId, userId, next);
    await assertStillManageable(tx, caseId);
    await touchCase(tx, caseId);
    await audit({ action: 'case.member_changed', caseId, detail: { userId, from: current, to: next } });
    emit({ type: 'case.access_changed', caseId });
  });
  return await readCase(services, actor, caseId, { audit: false });
}

export async function dropMember(services: Services, actor: Actor, caseId: string, userId: string): Promise<CaseDetail | null> {
  const { db } = services;
  const { caseRow: row } = await authorizeCase(db, actor, caseId, 'case.members.manage');
  const current = await findActiveMembership(db, caseId, userId);
  if (!current) throw Errors.notFound('Deze persoon is geen lid van de casus.');
  const wasRegisseur = row.regisseurUserId === userId;
  await commit(services, actor, async ({ tx, audit, emit }) => {
    const at = nowIso();
    await removeMember(tx, caseId, userId, at);
    // Removing the regisseur leaves the case visibly without one, never with a stale name.
    if (wasRegisseur) await setRegisseur(tx, caseId, null);
    await assertStillManageable(tx, caseId);
    await touchCase(tx, caseId, at);
    await audit({ action: 'case.member_removed', caseId, detail: { userId, caseRole: current.caseRole, wasRegisseur } });
    emit({ type: 'case.access_changed', caseId });
  });
  // Someone who removed themselves can no longer read the case.
  return userId === actor.user.id ? null : await readCase(services, actor, caseId, { audit: false });
}

export async function assignRegisseur(services: Services, actor: Actor, caseId: string, input: AssignRegisseurRequest): Promise<CaseDetail> {
  const { db } = services;
  const { caseRow: row } = await authorizeCase(db, actor, caseId, 'case.regisseur.assign');
  if (input.userId !== null) {
    const target = await activeUser(db, input.userId);
    const problem = regisseurProblem(target.functie, await seatOf(db, row, target.id));
    if (problem) throw Errors.unprocessable('ONGELDIGE_REGISSEUR', problem);
  }
  await commit(services, actor, async ({ tx, audit, emit }) => {
    await setRegisseur(tx, caseId, input.userId);
    await assertStillManageable(tx, caseId);
    await touchCase(tx, caseId);
    await audit({ action: 'case.regisseur_assigned', caseId, detail: { userId: input.userId, previous: row.regisseurUserId } });
    emit({ type: 'case.access_changed', caseId });
  });
  return await readCase(services, actor, caseId, { audit: false });
}

export async function closeCase(services: Services, actor: Actor, caseId: string, borgingsafspraken: string): Promise<CaseDetail> {
  const { db } = services;
  await authorizeCase(db, actor, caseId, 'case.close');
  await commit(services, actor, async ({ tx, audit, emit }) => {
    // A running conference is closed by its chair, which freezes the minutes and adopts the
    // plan; closing the case underneath it would leave it running in a read-only case forever.
    if (await findOpenConference(tx, caseId)) {
      throw Errors.conflict('OVERLEG_LOOPT', 'Er loopt nog een casusoverleg. Sluit dat eerst af (dat legt het verslag vast en stelt het plan vast); daarna kunt u de casus sluiten.');
    }
    await changeStatus(tx, { caseId, status: 'gesloten', byUserId: actor.user.id, note: 'Casus gesloten met borgingsafspraken', borgingsafspraken });
    await audit({ action: 'case.closed', caseId, detail: { borgingsafspraken } });
    emit({ type: 'case.access_changed', caseId });
    await withdrawPendingOnClose(tx, actor, caseId);
  });
  return await readCase(services, actor, caseId, { audit: false });
}

export async function reopenCase(services: Services, actor: Actor, caseId: string, reason: string): Promise<CaseDetail> {
  const { db } = services;
  await authorizeCase(db, actor, caseId, 'case.reopen');
  await commit(services, actor, async ({ tx, audit, emit }) => {
    await changeStatus(tx, { caseId, status: 'open', byUserId: actor.user.id, note: `Heropend: ${reason}` });
    await audit({ action: 'case.reopened', caseId, detail: { reason } });
    emit({ type: 'case.access_changed', caseId });
  });
  return await readCase(services, actor, caseId, { audit: false });
}
