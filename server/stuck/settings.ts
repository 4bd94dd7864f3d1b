// The signal thresholds are municipal configuration, set by the functional administrator
// within sane bounds (shared/doorbraak.ts SIGNAL_SETTINGS). Missing rows mean the default.
import type { Db } from '../../db/client';
import { appendAudit } from '../../db/queries/audit';
import { listSignalSettingRows, setSignalSetting } from '../../db/queries/stuck';
import { SIGNAL_SETTINGS, type SignalSetting } from '../../shared/doorbraak';
import { can } from '../../shared/permissions';
import type { SignalSettingView } from '../../shared/schemas';
import type { Actor } from '../context';
import { Errors } from '../http/errors';

function requireAdmin(actor: Actor): void {
  if (!can(actor.user.functie, 'signals.manage')) throw Errors.forbidden('Alleen de functioneel beheerder stelt de drempels van de signalen in.');
}

export function listSignalSettings(db: Db, actor: Actor): SignalSettingView[] {
  requireAdmin(actor);
  const stored = new Map(listSignalSettingRows(db).map((r) => [r.key, r]));
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

export function changeSignalSetting(db: Db, actor: Actor, key: SignalSetting, value: number): SignalSettingView {
  requireAdmin(actor);
  const def = SIGNAL_SETTINGS.find((s) => s.key === key)!;
  if (value < def.min || value > def.max) {
    const unit = key === 'plan_stil_weken' ? 'weken' : 'dagen';
    throw Errors.unprocessable('BUITEN_GRENZEN', `Kies voor „${def.label}” een waarde van ${def.min} tot en met ${def.max} ${unit}.`);
  }
  const before = listSignalSettings(db, actor).find((s) => s.key === key)!.value;
  db.transaction(
    (tx) => {
      setSignalSetting(tx, { key, value, updatedBy: actor.user.id });
      appendAudit(tx, { action: 'signal_setting.set', actorUserId: actor.user.id, ip: actor.ip, detail: { key, from: before, to: value } });
    },
    { behavior: 'immediate' },
  );
  return listSignalSettings(db, actor).find((s) => s.key === key)!;
}
