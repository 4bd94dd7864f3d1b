// Goals (doelen), their legitimation per law and their actions. Goals are ordinary, editable
// rows: what changed, by whom and when is kept in the audit trail.
import { aliasedTable, and, asc, eq, inArray, isNotNull, isNull, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { newId, nowIso } from '../client';
import { goalActions, goalLegitimations, goals, users, vraagstukken, onSchemaBound } from '../schema';
import type { LawKey } from '../../shared/laws';

export type GoalRow = typeof goals.$inferSelect;
export type GoalActionRow = typeof goalActions.$inferSelect;
export type GoalLegitimationRow = typeof goalLegitimations.$inferSelect;

let creator = aliasedTable(users, 'creator');
onSchemaBound(() => (creator = aliasedTable(users, 'creator')));
let updater = aliasedTable(users, 'updater');
onSchemaBound(() => (updater = aliasedTable(users, 'updater')));
let owner = aliasedTable(users, 'owner');
onSchemaBound(() => (owner = aliasedTable(users, 'owner')));
let recorder = aliasedTable(users, 'recorder');
onSchemaBound(() => (recorder = aliasedTable(users, 'recorder')));

/**
 * Goals with the names their view needs, in one query. Only left joins: drizzle's types turn an
 * inner join followed by a left join with a nested table selection into `never`.
 */
async function goalRows(db: DbOrTx, where: SQL | undefined) {
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
    .orderBy(asc(goals.createdAt), asc(goals.id));
}
export type GoalListRow = Awaited<ReturnType<typeof goalRows>>[number];

/** The goals of a case; a withdrawn goal (entered by mistake) is in no view, copy or export any more. */
export async function listGoalsOfCase(db: DbOrTx, caseId: string): Promise<GoalListRow[]> {
  return goalRows(db, and(eq(goals.caseId, caseId), isNull(goals.withdrawnAt)));
}

export async function findGoal(db: DbOrTx, caseId: string, goalId: string): Promise<GoalListRow | undefined> {
  return (await goalRows(db, and(eq(goals.caseId, caseId), eq(goals.id, goalId), isNull(goals.withdrawnAt))))[0];
}

/** The ids of the goals of a case that were withdrawn: copies made before (a plan version's records) leave them out when shown. */
export async function withdrawnGoalIds(db: DbOrTx, caseId: string): Promise<Set<string>> {
  return new Set((await db.select({ id: goals.id }).from(goals).where(and(eq(goals.caseId, caseId), isNotNull(goals.withdrawnAt)))).map((r) => r.id));
}

/** Once: a database trigger refuses any later change to a withdrawn goal. */
export async function markGoalWithdrawn(db: DbOrTx, goalId: string, by: string, reason: string): Promise<void> {
  const at = nowIso();
  await db.update(goals).set({ withdrawnAt: at, withdrawnBy: by, withdrawnReason: reason, updatedBy: by, updatedAt: at }).where(eq(goals.id, goalId));
}

export async function listLegitimations(db: DbOrTx, goalIds: string[]): Promise<GoalLegitimationRow[]> {
  if (goalIds.length === 0) return [];
  return db.select().from(goalLegitimations).where(inArray(goalLegitimations.goalId, goalIds));
}

let actionCreator = aliasedTable(users, 'action_creator');
onSchemaBound(() => (actionCreator = aliasedTable(users, 'action_creator')));
let actionOwner = aliasedTable(users, 'action_owner');
onSchemaBound(() => (actionOwner = aliasedTable(users, 'action_owner')));

export async function listActions(db: DbOrTx, goalIds: string[]) {
  return db
    .select({ action: goalActions, creatorName: actionCreator.name, ownerName: actionOwner.name })
    .from(goalActions)
    .leftJoin(actionCreator, eq(actionCreator.id, goalActions.createdBy))
    .leftJoin(actionOwner, eq(actionOwner.id, goalActions.ownerUserId))
    .where(inArray(goalActions.goalId, goalIds))
    .orderBy(asc(goalActions.createdAt), asc(goalActions.id));
}
export type GoalActionListRow = Awaited<ReturnType<typeof listActions>>[number];

export async function findAction(db: DbOrTx, goalId: string, actionId: string): Promise<GoalActionRow | undefined> {
  return (await db.select().from(goalActions).where(and(eq(goalActions.goalId, goalId), eq(goalActions.id, actionId))))[0];
}

export async function vraagstukInCase(db: DbOrTx, caseId: string, vraagstukId: string): Promise<boolean> {
  return (await db.select({ id: vraagstukken.id }).from(vraagstukken).where(and(eq(vraagstukken.caseId, caseId), eq(vraagstukken.id, vraagstukId))))[0] !== undefined;
}

/** The id is chosen by the caller, so it can answer with the new goal after the commit. */
export async function insertGoal(db: DbOrTx, g: Omit<GoalRow, 'createdAt' | 'updatedAt' | 'updatedBy' | 'withdrawnAt' | 'withdrawnBy' | 'withdrawnReason'>): Promise<GoalRow> {
  const at = nowIso();
  const row: GoalRow = { ...g, createdAt: at, updatedAt: at, updatedBy: g.createdBy, withdrawnAt: null, withdrawnBy: null, withdrawnReason: null };
  await db.insert(goals).values(row);
  return row;
}

/** The columns a goal edit may change; who and when are set with every change. */
export type GoalPatch = Partial<Omit<GoalRow, 'id' | 'caseId' | 'createdBy' | 'createdAt' | 'updatedBy' | 'updatedAt'>>;

export async function updateGoal(db: DbOrTx, goalId: string, patch: GoalPatch & { updatedBy: string }): Promise<void> {
  await db.update(goals)
    .set({ ...patch, updatedAt: nowIso() })
    .where(eq(goals.id, goalId));
}

/** The legitimations are one set: replaced as a whole, so a law left out is no longer claimed. */
export async function replaceLegitimations(db: DbOrTx, goalId: string, list: { law: LawKey; text: string }[]): Promise<void> {
  await db.delete(goalLegitimations).where(eq(goalLegitimations.goalId, goalId));
  if (list.length > 0) (await db.insert(goalLegitimations).values(list.map((l) => ({ goalId, law: l.law, text: l.text }))));
}

export async function insertAction(db: DbOrTx, a: Omit<GoalActionRow, 'id' | 'createdAt' | 'doneAt'>): Promise<GoalActionRow> {
  const row: GoalActionRow = { ...a, id: newId(), createdAt: nowIso(), doneAt: null };
  await db.insert(goalActions).values(row);
  return row;
}

export async function updateAction(db: DbOrTx, actionId: string, patch: Partial<Pick<GoalActionRow, 'text' | 'ownerUserId' | 'ownerHousehold' | 'dueDate' | 'doneAt'>>): Promise<void> {
  await db.update(goalActions).set(patch).where(eq(goalActions.id, actionId));
}
