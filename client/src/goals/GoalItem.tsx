// One goal: the household's words, its life domain, the legitimation per law, who carries it
// and by when, whether the household agreed, and its actions. Members with edit access change
// the status, record or withdraw the agreement, and edit the goal in place.
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { del, post, put } from '../api';
import { ErrorMessage } from '../components/Feedback';
import { lawByKey } from '../../../shared/laws';
import { type CaseMember, type Goal, GOAL_STATUS_LABELS, GOAL_STATUSES, type GoalStatus } from '../../../shared/schemas';
import { ZRM_DOMAINS } from '../../../shared/zrm';
import { formatDay, today } from '../format';
import { describedBy } from '../forms/errors';
import { useAction } from '../forms/useAction';
import { useSubmit } from '../forms/useSubmit';
import { Field } from '../forms/Field';
import { ActionList } from './ActionList';
import { GoalForm } from './GoalForm';
import { ownerText } from './OwnerField';

/** The symbol repeats the word next to it; colour is never the only signal. */
const STATUS_SYMBOL: Record<GoalStatus, string> = { open: '○', bezig: '◐', bereikt: '✓', gestopt: '⊘' };

export const domainLabel = (key: string) => ZRM_DOMAINS.find((d) => d.key === key)?.label ?? key;

export function GoalStatusBadge({ status }: { status: GoalStatus }) {
  return (
    <span className={`doel-status doel-status-${status}`}>
      <span className="sr-only">Status: </span>
      <span aria-hidden="true">{STATUS_SYMBOL[status]}</span> {GOAL_STATUS_LABELS[status]}
    </span>
  );
}

interface Props {
  goal: Goal;
  caseId: string;
  members: CaseMember[];
  canEdit: boolean;
  /** May withdraw this goal as entered by mistake. */
  canWithdraw: boolean;
  /** Set when this goal's heading should take focus (after it was added or changed). */
  focusRequest: number;
  onChange: (g: Goal, message: string) => void;
  onWithdrawn: (remaining: Goal[], message: string) => void;
}

export function GoalItem({ goal: g, caseId, members, canEdit, canWithdraw, focusRequest, onChange, onWithdrawn }: Props) {
  const [editing, setEditing] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  const headingId = `doel-${g.id}-kop`;
  const path = `/api/cases/${encodeURIComponent(caseId)}/goals/${encodeURIComponent(g.id)}`;
  useEffect(() => {
    if (focusRequest > 0) heading.current?.focus();
  }, [focusRequest]);

  return (
    <article className={`doel doel-${g.status}`} aria-labelledby={headingId}>
      <div className="doel-labels">
        <GoalStatusBadge status={g.status} />
        {g.householdAgreement ? <span className="doel-instemming">Het huishouden stemt in</span> : <span className="klein">Nog geen instemming van het huishouden</span>}
        {g.overdue && <span className="vlag">Streefdatum verstreken</span>}
      </div>
      <h4 id={headingId} ref={heading} tabIndex={-1} className="doel-titel">
        {g.text}
      </h4>
      <dl className="doel-gegevens">
        <div>
          <dt>Leefgebied</dt>
          <dd>{domainLabel(g.lifeDomain)}</dd>
        </div>
        <div>
          <dt>Eigenaar</dt>
          <dd>{ownerText(g.owner)}</dd>
        </div>
        <div>
          <dt>Streefdatum</dt>
          <dd>{g.dueDate ? <time dateTime={g.dueDate}>{formatDay(g.dueDate)}</time> : 'Geen'}</dd>
        </div>
        {g.vraagstuk && (
          <div>
            <dt>Vraagstuk</dt>
            <dd>{g.vraagstuk.title}</dd>
          </div>
        )}
      </dl>
      <h5 className="doel-subkop">Legitimatie per wet</h5>
      {g.legitimations.length === 0 ? (
        <p className={g.legitimationWaiver ? undefined : 'leeg'}>{g.legitimationWaiver ? `Geen wet: ${g.legitimationWaiver}` : 'Nog niet onder een wet gelegitimeerd.'}</p>
      ) : (
        <dl className="doel-legitimaties">
          {g.legitimations.map((l) => (
            <div key={l.law}>
              <dt>{lawByKey(l.law).name}</dt>
              <dd>{l.text}</dd>
            </div>
          ))}
        </dl>
      )}
      <Agreement goal={g} path={path} canEdit={canEdit} onChange={onChange} />
      {canEdit && !editing && <StatusForm goal={g} path={path} onChange={onChange} />}
      <ActionList goal={g} caseId={caseId} members={members} canEdit={canEdit} onChange={onChange} />
      {canEdit &&
        (editing ? (
          <div className="doel-bewerken">
            <GoalForm
              caseId={caseId}
              members={members}
              goal={g}
              active
              onCancel={() => setEditing(false)}
              onSaved={(next, message) => {
                setEditing(false);
                onChange(next, message);
              }}
            />
          </div>
        ) : (
          <button type="button" className="knop-klein" onClick={() => setEditing(true)}>
            Doel wijzigen<span className="sr-only">: {g.text}</span>
          </button>
        ))}
      {canWithdraw && !editing && <WithdrawForm goal={g} path={path} onWithdrawn={onWithdrawn} />}
    </article>
  );
}

