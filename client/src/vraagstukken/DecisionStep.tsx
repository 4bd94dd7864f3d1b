// Step 6: the decision and its motivation. "We doen het niet, omdat…" is recorded exactly like
// "we doen het". The server decides whether it may be concluded; the blockers it reports are
// shown here so the table knows what is still missing.
import { type FormEvent, useState } from 'react';
import { post } from '../api';
import { ErrorMessage, SuccessMessage } from '../components/Feedback';
import { GOAL_LAWS, GoalForm, type GoalPrefill } from '../goals/GoalForm';
import { HOUSEHOLD } from '../goals/OwnerField';
import { useAction } from '../forms/useAction';
import { formatDateTime, formatDay, today } from '../format';
import { lawByKey, MANDATE_LABELS } from '../../../shared/laws';
import type { VraagstukDraft } from '../../../shared/plan/vraagstukken';
import { CASE_ROLE_LABELS, labelInSentence } from '../../../shared/roles';
import type { Vraagstuk, VraagstukDecision } from '../../../shared/schemas';
import { OUTCOMES, type Outcome } from '../../../shared/vraagstukken';
import { defaultReviewDate, earliest } from '../../../shared/terms';
import { verdictLabel } from './labels';
import { StepText, type StepProps } from './StepText';

export function DecisionStep(props: StepProps & { draft: VraagstukDraft }) {
  const { vraagstuk: v } = props;
  return (
    <>
      <StepText {...props} text="besluit" label="Motivering van het besluit" />
      {v.can.conclude && <ConcludeForm {...props} />}
      {!v.can.conclude && v.status === 'open' && <p className="hint">Besluiten doet de regisseur of de procesregisseur.</p>}
      {v.decisions.length > 0 && <Decisions decisions={v.decisions} />}
      <GoalFromDecision {...props} />
      {v.can.reopen && <ReopenForm {...props} />}
    </>
  );
}

function ConcludeForm({ vraagstuk: v, draft, onChange }: StepProps & { draft: VraagstukDraft }) {
  const [outcome, setOutcome] = useState<Outcome>('uitvoeren');
  // Reviewed no later than the first deviation it rests on, else at the plan's first horizon;
  // the suggestion follows the deviations until someone picks a date.
  const [picked, setReviewDate] = useState<string | null>(null);
  const reviewDate = picked ?? reviewDateFor(v);
  const { busy, error, run } = useAction();
  const blockers = [...v.blockers.any, ...(outcome === 'uitvoeren' ? v.blockers.uitvoeren : [])];
  const idp = `vs-${v.id}-besluit`;

  function submit(e: FormEvent) {
    e.preventDefault();
    void run(async () => {
      const updated = await post<Vraagstuk>(`/api/cases/${encodeURIComponent(v.caseId)}/vraagstukken/${encodeURIComponent(v.id)}/conclusion`, {
        outcome,
        motivation: draft.texts.besluit,
        ...(reviewDate ? { reviewDate } : {}),
      });
      onChange(updated, 'Het besluit is vastgelegd.');
    });
  }

  return (
    <form className="besluiten" onSubmit={submit} aria-labelledby={`${idp}-kop`}>
      <h6 id={`${idp}-kop`}>Besluit vastleggen</h6>
      <fieldset>
        <legend>Uitkomst</legend>
        {OUTCOMES.map((o) => (
          <label key={o.key}>
            <input type="radio" name={`${idp}-uitkomst`} value={o.key} checked={outcome === o.key} onChange={() => setOutcome(o.key)} /> {o.label}
          </label>
        ))}
      </fieldset>
      <div className="veld">
        <label htmlFor={`${idp}-review`}>Herbeoordelen op{outcome === 'niet_uitvoeren' ? ' (niet verplicht)' : ''}</label>
        <input id={`${idp}-review`} type="date" min={today()} value={reviewDate} required={outcome === 'uitvoeren'} onChange={(e) => setReviewDate(e.target.value)} />
      </div>
      {blockers.length > 0 && (
        <div className="melding melding-waarschuwing" id={`${idp}-blokkades`}>
          <p>Nog niet te besluiten:</p>
          <ul>
            {blockers.map((b) => (
              <li key={b}>{b}</li>
            ))}
          </ul>
        </div>
      )}
      <ErrorMessage error={error} />
      <button type="submit" className="knop" disabled={busy} aria-describedby={blockers.length ? `${idp}-blokkades` : undefined}>
        Besluit vastleggen
      </button>
    </form>
  );
}

/** The review date a conclusion starts with: the earliest review of a deviation it rests on (not rejected or withdrawn), else the plan horizon. */
function reviewDateFor(v: Vraagstuk): string {
  const relied = v.deviations.filter((d) => d.status !== 'afgewezen' && d.status !== 'ingetrokken' && d.reviewDate && d.reviewDate >= today());
  return earliest(relied.map((d) => d.reviewDate!)) ?? defaultReviewDate(today());
}

