// Collects what the pseudonymiser needs from one case: the live plan document, goals, the
// reverse test, the deviations that are not internal, and every person whose name may occur.
// The only place where the original case is read for an intervision copy.
import { findCase } from '../../db/queries/cases';
import { listActions, listGoalsOfCase, listLegitimations } from '../../db/queries/goals';
import { listEveryMemberOfCase } from '../../db/queries/intervision';
import { listDecisions, listVraagstukkenOfCase } from '../../db/queries/vraagstukken';
import { readPlan } from '../../shared/plan/doc';
import { readVraagstukDraft } from '../../shared/plan/vraagstukken';
import type { CaseRole, Functie } from '../../shared/roles';
import type { ZrmDomain } from '../../shared/zrm';
import type { Actor } from '../context';
import { readPlanDoc } from '../plan/plan-doc';
import type { Services } from '../context';
import { deviationContent, listDeviations } from '../deviations/register';
import { internalTextsOf } from '../breakthroughs/export';
import { Errors } from '../http/errors';
import type { CaseSnapshot, SnapshotOwner, SnapshotPerson } from '../pseudonymise';

/** Reads the case as `actor` may see it; call after the actor was authorised for intervision.create. */
export async function collectSnapshot(services: Services, actor: Actor, caseId: string): Promise<CaseSnapshot> {
  const { db } = services;
  const row = await findCase(db, caseId);
  if (!row) throw Errors.caseNotFound();

  const members = await listEveryMemberOfCase(db, caseId);
  const roleOf = new Map<string, { caseRole: CaseRole; functie: Functie }>();
  // The latest membership of a person counts for their role.
  for (const m of members) roleOf.set(m.userId, { caseRole: m.caseRole, functie: m.functie });
  // Contact details are known names too; an external partner's organisation names a care provider.
  const people: SnapshotPerson[] = members.map((m) => ({ name: m.name, caseRole: m.caseRole, functie: m.functie, atTable: m.removedAt === null, email: m.email, phone: m.phone, organisation: m.functie === 'extern_partner' ? m.organisation : null }));
  const person = (userId: string | null, name: string | null | undefined) => {
    if (!name) return;
    const r = userId ? roleOf.get(userId) : undefined;
    people.push({ name, caseRole: r?.caseRole ?? null, functie: r?.functie ?? null, atTable: false });
  };
  const owner = (userId: string | null, household: string | null): SnapshotOwner => {
    if (userId) {
      const r = roleOf.get(userId);
      return { kind: 'member', caseRole: r?.caseRole ?? null, functie: r?.functie ?? null };
    }
    return household ? { kind: 'household', text: household } : null;
  };

  const vraagstukRows = await listVraagstukkenOfCase(db, caseId);
  const { plan, drafts } = await readPlanDoc(services, caseId, (doc) => ({
    plan: readPlan(doc),
    drafts: new Map(vraagstukRows.map((v) => [v.vraagstuk.id, readVraagstukDraft(doc, v.vraagstuk.id)])),
  }));
  const decisions = await listDecisions(
    db,
    vraagstukRows.map((v) => v.vraagstuk.id),
  );
  for (const d of decisions) person(d.byUserId, d.byName);
  for (const v of vraagstukRows) person(v.vraagstuk.createdBy, v.creatorName);

  const goalRows = await listGoalsOfCase(db, caseId);
  const goalIds = goalRows.map((g) => g.goal.id);
  const legitimations = await listLegitimations(db, goalIds);
  const actions = await listActions(db, goalIds);
  for (const g of goalRows) {
    person(g.goal.ownerUserId, g.ownerName);
    person(g.goal.createdBy, g.creatorName);
    person(g.goal.updatedBy, g.updaterName);
    person(g.goal.householdAgreedRecordedBy, g.recorderName);
  }
  for (const a of actions) {
    person(a.action.ownerUserId, a.ownerName);
    person(a.action.createdBy, a.creatorName);
  }

  // listDeviations already leaves out what this actor may not see; internal ones are dropped here too.
  const deviations = await listDeviations(db, actor, caseId);
  for (const d of deviations) {
    person(d.proposedBy.id, d.proposedBy.name);
    for (const e of [d.approval, d.rejection, d.revocation]) if (e) person(e.by.id, e.by.name);
  }

  return {
    title: row.title,
    summary: row.summary,
    startedOn: row.createdAt.slice(0, 10),
    internalTexts: await internalTextsOf(services, caseId),
    plan,
    goals: goalRows.map(({ goal: g }) => ({
      text: g.text,
      lifeDomain: g.lifeDomain as ZrmDomain,
      owner: owner(g.ownerUserId, g.ownerHousehold),
      dueDate: g.dueDate,
      status: g.status,
      householdAgreedOn: g.householdAgreedOn,
      legitimations: legitimations.filter((l) => l.goalId === g.id).map((l) => ({ law: l.law, text: l.text })),
      actions: actions
        .filter((a) => a.action.goalId === g.id)
        .map(({ action: a }) => ({ text: a.text, owner: owner(a.ownerUserId, a.ownerHousehold), dueDate: a.dueDate, done: a.doneAt !== null })),
    })),
    vraagstukken: vraagstukRows.map(({ vraagstuk: v }) => ({
      title: v.title,
      draft: drafts.get(v.id) ?? null,
      conclusions: decisions
        .filter((d) => d.vraagstukId === v.id)
        .map((d) => ({ kind: d.kind, outcome: d.outcome, motivation: d.motivation, reviewDate: d.reviewDate, at: d.at, byCaseRole: d.byCaseRole, byFunctie: roleOf.get(d.byUserId)?.functie ?? null })),
    })),
    deviations: deviations
      .filter((d) => !d.internal)
      .map((d) => ({ ...deviationContent(d), status: d.status })),
    people,
  };
}
