// Goals of the household plan: listed for every member, written by members with edit access
// in an open case. Each write is one transaction with its audit row, then a live signal.
import type { z } from 'zod';
import { newId } from '../../db/client';
import { type GoalPatch, insertGoal, listGoalsOfCase, markGoalWithdrawn, replaceLegitimations, updateGoal as updateGoalRow, vraagstukInCase } from '../../db/queries/goals';
import { type CreateGoalRequest, type Goal, type GoalStatus, NO_LEGITIMATION, type UpdateGoalRequest, WAIVER_WITH_LEGITIMATION } from '../../shared/schemas';
import { authorizeCase, may } from '../cases/gate';
import type { Actor, Services } from '../context';
import { todayNl } from '../dates';
import { Errors, fieldsError } from '../http/errors';
import { type AuditNote, authorizeRead, authorizeWrite, commitGoalWrite, goalView, loadGoal, ownerColumns } from './common';
import { goalViews } from './views';

export async function listGoals(services: Services, actor: Actor, caseId: string): Promise<Goal[]> {
  await authorizeRead(services, actor, caseId);
  return await goalViews(services.db, caseId, await listGoalsOfCase(services.db, caseId), todayNl());
}

export async function getGoal(services: Services, actor: Actor, caseId: string, goalId: string): Promise<Goal> {
  await authorizeRead(services, actor, caseId);
  return await goalView(services, caseId, goalId);
}

async function checkVraagstuk(services: Services, caseId: string, vraagstukId: string | null | undefined): Promise<void> {
  if (vraagstukId && !await vraagstukInCase(services.db, caseId, vraagstukId)) {
    throw Errors.unprocessable('ONBEKEND_VRAAGSTUK', 'Dit vraagstuk bestaat niet in deze casus.');
  }
}

/** A streefdatum that has already passed: nobody can follow such a goal up. */
function checkDueDate(dueDate: string): void {
  if (dueDate < todayNl()) throw fieldsError(422, 'STREEFDATUM_VERLEDEN', [{ path: 'dueDate', message: 'De streefdatum ligt in het verleden. Kies een datum vanaf vandaag.' }]);
}

export async function createGoal(services: Services, actor: Actor, caseId: string, input: z.output<typeof CreateGoalRequest>): Promise<Goal> {
  await authorizeWrite(services, actor, caseId);
  checkDueDate(input.dueDate);
  const owner = await ownerColumns(services, caseId, input.owner);
  await checkVraagstuk(services, caseId, input.vraagstukId);
  const id = newId();
  await commitGoalWrite(services, actor, caseId, async (tx) => {
    await insertGoal(tx, {
      id,
      caseId,
      text: input.text,
      lifeDomain: input.lifeDomain,
      vraagstukId: input.vraagstukId ?? null,
      ...owner,
      dueDate: input.dueDate ?? null,
      status: 'open',
      householdAgreedOn: null,
      householdAgreedRecordedBy: null,
      legitimationWaiver: input.legitimations.length === 0 ? (input.legitimationWaiver ?? null) : null,
      createdBy: actor.user.id,
    });
    await replaceLegitimations(tx, id, input.legitimations);
    return [
      {
        action: 'goal.created',
        detail: { goalId: id, lifeDomain: input.lifeDomain, laws: input.legitimations.map((l) => l.law), vraagstukId: input.vraagstukId ?? null },
      },
    ];
  });
  return await goalView(services, caseId, id);
}

const sameLegitimations = (a: { law: string; text: string }[], b: { law: string; text: string }[]) => {
  const key = (list: { law: string; text: string }[]) => JSON.stringify([...list].sort((x, y) => x.law.localeCompare(y.law)).map((l) => [l.law, l.text]));
  return key(a) === key(b);
};

/** Changes only what was sent and differs. A new wording needs the household's agreement again. */
export async function updateGoal(services: Services, actor: Actor, caseId: string, goalId: string, input: z.output<typeof UpdateGoalRequest>): Promise<Goal> {
  await authorizeWrite(services, actor, caseId);
  const loaded = await loadGoal(services, caseId, goalId);
  const current = loaded.goal;
  const before = (await goalViews(services.db, caseId, [loaded], todayNl()))[0]!;
  const patch: GoalPatch = {};
  if (input.text !== undefined && input.text !== current.text) patch.text = input.text;
  if (input.lifeDomain !== undefined && input.lifeDomain !== current.lifeDomain) patch.lifeDomain = input.lifeDomain;
  if (input.dueDate !== undefined && input.dueDate !== current.dueDate) {
    checkDueDate(input.dueDate);
    patch.dueDate = input.dueDate;
  }
  if (input.vraagstukId !== undefined && input.vraagstukId !== current.vraagstukId) {
    await checkVraagstuk(services, caseId, input.vraagstukId);
    patch.vraagstukId = input.vraagstukId;
  }
  if (input.owner !== undefined) {
    const owner = await ownerColumns(services, caseId, input.owner, current);
    if (owner.ownerUserId !== current.ownerUserId || owner.ownerHousehold !== current.ownerHousehold) Object.assign(patch, owner);
  }
  const legitimationsChanged = input.legitimations !== undefined && !sameLegitimations(input.legitimations, before.legitimations);
  // After the change: at least one legitimation, or the reason why none (never both).
  const laws = input.legitimations ?? before.legitimations;
  const waiver = laws.length > 0 ? null : input.legitimationWaiver !== undefined ? input.legitimationWaiver : current.legitimationWaiver;
  if (laws.length === 0 && !waiver) throw fieldsError(422, 'GEEN_LEGITIMATIE', [{ path: 'legitimations', message: NO_LEGITIMATION }]);
  if (laws.length > 0 && input.legitimationWaiver) throw fieldsError(422, 'REDEN_BIJ_LEGITIMATIE', [{ path: 'legitimationWaiver', message: WAIVER_WITH_LEGITIMATION }]);
  if (waiver !== current.legitimationWaiver) patch.legitimationWaiver = waiver;
  const fields = [...Object.keys(patch).map((k) => (k === 'ownerUserId' || k === 'ownerHousehold' ? 'owner' : k === 'legitimationWaiver' ? 'legitimations' : k)), ...(legitimationsChanged ? ['legitimations'] : [])];
  const changed = [...new Set(fields)];
  if (changed.length === 0) return before;

  // The household agreed to the words they saw; different words are a different goal to them.
  const withdraw = patch.text !== undefined && current.householdAgreedOn !== null;
  if (withdraw) Object.assign(patch, { householdAgreedOn: null, householdAgreedRecordedBy: null });

  await commitGoalWrite(services, actor, caseId, async (tx) => {
    await updateGoalRow(tx, goalId, { ...patch, updatedBy: actor.user.id });
    if (legitimationsChanged) await replaceLegitimations(tx, goalId, input.legitimations!);
    const notes: AuditNote[] = [{ action: 'goal.updated', detail: { goalId, fields: changed, ...(legitimationsChanged ? { laws: input.legitimations!.map((l) => l.law) } : {}) } }];
    if (withdraw) notes.push({ action: 'goal.agreement_withdrawn', detail: { goalId, agreedOn: current.householdAgreedOn, reason: 'text_changed' } });
    return notes;
  });
  return await goalView(services, caseId, goalId);
}

