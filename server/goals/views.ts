// Goal rows as the API shows them: owners with names (and whether they are still at the
// table), legitimations in the catalogue's order, actions, and what is overdue today.
import type { DbOrTx } from '../../db/client';
import { listActiveMembers } from '../../db/queries/cases';
import { type GoalActionListRow, type GoalListRow, listActions, listLegitimations } from '../../db/queries/goals';
import { LAW_KEYS } from '../../shared/laws';
import type { Goal, GoalAction, GoalOwner } from '../../shared/schemas';
import type { ZrmDomain } from '../../shared/zrm';

function ownerView(userId: string | null, userName: string | null, household: string | null, members: Set<string>): GoalOwner {
  if (userId) return { type: 'member', userId, name: userName ?? '', stillMember: members.has(userId) };
  return { type: 'household', userId: null, name: household ?? '', stillMember: true };
}

function actionView(r: GoalActionListRow, members: Set<string>, today: string): GoalAction {
  const a = r.action;
  return {
    id: a.id,
    text: a.text,
    owner: ownerView(a.ownerUserId, r.ownerName, a.ownerHousehold, members),
    dueDate: a.dueDate,
    done: a.doneAt !== null,
    doneAt: a.doneAt,
    overdue: a.doneAt === null && a.dueDate !== null && a.dueDate < today,
    createdBy: { id: a.createdBy, name: r.creatorName ?? '' },
    createdAt: a.createdAt,
  };
}

/** Views of these goals of one case, loading their legitimations, actions and the members once. */
export async function goalViews(db: DbOrTx, caseId: string, rows: GoalListRow[], today: string): Promise<Goal[]> {
  const ids = rows.map((r) => r.goal.id);
  const legitimations = await listLegitimations(db, ids);
  const actions = await listActions(db, ids);
  const members = new Set((await listActiveMembers(db, caseId)).map((m) => m.userId));
  return rows.map((r) => {
    const g = r.goal;
    return {
      id: g.id,
      caseId: g.caseId,
      text: g.text,
      lifeDomain: g.lifeDomain as ZrmDomain,
      vraagstuk: g.vraagstukId ? { id: g.vraagstukId, title: r.vraagstukTitle ?? '' } : null,
      legitimations: legitimations
        .filter((l) => l.goalId === g.id)
        .sort((a, b) => LAW_KEYS.indexOf(a.law) - LAW_KEYS.indexOf(b.law))
        .map((l) => ({ law: l.law, text: l.text })),
      legitimationWaiver: g.legitimationWaiver,
      owner: ownerView(g.ownerUserId, r.ownerName, g.ownerHousehold, members),
      dueDate: g.dueDate,
      status: g.status,
      overdue: (g.status === 'open' || g.status === 'bezig') && g.dueDate !== null && g.dueDate < today,
      householdAgreement:
        g.householdAgreedOn && g.householdAgreedRecordedBy ? { agreedOn: g.householdAgreedOn, recordedBy: { id: g.householdAgreedRecordedBy, name: r.recorderName ?? '' } } : null,
      actions: actions.filter((a) => a.action.goalId === g.id).map((a) => actionView(a, members, today)),
      createdBy: { id: g.createdBy, name: r.creatorName ?? '' },
      createdAt: g.createdAt,
      updatedBy: { id: g.updatedBy, name: r.updaterName ?? '' },
      updatedAt: g.updatedAt,
    };
  });
}
