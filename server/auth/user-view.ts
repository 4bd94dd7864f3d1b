import type { UserRow } from '../../db/queries/users';
import type { SessionUser } from '../../shared/schemas';

export function toSessionUser(u: UserRow): SessionUser {
  return { id: u.id, email: u.email, name: u.name, functie: u.functie, organisation: u.organisation, mustChangePassword: u.mustChangePassword };
}
