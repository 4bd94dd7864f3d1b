import { type FormEvent, useState } from 'react';
import { post } from '../api';
import { formatDateTime } from '../format';
import { CASE_STATUS_LABELS } from '../../../shared/roles';
import { BORGING_MIN_LENGTH, type CaseDetail } from '../../../shared/schemas';
import { ErrorMessage } from '../components/Feedback';
import { useAction } from '../forms/useAction';

/** Closing (only with borgingsafspraken), reopening (with a reason), and the status history. */
export function StatusPanel({ detail, onChange }: { detail: CaseDetail; onChange: (d: CaseDetail) => void }) {
  const [text, setText] = useState('');
  const { error, run } = useAction();
  const base = `/api/cases/${encodeURIComponent(detail.id)}`;
  const closing = detail.status === 'open';
  const allowed = closing ? detail.me.can['case.close'] : detail.me.can['case.reopen'];

  function submit(e: FormEvent) {
    e.preventDefault();
    void run(async () => {
      const next = closing ? await post<CaseDetail>(`${base}/close`, { borgingsafspraken: text }) : await post<CaseDetail>(`${base}/reopen`, { reason: text });
      setText('');
      onChange(next);
    });
  }

  return (
    <section aria-labelledby="status-kop" className="paneel">
      <h2 id="status-kop">Status en afsluiting</h2>
      {detail.borgingsafspraken && (
        <div className="borging">
          <h3>Borgingsafspraken {closing ? '(bij de vorige afsluiting)' : ''}</h3>
          <p>{detail.borgingsafspraken}</p>
        </div>
      )}
      {allowed && (
        <form onSubmit={submit} noValidate>
          <ErrorMessage error={error} />
          <div className="veld">
            <label htmlFor="status-tekst">{closing ? 'Borgingsafspraken' : 'Reden voor heropenen'}</label>
            <p className="hint" id="status-hint">
              {closing
                ? `Verplicht voor afsluiten (minstens ${BORGING_MIN_LENGTH} tekens): wie houdt een vinger aan de pols, wanneer is er contact, en hoe kan het gezin terugkomen?`
                : 'De casus gaat verder met de volledige geschiedenis.'}
            </p>
            <textarea id="status-tekst" aria-describedby="status-hint" rows={4} value={text} onChange={(e) => setText(e.target.value)} />
          </div>
          <button type="submit" className={closing ? 'knop knop-gevaar' : 'knop'}>
            {closing ? 'Casus sluiten' : 'Casus heropenen'}
          </button>
        </form>
      )}
      <h3>Geschiedenis</h3>
      <ol className="tijdlijn">
        {detail.statusHistory.map((s, i) => (
          <li key={i}>
            <time dateTime={s.at}>{formatDateTime(s.at)}</time>: <strong>{CASE_STATUS_LABELS[s.status]}</strong> door {s.by.name}
            {s.note ? ` – ${s.note}` : ''}
          </li>
        ))}
      </ol>
    </section>
  );
}
