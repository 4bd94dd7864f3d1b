// "Wie heeft mijn dossier bekeken" (AVG art. 15): read from the audit trail of the case, as
// people and days rather than raw rows. Which room someone opened is not told: that the
// municipality keeps internal notes on a household must not be readable from this list. Nor is
// which intervision session a pseudonymised copy became: that link stays in the audit trail.
//
// Who appears comes from the audit trail only (tamper-evident). Reads through the API are
// grouped per person, case, day and kind (server/cases/reads.ts): their audit row marks the first
// read of the day, and case_reads tells how often and until when.
import { recordAudit } from '../../db/queries/audit';
import { listCaseReads } from '../../db/queries/case-reads';
import { caseRolesOfEveryone, listCaseAccessRows } from '../../db/queries/resident';
import { CASE_ROLE_LABELS, FUNCTIE_LABELS } from '../../shared/roles';
import { ACCESS_KIND_LABELS, ACCESS_KINDS, type AccessKind, type AccessLogEntry } from '../../shared/schemas';
import type { Actor, Services } from '../context';
import { todayNl } from '../dates';
import { authorizeResident } from '../cases/gate';

const isKind = (k: unknown): k is AccessKind => typeof k === 'string' && (ACCESS_KINDS as readonly string[]).includes(k);

/** The audit actions that are a look at (or a copy of) the file, and how the household reads them. */
const KIND_OF: Record<string, (detail: Record<string, unknown>) => AccessKind> = {
  // Any GET under /api/cases/{id}: the kind was decided when it was read (internal content as "dossier_geopend").
  'case.content_read': (d) => (isKind(d.kind) ? d.kind : 'dossier_geopend'),
  'collab.join': (d) => (d.room === 'plan' ? 'plan_bekeken' : d.room === 'overleg' ? 'overleg_bekeken' : 'dossier_geopend'),
  // Rows some GET routes write of their own; since case_reads their reads are counted there too.
  'case.read': () => 'dossier_geopend',
  'plan.version_opened': () => 'versie_bekeken',
  'conference.opened': () => 'overleg_bekeken',
  'dossier.exported': () => 'gedownload',
  'breakthrough.exported': () => 'gedownload',
  // Making an intervision copy reads the whole file. The household sees that it happened, who
  // did it and when; never which session it became (the detail is not read).
  'intervision.created': () => 'intervisiekopie',
};
const ACCESS_ACTIONS = Object.keys(KIND_OF);
/** Written by a GET route, so the same read is in case_reads: counted there, not twice. */
const ALSO_COUNTED_AS_READ: Record<string, (detail: Record<string, unknown>) => boolean> = {
  'case.read': () => true,
  'plan.version_opened': () => true,
  'conference.opened': () => true,
  'dossier.exported': () => true,
  // The escalation file downloaded (GET export.html/json, with its format); not the export itself.
  'breakthrough.exported': (d) => typeof d.format === 'string',
};

function parseDetail(detail: string): Record<string, unknown> {
  try {
    const d = JSON.parse(detail) as unknown;
    return d && typeof d === 'object' ? (d as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

interface KindCount {
  /** A grouped read (case.content_read) was recorded: case_reads has its count. */
  grouped: boolean;
  /** Counted from the count in case_reads. */
  reads: number | null;
  /** Rows written per GET (before case_reads, or beside it). */
  perRequest: number;
  /** Events that are no GET (room joins, copies): always counted one by one. */
  events: number;
}

/** Per person per day, newest day first. The household's own visits are not listed. */
export async function accessLog(services: Services, actor: Actor, caseId: string): Promise<AccessLogEntry[]> {
  const { db } = services;
  await authorizeResident(db, actor, caseId, 'resident.accesslog');
  const roles = new Map((await caseRolesOfEveryone(db, caseId)).map((r) => [r.userId, r.caseRole]));
  const groups = new Map<string, Omit<AccessLogEntry, 'what'> & { counts: Map<AccessKind, KindCount> }>();
  for (const r of await listCaseAccessRows(db, caseId, ACCESS_ACTIONS, actor.user.id)) {
    const day = todayNl(new Date(r.at));
    const key = `${day}|${r.userId}`;
    let g = groups.get(key);
    if (!g) {
      const caseRole = roles.get(r.userId);
      g = {
        day,
        person: { name: r.name, role: caseRole ? CASE_ROLE_LABELS[caseRole] : FUNCTIE_LABELS[r.functie], organisation: r.organisation },
        first: r.at,
        last: r.at,
        counts: new Map(),
      };
      groups.set(key, g);
    }
    const detail = parseDetail(r.detail);
    const kind = KIND_OF[r.action]!(detail);
    const c = g.counts.get(kind) ?? { grouped: false, reads: null, perRequest: 0, events: 0 };
    if (r.action === 'case.content_read') c.grouped = true;
    else if (ALSO_COUNTED_AS_READ[r.action]?.(detail)) c.perRequest += 1;
    else c.events += 1;
    g.counts.set(kind, c);
    g.last = r.at;
  }
  // How often, and until when: only for what the audit trail already lists.
  for (const read of await listCaseReads(db, caseId, actor.user.id)) {
    const g = groups.get(`${read.day}|${read.userId}`);
    const c = g?.counts.get(read.kind);
    if (!g || !c?.grouped) continue;
    c.reads = read.times;
    if (read.lastAt > g.last) g.last = read.lastAt;
  }
  const entries = [...groups.values()]
    .map(({ counts, ...g }) => ({
      ...g,
      what: ACCESS_KINDS.filter((k) => counts.has(k)).map((k) => {
        const c = counts.get(k)!;
        return { kind: k, label: ACCESS_KIND_LABELS[k], times: Math.max(1, (c.reads ?? c.perRequest) + c.events) };
      }),
    }))
    .sort((a, b) => (a.day === b.day ? b.last.localeCompare(a.last) : b.day.localeCompare(a.day)));
  // Looking at who looked is itself a look at the file.
  await recordAudit(db, { action: 'resident.accesslog_read', actorUserId: actor.user.id, caseId, ip: actor.ip, detail: { entries: entries.length } });
  return entries;
}
