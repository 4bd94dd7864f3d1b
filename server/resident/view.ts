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
function people(services: Services, caseId: string, regisseurId: string | null, goals: Goal[]): ResidentContact[] {
  const tasksOf = (userId: string) => [
    ...goals.filter((g) => g.owner.userId === userId && (g.status === 'open' || g.status === 'bezig')).map((g) => g.text),
    ...goals.flatMap((g) => g.actions.filter((a) => a.owner.userId === userId && !a.done).map((a) => a.text)),
  ];
  return listContacts(services.db, caseId)
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

export function commentsOf(services: Services, caseId: string): ResidentComment[] {
  return listResidentComments(services.db, caseId).map((c) => ({ id: c.id, body: c.body, at: c.at, by: { id: c.userId, name: c.name } }));
}

/** The plan as adopted last, and whether the professionals have changed it since. */
function adoptedPlan(services: Services, caseId: string): ResidentView['plan'] {
  const { db } = services;
  const draft = readPlanDoc(services, caseId, (doc) => readPlan(doc));
  const latest = listVersions(db, caseId)[0];
  const version = latest ? findVersion(db, caseId, latest.number)?.version : undefined;
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

export function residentView(services: Services, actor: Actor, caseId: string): ResidentView {
  const { db } = services;
  const { caseRow: row, membership } = authorizeResident(db, actor, caseId, 'resident.view');
  const goals = goalViews(db, caseId, listGoalsOfCase(db, caseId), todayNl());
  const view: ResidentView = {
    caseId,
    title: row.title,
    status: row.status,
    plan: adoptedPlan(services, caseId),
    goals: goals.map(residentGoal),
    deviations: householdDeviations(db, caseId),
    people: people(services, caseId, row.regisseurUserId, goals),
    comments: commentsOf(services, caseId),
    can: {
      agree: canAsResident(actor.user.functie, membership, row.status, 'resident.goal.agree'),
      comment: canAsResident(actor.user.functie, membership, row.status, 'resident.comment'),
    },
  };
  // The household reading its own file is a read of the file like any other.
  recordAudit(db, { action: 'case.read', actorUserId: actor.user.id, caseId, ip: actor.ip, detail: { view: 'inwoner' } });
  return view;
}

/** The household's comments, read-only, for every member of the case (the professionals too). */
export function listComments(services: Services, actor: Actor, caseId: string): ResidentComment[] {
  authorizeCase(services.db, actor, caseId, 'case.read');
  return commentsOf(services, caseId);
}
