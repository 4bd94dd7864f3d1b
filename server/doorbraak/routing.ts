// Which mandate level a breakthrough request needs, and who holds it. Both the amount limits
// and the least level per kind are municipal configuration; missing rows mean the defaults in
// shared/doorbraak.ts.
import type { DbOrTx } from '../../db/client';
import { listAmountLimits, listKindLevels, listMandateHolders } from '../../db/queries/breakthroughs';
import { BREAKTHROUGH_KINDS, type BreakthroughKind, DEFAULT_AMOUNT_LIMITS } from '../../shared/doorbraak';
import { MANDATE_LABELS, MANDATE_LEVELS, type MandateLevel, mandateCovers } from '../../shared/laws';
import { mandateOf } from '../../shared/permissions';
import { type BreakthroughRoutingConfig, formatEuro, type MandateHolder } from '../../shared/schemas';
import { Errors } from '../http/errors';

export function routingConfig(db: DbOrTx): BreakthroughRoutingConfig {
  const limits = listAmountLimits(db);
  const kinds = listKindLevels(db);
  return {
    // A stored null means "no limit", so only a missing row falls back to the default.
    amountLimits: Object.fromEntries(
      MANDATE_LEVELS.map((l) => {
        const stored = limits.find((r) => r.level === l);
        return [l, stored ? stored.maxCents : DEFAULT_AMOUNT_LIMITS[l]];
      }),
    ) as BreakthroughRoutingConfig['amountLimits'],
    kindLevels: Object.fromEntries(BREAKTHROUGH_KINDS.map((k) => [k.key, kinds.find((r) => r.kind === k.key)?.level ?? k.defaultLevel])) as BreakthroughRoutingConfig['kindLevels'],
  };
}

export const higher = (a: MandateLevel, b: MandateLevel): MandateLevel => (mandateCovers(a, b) ? a : b);

/** The level one step above, or null above the wethouder. */
export function levelAbove(level: MandateLevel): MandateLevel | null {
  return MANDATE_LEVELS[MANDATE_LEVELS.indexOf(level) + 1] ?? null;
}

/** The lowest level whose limit covers the amount; null when none does. */
export function amountLevel(config: BreakthroughRoutingConfig, cents: number): MandateLevel | null {
  return MANDATE_LEVELS.find((l) => {
    const max = config.amountLimits[l];
    return max === null || cents <= max;
  }) ?? null;
}

/** May a decision at this level grant this amount? */
export function withinLimit(config: BreakthroughRoutingConfig, level: MandateLevel, cents: number): boolean {
  const max = config.amountLimits[level];
  return max === null || cents <= max;
}

export interface Routing {
  level: MandateLevel;
  kindLevel: MandateLevel | null;
  amountLevel: MandateLevel | null;
}

/** The higher of what the kind needs, what the amount needs and a floor (after escalation). */
export function route(config: BreakthroughRoutingConfig, q: { kind?: BreakthroughKind; amountCents?: number; atLeast?: MandateLevel }): Routing {
  const kindLevel = q.kind ? config.kindLevels[q.kind] : null;
  let byAmount: MandateLevel | null = null;
  if (q.amountCents !== undefined) {
    byAmount = amountLevel(config, q.amountCents);
    if (!byAmount) {
      const top = MANDATE_LEVELS[MANDATE_LEVELS.length - 1]!;
      throw Errors.unprocessable(
        'BEDRAG_BOVEN_ALLE_GRENZEN',
        `Een bedrag van ${formatEuro(q.amountCents)} gaat boven de grens van elk mandaat, ook dat van de ${MANDATE_LABELS[top].toLowerCase()}. Vraag minder budget of laat de functioneel beheerder de grenzen aanpassen.`,
      );
    }
  }
  const level = [kindLevel, byAmount, q.atLeast ?? null].reduce<MandateLevel>((acc, l) => (l ? higher(acc, l) : acc), MANDATE_LEVELS[0]);
  return { level, kindLevel, amountLevel: byAmount };
}

/** Active accounts whose mandate covers the level, leaving out the people who may not decide (four eyes). */
export function eligibleHolders(db: DbOrTx, level: MandateLevel, exclude: ReadonlySet<string>): MandateHolder[] {
  return listMandateHolders(db).flatMap((u) => {
    const mandate = mandateOf(u.functie);
    return mandate && mandateCovers(mandate, level) && !exclude.has(u.id) ? [{ ...u, mandate }] : [];
  });
}
