// When a local article is in effect. Rows are never changed or removed (database triggers), so
// every change is a new row that replaces the previous version (`replacesId`):
//
// - A new wording replaces a version from its own `validFrom`, which must lie AFTER the
//   replaced version's `validFrom`. Before that date the old wording still applies.
// - Ending an article records the same wording again with an end date (`validUntil`) and the
//   SAME `validFrom` as the version it replaces. It therefore takes over that version on every
//   date, and only the end date differs. Because a new wording must start later, an equal
//   `validFrom` marks an ending unambiguously (see changeOf).
// - A version is replaced at most once, so the versions of one article form a single chain
//   whose `validFrom` never decreases. Only the latest version can be replaced or ended.
//
// A version is in effect on date D when validFrom <= D, (validUntil is null or >= D), and its
// successor (if any) does not yet apply: the successor's validFrom > D. Because `validFrom`
// never decreases along the chain, looking at the direct successor is enough.
//
// A citation `lokaal:<id>` names one exact version, whatever replaced it later.
import type { LocalArticleRow } from '../../db/queries/catalogue';
import type { LocalArticleChange, LocalArticleStatus } from '../../shared/schemas';

type Dated = Pick<LocalArticleRow, 'id' | 'validFrom' | 'validUntil' | 'replacesId'>;

/** Successor per replaced id. */
export function successors<T extends Dated>(rows: readonly T[]): Map<string, T> {
  const out = new Map<string, T>();
  for (const r of rows) if (r.replacesId) out.set(r.replacesId, r);
  return out;
}

export function isEffectiveOn(row: Dated, successor: Dated | undefined, date: string): boolean {
  if (row.validFrom > date) return false;
  if (row.validUntil !== null && row.validUntil < date) return false;
  return !successor || successor.validFrom > date;
}

/** The versions in effect on `date`: at most one per article. */
export function effectiveOn<T extends Dated>(rows: readonly T[], date: string): T[] {
  const next = successors(rows);
  return rows.filter((r) => isEffectiveOn(r, next.get(r.id), date));
}

export function statusOn(row: Dated, successor: Dated | undefined, today: string): LocalArticleStatus {
  if (isEffectiveOn(row, successor, today)) return 'geldend';
  // An ending row takes over from the same date, so its predecessor is replaced even before it starts.
  if (successor && (successor.validFrom <= today || successor.validFrom === row.validFrom)) return 'vervangen';
  if (row.validFrom > today) return 'toekomstig';
  return 'vervallen';
}

export function changeOf(row: Dated, predecessor: Dated | undefined): LocalArticleChange {
  if (!predecessor) return 'toegevoegd';
  return row.validFrom === predecessor.validFrom ? 'einddatum' : 'nieuwe_tekst';
}

