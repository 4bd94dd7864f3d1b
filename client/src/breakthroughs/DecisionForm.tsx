// The assigned mandate holder's decision: toekennen (conditions, budget, term), afwijzen
// (reasons) or terug voor aanvulling (what is missing). The server checks mandate, amount limit
// and four eyes; its refusal is shown here in Dutch.
import { type FormEvent, useId, useState } from 'react';
import { post } from '../api';
import { ErrorMessage } from '../components/Feedback';
import { MANDATE_LABELS } from '../../../shared/laws';
import type { Breakthrough } from '../../../shared/schemas';
import { ChoiceGroup, Field } from '../forms/Field';
import { centsToInput, formatEuro, parseEuro } from './money';
import { useSubmit } from '../forms/useSubmit';

type Choice = 'toegekend' | 'afgewezen' | 'terug';

const CHOICES: { key: Choice; label: string; path: string; done: string }[] = [
  { key: 'toegekend', label: 'Toekennen', path: 'grant', done: 'Het doorbraakverzoek is toegekend.' },
  { key: 'afgewezen', label: 'Afwijzen', path: 'refuse', done: 'Het doorbraakverzoek is afgewezen.' },
  { key: 'terug', label: 'Terug voor aanvulling', path: 'return', done: 'Het doorbraakverzoek is teruggestuurd voor aanvulling.' },
];

const LABELS = {
  choice: 'Uw besluit',
  conditions: 'Voorwaarden',
  budgetCents: 'Toegekend budget (€)',
  termEnd: 'Termijn tot en met',
  note: 'Toelichting (optioneel)',
  reasons: 'Redenen van afwijzing',
  missing: 'Wat ontbreekt er',
};
const CODE_FIELDS = { BOVEN_BEDRAGGRENS: 'budgetCents', BUDGET_BOVEN_AANVRAAG: 'budgetCents', TERMIJN_VERLEDEN: 'termEnd' };

export function DecisionForm({ request, onDone }: { request: Breakthrough; onDone: (b: Breakthrough, message: string) => void }) {
  const uid = useId();
  const fid = (k: string) => `dbv${uid}${k}`;
  const [choice, setChoice] = useState<Choice | ''>('');
  const [conditions, setConditions] = useState('');
  const [budget, setBudget] = useState(centsToInput(request.current.amountCents));
  const [termEnd, setTermEnd] = useState('');
  const [note, setNote] = useState('');
  const [reasons, setReasons] = useState('');
  const [missingText, setMissingText] = useState('');
  const { error, fields, busy, run } = useSubmit(LABELS, fid, CODE_FIELDS);

  function submit(e: FormEvent) {
    e.preventDefault();
    const c = CHOICES.find((x) => x.key === choice);
    const budgetCents = parseEuro(budget);
    const missing: Record<string, string | undefined> = {
      choice: c ? undefined : 'Kies uw besluit: toekennen, afwijzen of terug voor aanvulling.',
      budgetCents: choice === 'toegekend' && budgetCents === null ? 'Vul het toegekende budget in euro in, bijvoorbeeld 8.000 (of 0).' : undefined,
    };
    const body =
      choice === 'toegekend'
        ? { conditions, budgetCents, termEnd, ...(note.trim() ? { note } : {}) }
        : choice === 'afgewezen'
          ? { reasons }
          : { missing: missingText };
    void run(
      missing,
      () => post<Breakthrough>(`/api/cases/${encodeURIComponent(request.caseId)}/breakthroughs/${encodeURIComponent(request.id)}/${c!.path}`, body),
      (b) => onDone(b, c!.done),
    );
  }

  return (
    <form onSubmit={submit} noValidate className="besluit dbv-besluit" aria-label="Besluit over het doorbraakverzoek">
      <p className="hint">
        Het verzoek is aan u voorgelegd onder het mandaat van {MANDATE_LABELS[request.level].toLowerCase()}. Gevraagd budget: {formatEuro(request.current.amountCents)}. Uw naam,
        uw mandaat en de datum komen bij het besluit te staan. Met uw besluit eindigt uw tijdelijke inzage, als u geen lid van de casus bent.
      </p>
      <ErrorMessage error={error} />
      <ChoiceGroup id={fid('choice')} className="dbv-groep" legend={LABELS.choice} error={fields.choice}>
        <div className="dbv-keuzes">
          {CHOICES.map((c) => (
            <span key={c.key}>
              <input type="radio" id={fid(`choice-${c.key}`)} name={fid('choice')} value={c.key} checked={choice === c.key} onChange={() => setChoice(c.key)} />{' '}
              <label htmlFor={fid(`choice-${c.key}`)}>{c.label}</label>
            </span>
          ))}
        </div>
      </ChoiceGroup>
      {choice === 'toegekend' && (
        <>
          <Field id={fid('conditions')} label={LABELS.conditions} hint="Onder welke voorwaarden, en hoe het wordt gevolgd." error={fields.conditions}>
            {(control) => <textarea {...control} rows={3} maxLength={4000} value={conditions} onChange={(e) => setConditions(e.target.value)} />}
          </Field>
          <div className="rij-velden">
            <Field id={fid('budgetCents')} label={LABELS.budgetCents} hint="Hoogstens het gevraagde budget. De bedraggrens van uw mandaat geldt voor het budget, en minstens voor wat de doorbraak in het eerste jaar kost." error={fields.budgetCents}>
              {(control) => <input {...control} inputMode="decimal" autoComplete="off" value={budget} onChange={(e) => setBudget(e.target.value)} />}
            </Field>
            <Field id={fid('termEnd')} label={LABELS.termEnd} hint="Daarna wordt het resultaat vastgelegd." error={fields.termEnd}>
              {(control) => <input {...control} type="date" value={termEnd} onChange={(e) => setTermEnd(e.target.value)} />}
            </Field>
          </div>
          <Field id={fid('note')} label={LABELS.note} error={fields.note}>
            {(control) => <textarea {...control} rows={2} maxLength={4000} value={note} onChange={(e) => setNote(e.target.value)} />}
          </Field>
        </>
      )}
      {choice === 'afgewezen' && (
        <Field id={fid('reasons')} label={LABELS.reasons} hint="Na een afwijzing kan de procesregisseur het verzoek één niveau hoger voorleggen." error={fields.reasons}>
          {(control) => <textarea {...control} rows={3} maxLength={4000} value={reasons} onChange={(e) => setReasons(e.target.value)} />}
        </Field>
      )}
      {choice === 'terug' && (
        <Field id={fid('missing')} label={LABELS.missing} hint="De procesregisseur vult het verzoek aan en dient het opnieuw in." error={fields.missing}>
          {(control) => <textarea {...control} rows={3} maxLength={4000} value={missingText} onChange={(e) => setMissingText(e.target.value)} />}
        </Field>
      )}
      <button type="submit" className="knop" disabled={busy}>
        Besluit vastleggen
      </button>
    </form>
  );
}
