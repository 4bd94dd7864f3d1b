// Which mandate level approves a deviation, per law and deviation route: municipal
// configuration kept by the functional administrator (standard: the teamleider).
import { listMandateRules, setMandateRule } from '../../db/queries/deviations';
import { DEFAULT_MANDATE, DEVIATION_ROUTES, LAW_KEYS } from '../../shared/laws';
import type { MandateRule } from '../../shared/schemas';
import type { Actor, Services } from '../context';
import { commit } from '../domain/commit';
import { authorizeGlobal } from '../auth/authorize';

/** Every combination of law and route, with the default where nothing is set. */
export async function mandateRules(services: Services, actor: Actor): Promise<MandateRule[]> {
  authorizeGlobal(actor, 'mandates.manage');
  const set = await listMandateRules(services.db);
  return LAW_KEYS.flatMap((law) => DEVIATION_ROUTES.map((r) => ({ law, route: r.key, level: set.find((s) => s.law === law && s.route === r.key)?.level ?? DEFAULT_MANDATE })));
}

export async function changeMandateRule(services: Services, actor: Actor, rule: MandateRule): Promise<MandateRule> {
  authorizeGlobal(actor, 'mandates.manage');
  await commit(services, actor, async ({ tx, audit }) => {
    await setMandateRule(tx, { ...rule, updatedBy: actor.user.id });
    await audit({ action: 'mandate_rule.set', detail: rule });
  });
  return rule;
}
