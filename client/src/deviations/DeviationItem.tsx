// One deviation in the register: what was agreed, for how long, and the backing (rugdekking):
// who approved it under which mandate and when. Decisions are small inline forms.
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { post } from '../api';
import { ErrorMessage } from '../components/Feedback';
import { formatDate, formatDay } from '../format';
import { DEVIATION_ROUTES, lawByKey, MANDATE_LABELS } from '../../../shared/laws';
import { type Deviation, deviationHash, DEVIATION_STATUS_LABELS, type DeviationStatus } from '../../../shared/schemas';
import { useHashTarget } from '../components/useHashTarget';
import { Field } from '../forms/Field';
import { useSubmit } from '../forms/useSubmit';

type Mode = 'approve' | 'reject' | 'revoke';

/** The symbol repeats the word next to it; colour is never the only signal. */
const STATUS_SYMBOL: Record<DeviationStatus, string> = {
  voorgesteld: '○',
  goedgekeurd: '✓',
  afgewezen: '✕',
  verlopen: '–',
  ingetrokken: '⊘',
};

/** The rule departed from, with the law's name in front unless the rule already names it. */
export function deviationTitle(d: Deviation): string {
  const law = lawByKey(d.law).name;
  return d.rule.toLowerCase().includes(law.toLowerCase()) ? d.rule : `${law}: ${d.rule}`;
}

export function routeText(d: Deviation): string {
  if (d.route === 'anders') return d.routeOther ? `Anders: ${d.routeOther}` : 'Anders';
  return DEVIATION_ROUTES.find((r) => r.key === d.route)?.label ?? d.route;
}

export function DeviationStatusBadge({ status }: { status: DeviationStatus }) {
  return (
    <span className={`afw-status afw-status-${status}`}>
      <span className="sr-only">Status: </span>
      <span aria-hidden="true" className="afw-status-teken">
        {STATUS_SYMBOL[status]}
      </span>{' '}
      {DEVIATION_STATUS_LABELS[status]}
    </span>
  );
}

interface Props {
  deviation: Deviation;
  caseId: string;
  /** Set when this item's heading should take focus (after a decision or a new proposal). */
  focusRequest: number;
  onChange: (d: Deviation, message: string) => void;
}

export function DeviationItem({ deviation: d, caseId, focusRequest, onChange }: Props) {
  const [mode, setMode] = useState<Mode | null>(null);
  // Arriving from the Postvak (…#afwijking-<id>): this deviation comes into view with focus.
  const heading = useHashTarget(deviationHash(d.id), true);
  const headingId = `afwijking-${d.id}-kop`;
  const title = deviationTitle(d);
  useEffect(() => {
    if (focusRequest > 0) heading.current?.focus();
  }, [focusRequest]);

  const canAct = d.can.approve || d.can.reject || d.can.revoke;
  return (
    <article className={`afwijking afwijking-${d.status}${d.internal ? ' afwijking-intern' : ''}`} aria-labelledby={headingId}>
      <div className="afwijking-labels">
        <DeviationStatusBadge status={d.status} />
        {d.internal && (
          <span className="label-vertrouwelijk">
            Intern<span className="sr-only"> (alleen zichtbaar voor medewerkers van de gemeente)</span>
          </span>
        )}
        {d.reviewOverdue && <span className="vlag">{d.status === 'voorgesteld' ? 'Herbeoordelingsdatum voorbij: opnieuw voorstellen' : 'Herbeoordeling verlopen'}</span>}
      </div>
      <h3 id={headingId} ref={heading} tabIndex={-1} className="afwijking-titel">
        {title}
      </h3>
      <dl className="afwijking-gegevens">
        <div>
          <dt>Wet</dt>
          <dd>{lawByKey(d.law).name}</dd>
        </div>
        <div>
          <dt>Route</dt>
          <dd>{routeText(d)}</dd>
        </div>
        <div>
          <dt>Looptijd</dt>
          <dd>
            <time dateTime={d.startDate}>{formatDay(d.startDate)}</time> – <time dateTime={d.endDate}>{formatDay(d.endDate)}</time>
          </dd>
        </div>
        <div>
          <dt>Herbeoordeling</dt>
          <dd>
            <time dateTime={d.reviewDate}>{formatDay(d.reviewDate)}</time>
            {d.reviewOverdue && <span className="sr-only"> (verlopen)</span>}
          </dd>
        </div>
        <div className="breed">
          <dt>Wat er wel gebeurt</dt>
          <dd className="afwijking-tekst">{d.willDo}</dd>
        </div>
        <div className="breed">
          <dt>Wat er niet gebeurt</dt>
          <dd className="afwijking-tekst">{d.willNotDo}</dd>
        </div>
        <div className="breed">
          <dt>Motivering</dt>
          <dd className="afwijking-tekst">{d.reasoning}</dd>
        </div>
      </dl>
      <Backing d={d} />
      {canAct && mode === null && (
        <div className="acties afwijking-acties">
          {d.can.approve && (
            <button type="button" className="knop" onClick={() => setMode('approve')}>
              Goedkeuren<span className="sr-only"> ({title})</span>
            </button>
          )}
          {d.can.reject && (
            <button type="button" className="knop knop-tweede" onClick={() => setMode('reject')}>
              Afwijzen<span className="sr-only"> ({title})</span>
            </button>
          )}
          {d.can.revoke && (
            <button type="button" className="knop knop-tweede" onClick={() => setMode('revoke')}>
              Intrekken<span className="sr-only"> ({title})</span>
            </button>
          )}
        </div>
      )}
      {mode && (
        <DecisionForm
          mode={mode}
          deviation={d}
          caseId={caseId}
          onCancel={() => setMode(null)}
          onDone={(next, message) => {
            setMode(null);
            onChange(next, message);
          }}
        />
      )}
    </article>
  );
}

