// Accounts, kept by the functional administrator (no self-registration), and the colleague
// directory used when inviting someone to a case.
import { deleteSessionsOfUser } from '../../db/queries/sessions';
import { findUserByEmail, findUserById, insertUser, listUsers, searchDirectory } from '../../db/queries/users';
import { updateUser } from '../../db/queries/users';
import type { AdminUser, CreateUserRequest, DirectoryUser, UpdateUserRequest } from '../../shared/schemas';
import { hashPassword } from '../auth/passwords';
import { toAdminUser } from '../auth/user-view';
import type { Actor, Services } from '../context';
import { commit } from '../domain/commit';
import { Errors } from '../http/errors';
import { authorizeGlobal } from '../auth/authorize';

export async function listAccounts(services: Services, actor: Actor): Promise<AdminUser[]> {
  authorizeGlobal(actor, 'users.manage');
  return (await listUsers(services.db)).map(toAdminUser);
}

export async function createAccount(services: Services, actor: Actor, input: CreateUserRequest): Promise<AdminUser> {
  authorizeGlobal(actor, 'users.manage');
  const passwordHash = await hashPassword(input.temporaryPassword);
  const created = await commit(services, actor, async ({ tx, audit }) => {
    if (await findUserByEmail(tx, input.email)) throw Errors.conflict('EMAIL_BESTAAT', 'Er bestaat al een account met dit e-mailadres.');
    const row = await insertUser(tx, { email: input.email, name: input.name, functie: input.functie, organisation: input.organisation, phone: input.phone ?? null, passwordHash, mustChangePassword: true });
    await audit({ action: 'user.created', detail: { userId: row.id, functie: row.functie } });
    return row;
  });
  return toAdminUser(created);
}

export async function updateAccount(services: Services, actor: Actor, id: string, patch: UpdateUserRequest): Promise<AdminUser> {
  authorizeGlobal(actor, 'users.manage');
  if (id === actor.user.id && patch.active === false) throw Errors.conflict('EIGEN_ACCOUNT', 'U kunt uw eigen account niet deactiveren.');
  const updated = await commit(services, actor, async ({ tx, audit, emit }) => {
    if (!await findUserById(tx, id)) throw Errors.notFound('Dit account bestaat niet.');
    await updateUser(tx, id, patch);
    await audit({ action: 'user.updated', detail: { userId: id, ...patch } });
    // A deactivated account keeps no session, and no socket opened with one.
    if (patch.active === false) {
      await deleteSessionsOfUser(tx, id);
      emit({ type: 'sessions.ended', sessionIds: [], userId: id });
    }
    return (await findUserById(tx, id))!;
  });
  return toAdminUser(updated);
}

export async function resetPassword(services: Services, actor: Actor, id: string, temporaryPassword: string): Promise<AdminUser> {
  authorizeGlobal(actor, 'users.manage');
  const passwordHash = await hashPassword(temporaryPassword);
  const updated = await commit(services, actor, async ({ tx, audit, emit }) => {
    if (!await findUserById(tx, id)) throw Errors.notFound('Dit account bestaat niet.');
    await updateUser(tx, id, { passwordHash, mustChangePassword: true });
    await deleteSessionsOfUser(tx, id);
    await audit({ action: 'user.password_reset', detail: { userId: id } });
    emit({ type: 'sessions.ended', sessionIds: [], userId: id });
    return (await findUserById(tx, id))!;
  });
  return toAdminUser(updated);
}

export async function searchColleagues(services: Services, actor: Actor, query: string): Promise<DirectoryUser[]> {
  authorizeGlobal(actor, 'directory.search');
  return (await searchDirectory(services.db, query.trim())).map((u) => ({ id: u.id, name: u.name, functie: u.functie, organisation: u.organisation }));
}
