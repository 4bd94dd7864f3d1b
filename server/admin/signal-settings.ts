// The signal thresholds are municipal configuration, set by the functional administrator
// within sane bounds (shared/stuck.ts SIGNAL_SETTINGS). Missing rows mean the default.
import { listSignalSettingRows, setSignalSetting } from '../../db/queries/stuck';
import { SIGNAL_SETTINGS, type SignalSetting } from '../../shared/stuck';
import type { SignalSettingView } from '../../shared/schemas';
import type { Actor, Services } from '../context';
import { commit } from '../domain/commit';
import { Errors } from '../http/errors';
import { authorizeGlobal } from '../auth/authorize';

const requireAdmin = (actor: Actor) => authorizeGlobal(actor, 'signals.manage', 'Alleen de functioneel beheerder stelt de drempels van de signalen in.');

export async function listSignalSettings(services: Services, actor: Actor): Promise<SignalSettingView[]> {
  requireAdmin(actor);
  const { db } = services;
  const stored = new Map((await listSignalSettingRows(db)).map((r) => [r.key, r]));
  return SIGNAL_SETTINGS.map((s) => {
    const row = stored.get(s.key);
    return {
      key: s.key,
      label: s.label,
      value: row?.value ?? s.default,
      default: s.default,
      min: s.min,
      max: s.max,
      updatedAt: row?.updatedAt ?? null,
      updatedBy: row ? { id: row.updatedById, name: row.updatedByName } : null,
    };
  });
}

export async function changeSignalSetting(services: Services, actor: Actor, key: SignalSetting, value: number): Promise<SignalSettingView> {
  requireAdmin(actor);
  const def = SIGNAL_SETTINGS.find((s) => s.key === key)!;
  if (value < def.min || value > def.max) {
    const unit = key === 'plan_stil_weken' ? 'weken' : 'dagen';
    throw Errors.unprocessable('BUITEN_GRENZEN', `Kies voor „${def.label}” een waarde van ${def.min} tot en met ${def.max} ${unit}.`);
  }
  const before = (await listSignalSettings(services, actor)).find((s) => s.key === key)!.value;
  await commit(services, actor, async ({ tx, audit }) => {
    await setSignalSetting(tx, { key, value, updatedBy: actor.user.id });
    await audit({ action: 'signal_setting.set', detail: { key, from: before, to: value } });
  });
  return (await listSignalSettings(services, actor)).find((s) => s.key === key)!;
}
