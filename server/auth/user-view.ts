import type { UserRow } from '../../db/queries/users';
import type { AdminUser, SessionUser } from '../../shared/schemas';

export function toSessionUser(u: UserRow): SessionUser {
  return { id: u.id, email: u.email, name: u.name, functie: u.functie, organisation: u.organisation, mustChangePassword: u.mustChangePassword, functiePending: u.functiePending };
}

/** An account as the functional administrator sees it. */
export function toAdminUser(u: UserRow): AdminUser {
  return {
    id: u.id,
    email: u.email,
    name: u.name,
    functie: u.functie,
    organisation: u.organisation,
    phone: u.phone,
    active: u.active,
    mustChangePassword: u.mustChangePassword,
    functiePending: u.functiePending,
    createdAt: u.createdAt,
    lastLoginAt: u.lastLoginAt,
  };
}
