// The Postvak of a household member (functie inwoner), written for her: plain Dutch (about B1),
// addressed as "u", no names of rules, routes, mandates or staff. She gets:
//  - a goal of her plan that waits for her agreement (it goes once she has agreed, or when the
//    goal is reached, stopped or withdrawn);
//  - news of the last 30 days: an exception the municipality made for her (what is arranged,
//    until when), one it could not make, and one that stopped.
// Everything comes from what her own overview shows (server/resident/view.ts): goals, and
// deviations through the register's household view, which never holds internal ones. Each item
// links to her overview, at the part it is about.
import type { Db } from '../../db/client';
import { listGoalsOfCase } from '../../db/queries/goals';
import { membershipsOf } from '../../db/queries/inbox';
import type { UserRow } from '../../db/queries/users';
import { canAsResident, type Membership } from '../../shared/permissions';
import { residentHref, type ResidentSection } from '../../shared/resident';
import type { CaseStatus } from '../../shared/roles';
import type { InboxItem, InboxKind } from '../../shared/schemas';
import { formatDayNl } from '../dates';
import { type HouseholdDecision, householdDecisions } from '../deviations/register';

/** A text of the professionals, quoted inside a sentence of ours: its own full stop goes. */
const quoted = (text: string) => `„${text.trim().replace(/[.\s]+$/u, '')}”`;

interface Household {
  caseId: string;
  title: string;
  status: CaseStatus;
  membership: Membership;
}

async function householdsOf(db: Db, user: UserRow): Promise<Household[]> {
  return (await membershipsOf(db, user.id))
    .map((m) => ({ caseId: m.caseId, title: m.title, status: m.status, membership: { caseRole: m.caseRole, access: m.access, isRegisseur: false, temporaryFor: null } }))
    .filter((h) => canAsResident(user.functie, h.membership, h.status, 'resident.view'));
}

function item(h: Household, kind: InboxKind, text: string, date: string, at: ResidentSection): InboxItem {
  return { kind, caseId: h.caseId, caseTitle: h.title, text, date, overdue: false, href: residentHref(h.caseId, at) };
}

/** Goals still to work on that she has not agreed with, when she can say so (an open case, not read-only). */
async function goalItems(db: Db, user: UserRow, h: Household): Promise<InboxItem[]> {
  if (!canAsResident(user.functie, h.membership, h.status, 'resident.goal.agree')) return [];
  return (await listGoalsOfCase(db, h.caseId))
    .map((r) => r.goal)
    .filter((g) => g.householdAgreedOn === null && (g.status === 'open' || g.status === 'bezig'))
    .map((g) => item(h, 'mening_gevraagd', `Er staat een doel in uw plan waarover we uw mening vragen. Het doel is: ${quoted(g.text)}. Bent u het ermee eens?`, g.updatedAt, 'goals'));
}

const period = (d: HouseholdDecision['deviation'], today: string) =>
  d.startDate > today ? `Dit geldt van ${formatDayNl(d.startDate)} tot en met ${formatDayNl(d.endDate)}.` : `Dit geldt tot en met ${formatDayNl(d.endDate)}.`;

function decisionText(d: HouseholdDecision, today: string): { text: string; at: ResidentSection } {
  const what = quoted(d.deviation.willDo);
  switch (d.kind) {
    case 'goedgekeurd':
      return { text: `De gemeente maakt een uitzondering voor u. Dit is voor u geregeld: ${what}. ${period(d.deviation, today)}`, at: 'exceptions' };
    case 'afgewezen':
      return { text: `De gemeente kon deze uitzondering niet voor u maken: ${what}. Uw regisseur legt u uit waarom.`, at: 'contact' };
    case 'ingetrokken':
      return { text: `Deze uitzondering voor u stopt: ${what}. Uw regisseur legt u uit waarom.`, at: 'contact' };
  }
}

export async function residentItems(db: Db, user: UserRow, since: string, today: string): Promise<InboxItem[]> {
  const items: InboxItem[] = [];
  for (const h of await householdsOf(db, user)) {
    items.push(...(await goalItems(db, user, h)));
    for (const d of await householdDecisions(db, h.caseId, since, today)) {
      const { text, at } = decisionText(d, today);
      items.push(item(h, 'bericht', text, d.at, at));
    }
  }
  return items;
}
