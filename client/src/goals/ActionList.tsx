// The actions under a goal: what, who and by when, ticked off when done. Ticking saves at
// once (a checkbox that changes nothing else on the page); adding is a small form.
import { type FormEvent, useState } from 'react';
import { patch, post } from '../api';
import { ErrorMessage } from '../components/Feedback';
import type { CaseMember, Goal, GoalAction } from '../../../shared/schemas';
import type { FieldErrors } from '../forms/errors';
import { Field } from '../forms/Field';
import { useSubmit } from '../forms/useSubmit';
import { formatDate, formatDay } from '../format';
import { emptyOwner, OwnerField, ownerInputOf, ownerProblem, ownerText, type OwnerValue } from './OwnerField';

interface Props {
  goal: Goal;
  caseId: string;
  members: CaseMember[];
  canEdit: boolean;
  onChange: (g: Goal, message: string) => void;
}

export function ActionList({ goal, caseId, members, canEdit, onChange }: Props) {
  const [error, setError] = useState<unknown>(null);
  // The tick shows at once; it is undone if the server refuses it.
  const [pending, setPending] = useState<{ id: string; done: boolean } | null>(null);
  const base = `/api/cases/${encodeURIComponent(caseId)}/goals/${encodeURIComponent(goal.id)}/actions`;

  async function toggle(a: GoalAction, done: boolean) {
    setError(null);
    setPending({ id: a.id, done });
    try {
      const next = await patch<Goal>(`${base}/${encodeURIComponent(a.id)}`, { done });
      onChange(next, done ? `Actie afgevinkt: ${a.text}` : `Actie staat weer open: ${a.text}`);
    } catch (err) {
      setError(err);
    } finally {
      setPending(null);
    }
  }

  return (
    <div className="doel-acties">
      <h5 className="doel-subkop">Acties</h5>
      <ErrorMessage error={error} />
      {goal.actions.length === 0 ? (
        <p className="leeg">Nog geen acties.</p>
      ) : (
        <ul className="acties-lijst">
          {goal.actions.map((a) => {
            const id = `actie-${a.id}`;
            return (
              <li key={a.id} className={a.done ? 'actie actie-gedaan' : 'actie'}>
                {canEdit ? (
                  <span className="veld vinkje">
                    <input
                      id={id}
                      type="checkbox"
                      checked={pending?.id === a.id ? pending.done : a.done}
                      disabled={pending?.id === a.id}
                      onChange={(e) => toggle(a, e.target.checked)}
                      aria-describedby={`${id}-wie`}
                    />
                    <label htmlFor={id}>{a.text}</label>
                  </span>
                ) : (
                  <span>
                    <span className="actie-stand">{a.done ? '✓ Gedaan: ' : 'Open: '}</span>
                    {a.text}
                  </span>
                )}
                <span className="klein" id={`${id}-wie`}>
                  {' '}
                  — {ownerText(a.owner)}
                  {a.dueDate && (
                    <>
                      , uiterlijk <time dateTime={a.dueDate}>{formatDay(a.dueDate)}</time>
                    </>
                  )}
                  {a.doneAt && <>, gedaan op {formatDate(a.doneAt)}</>}
                </span>
                {a.overdue && <span className="vlag"> Verlopen</span>}
              </li>
            );
          })}
        </ul>
      )}
      {canEdit && <AddActionForm goal={goal} base={base} members={members} onChange={onChange} />}
    </div>
  );
}

const LABELS = { text: 'Actie', owner: 'Eigenaar', dueDate: 'Uiterlijk op' };

function AddActionForm({ goal, base, members, onChange }: { goal: Goal; base: string; members: CaseMember[]; onChange: Props['onChange'] }) {
  const p = `actie-nieuw-${goal.id}`;
  const [open, setOpen] = useState(false);
  const [text, setText] = useState('');
  const [owner, setOwner] = useState<OwnerValue>(emptyOwner);
  const [dueDate, setDueDate] = useState('');
  const { error, fields, busy, run } = useSubmit(LABELS, (k) => (k === 'owner' ? `${p}-eigenaar` : `${p}-${k}`), { EIGENAAR_GEEN_LID: 'owner' });

  function submit(e: FormEvent) {
    e.preventDefault();
    // One thing at a time: the owner first, then the date.
    const problem = ownerProblem(owner);
    const missing: FieldErrors = problem ? { owner: problem } : !dueDate ? { dueDate: 'Kies de datum waarop de actie uiterlijk gedaan is.' } : {};
    void run(
      missing,
      () => post<Goal>(base, { text, owner: ownerInputOf(owner), dueDate }),
      (next) => {
        setText('');
        setOwner(emptyOwner());
        setDueDate('');
        setOpen(false);
        onChange(next, 'De actie is toegevoegd.');
      },
    );
  }

  return (
    <details className="actie-toevoegen" open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>
        Actie toevoegen<span className="sr-only"> aan: {goal.text}</span>
      </summary>
      <form onSubmit={submit} noValidate aria-label={`Actie toevoegen aan: ${goal.text}`}>
        <ErrorMessage error={error} />
        <Field id={`${p}-text`} label={LABELS.text} error={fields.text}>
          {(control) => <input {...control} value={text} maxLength={1000} onChange={(e) => setText(e.target.value)} />}
        </Field>
        <div className="rij-velden">
          <div>
            <OwnerField idPrefix={p} members={members} value={owner} onChange={setOwner} error={fields.owner} />
          </div>
          <Field id={`${p}-dueDate`} label={LABELS.dueDate} error={fields.dueDate}>
            {(control) => <input {...control} type="date" value={dueDate} onChange={(e) => setDueDate(e.target.value)} />}
          </Field>
        </div>
        <button type="submit" className="knop-klein" disabled={busy}>
          Actie opslaan
        </button>
      </form>
    </details>
  );
}
