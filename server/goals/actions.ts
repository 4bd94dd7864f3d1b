// Actions (acties) under a goal: who does what, and by when. Marking one done records when;
// who did it is in the audit trail. Every answer is the whole goal, so the client shows one truth.
import type { z } from 'zod';
import { findAction, insertAction, updateAction as updateActionRow } from '../../db/queries/goals';
import { nowIso } from '../../db/client';
import type { AddGoalActionRequest, Goal, UpdateGoalActionRequest } from '../../shared/schemas';
import type { Actor, Services } from '../context';
import { Errors } from '../http/errors';
import { type AuditNote, authorizeWrite, commitGoalWrite, goalView, loadGoal, ownerColumns } from './common';

export async function addAction(services: Services, actor: Actor, caseId: string, goalId: string, input: z.output<typeof AddGoalActionRequest>): Promise<Goal> {
  await authorizeWrite(services, actor, caseId);
  await loadGoal(services, caseId, goalId);
  const owner = await ownerColumns(services, caseId, input.owner);
  await commitGoalWrite(services, actor, caseId, async (tx) => {
    const row = await insertAction(tx, { goalId, text: input.text, ...owner, dueDate: input.dueDate ?? null, createdBy: actor.user.id });
    return [{ action: 'goal.action_added', detail: { goalId, actionId: row.id } }];
  });
  return await goalView(services, caseId, goalId);
}

export async function updateAction(services: Services, actor: Actor, caseId: string, goalId: string, actionId: string, input: z.output<typeof UpdateGoalActionRequest>): Promise<Goal> {
  await authorizeWrite(services, actor, caseId);
  await loadGoal(services, caseId, goalId);
  const current = await findAction(services.db, goalId, actionId);
  if (!current) throw Errors.notFound('Deze actie bestaat niet bij dit doel.');

  const patch: Parameters<typeof updateActionRow>[2] = {};
  const fields: string[] = [];
  if (input.text !== undefined && input.text !== current.text) {
    patch.text = input.text;
    fields.push('text');
  }
  if (input.dueDate !== undefined && input.dueDate !== current.dueDate) {
    patch.dueDate = input.dueDate;
    fields.push('dueDate');
  }
  if (input.owner !== undefined) {
    const owner = await ownerColumns(services, caseId, input.owner, current);
    if (owner.ownerUserId !== current.ownerUserId || owner.ownerHousehold !== current.ownerHousehold) {
      Object.assign(patch, owner);
      fields.push('owner');
    }
  }
  const wasDone = current.doneAt !== null;
  const doneChanged = input.done !== undefined && input.done !== wasDone;
  if (doneChanged) patch.doneAt = input.done ? nowIso() : null;
  if (fields.length === 0 && !doneChanged) return await goalView(services, caseId, goalId);

  await commitGoalWrite(services, actor, caseId, async (tx) => {
    await updateActionRow(tx, actionId, patch);
    const notes: AuditNote[] = [];
    if (fields.length > 0) notes.push({ action: 'goal.action_updated', detail: { goalId, actionId, fields } });
    if (doneChanged) notes.push({ action: input.done ? 'goal.action_done' : 'goal.action_reopened', detail: { goalId, actionId } });
    return notes;
  });
  return await goalView(services, caseId, goalId);
}
