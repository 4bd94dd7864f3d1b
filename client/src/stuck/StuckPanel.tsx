// On the case page: the signals the server computed for this case, the vastgelopen flag any
// member may raise (or clear) with a reason, who has the lead, and the pilot cluster. Every
// member sees the same panel; the buttons follow what the server says this user may do.
import { type FormEvent, useState } from 'react';
import { get, post, put } from '../api';
import { ErrorMessage, Loading, SuccessMessage } from '../components/Feedback';
import { formatDate } from '../format';
import { summaryError } from '../forms/errors';
import { useLoad } from '../useLoad';
import { CASE_CLUSTERS, type CaseCluster } from '../../../shared/breakthroughs';
import type { CaseDetail, CaseSignals } from '../../../shared/schemas';
import { clusterLabel } from './labels';
import { SignalList } from './SignalList';
import { useFeed } from '../live/useFeed';

// The server names fields by their API property; people read the Dutch word.
const FIELD_LABELS = { reason: 'Reden', note: 'Toelichting', cluster: 'Pilotcluster' };

export function StuckPanel({ detail }: { detail: CaseDetail }) {
  const base = `/api/cases/${encodeURIComponent(detail.id)}`;
  // Rights follow the case status and the user's place at the table: load again when they change.
  const { data, error, reload, set } = useLoad(() => get<CaseSignals>(`${base}/signals`), `${detail.id}:${detail.status}:${detail.me.access}:${detail.me.caseRole}:${detail.regisseur?.id ?? ''}`);
  useFeed(detail.id, ['stuck', 'case'], reload);
  const [done, setDone] = useState<string | null>(null);
  const [actionError, setActionError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function act(run: () => Promise<CaseSignals>, message: string): Promise<boolean> {
    setActionError(null);
    setDone(null);
    setBusy(true);
    try {
      set(await run());
      setDone(message);
      return true;
    } catch (err) {
      setActionError(summaryError(err, FIELD_LABELS));
      return false;
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="vastgelopen-kop" className="paneel vastgelopen">
      <div className="sectiekop">
        <h2 id="vastgelopen-kop">Signalen en regie</h2>
      </div>
      <ErrorMessage error={error ?? actionError} />
      {done && <SuccessMessage>{done}</SuccessMessage>}
      {!data ? (
        !error && <Loading what="Signalen" />
      ) : (
        <>
          <SignalList signals={data.signals} empty="Geen signalen: niets wijst erop dat deze casus vastloopt." />
          <dl className="kenmerken">
            <div>
              <dt>Regie (procesregisseur)</dt>
              <dd className="regie">{data.lead ? `${data.lead.by.name}, sinds ${formatDate(data.lead.at)}` : 'Niemand heeft de regie genomen'}</dd>
            </div>
            <div>
              <dt>Pilotcluster</dt>
              <dd>{clusterLabel(data.cluster)}</dd>
            </div>
          </dl>
          {data.lead?.note && <p className="klein">Toelichting bij de regie: {data.lead.note}</p>}
          <div className="vastgelopen-acties">
            {data.can.flag && <ReasonForm id="melden" label="Waarom loopt deze casus vast?" hint="Alle leden zien uw naam en deze reden. De procesregisseur ziet de melding in het overzicht." button="Melden als vastgelopen" minLength={10} busy={busy} onSubmit={(reason) => act(() => post(`${base}/stuck-flag`, { reason }), 'De casus is als vastgelopen gemeld. De procesregisseur ziet dit in het overzicht.')} />}
            {data.can.clearFlag && <ReasonForm id="opheffen" label="Waarom is de casus niet meer vastgelopen?" button="Melding opheffen" busy={busy} onSubmit={(reason) => act(() => post(`${base}/stuck-flag/clear`, { reason }), 'De melding „vastgelopen” is opgeheven.')} />}
            {data.can.takeLead && <LeadForm busy={busy} onSubmit={(note) => act(() => post(`${base}/lead`, note ? { note } : {}), 'U heeft de regie genomen. Alle leden zien dat.')} />}
            {data.can.releaseLead && (
              <button type="button" className="knop-klein" disabled={busy} onClick={() => void act(() => post(`${base}/lead/release`, {}), 'U heeft de regie overgedragen.')}>
                Regie overdragen
              </button>
            )}
            {data.can.setCluster && <ClusterForm value={data.cluster} busy={busy} onSave={(cluster) => act(() => put(`${base}/cluster`, { cluster }), `Pilotcluster opgeslagen: ${clusterLabel(cluster)}.`)} />}
          </div>
        </>
      )}
    </section>
  );
}

function ReasonForm(props: { id: string; label: string; hint?: string; button: string; minLength?: number; busy: boolean; onSubmit: (reason: string) => Promise<boolean> }) {
  const [reason, setReason] = useState('');
  const fieldId = `vastgelopen-${props.id}`;
  async function submit(e: FormEvent) {
    e.preventDefault();
    if (await props.onSubmit(reason)) setReason('');
  }
  return (
    <form onSubmit={submit} noValidate className="vastgelopen-formulier">
      <div className="veld">
        <label htmlFor={fieldId}>{props.label}</label>
        {props.hint && (
          <p className="hint" id={`${fieldId}-hint`}>
            {props.hint}
          </p>
        )}
        <textarea id={fieldId} rows={3} value={reason} aria-describedby={props.hint ? `${fieldId}-hint` : undefined} onChange={(e) => setReason(e.target.value)} />
      </div>
      <button type="submit" className="knop" disabled={props.busy}>
        {props.button}
      </button>
    </form>
  );
}

/** Taking the lead, with an optional note for the table (what the procesregisseur will do, until when). */
function LeadForm({ busy, onSubmit }: { busy: boolean; onSubmit: (note: string) => Promise<boolean> }) {
  const [note, setNote] = useState('');
  async function submit(e: FormEvent) {
    e.preventDefault();
    if (await onSubmit(note.trim())) setNote('');
  }
  return (
    <form onSubmit={submit} noValidate className="vastgelopen-formulier">
      <div className="veld">
        <label htmlFor="vastgelopen-regie-toelichting">Toelichting bij de regie (optioneel)</label>
        <p className="hint" id="vastgelopen-regie-toelichting-hint">
          Bijvoorbeeld wat u gaat doen en tot wanneer. Alle leden zien uw naam en deze toelichting.
        </p>
        <textarea id="vastgelopen-regie-toelichting" rows={2} maxLength={2000} value={note} aria-describedby="vastgelopen-regie-toelichting-hint" onChange={(e) => setNote(e.target.value)} />
      </div>
      <button type="submit" className="knop" disabled={busy}>
        Regie nemen
      </button>
    </form>
  );
}

function ClusterForm({ value, busy, onSave }: { value: CaseCluster | null; busy: boolean; onSave: (c: CaseCluster | null) => Promise<boolean> }) {
  const [choice, setChoice] = useState<string>(value ?? '');
  return (
    <form
      className="vastgelopen-formulier cluster-formulier"
      onSubmit={(e) => {
        e.preventDefault();
        void onSave(choice === '' ? null : (choice as CaseCluster));
      }}
    >
      <div className="veld inline">
        <label htmlFor="vastgelopen-cluster">Pilotcluster</label>
        <select id="vastgelopen-cluster" value={choice} onChange={(e) => setChoice(e.target.value)}>
          <option value="">Geen cluster</option>
          {CASE_CLUSTERS.map((c) => (
            <option key={c.key} value={c.key}>
              {c.label}
            </option>
          ))}
        </select>
        <button type="submit" className="knop-klein" disabled={busy}>
          Cluster opslaan
        </button>
      </div>
    </form>
  );
}