function Decisions({ decisions }: { decisions: VraagstukDecision[] }) {
  return (
    <ol className="besluiten-lijst" aria-label="Besluiten en heropeningen">
      {decisions.map((d) => (
        <li key={d.id} className={`besluit-${d.kind}`}>
          {d.kind === 'heropend' ? (
            <p>
              <strong>Heropend</strong> door {d.by.name} op {formatDateTime(d.at)}: {d.motivation}
            </p>
          ) : (
            <>
              <p>
                <strong>{OUTCOMES.find((o) => o.key === d.outcome)?.label}</strong>, besloten door {d.by.name} ({labelInSentence(CASE_ROLE_LABELS[d.caseRole])}) op {formatDateTime(d.at)}
                {d.reviewDate && <>; herbeoordelen op {formatDay(d.reviewDate)}</>}.
              </p>
              <p className="besluit-motivering">{d.motivation}</p>
              {d.basis && (
                <details>
                  <summary>Waarop het besluit rust</summary>
                  <ul>
                    {d.basis.signatures.map((s) => (
                      <li key={s.id}>
                        {lawByKey(s.law).name}: „{verdictLabel(s.verdict)}”, ondertekend door {s.by.name} op {formatDateTime(s.at)}
                      </li>
                    ))}
                    {d.basis.deviations.map((x) => (
                      <li key={x.id}>
                        Afwijking „{x.rule}”{x.approval ? `, goedgekeurd door ${x.approval.by.name} (mandaat ${MANDATE_LABELS[x.approval.mandate].toLowerCase()})` : ''}
                      </li>
                    ))}
                    {d.basis.citations.map((c) => (
                      <li key={c.key}>
                        {c.source}, art. {c.ref} {c.title}
                        {c.validFrom ? ` (versie geldig vanaf ${formatDay(c.validFrom)})` : c.catalogueVersion ? ` (catalogus ${c.catalogueVersion})` : ''}
                      </li>
                    ))}
                  </ul>
                </details>
              )}
            </>
          )}
        </li>
      ))}
    </ol>
  );
}

/**
 * "We doen het" becomes a goal of the plan: the form starts with what the table agreed in this
 * vraagstuk (the signed verdicts per law, its life domain, the decision's review date), and the
 * household as the goal's owner, since the vraagstuk is the household's question.
 */
function GoalFromDecision({ vraagstuk: v, detail, draft }: StepProps & { draft: VraagstukDraft }) {
  const [open, setOpen] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const decision = v.decisions.at(-1);
  if (!decision || decision.kind !== 'besloten' || decision.outcome !== 'uitvoeren' || !detail.me.can['plan.edit'] || detail.status !== 'open') return null;
  const goalLaws = new Set(GOAL_LAWS.map((l) => l.key));
  const prefill: GoalPrefill = {
    vraagstukId: v.id,
    ...(draft.lifeDomains[0] ? { lifeDomain: draft.lifeDomains[0] } : {}),
    ...(decision.reviewDate ? { dueDate: decision.reviewDate } : {}),
    owner: { choice: HOUSEHOLD, name: '' },
    // The verdicts the decision rests on, as signed.
    legitimations: (decision.basis?.signatures ?? []).flatMap((s) => (goalLaws.has(s.law) && (s.verdict === 'past' || s.verdict === 'past_deels') ? [{ law: s.law, text: s.reasoning }] : [])),
  };
  return (
    <>
      {done && <SuccessMessage>{done}</SuccessMessage>}
      <details className="doel-toevoegen" open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
        <summary>Doel toevoegen bij dit besluit</summary>
        <GoalForm
          key={decision.id}
          caseId={v.caseId}
          members={detail.members}
          active={open}
          prefill={prefill}
          idPrefix={`vs-${v.id}-doel`}
          onSaved={(g, message) => {
            setDone(`${message} Het staat bij de doelen van het plan: „${g.text}”.`);
            setOpen(false);
          }}
        />
      </details>
    </>
  );
}

function ReopenForm({ vraagstuk: v, onChange }: StepProps) {
  const [reason, setReason] = useState('');
  const { error, run } = useAction();
  const idp = `vs-${v.id}-heropen`;
  function submit(e: FormEvent) {
    e.preventDefault();
    void run(async () => {
      onChange(await post<Vraagstuk>(`/api/cases/${encodeURIComponent(v.caseId)}/vraagstukken/${encodeURIComponent(v.id)}/reopen`, { reason }), 'Het vraagstuk is heropend.');
      setReason('');
    });
  }
  return (
    <form className="heropenen" onSubmit={submit}>
      <div className="veld">
        <label htmlFor={`${idp}-reden`}>Reden om te heropenen</label>
        <input id={`${idp}-reden`} value={reason} required maxLength={2000} onChange={(e) => setReason(e.target.value)} />
      </div>
      <ErrorMessage error={error} />
      <button type="submit" className="knop-tweede">
        Vraagstuk heropenen
      </button>
    </form>
  );
}
