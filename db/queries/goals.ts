// Goals (doelen), their legitimation per law and their actions. Goals are ordinary, editable
// rows: what changed, by whom and when is kept in the audit trail.
import { aliasedTable, and, asc, eq, inArray, isNotNull, isNull, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { newId, nowIso } from '../client';
import { goalActions, goalLegitimations, goals, users, vraagstukken } from '../schema';
import type { LawKey } from '../../shared/laws';

export type GoalRow = typeof goals.$inferSelect;
export type GoalActionRow = typeof goalActions.$inferSelect;
export type GoalLegitimationRow = typeof goalLegitimations.$inferSelect;

const creator = aliasedTable(users, 'creator');
const updater = aliasedTable(users, 'updater');
const owner = aliasedTable(users, 'owner');
const recorder = aliasedTable(users, 'recorder');

/**
 * Goals with the names their view needs, in one query. Only left joins: drizzle's types turn an
 * inner join followed by a left join with a nested table selection into `never`.
 */
function goalRows(db: DbOrTx, where: SQL | undefined) {
  return db
    .select({
      goal: goals,
      creatorName: creator.name,
      updaterName: updater.name,
      ownerName: owner.name,
      recorderName: recorder.name,
      vraagstukTitle: vraagstukken.title,
    })
    .from(goals)
    .leftJoin(creator, eq(creator.id, goals.createdBy))
    .leftJoin(updater, eq(updater.id, goals.updatedBy))
    .leftJoin(owner, eq(owner.id, goals.ownerUserId))
    .leftJoin(recorder, eq(recorder.id, goals.householdAgreedRecordedBy))
    .leftJoin(vraagstukken, eq(vraagstukken.id, goals.vraagstukId))
    .where(where)
    .orderBy(asc(goals.createdAt), asc(goals.id))
    .all();
}
export type GoalListRow = ReturnType<typeof goalRows>[number];

/** The goals of a case; a withdrawn goal (entered by mistake) is in no view, copy or export any more. */
export function listGoalsOfCase(db: DbOrTx, caseId: string): GoalListRow[] {
  return goalRows(db, and(eq(goals.caseId, caseId), isNull(goals.withdrawnAt)));
}

export function findGoal(db: DbOrTx, caseId: string, goalId: string): GoalListRow | undefined {
  return goalRows(db, and(eq(goals.caseId, caseId), eq(goals.id, goalId), isNull(goals.withdrawnAt)))[0];
}

/** The ids of the goals of a case that were withdrawn: copies made before (a plan version's records) leave them out when shown. */
export function withdrawnGoalIds(db: DbOrTx, caseId: string): Set<string> {
  return new Set(db.select({ id: goals.id }).from(goals).where(and(eq(goals.caseId, caseId), isNotNull(goals.withdrawnAt))).all().map((r) => r.id));
}

/** Once: a database trigger refuses any later change to a withdrawn goal. */
export function markGoalWithdrawn(db: DbOrTx, goalId: string, by: string, reason: string): void {
  const at = nowIso();
  db.update(goals).set({ withdrawnAt: at, withdrawnBy: by, withdrawnReason: reason, updatedBy: by, updatedAt: at }).where(eq(goals.id, goalId)).run();
}

export function listLegitimations(db: DbOrTx, goalIds: string[]): GoalLegitimationRow[] {
  if (goalIds.length === 0) return [];
  return db.select().from(goalLegitimations).where(inArray(goalLegitimations.goalId, goalIds)).all();
}

const actionCreator = aliasedTable(users, 'action_creator');
const actionOwner = aliasedTable(users, 'action_owner');

export function listActions(db: DbOrTx, goalIds: string[]) {
  return db
    .select({ action: goalActions, creatorName: actionCreator.name, ownerName: actionOwner.name })
    .from(goalActions)
    .leftJoin(actionCreator, eq(actionCreator.id, goalActions.createdBy))
    .leftJoin(actionOwner, eq(actionOwner.id, goalActions.ownerUserId))
    .where(inArray(goalActions.goalId, goalIds))
    .orderBy(asc(goalActions.createdAt), asc(goalActions.id))
    .all();
}
export type GoalActionListRow = ReturnType<typeof listActions>[number];

export function findAction(db: DbOrTx, goalId: string, actionId: string): GoalActionRow | undefined {
  return db.select().from(goalActions).where(and(eq(goalActions.goalId, goalId), eq(goalActions.id, actionId))).get();
}

export function vraagstukInCase(db: DbOrTx, caseId: string, vraagstukId: string): boolean {
  return db.select({ id: vraagstukken.id }).from(vraagstukken).where(and(eq(vraagstukken.caseId, caseId), eq(vraagstukken.id, vraagstukId))).get() !== undefined;
}

/** The id is chosen by the caller, so it can answer with the new goal after the commit. */
export function insertGoal(db: DbOrTx, g: Omit<GoalRow, 'createdAt' | 'updatedAt' | 'updatedBy' | 'withdrawnAt' | 'withdrawnBy' | 'withdrawnReason'>): GoalRow {
  const at = nowIso();
  const row: GoalRow = { ...g, createdAt: at, updatedAt: at, updatedBy: g.createdBy, withdrawnAt: null, withdrawnBy: null, withdrawnReason: null };
  db.insert(goals).values(row).run();
  return row;
}

/** The columns a goal edit may change; who and when are set with every change. */
export type GoalPatch = Partial<Omit<GoalRow, 'id' | 'caseId' | 'createdBy' | 'createdAt' | 'updatedBy' | 'updatedAt'>>;

export function updateGoal(db: DbOrTx, goalId: string, patch: GoalPatch & { updatedBy: string }): void {
  db.update(goals)
    .set({ ...patch, updatedAt: nowIso() })
    .where(eq(goals.id, goalId))
    .run();
}

/** The legitimations are one set: replaced as a whole, so a law left out is no longer claimed. */
export function replaceLegitimations(db: DbOrTx, goalId: string, list: { law: LawKey; text: string }[]): void {
  db.delete(goalLegitimations).where(eq(goalLegitimations.goalId, goalId)).run();
  if (list.length > 0) db.insert(goalLegitimations).values(list.map((l) => ({ goalId, law: l.law, text: l.text }))).run();
}

export function insertAction(db: DbOrTx, a: Omit<GoalActionRow, 'id' | 'createdAt' | 'doneAt'>): GoalActionRow {
  const row: GoalActionRow = { ...a, id: newId(), createdAt: nowIso(), doneAt: null };
  db.insert(goalActions).values(row).run();
  return row;
}

export function updateAction(db: DbOrTx, actionId: string, patch: Partial<Pick<GoalActionRow, 'text' | 'ownerUserId' | 'ownerHousehold' | 'dueDate' | 'doneAt'>>): void {
  db.update(goalActions).set(patch).where(eq(goalActions.id, actionId)).run();
}
