// The decided records that belong to an adopted plan version: copied at adoption, so the
// dossier of version 3 shows the goals and approved deviations of version 3, not today's.
import type { DbOrTx } from '../../db/client';
import { listEvents, listRequestsOfCase, listVersions as listBreakthroughVersions } from '../../db/queries/breakthroughs';
import { listDeviationEvents, listDeviationsOfCase } from '../../db/queries/deviations';
import { listGoalsOfCase } from '../../db/queries/goals';
import { listDecisions, listVraagstukkenOfCase } from '../../db/queries/vraagstukken';
import type { PlanRecordBreakthroughDecision, PlanRecords, VraagstukDecision } from '../../shared/schemas';
import { stateOf } from '../breakthroughs/state';
import { deviationContent } from '../deviations/register';
import { goalViews } from '../goals/views';

type Decision = PlanRecordBreakthroughDecision;
const DECISION_KINDS = new Set<string>(['toegekend', 'afgewezen', 'terug', 'opgeschaald', 'geexporteerd', 'ingetrokken']);

/** Reads everything inside the adoption's transaction, so the copy matches the moment exactly. */
export async function snapshotRecords(tx: DbOrTx, caseId: string, today: string): Promise<PlanRecords> {
  const goals = (await goalViews(tx, caseId, await listGoalsOfCase(tx, caseId), today)).map((g) => ({
    id: g.id,
    text: g.text,
    lifeDomain: g.lifeDomain,
    owner: { type: g.owner.type, name: g.owner.name },
    dueDate: g.dueDate,
    status: g.status,
    householdAgreedOn: g.householdAgreement?.agreedOn ?? null,
    legitimations: g.legitimations,
    actions: g.actions.map((a) => ({ text: a.text, owner: a.owner.name, dueDate: a.dueDate, done: a.done })),
  }));

  const vraagstukRows = await listVraagstukkenOfCase(tx, caseId);
  const decisions = await listDecisions(
    tx,
    vraagstukRows.map((r) => r.vraagstuk.id),
  );
  const vraagstukken = vraagstukRows.flatMap(({ vraagstuk }) => {
    const last = decisions.filter((d) => d.vraagstukId === vraagstuk.id).at(-1);
    if (!last || last.kind !== 'besloten') return [];
    const conclusion: VraagstukDecision = {
      id: last.id,
      kind: last.kind,
      outcome: last.outcome,
      motivation: last.motivation,
      reviewDate: last.reviewDate,
      by: { id: last.byUserId, name: last.byName },
      caseRole: last.byCaseRole,
      at: last.at,
      basis: last.basis ? (JSON.parse(last.basis) as VraagstukDecision['basis']) : null,
    };
    return [{ id: vraagstuk.id, title: vraagstuk.title, conclusion }];
  });

  // In force at adoption: approved as the last word, and not past its end date.
  const events = await listDeviationEvents(tx, caseId);
  const deviations = (await listDeviationsOfCase(tx, caseId)).flatMap(({ deviation: d, proposerName }) => {
    const own = events.filter((e) => e.deviationId === d.id);
    const last = own.at(-1);
    if (!last || last.kind !== 'goedgekeurd' || !last.mandate || d.endDate < today) return [];
    return [
      {
        id: d.id,
        ...deviationContent(d),
        proposedBy: { id: d.proposedBy, name: proposerName },
        approval: { by: { id: last.byUserId, name: last.byName }, mandate: last.mandate, at: last.at, note: last.note },
      },
    ];
  });

  const requests = (await listRequestsOfCase(tx, caseId)).map((r) => r.request);
  const ids = requests.map((r) => r.id);
  const versions = await listBreakthroughVersions(tx, ids);
  const bEvents = await listEvents(tx, ids);
  const breakthroughs = requests.flatMap((request) => {
    const own = { versions: versions.filter((v) => v.requestId === request.id), events: bEvents.filter((e) => e.requestId === request.id) };
    // Submitting writes a version and its routing together; a request without them has nothing to copy.
    if (own.versions.length === 0 || !own.events.some((e) => e.kind === 'voorgelegd' || e.kind === 'opgeschaald')) return [];
    const s = stateOf(request, own.versions, own.events);
    const decisions = s.events
      .filter((e) => DECISION_KINDS.has(e.kind))
      .map(
        (e): Decision => ({
          kind: e.kind as Decision['kind'],
          by: { id: e.byUserId, name: e.byName },
          mandate: e.mandate,
          at: e.at,
          note: e.note,
          conditions: e.conditions,
          budgetCents: e.budgetCents,
          termEnd: e.termEnd,
        }),
      );
    const { kind, stuck, proposal, amountCents } = s.current;
    return [{ id: request.id, kind, stuck, proposal, amountCents, status: s.status, decisions }];
  });

  return { goals, vraagstukken, deviations, breakthroughs };
}

/**
 * The records as this reader may see them. Internal deviations (also where a conclusion rests
 * on one) never reach partners or the household; breakthroughs are for municipal staff only.
 */
export function recordsFor(records: PlanRecords, seesInternal: boolean): PlanRecords {
  if (seesInternal) return records;
  return {
    ...records,
    breakthroughs: [],
    deviations: records.deviations.filter((d) => !d.internal),
    vraagstukken: records.vraagstukken.map((v) => ({
      ...v,
      conclusion: { ...v.conclusion, basis: v.conclusion.basis ? { ...v.conclusion.basis, deviations: v.conclusion.basis.deviations.filter((d) => !d.internal) } : null },
    })),
  };
}