export async function setGoalStatus(services: Services, actor: Actor, caseId: string, goalId: string, status: GoalStatus): Promise<Goal> {
  await authorizeWrite(services, actor, caseId);
  const current = (await loadGoal(services, caseId, goalId)).goal;
  if (current.status === status) return await goalView(services, caseId, goalId);
  await commitGoalWrite(services, actor, caseId, async (tx) => {
    await updateGoalRow(tx, goalId, { status, updatedBy: actor.user.id });
    return [{ action: 'goal.status_changed', detail: { goalId, from: current.status, to: status } }];
  });
  return await goalView(services, caseId, goalId);
}

/** A professional records that (and when) the household agreed to the goal in these words. */
export async function recordAgreement(services: Services, actor: Actor, caseId: string, goalId: string, agreedOn: string): Promise<Goal> {
  await authorizeWrite(services, actor, caseId);
  await loadGoal(services, caseId, goalId);
  if (agreedOn > todayNl()) throw Errors.unprocessable('DATUM_IN_TOEKOMST', 'De datum van instemming ligt in de toekomst. Leg instemming vast nadat het gezin heeft ingestemd.');
  await commitGoalWrite(services, actor, caseId, async (tx) => {
    await updateGoalRow(tx, goalId, { householdAgreedOn: agreedOn, householdAgreedRecordedBy: actor.user.id, updatedBy: actor.user.id });
    return [{ action: 'goal.household_agreed', detail: { goalId, agreedOn } }];
  });
  return await goalView(services, caseId, goalId);
}

/** The household can change its mind; withdrawing when there is no agreement changes nothing. */
export async function withdrawAgreement(services: Services, actor: Actor, caseId: string, goalId: string): Promise<Goal> {
  await authorizeWrite(services, actor, caseId);
  const current = (await loadGoal(services, caseId, goalId)).goal;
  if (current.householdAgreedOn === null) return await goalView(services, caseId, goalId);
  await commitGoalWrite(services, actor, caseId, async (tx) => {
    await updateGoalRow(tx, goalId, { householdAgreedOn: null, householdAgreedRecordedBy: null, updatedBy: actor.user.id });
    return [{ action: 'goal.agreement_withdrawn', detail: { goalId, agreedOn: current.householdAgreedOn } }];
  });
  return await goalView(services, caseId, goalId);
}

/**
 * Withdrawing a goal entered by mistake (it is not "gestopt": it should never have been there).
 * Who: the people who adopt the plan (its regisseur, a procesregisseur) withdraw any goal, and
 * whoever entered the goal withdraws their own, both with edit access in an open case (matrix:
 * 'goal.withdraw'). Others at the table, partners and the household ask them: a goal the
 * household agreed to is part of the plan, not a typo anyone may take away.
 * The goal then leaves every view, copy and export; the row stays (a trigger keeps it as it was)
 * and the audit trail says who withdrew it, when and why.
 */
export async function withdrawGoal(services: Services, actor: Actor, caseId: string, goalId: string, reason: string): Promise<void> {
  const v = await authorizeCase(services.db, actor, caseId, 'goal.withdraw');
  const { goal } = await loadGoal(services, caseId, goalId);
  if (goal.createdBy !== actor.user.id && !may(v, 'plan.adopt')) {
    throw Errors.forbidden('Alleen wie het doel vastlegde, de regisseur of een procesregisseur kan een doel intrekken.');
  }
  await commitGoalWrite(services, actor, caseId, async (tx) => {
    await markGoalWithdrawn(tx, goalId, actor.user.id, reason);
    // The reason stays with the goal's row; the trail holds ids only, like every goal note.
    return [{ action: 'goal.withdrawn', detail: { goalId, status: goal.status, householdAgreedOn: goal.householdAgreedOn } }];
  });
}
