// Which mandate level a breakthrough request needs, and who holds it. Both the amount limits
// and the least level per kind are municipal configuration; missing rows mean the defaults in
// shared/breakthroughs.ts.
import type { DbOrTx } from '../../db/client';
import { listAmountLimits, listKindLevels, listMandateHolders } from '../../db/queries/breakthroughs';
import { BREAKTHROUGH_KINDS, type BreakthroughKind, DEFAULT_AMOUNT_LIMITS } from '../../shared/breakthroughs';
import { MANDATE_LABELS, MANDATE_LEVELS, type MandateLevel, mandateCovers } from '../../shared/laws';
import { mandateOf } from '../../shared/permissions';
import { type BreakthroughRoutingConfig, type Deviation, formatEuro, type MandateHolder } from '../../shared/schemas';
import { Errors } from '../http/errors';

export async function routingConfig(db: DbOrTx): Promise<BreakthroughRoutingConfig> {
  const limits = await listAmountLimits(db);
  const kinds = await listKindLevels(db);
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
  effectiveAmountCents: number | null;
  deviationLevel: MandateLevel | null;
}

export interface RoutingQuery {
  kind?: BreakthroughKind;
  /** The effective amount (effectiveAmountCents: the budget asked, at least the first-year cost). */
  amountCents?: number;
  /** The highest mandate the linked deviations need (linkedDeviationLevel). */
  deviationLevel?: MandateLevel | null;
  /** A floor: after an escalation or a return, never below where it was. */
  atLeast?: MandateLevel;
}

/** The highest of what the kind, the amount and the linked deviations need, and a floor. */
export function route(config: BreakthroughRoutingConfig, q: RoutingQuery): Routing {
  const kindLevel = q.kind ? config.kindLevels[q.kind] : null;
  let byAmount: MandateLevel | null = null;
  if (q.amountCents !== undefined) {
    byAmount = amountLevel(config, q.amountCents);
    if (!byAmount) {
      const top = MANDATE_LEVELS[MANDATE_LEVELS.length - 1]!;
      throw Errors.unprocessable(
        'BEDRAG_BOVEN_ALLE_GRENZEN',
        `Een bedrag van ${formatEuro(q.amountCents)} (het gevraagde budget, of de kosten van de doorbraak in het eerste jaar als die hoger zijn) gaat boven de grens van elk mandaat, ook dat van de ${MANDATE_LABELS[top].toLowerCase()}. Vraag minder budget of laat de functioneel beheerder de grenzen aanpassen.`,
      );
    }
  }
  const deviationLevel = q.deviationLevel ?? null;
  const level = [kindLevel, byAmount, deviationLevel, q.atLeast ?? null].reduce<MandateLevel>((acc, l) => (l ? higher(acc, l) : acc), MANDATE_LEVELS[0]);
  return { level, kindLevel, amountLevel: byAmount, effectiveAmountCents: q.amountCents ?? null, deviationLevel };
}

/**
 * The highest mandate that the linked deviations need by the municipality's mandate rules (per
 * law and route). The register computes that level for each deviation (`requiredMandate`); a
 * breakthrough that rests on a deviation never goes to someone who could not approve that deviation.
 */
export function linkedDeviationLevel(deviations: readonly Pick<Deviation, 'id' | 'requiredMandate'>[], ids: readonly string[]): MandateLevel | null {
  const wanted = new Set(ids);
  return deviations.filter((d) => wanted.has(d.id)).reduce<MandateLevel | null>((acc, d) => (acc ? higher(acc, d.requiredMandate) : d.requiredMandate), null);
}

/** Active accounts whose mandate covers the level, leaving out the people who may not decide (four eyes). */
export async function eligibleHolders(db: DbOrTx, level: MandateLevel, exclude: ReadonlySet<string>): Promise<MandateHolder[]> {
  return (await listMandateHolders(db)).flatMap((u) => {
    const mandate = mandateOf(u.functie);
    return mandate && mandateCovers(mandate, level) && !exclude.has(u.id) ? [{ ...u, mandate }] : [];
  });
}
