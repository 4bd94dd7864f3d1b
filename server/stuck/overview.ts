// The procesregisseur's overview (Vastgelopen casussen): across the cases they are a current
// member of, the stuck ones with their signals and the escalated ones, and for each what it is
// waiting for, from whom, and for how long. Only member cases: nothing here reaches anyone
// who does not sit at that table already.
import type { Db } from '../../db/client';
import { lawResponsibleRoles } from '../../db/queries/catalogue';
import { listMandateRules } from '../../db/queries/deviations';
import {
  latestLeadRows,
  type OpenRequestRow,
  openRequestRows,
  type ScopeMemberRow,
  scopeMemberRows,
  signalThresholds,
  signedLawRows,
} from '../../db/queries/stuck';
import type { StuckSignal } from '../../shared/doorbraak';
import { DEFAULT_MANDATE, LAW_KEYS, type LawKey, lawByKey, MANDATE_LABELS, mandateCovers, type MandateLevel } from '../../shared/laws';
import { can, mandateOf, MUNICIPAL_STAFF } from '../../shared/permissions';
import { CASE_ROLE_LABELS, FUNCTIE_LABELS } from '../../shared/roles';
import type { StuckCase, StuckOverview, WaitingItem } from '../../shared/schemas';
import type { Actor } from '../context';
import { todayNl } from '../dates';
import { Errors } from '../http/errors';
import { groupBy, type LoadedCase, loadCaseFacts } from './facts';
import { computeSignals, dayOf, daysBetween } from './signals';

interface Context {
  today: string;
  members: Map<string, ScopeMemberRow[]>;
  requests: Map<string, OpenRequestRow[]>;
  signed: Set<string>;
  responsible: Record<LawKey, string | null>;
  mandateFor: (law: string, route: string) => MandateLevel;
}

const item = (ctx: Context, w: Omit<WaitingItem, 'days'>): WaitingItem => ({ ...w, days: Math.max(0, daysBetween(dayOf(w.since), ctx.today)) });

function requestWaits(ctx: Context, caseId: string): WaitingItem[] {
  return (ctx.requests.get(caseId) ?? []).map((r) => {
    if (r.kind === 'terug') {
      return item(ctx, { kind: 'doorbraak', subject: 'Doorbraakverzoek (terug voor aanvulling)', waitingFor: r.requesterName ? [{ name: r.requesterName, role: 'Indiener' }] : [], note: r.requesterName ? null : 'De indiener', level: r.level, since: r.at });
    }
    if (r.kind === 'geexporteerd') {
      return item(ctx, { kind: 'doorbraak', subject: 'Doorbraakverzoek (landelijk)', waitingFor: [], note: 'Het landelijk maatwerkloket', level: r.level, since: r.at });
    }
    const role = r.level ? MANDATE_LABELS[r.level] : r.assigneeFunctie ? FUNCTIE_LABELS[r.assigneeFunctie] : 'Mandaathouder';
    return item(ctx, {
      kind: 'doorbraak',
      subject: r.kind === 'opgeschaald' ? 'Doorbraakverzoek (opgeschaald)' : 'Doorbraakverzoek',
      waitingFor: r.assigneeName ? [{ name: r.assigneeName, role }] : [],
      note: r.assigneeName ? null : `Een ${role.toLowerCase()}`,
      level: r.level,
      since: r.at,
    });
  });
}

/**
 * An open vraagstuk waits for the professionals who have not signed their law's verdict yet.
 * Which laws are in scope is part of the co-edited draft (the plan's Y.Doc); loading every
 * plan here would cost a document load per case, so the overview uses the scope a vraagstuk
 * starts with: the laws that the case's members answer for. Once every such law is signed,
 * it waits for the regisseur's conclusion.
 */
function vraagstukWaits(ctx: Context, c: LoadedCase): WaitingItem[] {
  const members = ctx.members.get(c.base.id) ?? [];
  return c.openVraagstukken.map((v) => {
    const since = v.lastKind === 'heropend' && v.lastAt ? v.lastAt : v.createdAt;
    const waitingFor = LAW_KEYS.flatMap((law) => {
      const role = ctx.responsible[law];
      if (!role || ctx.signed.has(`${v.id}:${law}`)) return [];
      return members.filter((m) => m.caseRole === role).map((m) => ({ name: m.name, role: `${CASE_ROLE_LABELS[m.caseRole]} (${lawByKey(law).name})` }));
    });
    if (waitingFor.length === 0 && c.base.regisseurName) waitingFor.push({ name: c.base.regisseurName, role: 'Regisseur (besluit)' });
    return item(ctx, { kind: 'vraagstuk', subject: v.title, waitingFor, note: waitingFor.length ? null : 'Niemand aan tafel: wijs een regisseur aan', level: null, since });
  });
}

