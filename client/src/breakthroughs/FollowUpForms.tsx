// What the procesregisseur does after a decision: escalate a refusal one level up, above the
// wethouder hand it to the national maatwerkloket (pseudonymised file), or withdraw the request.
import { type FormEvent, useId, useState } from 'react';
import { get, post } from '../api';
import { ErrorMessage } from '../components/Feedback';
import { useLoad } from '../useLoad';
import { MANDATE_LABELS } from '../../../shared/laws';
import type { Breakthrough, BreakthroughRouting } from '../../../shared/schemas';
import { Field } from '../forms/Field';
import { useSubmit } from '../forms/useSubmit';

type Done = (b: Breakthrough, message: string) => void;
const requestPath = (r: Breakthrough, action: string) => `/api/cases/${encodeURIComponent(r.caseId)}/breakthroughs/${encodeURIComponent(r.id)}/${action}`;

export function EscalateForm({ request, onDone }: { request: Breakthrough; onDone: Done }) {
  const level = request.escalationLevel!;
  const uid = useId();
  const fid = (k: string) => `dbv${uid}${k}`;
  const labels = { assigneeId: 'Mandaathouder', note: 'Toelichting bij de opschaling (optioneel)' };
  const { data: routing, error: loadError } = useLoad(
    () => get<BreakthroughRouting>(`/api/cases/${encodeURIComponent(request.caseId)}/breakthrough-routing?atLeast=${level}`),
    `${request.id}:${level}`,
  );
  const [assigneeId, setAssigneeId] = useState('');
  const [note, setNote] = useState('');
  const { error, fields, busy, run } = useSubmit(labels, fid, { MANDAAT_TE_LAAG: 'assigneeId', GEEN_MANDAATHOUDER: 'assigneeId', VIER_OGEN: 'assigneeId' });
  const label = MANDATE_LABELS[level].toLowerCase();

  function submit(e: FormEvent) {
    e.preventDefault();
    void run(
      { assigneeId: assigneeId ? undefined : 'Kies de mandaathouder aan wie het verzoek nu wordt voorgelegd.' },
      () => post<Breakthrough>(requestPath(request, 'escalate'), { assigneeId, ...(note.trim() ? { note } : {}) }),
      (b) => onDone(b, `Het verzoek is opgeschaald naar de ${label}.`),
    );
  }

  return (
    <form onSubmit={submit} noValidate className="besluit" aria-label={`Opschalen naar ${label}`}>
      <p className="hint">Het verzoek is afgewezen. U kunt het één niveau hoger voorleggen: aan een {label}. Die krijgt tijdelijk inzage in de casus.</p>
      <ErrorMessage error={error ?? loadError} />
      <Field id={fid('assigneeId')} label={labels.assigneeId} error={fields.assigneeId}>
        {(control) => (
          <select {...control} value={assigneeId} onChange={(e) => setAssigneeId(e.target.value)} disabled={!routing}>
            <option value="">— kies een mandaathouder —</option>
            {routing?.holders.map((h) => (
              <option key={h.id} value={h.id}>
                {h.name} ({MANDATE_LABELS[h.mandate]}, {h.organisation})
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field id={fid('note')} label={labels.note} error={fields.note}>
        {(control) => <textarea {...control} rows={2} maxLength={4000} value={note} onChange={(e) => setNote(e.target.value)} />}
      </Field>
      <button type="submit" className="knop" disabled={busy}>
        Opschalen naar {label}
      </button>
    </form>
  );
}

export function ExportForm({ request, onDone }: { request: Breakthrough; onDone: Done }) {
  const uid = useId();
  const fid = (k: string) => `dbv${uid}${k}`;
  const labels = { note: 'Toelichting voor het landelijk maatwerkloket (optioneel)' };
  const [note, setNote] = useState('');
  const { error, fields, busy, run } = useSubmit(labels, fid);

  function submit(e: FormEvent) {
    e.preventDefault();
    void run(
      {},
      () => post<Breakthrough>(requestPath(request, 'export'), note.trim() ? { note } : {}),
      (b) => onDone(b, 'Het verzoek is voorgelegd aan het landelijk maatwerkloket. Download hieronder het gepseudonimiseerde dossier.'),
    );
  }

  return (
    <form onSubmit={submit} noValidate className="besluit" aria-label="Voorleggen aan het landelijk maatwerkloket">
      <p className="hint">
        De wethouder heeft het verzoek afgewezen; binnen de gemeente is er geen hoger mandaat. Leg het voor aan het landelijk maatwerkloket. Het dossier is gepseudonimiseerd: namen
        van het huishouden en van betrokkenen worden vervangen door hun rol.
      </p>
      <ErrorMessage error={error} />
      <Field id={fid('note')} label={labels.note} error={fields.note}>
        {(control) => <textarea {...control} rows={2} maxLength={4000} value={note} onChange={(e) => setNote(e.target.value)} />}
      </Field>
      <button type="submit" className="knop" disabled={busy}>
        Voorleggen aan het landelijk maatwerkloket
      </button>
    </form>
  );
}

export function Downloads({ request }: { request: Breakthrough }) {
  return (
    <p className="dbv-downloads">
      Gepseudonimiseerd escalatiedossier:{' '}
      <a href={requestPath(request, 'export.html')} download>
        downloaden als HTML
      </a>{' '}
      of{' '}
      <a href={requestPath(request, 'export.json')} download>
        als JSON
      </a>
      .
    </p>
  );
}

export function WithdrawForm({ request, onDone }: { request: Breakthrough; onDone: Done }) {
  const uid = useId();
  const fid = (k: string) => `dbv${uid}${k}`;
  const labels = { reason: 'Reden van intrekken' };
  const [reason, setReason] = useState('');
  const { error, fields, busy, run } = useSubmit(labels, fid);

  function submit(e: FormEvent) {
    e.preventDefault();
    void run(
      { reason: reason.trim() ? undefined : 'Vul de reden van intrekken in.' },
      () => post<Breakthrough>(requestPath(request, 'withdraw'), { reason }),
      (b) => onDone(b, 'Het doorbraakverzoek is ingetrokken.'),
    );
  }

  return (
    <details className="dbv-intrekken">
      <summary>Verzoek intrekken</summary>
      <form onSubmit={submit} noValidate aria-label="Doorbraakverzoek intrekken">
        <ErrorMessage error={error} />
        <Field id={fid('reason')} label={labels.reason} hint="Een lopende tijdelijke inzage van de mandaathouder eindigt daarmee." error={fields.reason}>
          {(control) => <textarea {...control} rows={2} maxLength={2000} value={reason} onChange={(e) => setReason(e.target.value)} />}
        </Field>
        <button type="submit" className="knop knop-gevaar" disabled={busy}>
          Intrekken
        </button>
      </form>
    </details>
  );
}