/** Rugdekking: proposed by, and the decision with name, mandate and date. */
function Backing({ d }: { d: Deviation }) {
  return (
    <div className="rugdekking">
      <p className="rugdekking-kop">Rugdekking</p>
      <ul>
        <li>
          Voorgesteld door {d.proposedBy.name} op <time dateTime={d.proposedAt}>{formatDate(d.proposedAt)}</time>.
        </li>
        {d.status === 'voorgesteld' && (
          <li className="rugdekking-wacht">
            Wacht op besluit. <strong>Vereist mandaat: {MANDATE_LABELS[d.requiredMandate]}</strong>
            {d.requiredMandate !== 'wethouder' && ' (of hoger)'}.
          </li>
        )}
        {d.approval && (
          <li className="rugdekking-besluit">
            <strong>
              Goedgekeurd door {d.approval.by.name} ({MANDATE_LABELS[d.approval.mandate]})
            </strong>{' '}
            op <time dateTime={d.approval.at}>{formatDate(d.approval.at)}</time>.{d.approval.note && <> Toelichting: {d.approval.note}</>}
          </li>
        )}
        {d.rejection && (
          <li className="rugdekking-besluit">
            <strong>
              Afgewezen door {d.rejection.by.name} ({MANDATE_LABELS[d.rejection.mandate]})
            </strong>{' '}
            op <time dateTime={d.rejection.at}>{formatDate(d.rejection.at)}</time>.{d.rejection.note && <> Reden: {d.rejection.note}</>}
          </li>
        )}
        {d.revocation && (
          <li className="rugdekking-besluit">
            <strong>Ingetrokken door {d.revocation.by.name}</strong> op <time dateTime={d.revocation.at}>{formatDate(d.revocation.at)}</time>. Reden: {d.revocation.reason}
          </li>
        )}
      </ul>
    </div>
  );
}

const DECISIONS: Record<Mode, { path: string; field: 'note' | 'reason'; label: string; hint: string; submit: string; required: boolean; done: string }> = {
  approve: {
    path: 'approve',
    field: 'note',
    label: 'Toelichting bij de goedkeuring (optioneel)',
    hint: 'U keurt goed onder uw eigen mandaat. Uw naam, uw mandaat en de datum staan daarna bij de afwijking, als rugdekking voor wie haar uitvoert.',
    submit: 'Goedkeuring vastleggen',
    required: false,
    done: 'De afwijking is goedgekeurd.',
  },
  reject: {
    path: 'reject',
    field: 'note',
    label: 'Reden van afwijzing',
    hint: 'Verplicht. De reden staat daarna bij de afwijking.',
    submit: 'Afwijzing vastleggen',
    required: true,
    done: 'De afwijking is afgewezen.',
  },
  revoke: {
    path: 'revoke',
    field: 'reason',
    label: 'Reden van intrekking',
    hint: 'Verplicht. Na intrekken is de afwijking niet meer van kracht.',
    submit: 'Intrekking vastleggen',
    required: true,
    done: 'De afwijking is ingetrokken.',
  },
};

function DecisionForm({ mode, deviation, caseId, onDone, onCancel }: { mode: Mode; deviation: Deviation; caseId: string; onDone: (d: Deviation, message: string) => void; onCancel: () => void }) {
  const cfg = DECISIONS[mode];
  const [text, setText] = useState('');
  const input = useRef<HTMLTextAreaElement>(null);
  const id = `besluit-${deviation.id}`;
  const { error, fields, busy, run } = useSubmit({ [cfg.field]: cfg.label }, () => id);
  useEffect(() => input.current?.focus(), []);

  function submit(e: FormEvent) {
    e.preventDefault();
    void run(
      cfg.required && !text.trim() ? { [cfg.field]: `Vul de ${cfg.label.toLowerCase()} in.` } : {},
      () => post<Deviation>(`/api/cases/${encodeURIComponent(caseId)}/deviations/${encodeURIComponent(deviation.id)}/${cfg.path}`, cfg.required || text.trim() ? { [cfg.field]: text } : {}),
      (next) => onDone(next, cfg.done),
    );
  }

  return (
    <form onSubmit={submit} noValidate className={`besluit besluit-${mode}`} aria-label={`${cfg.submit}: ${deviationTitle(deviation)}`}>
      <ErrorMessage error={error} />
      <Field id={id} label={cfg.label} hint={cfg.hint} error={fields[cfg.field]}>
        {(control) => <textarea {...control} ref={input} rows={2} maxLength={2000} value={text} onChange={(e) => setText(e.target.value)} />}
      </Field>
      <div className="acties">
        <button type="submit" className={mode === 'approve' ? 'knop' : 'knop knop-gevaar'} disabled={busy}>
          {cfg.submit}
        </button>
        <button type="button" className="knop-link" onClick={onCancel}>
          Annuleren
        </button>
      </div>
    </form>
  );
}