/** A proposed deviation waits for a mandate holder at the table whose mandate is high enough. */
function deviationWaits(ctx: Context, c: LoadedCase): WaitingItem[] {
  const members = ctx.members.get(c.base.id) ?? [];
  return c.liveDeviations
    .filter((d) => d.lastKind === null)
    .map((d) => {
      const level = ctx.mandateFor(d.law, d.route);
      const holders = members.filter((m) => {
        const mandate = mandateOf(m.functie);
        return m.caseRole === 'mandaathouder' && mandate !== null && mandateCovers(mandate, level);
      });
      return item(ctx, {
        kind: 'afwijking',
        subject: d.rule,
        waitingFor: holders.map((m) => ({ name: m.name, role: FUNCTIE_LABELS[m.functie] })),
        note: holders.length ? null : `Een ${MANDATE_LABELS[level].toLowerCase()}${level === 'wethouder' ? '' : ' of hoger'} (niet aan tafel)`,
        level,
        since: d.proposedAt,
      });
    });
}

export function stuckOverview(db: Db, actor: Actor, only: StuckSignal | undefined, today = todayNl()): StuckOverview {
  if (!can(actor.user.functie, 'stuck.overview')) throw Errors.forbidden('Het overzicht van vastgelopen casussen is er voor procesregisseurs.');
  const scope = { memberUserId: actor.user.id };
  const thresholds = signalThresholds(db);
  // Only procesregisseurs get here, and they are municipal staff: they see internal deviations.
  const loaded = loadCaseFacts(db, scope, today, MUNICIPAL_STAFF.includes(actor.user.functie));
  const requests = groupBy(openRequestRows(db, scope));

  const shown = loaded
    .map((c) => ({ c, signals: computeSignals(c.facts, thresholds, today), escalated: requests.has(c.base.id) }))
    .filter((x) => (x.signals.length > 0 || x.escalated) && (!only || x.signals.some((s) => s.key === only)));

  // Only what the shown cases need: their members, leads and signatures.
  const shownIds = new Set(shown.map((x) => x.c.base.id));
  const openIds = shown.flatMap((x) => x.c.openVraagstukken.map((v) => v.id));
  const rules = new Map(listMandateRules(db).map((r) => [`${r.law}:${r.route}`, r.level]));
  const ctx: Context = {
    today,
    members: groupBy(scopeMemberRows(db, scope).filter((m) => shownIds.has(m.caseId))),
    requests,
    signed: new Set(signedLawRows(db, openIds).map((s) => `${s.vraagstukId}:${s.law}`)),
    responsible: lawResponsibleRoles(db),
    mandateFor: (law, route) => rules.get(`${law}:${route}`) ?? DEFAULT_MANDATE,
  };
  const leads = new Map(latestLeadRows(db, scope).filter((l) => l.kind === 'genomen').map((l) => [l.caseId, l]));

  const cases: StuckCase[] = shown.map(({ c, signals, escalated }) => {
    // As on the case page: a lead whose holder left the table is no lead.
    const taken = leads.get(c.base.id);
    const lead = taken && ctx.members.get(c.base.id)?.some((m) => m.userId === taken.userId) ? taken : undefined;
    return {
      id: c.base.id,
      title: c.base.title,
      status: c.base.status,
      regisseur: c.base.regisseurId ? { id: c.base.regisseurId, name: c.base.regisseurName ?? '' } : null,
      lead: lead ? { by: { id: lead.userId, name: lead.userName }, at: lead.at, note: lead.note } : null,
      cluster: c.base.cluster,
      signals,
      escalated,
      waiting: [...requestWaits(ctx, c.base.id), ...vraagstukWaits(ctx, c), ...deviationWaits(ctx, c)].sort((a, b) => b.days - a.days),
    };
  });
  // Most signals first, then the longest-waiting.
  const longest = (s: StuckCase) => Math.max(0, ...s.waiting.map((w) => w.days));
  cases.sort((a, b) => b.signals.length - a.signals.length || longest(b) - longest(a) || a.title.localeCompare(b.title, 'nl'));
  return { today, thresholds, cases, casesChecked: loaded.length };
}
