// Who carries a goal or an action: a member of the case, or the household itself in its own
// words ("moeder", "het gezin"). One select, and a text field when it is the household.
import type { CaseMember, GoalOwner, GoalOwnerInput } from '../../../shared/schemas';
import { Field } from '../forms/Field';

export interface OwnerValue {
  /** '' (not chosen), 'household', or a member's user id. */
  choice: string;
  name: string;
}

export const HOUSEHOLD = 'household';

export const emptyOwner = (): OwnerValue => ({ choice: '', name: '' });

export function ownerValueOf(owner: GoalOwner): OwnerValue {
  return owner.type === 'household' ? { choice: HOUSEHOLD, name: owner.name } : { choice: owner.userId ?? '', name: '' };
}

export function ownerInputOf(v: OwnerValue): GoalOwnerInput {
  return v.choice === HOUSEHOLD ? { type: 'household', name: v.name } : { type: 'member', userId: v.choice };
}

export const sameOwner = (a: OwnerValue, b: OwnerValue) => a.choice === b.choice && (a.choice !== HOUSEHOLD || a.name.trim() === b.name.trim());

/** Why the choice cannot be sent yet, or null. */
export function ownerProblem(v: OwnerValue): string | null {
  if (!v.choice) return 'Kies wie eigenaar is: een lid van de casus of het huishouden.';
  if (v.choice === HOUSEHOLD && !v.name.trim()) return 'Vul in wie in het huishouden eigenaar is, bijvoorbeeld „moeder” of „het gezin”.';
  return null;
}

export function ownerText(owner: GoalOwner): string {
  if (owner.type === 'household') return owner.name;
  return owner.stillMember ? owner.name : `${owner.name} (niet meer in de casus)`;
}

interface Props {
  idPrefix: string;
  members: CaseMember[];
  value: OwnerValue;
  onChange: (v: OwnerValue) => void;
  error?: string | undefined;
  /** The current owner, kept as an option when they have since left the case. */
  current?: GoalOwner | undefined;
}

export function OwnerField({ idPrefix, members, value, onChange, error, current }: Props) {
  const id = `${idPrefix}-eigenaar`;
  const formerMember = current?.type === 'member' && !current.stillMember && !members.some((m) => m.userId === current.userId) ? current : null;
  return (
    <>
      <Field id={id} label="Eigenaar" error={error}>
        {(control) => (
          <select {...control} value={value.choice} onChange={(e) => onChange({ ...value, choice: e.target.value })}>
            <option value="">— kies een eigenaar —</option>
            <option value={HOUSEHOLD}>Het huishouden (zelf invullen wie)</option>
            <optgroup label="Leden van de casus">
              {members.map((m) => (
                <option key={m.userId} value={m.userId}>
                  {m.name}
                </option>
              ))}
              {formerMember?.userId && <option value={formerMember.userId}>{ownerText(formerMember)}</option>}
            </optgroup>
          </select>
        )}
      </Field>
      {value.choice === HOUSEHOLD && (
        <Field id={`${id}-naam`} label="Wie in het huishouden" hint="Bijvoorbeeld „moeder”, „vader” of „het gezin”.">
          {(control) => <input {...control} value={value.name} maxLength={120} onChange={(e) => onChange({ ...value, name: e.target.value })} />}
        </Field>
      )}
    </>
  );
}
