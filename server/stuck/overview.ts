// The procesregisseur's overview (Vastgelopen casussen): across the cases they are a current
// member of, the stuck ones with their signals and the escalated ones, and for each what it is
// waiting for, from whom, and for how long (./waiting.ts). Only member cases: nothing here reaches anyone
// who does not sit at that table already.
import type { Db } from '../../db/client';
import { usersByIds } from '../../db/queries/breakthroughs';
import { lawResponsibleRoles } from '../../db/queries/catalogue';
import { listMandateRules } from '../../db/queries/deviations';
import { lastRegisseurChangeRows, latestLeadRows, memberRowsOfCases, openRequestRows, signalThresholds, signedLawRows } from '../../db/queries/stuck';
import type { StuckSignal } from '../../shared/stuck';
import { DEFAULT_MANDATE } from '../../shared/laws';
import { can, MUNICIPAL_STAFF } from '../../shared/permissions';
import type { StuckCase, StuckOverview } from '../../shared/schemas';
import type { Actor } from '../context';
import { todayNl } from '../dates';
import { Errors } from '../http/errors';
import { groupBy, loadCaseFacts } from './facts';
import { computeSignals } from './signals';
import { membersNeeded, type WaitContext, waitsOf } from './waiting';

export async function stuckOverview(db: Db, actor: Actor, only: StuckSignal | undefined, today = todayNl()): Promise<StuckOverview> {
  if (!can(actor.user.functie, 'stuck.overview')) throw Errors.forbidden('Het overzicht van vastgelopen casussen is er voor procesregisseurs.');
  const scope = { memberUserId: actor.user.id };
  const thresholds = await signalThresholds(db);
  // Only procesregisseurs get here, and they are municipal staff: they see internal deviations.
  const loaded = await loadCaseFacts(db, scope, today, MUNICIPAL_STAFF.includes(actor.user.functie));
  // A refused request in a closed case waits for nobody: nothing can be escalated there.
  const open = new Set(loaded.filter((c) => c.base.status === 'open').map((c) => c.base.id));
  const requests = groupBy((await openRequestRows(db, scope)).filter((r) => r.kind !== 'afgewezen' || open.has(r.caseId)));

  const shown = loaded
    .map((c) => ({ c, signals: computeSignals(c.facts, thresholds, today), escalated: requests.has(c.base.id) }))
    .filter((x) => (x.signals.length > 0 || x.escalated) && (!only || x.signals.some((s) => s.key === only)));

  // Only what the shown cases need: members where the waits name them, signatures, regisseur history.
  const needMembers = shown.filter((x) => membersNeeded(x.c, requests.get(x.c.base.id) ?? [])).map((x) => x.c.base.id);
  const openIds = shown.flatMap((x) => x.c.openVraagstukken.map((v) => v.id));
  const withoutRegisseur = shown.filter((x) => x.signals.some((s) => s.key === 'geen_regisseur' || (s.key === 'gesloten_zonder_borging' && !x.c.base.regisseurId))).map((x) => x.c.base.id);
  const rules = new Map((await listMandateRules(db)).map((r) => [`${r.law}:${r.route}`, r.level]));
  const ctx: WaitContext = {
    today,
    members: groupBy(await memberRowsOfCases(db, needMembers)),
    requests,
    signed: new Set((await signedLawRows(db, openIds)).map((s) => `${s.vraagstukId}:${s.law}`)),
    responsible: await lawResponsibleRoles(db),
    mandateFor: (law, route) => rules.get(`${law}:${route}`) ?? DEFAULT_MANDATE,
    regisseurChanges: new Map((await lastRegisseurChangeRows(db, withoutRegisseur)).map((r) => [r.caseId, r])),
    people: new Map((await usersByIds(db, [...new Set(shown.flatMap((x) => x.c.overdueGoals.flatMap((g) => (g.ownerUserId ? [g.ownerUserId] : []))))])).map((u) => [u.id, u])),
  };
  const leads = new Map((await latestLeadRows(db, scope)).filter((l) => l.kind === 'genomen').map((l) => [l.caseId, l]));

  const cases: StuckCase[] = shown.map(({ c, signals, escalated }) => {
    // As on the case page: a lead whose holder left the table is no lead.
    const taken = leads.get(c.base.id);
    const lead = taken?.holderAtTable ? taken : undefined;
    return {
      id: c.base.id,
      title: c.base.title,
      status: c.base.status,
      regisseur: c.base.regisseurId ? { id: c.base.regisseurId, name: c.base.regisseurName ?? '' } : null,
      lead: lead ? { by: { id: lead.userId, name: lead.userName }, at: lead.at, note: lead.note } : null,
      cluster: c.base.cluster,
      signals,
      escalated,
      waiting: waitsOf(ctx, c, signals),
    };
  });
  // Most signals first, then the longest-waiting.
  const longest = (s: StuckCase) => Math.max(0, ...s.waiting.map((w) => w.days));
  cases.sort((a, b) => b.signals.length - a.signals.length || longest(b) - longest(a) || a.title.localeCompare(b.title, 'nl'));
  return { today, thresholds, cases, casesChecked: loaded.length };
}
