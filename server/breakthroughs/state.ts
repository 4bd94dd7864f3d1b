// Where a request stands, derived from its append-only events: nothing about the status is
// stored, so it can never disagree with the trail that led to it.
import type { EventRow, RequestRow, VersionRow } from '../../db/queries/breakthroughs';
import type { BreakthroughStatus } from '../../shared/breakthroughs';
import type { MandateLevel } from '../../shared/laws';
import { higher, levelAbove } from './routing';

const STATUS_AFTER: Record<EventRow['kind'], BreakthroughStatus> = {
  voorgelegd: 'ingediend',
  opgeschaald: 'ingediend',
  toegekend: 'toegekend',
  afgewezen: 'afgewezen',
  terug: 'terug_voor_aanvulling',
  geexporteerd: 'landelijk',
  ingetrokken: 'ingetrokken',
};

export interface RequestState {
  request: RequestRow;
  versions: VersionRow[];
  events: EventRow[];
  current: VersionRow;
  status: BreakthroughStatus;
  /** The latest routing (voorgelegd / opgeschaald): the level and whom it went to. */
  routing: EventRow;
  grant: EventRow | null;
  /** People who asked for it: they never decide on it (four eyes). */
  requesters: Set<string>;
  /** After a refusal: the next level up, or null above the wethouder (then: export). */
  escalationLevel: MandateLevel | null;
}

export function stateOf(request: RequestRow, versions: VersionRow[], events: EventRow[]): RequestState {
  const current = versions.at(-1);
  const routing = events.findLast((e) => e.kind === 'voorgelegd' || e.kind === 'opgeschaald');
  // Submitting writes the version and its routing in one transaction: both always exist.
  if (!current || !routing || !routing.level) throw new Error(`doorbraakverzoek ${request.id} zonder versie of routering`);
  const last = events.at(-1)!;
  const status = STATUS_AFTER[last.kind];
  const requesters = new Set([request.createdBy, ...versions.map((v) => v.submittedBy), ...events.filter((e) => e.kind === 'opgeschaald').map((e) => e.byUserId)]);
  let escalationLevel: MandateLevel | null = null;
  if (status === 'afgewezen') escalationLevel = escalationLevelAfter(routing.level, last.mandate);
  return {
    request,
    versions,
    events,
    current,
    status,
    routing,
    grant: status === 'toegekend' ? last : null,
    requesters,
    escalationLevel,
  };
}

/**
 * After a refusal: the level an escalation goes to, or null above the wethouder (then: export).
 * A wethouder who refuses a request routed lower has still refused it as wethouder: it goes
 * above the refuser, not above the routed level.
 */
export function escalationLevelAfter(routedLevel: MandateLevel, refuserMandate: MandateLevel | null): MandateLevel | null {
  return levelAbove(refuserMandate ? higher(routedLevel, refuserMandate) : routedLevel);
}

/**
 * Whether a granted breakthrough's term is over, so its outcome can be recorded. The term's last
 * day counts as over: that is the day the conditions are evaluated.
 */
export function termOver(s: { grant: { termEnd: string | null } | null }, today: string): boolean {
  const end = s.grant?.termEnd;
  return end !== null && end !== undefined && end <= today;
}

/** The version number each event is about: every submission writes exactly one 'voorgelegd'. */
export function versionOfEvents(events: EventRow[]): Map<number, number> {
  let n = 0;
  const out = new Map<number, number>();
  for (const e of events) {
    if (e.kind === 'voorgelegd') n += 1;
    out.set(e.id, Math.max(n, 1));
  }
  return out;
}
