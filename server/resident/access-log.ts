// "Wie heeft mijn dossier bekeken" (AVG art. 15): read from the audit trail of the case, as
// people and days rather than raw rows. Which room someone opened is not told: that the
// municipality keeps internal notes on a household must not be readable from this list. Nor is
// which intervision session a pseudonymised copy became: that link stays in the audit trail.
import { recordAudit } from '../../db/queries/audit';
import { caseRolesOfEveryone, listCaseAccessRows } from '../../db/queries/resident';
import { CASE_ROLE_LABELS, FUNCTIE_LABELS } from '../../shared/roles';
import { ACCESS_KIND_LABELS, ACCESS_KINDS, type AccessKind, type AccessLogEntry } from '../../shared/schemas';
import type { Actor, Services } from '../context';
import { todayNl } from '../dates';
import { authorizeResident } from './access';

/** The audit actions that are a look at (or a copy of) the file, and how the household reads them. */
const KIND_OF: Record<string, (detail: Record<string, unknown>) => AccessKind> = {
  'case.read': () => 'dossier_geopend',
  'collab.join': (d) => (d.room === 'plan' ? 'plan_bekeken' : d.room === 'overleg' ? 'overleg_bekeken' : 'dossier_geopend'),
  'plan.version_opened': () => 'versie_bekeken',
  'conference.opened': () => 'overleg_bekeken',
  'dossier.exported': () => 'gedownload',
  'breakthrough.exported': () => 'gedownload',
  // Making an intervision copy reads the whole file. The household sees that it happened, who
  // did it and when; never which session it became (the detail is not read).
  'intervision.created': () => 'intervisiekopie',
};
const ACCESS_ACTIONS = Object.keys(KIND_OF);

function parseDetail(detail: string): Record<string, unknown> {
  try {
    const d = JSON.parse(detail) as unknown;
    return d && typeof d === 'object' ? (d as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** Per person per day, newest day first. The household's own visits are not listed. */
export function accessLog(services: Services, actor: Actor, caseId: string): AccessLogEntry[] {
  const { db } = services;
  authorizeResident(db, caseId, actor.user, 'resident.accesslog');
  const roles = new Map(caseRolesOfEveryone(db, caseId).map((r) => [r.userId, r.caseRole]));
  const groups = new Map<string, AccessLogEntry & { counts: Map<AccessKind, number> }>();
  for (const r of listCaseAccessRows(db, caseId, ACCESS_ACTIONS, actor.user.id)) {
    const day = todayNl(new Date(r.at));
    const key = `${day}|${r.userId}`;
    let g = groups.get(key);
    if (!g) {
      const caseRole = roles.get(r.userId);
      g = {
        day,
        person: { name: r.name, role: caseRole ? CASE_ROLE_LABELS[caseRole] : FUNCTIE_LABELS[r.functie], organisation: r.organisation },
        what: [],
        first: r.at,
        last: r.at,
        counts: new Map(),
      };
      groups.set(key, g);
    }
    const kind = KIND_OF[r.action]!(parseDetail(r.detail));
    g.counts.set(kind, (g.counts.get(kind) ?? 0) + 1);
    g.last = r.at;
  }
  const entries = [...groups.values()]
    .map(({ counts, ...g }) => ({
      ...g,
      what: ACCESS_KINDS.filter((k) => counts.has(k)).map((k) => ({ kind: k, label: ACCESS_KIND_LABELS[k], times: counts.get(k)! })),
    }))
    .sort((a, b) => (a.day === b.day ? b.last.localeCompare(a.last) : b.day.localeCompare(a.day)));
  // Looking at who looked is itself a look at the file.
  recordAudit(db, { action: 'resident.accesslog_read', actorUserId: actor.user.id, caseId, ip: actor.ip, detail: { entries: entries.length } });
  return entries;
}