function StatusForm({ goal, path, onChange }: { goal: Goal; path: string; onChange: Props['onChange'] }) {
  const [status, setStatus] = useState<GoalStatus>(goal.status);
  const { busy, error, run } = useAction();
  const id = `doel-${goal.id}-status`;
  // Someone else may change the status meanwhile: follow the goal as it arrives.
  useEffect(() => setStatus(goal.status), [goal.status]);

  function submit(e: FormEvent) {
    e.preventDefault();
    void run(async () => {
      const next = await put<Goal>(`${path}/status`, { status });
      onChange(next, `De status van het doel is nu „${GOAL_STATUS_LABELS[next.status].toLowerCase()}”.`);
    });
  }

  return (
    <form onSubmit={submit} className="doel-statusformulier" aria-label={`Status van het doel: ${goal.text}`}>
      <ErrorMessage error={error} />
      <div className="veld inline">
        <label htmlFor={id}>Status</label>
        <select id={id} value={status} onChange={(e) => setStatus(e.target.value as GoalStatus)}>
          {GOAL_STATUSES.map((s) => (
            <option key={s} value={s}>
              {GOAL_STATUS_LABELS[s]}
            </option>
          ))}
        </select>
        <button type="submit" className="knop-klein" disabled={busy || status === goal.status}>
          Status opslaan
        </button>
      </div>
    </form>
  );
}

/** The household's agreement: shown to everyone, recorded (with a date, never in the future) by a professional. */
function Agreement({ goal, path, canEdit, onChange }: { goal: Goal; path: string; canEdit: boolean; onChange: Props['onChange'] }) {
  const [date, setDate] = useState(today());
  const id = `doel-${goal.id}-instemming`;
  const { error, fields, busy, run } = useSubmit({ agreedOn: 'Datum van instemming' }, () => id, { DATUM_IN_TOEKOMST: 'agreedOn' });
  const fieldError = fields.agreedOn;
  const a = goal.householdAgreement;
  const send = (request: () => Promise<Goal>, message: string) => run({}, request, (next) => onChange(next, message));

  return (
    <div className="doel-akkoord">
      <h5 className="doel-subkop">Instemming van het huishouden</h5>
      {a ? (
        <p>
          Het huishouden stemde in op <time dateTime={a.agreedOn}>{formatDay(a.agreedOn)}</time> (vastgelegd door {a.recordedBy.name}).
        </p>
      ) : (
        <p className="leeg">Nog niet vastgelegd.</p>
      )}
      <ErrorMessage error={error} />
      {canEdit && a && (
        <button type="button" className="knop-klein" disabled={busy} onClick={() => send(() => del<Goal>(`${path}/agreement`), 'De instemming is ingetrokken.')}>
          Instemming intrekken<span className="sr-only">: {goal.text}</span>
        </button>
      )}
      {canEdit && !a && (
        <form
          className="doel-akkoord-formulier"
          aria-label={`Instemming vastleggen: ${goal.text}`}
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void send(() => put<Goal>(`${path}/agreement`, { agreedOn: date }), 'De instemming van het huishouden is vastgelegd.');
          }}
        >
          <div className={fieldError ? 'veld inline veld-fout' : 'veld inline'}>
            <label htmlFor={id}>Datum van instemming</label>
            <input id={id} type="date" value={date} max={today()} onChange={(e) => setDate(e.target.value)} aria-invalid={fieldError ? true : undefined} aria-describedby={describedBy(fieldError && `${id}-fout`)} />
            <button type="submit" className="knop-klein" disabled={busy}>
              Instemming vastleggen
            </button>
          </div>
          {fieldError && (
            <p className="veldfout" id={`${id}-fout`}>
              {fieldError}
            </p>
          )}
        </form>
      )}
    </div>
  );
}

/**
 * Withdrawing a goal entered by mistake asks for a reason and a second click: it leaves the
 * household's view, the dossier and new intervision copies (the audit trail keeps it).
 */
function WithdrawForm({ goal, path, onWithdrawn }: { goal: Goal; path: string; onWithdrawn: Props['onWithdrawn'] }) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const { error, fields, busy, run, clearField } = useSubmit({ reason: 'Reden' }, () => `doel-${goal.id}-intrekken`);
  const id = `doel-${goal.id}-intrekken`;

  function submit(e: FormEvent) {
    e.preventDefault();
    void run(
      reason.trim() ? {} : { reason: 'Vul in waarom dit doel per vergissing is vastgelegd.' },
      () => post<Goal[]>(`${path}/withdraw`, { reason }),
      (remaining) => onWithdrawn(remaining, `Het doel „${goal.text}” is ingetrokken. Het staat niet meer in het plan, het overzicht van het huishouden en het dossier; de audittrail bewaart het.`),
    );
  }

  if (!open) {
    return (
      <button type="button" className="knop-klein knop-link" onClick={() => setOpen(true)}>
        Per vergissing vastgelegd: intrekken<span className="sr-only"> ({goal.text})</span>
      </button>
    );
  }
  return (
    <form onSubmit={submit} noValidate className="doel-intrekken" aria-label={`Doel intrekken: ${goal.text}`}>
      <ErrorMessage error={error} />
      <Field
        id={id}
        label="Waarom is dit doel per vergissing vastgelegd?"
        hint="Het doel verdwijnt uit het plan, het overzicht van het huishouden en het dossier. Dit kan niet ongedaan worden gemaakt."
        error={fields.reason}
      >
        {(control) => (
          <textarea
            {...control}
            rows={2}
            maxLength={2000}
            value={reason}
            onChange={(e) => {
              setReason(e.target.value);
              clearField('reason');
            }}
          />
        )}
      </Field>
      <div className="acties">
        <button type="submit" className="knop knop-gevaar" disabled={busy}>
          Doel intrekken
        </button>
        <button type="button" className="knop-link" onClick={() => setOpen(false)}>
          Annuleren
        </button>
      </div>
    </form>
  );
}
