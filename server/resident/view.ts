// What the household sees of its own case: the adopted plan (not the draft the professionals
// are still writing), the goals with their agreement, who does what, and the comments. Built
// only from shared sources: the plan room, goals and memberships, never the internal room.
import { findVersion, listVersions } from '../../db/queries/plan-versions';
import { listGoalsOfCase } from '../../db/queries/goals';
import { listContacts, listResidentComments } from '../../db/queries/resident';
import { recordAudit } from '../../db/queries/audit';
import { canAsResident, mandateOf } from '../../shared/permissions';
import { isProfessionalSection, type PlanContent, PLAIN_SECTION, planToText, readPlan } from '../../shared/plan/doc';
import { CASE_ROLE_LABELS } from '../../shared/roles';
import type { Goal, ResidentComment, ResidentContact, ResidentGoal, ResidentView } from '../../shared/schemas';
import { ZRM_DOMAINS } from '../../shared/zrm';
import { authorizeCase } from '../cases/gate';
import { readPlanDoc } from '../plan/plan-doc';
import type { Actor, Services } from '../context';
import { todayNl } from '../dates';
import { goalViews } from '../goals/views';
import { householdDeviations } from '../deviations/register';
import { authorizeResident } from '../cases/gate';

const domainLabel = (key: string) => ZRM_DOMAINS.find((d) => d.key === key)?.label ?? key;

export function residentGoal(g: Goal): ResidentGoal {
  return {
    id: g.id,
    text: g.text,
    lifeDomain: domainLabel(g.lifeDomain),
    status: g.status,
    dueDate: g.dueDate,
    owner: g.owner.name,
    agreedOn: g.householdAgreement?.agreedOn ?? null,
    actions: g.actions.map((a) => ({ text: a.text, owner: a.owner.name, dueDate: a.dueDate, done: a.done })),
  };
}

/**
 * "Wie doet wat": the professionals at the table, the regisseur on top. Mandate holders decide
 * from a distance and the household does not deal with them; other household members are not
 * "whom to reach".
 */
async function people(services: Services, caseId: string, regisseurId: string | null, goals: Goal[]): Promise<ResidentContact[]> {
  const tasksOf = (userId: string) => [
    ...goals.filter((g) => g.owner.userId === userId && (g.status === 'open' || g.status === 'bezig')).map((g) => g.text),
    ...goals.flatMap((g) => g.actions.filter((a) => a.owner.userId === userId && !a.done).map((a) => a.text)),
  ];
  return (await listContacts(services.db, caseId))
    .filter((m) => m.caseRole !== 'mandaathouder' && m.caseRole !== 'inwoner' && mandateOf(m.functie) === null && m.functie !== 'functioneel_beheerder' && m.functie !== 'inwoner')
    .map((m) => ({
      userId: m.userId,
      name: m.name,
      role: CASE_ROLE_LABELS[m.caseRole],
      organisation: m.organisation,
      email: m.email,
      phone: m.phone,
      isRegisseur: m.userId === regisseurId,
      tasks: tasksOf(m.userId),
    }))
    .sort((a, b) => Number(b.isRegisseur) - Number(a.isRegisseur));
}

export async function commentsOf(services: Services, caseId: string): Promise<ResidentComment[]> {
  return (await listResidentComments(services.db, caseId)).map((c) => ({ id: c.id, body: c.body, at: c.at, by: { id: c.userId, name: c.name } }));
}

/** The plan as adopted last, and whether the professionals have changed it since. */
async function adoptedPlan(services: Services, caseId: string): Promise<ResidentView['plan']> {
  const { db } = services;
  const draft = await readPlanDoc(services, caseId, (doc) => readPlan(doc));
  const latest = (await listVersions(db, caseId))[0];
  const version = latest ? (await findVersion(db, caseId, latest.number))?.version : undefined;
  if (!version) return { adopted: null, newerDraft: draft.sections.some((s) => s.text.trim() !== '') };
  const content = JSON.parse(version.content) as PlanContent;
  const plain = content.sections.find((s) => s.key === PLAIN_SECTION)?.text.trim() || null;
  return {
    adopted: {
      number: version.number,
      adoptedAt: version.adoptedAt,
      sections: content.sections.filter(isProfessionalSection).map((s) => ({ key: s.key, label: s.label, text: s.text })),
      plain,
    },
    newerDraft: planToText(draft) !== version.text,
  };
}

export async function residentView(services: Services, actor: Actor, caseId: string): Promise<ResidentView> {
  const { db } = services;
  const { caseRow: row, membership } = await authorizeResident(db, actor, caseId, 'resident.view');
  const goals = await goalViews(db, caseId, await listGoalsOfCase(db, caseId), todayNl());
  const view: ResidentView = {
    caseId,
    title: row.title,
    status: row.status,
    plan: await adoptedPlan(services, caseId),
    goals: goals.map(residentGoal),
    deviations: await householdDeviations(db, caseId),
    people: await people(services, caseId, row.regisseurUserId, goals),
    comments: await commentsOf(services, caseId),
    can: {
      agree: canAsResident(actor.user.functie, membership, row.status, 'resident.goal.agree'),
      comment: canAsResident(actor.user.functie, membership, row.status, 'resident.comment'),
    },
  };
  // The household reading its own file is a read of the file like any other.
  await recordAudit(db, { action: 'case.read', actorUserId: actor.user.id, caseId, ip: actor.ip, detail: { view: 'inwoner' } });
  return view;
}

/** The household's comments, read-only, for every member of the case (the professionals too). */
export async function listComments(services: Services, actor: Actor, caseId: string): Promise<ResidentComment[]> {
  await authorizeCase(services.db, actor, caseId, 'case.read');
  return await commentsOf(services, caseId);
}
