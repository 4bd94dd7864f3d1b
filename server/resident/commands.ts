// What the household itself does in its case: agree with a goal in its own words, and add a
// comment. Each is one transaction with its audit row.
import { appendAudit } from '../../db/queries/audit';
import { touchCase } from '../../db/queries/cases';
import { findGoal, updateGoal } from '../../db/queries/goals';
import { insertResidentComment } from '../../db/queries/resident';
import type { ResidentComment, ResidentGoal } from '../../shared/schemas';
import { signalChange } from '../collab/plan-doc';
import type { Actor, Services } from '../context';
import { todayNl } from '../dates';
import { goalViews } from '../goals/views';
import { Errors } from '../http/errors';
import { authorizeResident } from './access';
import { residentGoal } from './view';

function goalOf(services: Services, caseId: string, goalId: string) {
  const row = findGoal(services.db, caseId, goalId);
  if (!row) throw Errors.notFound('Dit doel staat niet in uw plan.');
  return row;
}

/**
 * "Daar ben ik het mee eens": the household agrees with the goal as it reads now. Agreeing
 * again changes nothing (the first date stays); a new wording by a professional withdraws it.
 */
export function agreeWithGoal(services: Services, actor: Actor, caseId: string, goalId: string): ResidentGoal {
  const { db } = services;
  authorizeResident(db, caseId, actor.user, 'resident.goal.agree');
  const current = goalOf(services, caseId, goalId);
  if (current.goal.householdAgreedOn === null) {
    const agreedOn = todayNl();
    db.transaction(
      (tx) => {
        updateGoal(tx, goalId, { householdAgreedOn: agreedOn, householdAgreedRecordedBy: actor.user.id, updatedBy: actor.user.id });
        appendAudit(tx, { action: 'resident.goal_agreed', actorUserId: actor.user.id, caseId, ip: actor.ip, detail: { goalId, agreedOn } });
        touchCase(tx, caseId);
      },
      { behavior: 'immediate' },
    );
    signalChange(services, caseId, actor.user.id, 'doelen');
  }
  return residentGoal(goalViews(db, caseId, [goalOf(services, caseId, goalId)], todayNl())[0]!);
}

export function addResidentComment(services: Services, actor: Actor, caseId: string, body: string): ResidentComment {
  const { db } = services;
  authorizeResident(db, caseId, actor.user, 'resident.comment');
  const saved = db.transaction(
    (tx) => {
      const c = insertResidentComment(tx, { caseId, userId: actor.user.id, body });
      // The words stay in the case file; the trail says that, and how long, not what.
      appendAudit(tx, { action: 'resident.comment_added', actorUserId: actor.user.id, caseId, ip: actor.ip, detail: { commentId: c.id, length: body.length } });
      touchCase(tx, caseId);
      return c;
    },
    { behavior: 'immediate' },
  );
  return { id: saved.id, body, at: saved.at, by: { id: actor.user.id, name: actor.user.name } };
}
