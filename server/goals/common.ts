// What every goal command shares: the permission check, loading a goal of the case (404
// otherwise), the owner rule, and one way to commit a write so that its audit rows, the case's
// last activity and the live signal to every open plan (goal.changed) are never forgotten.
import type { z } from 'zod';
import type { Tx } from '../../db/client';
import type { AuditAction } from '../../db/queries/audit';
import { findActiveMembership, touchCase } from '../../db/queries/cases';
import { findGoal, type GoalListRow } from '../../db/queries/goals';
import type { Goal, GoalOwnerInput } from '../../shared/schemas';
import { authorizeCase } from '../cases/gate';
import { commit } from '../domain/commit';
import type { Actor, Services } from '../context';
import { todayNl } from '../dates';
import { Errors } from '../http/errors';
import { goalViews } from './views';

/** Reading goals: every member (partners and residents too; goals are not internal). */
export async function authorizeRead(services: Services, actor: Actor, caseId: string): Promise<void> {
  await authorizeCase(services.db, actor, caseId, 'case.read');
}

/** Writing goals, actions and agreements: edit access in an open case (403 / 409 otherwise). */
export async function authorizeWrite(services: Services, actor: Actor, caseId: string): Promise<void> {
  await authorizeCase(services.db, actor, caseId, 'plan.edit');
}

export async function loadGoal(services: Services, caseId: string, goalId: string): Promise<GoalListRow> {
  const row = await findGoal(services.db, caseId, goalId);
  if (!row) throw Errors.notFound('Dit doel bestaat niet in deze casus.');
  return row;
}

export async function goalView(services: Services, caseId: string, goalId: string): Promise<Goal> {
  return (await goalViews(services.db, caseId, [await loadGoal(services, caseId, goalId)], todayNl()))[0]!;
}

type Owner = z.output<typeof GoalOwnerInput>;

interface OwnerColumns {
  ownerUserId: string | null;
  ownerHousehold: string | null;
}

/**
 * The owner as columns. A new member owner must be at the table now: "who does what" needs
 * someone reachable. Keeping the current owner (who may have left since) is not a change.
 */
export async function ownerColumns(services: Services, caseId: string, owner: Owner, current?: OwnerColumns): Promise<OwnerColumns> {
  if (owner.type === 'household') return { ownerUserId: null, ownerHousehold: owner.name };
  if (current?.ownerUserId === owner.userId) return { ownerUserId: owner.userId, ownerHousehold: null };
  if (!await findActiveMembership(services.db, caseId, owner.userId)) {
    throw Errors.unprocessable('EIGENAAR_GEEN_LID', 'De eigenaar moet een huidig lid van deze casus zijn. Kies een lid van de casus of het huishouden zelf.');
  }
  return { ownerUserId: owner.userId, ownerHousehold: null };
}

export interface AuditNote {
  action: AuditAction;
  /** Ids and names of changed fields only: the free text stays in the case file, not in the trail. */
  detail: Record<string, unknown>;
}

/** Commits `write` with its audit rows, touches the case and emits goal.changed (every open plan fetches the goals again). */
export async function commitGoalWrite(services: Services, actor: Actor, caseId: string, write: (tx: Tx) => Promise<AuditNote[]> | AuditNote[]): Promise<void> {
  await commit(services, actor, async ({ tx, audit, emit }) => {
    for (const n of await write(tx)) await audit({ action: n.action, caseId, detail: n.detail });
    await touchCase(tx, caseId);
    emit({ type: 'goal.changed', caseId });
  });
}
