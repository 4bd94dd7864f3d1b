// The functional administrator's gate: global actions from the matrix (shared/permissions.ts),
// not case membership. One function, used by every admin command.
import { can, type GlobalAction } from '../../shared/permissions';
import type { Actor } from '../context';
import { Errors } from '../http/errors';

export function authorizeGlobal(actor: Actor, action: GlobalAction, message?: string): void {
  if (!can(actor.user.functie, action)) throw Errors.forbidden(message);
}
