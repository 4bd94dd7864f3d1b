// Where breakthrough requests go: the amount limit per mandate level and the minimum level per
// kind of breakthrough. Read by server/breakthroughs/routing.ts; set here by the administrator.
import { setAmountLimit, setKindLevel } from '../../db/queries/breakthroughs';
import { BREAKTHROUGH_KINDS } from '../../shared/breakthroughs';
import { MANDATE_LABELS, MANDATE_LEVELS } from '../../shared/laws';
import { type BreakthroughRoutingConfig, formatEuro } from '../../shared/schemas';
import { routingConfig } from '../breakthroughs/routing';
import type { Actor, Services } from '../context';
import { commit } from '../domain/commit';
import { Errors } from '../http/errors';
import { authorizeGlobal } from '../auth/authorize';

export async function breakthroughRouting(services: Services, actor: Actor): Promise<BreakthroughRoutingConfig> {
  authorizeGlobal(actor, 'mandates.manage');
  return await routingConfig(services.db);
}

export async function changeBreakthroughRouting(services: Services, actor: Actor, next: BreakthroughRoutingConfig): Promise<BreakthroughRoutingConfig> {
  authorizeGlobal(actor, 'mandates.manage');
  // A higher level may always grant what a lower one may: its limit is never lower.
  for (let i = 1; i < MANDATE_LEVELS.length; i++) {
    const lower = MANDATE_LEVELS[i - 1]!;
    const upper = MANDATE_LEVELS[i]!;
    const a = next.amountLimits[lower];
    const b = next.amountLimits[upper];
    if (b !== null && (a === null || a > b)) {
      throw Errors.unprocessable(
        'GRENZEN_NIET_OPLOPEND',
        `De grens van de ${MANDATE_LABELS[upper].toLowerCase()} (${formatEuro(b)}) mag niet lager zijn dan die van de ${MANDATE_LABELS[lower].toLowerCase()} (${a === null ? 'geen grens' : formatEuro(a)}).`,
      );
    }
  }
  await commit(services, actor, async ({ tx, audit }) => {
    for (const level of MANDATE_LEVELS) await setAmountLimit(tx, { level, maxCents: next.amountLimits[level], updatedBy: actor.user.id });
    for (const k of BREAKTHROUGH_KINDS) await setKindLevel(tx, { kind: k.key, level: next.kindLevels[k.key], updatedBy: actor.user.id });
    await audit({ action: 'breakthrough_routing.set', detail: next });
  });
  return await routingConfig(services.db);
}
