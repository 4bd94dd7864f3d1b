// Loads what the signals need for every case in a scope with a fixed handful of grouped
// queries (db/queries/stuck.ts), and groups the rows per case in memory.
import type { DbOrTx } from '../../db/client';
import {
  type CaseBaseRow,
  type CaseScope,
  caseBaseRows,
  type LatestFlagRow,
  latestFlagRows,
  type LiveDeviationRow,
  liveDeviationRows,
  type OpenVraagstukRow,
  openVraagstukRows,
  type OverdueGoalRow,
  overdueGoalRows,
} from '../../db/queries/stuck';
import type { CaseFacts } from './signals';

export interface LoadedCase {
  base: CaseBaseRow;
  facts: CaseFacts;
  overdueGoals: OverdueGoalRow[];
  openVraagstukken: OpenVraagstukRow[];
  liveDeviations: LiveDeviationRow[];
  flag: LatestFlagRow | null;
}

export function groupBy<T extends { caseId: string }>(rows: readonly T[]): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const r of rows) {
    const list = out.get(r.caseId);
    if (list) list.push(r);
    else out.set(r.caseId, [r]);
  }
  return out;
}

/**
 * `seesInternal`: whether the viewer may see internal deviations (municipal staff). For anyone
 * else they are left out before any signal is computed, so not even their rule shows up.
 */
export async function loadCaseFacts(db: DbOrTx, scope: CaseScope, today: string, seesInternal: boolean): Promise<LoadedCase[]> {
  const goals = groupBy(await overdueGoalRows(db, scope, today));
  const vraagstukken = groupBy(await openVraagstukRows(db, scope));
  const deviations = groupBy((await liveDeviationRows(db, scope, today)).filter((d) => seesInternal || !d.internal));
  const flags = new Map((await latestFlagRows(db, scope)).map((f) => [f.caseId, f]));
  return (await caseBaseRows(db, scope)).map((base) => {
    const flag = flags.get(base.id) ?? null;
    const open = vraagstukken.get(base.id) ?? [];
    const live = deviations.get(base.id) ?? [];
    const overdue = goals.get(base.id) ?? [];
    return {
      base,
      overdueGoals: overdue,
      openVraagstukken: open,
      liveDeviations: live,
      flag,
      facts: {
        status: base.status,
        createdAt: base.createdAt,
        closedAt: base.closedAt,
        hasRegisseur: base.regisseurId !== null,
        borgingsafspraken: base.borgingsafspraken,
        goals: overdue,
        lastPlanChangeAt: base.lastPlanChangeAt,
        vraagstukken: open,
        deviations: live,
        flag: flag ? { kind: flag.kind, reason: flag.reason, byName: flag.byName, at: flag.at } : null,
      },
    };
  });
}
