// What the household itself does in its case: agree with a goal in its own words, and add a
// comment. Each is one transaction with its audit row.
import { touchCase } from '../../db/queries/cases';
import { findGoal, updateGoal } from '../../db/queries/goals';
import { insertResidentComment } from '../../db/queries/resident';
import type { ResidentComment, ResidentGoal } from '../../shared/schemas';
import { commit } from '../domain/commit';
import type { Actor, Services } from '../context';
import { todayNl } from '../dates';
import { goalViews } from '../goals/views';
import { Errors } from '../http/errors';
import { authorizeResident } from '../cases/gate';
import { residentGoal } from './view';

async function goalOf(services: Services, caseId: string, goalId: string) {
  const row = await findGoal(services.db, caseId, goalId);
  if (!row) throw Errors.notFound('Dit doel staat niet in uw plan.');
  return row;
}

/**
 * "Daar ben ik het mee eens": the household agrees with the goal as it reads now. Agreeing
 * again changes nothing (the first date stays); a new wording by a professional withdraws it.
 */
export async function agreeWithGoal(services: Services, actor: Actor, caseId: string, goalId: string): Promise<ResidentGoal> {
  const { db } = services;
  await authorizeResident(db, actor, caseId, 'resident.goal.agree');
  const current = await goalOf(services, caseId, goalId);
  if (current.goal.householdAgreedOn === null) {
    const agreedOn = todayNl();
    await commit(services, actor, async ({ tx, audit, emit }) => {
      await updateGoal(tx, goalId, { householdAgreedOn: agreedOn, householdAgreedRecordedBy: actor.user.id, updatedBy: actor.user.id });
      await audit({ action: 'resident.goal_agreed', caseId, detail: { goalId, agreedOn } });
      await touchCase(tx, caseId);
      emit({ type: 'goal.changed', caseId });
    });
  }
  return residentGoal((await goalViews(db, caseId, [await goalOf(services, caseId, goalId)], todayNl()))[0]!);
}

export async function addResidentComment(services: Services, actor: Actor, caseId: string, body: string): Promise<ResidentComment> {
  const { db } = services;
  await authorizeResident(db, actor, caseId, 'resident.comment');
  const saved = await commit(services, actor, async ({ tx, audit, emit }) => {
    const c = await insertResidentComment(tx, { caseId, userId: actor.user.id, body });
    // The words stay in the case file; the trail says that, and how long, not what.
    await audit({ action: 'resident.comment_added', caseId, detail: { commentId: c.id, length: body.length } });
    await touchCase(tx, caseId);
    emit({ type: 'resident.changed', caseId });
    return c;
  });
  return { id: saved.id, body, at: saved.at, by: { id: actor.user.id, name: actor.user.name } };
}
