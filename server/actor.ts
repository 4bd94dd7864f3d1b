import type { UserRow } from '../db/queries/users';

/** Who does something, and from where: what every command and audit row needs. */
export interface Actor {
  user: UserRow;
  ip: string;
}
