// The result after the term: achieved or not, which breakthrough it was (the pilot's list, or
// something else), what made the difference, and whether it may serve as a success story.
import { type FormEvent, useId, useState } from 'react';
import { post } from '../api';
import { ErrorMessage } from '../components/Feedback';
import { BREAKTHROUGH_TYPES, type BreakthroughType } from '../../../shared/breakthroughs';
import type { Breakthrough } from '../../../shared/schemas';
import { ChoiceGroup, Field } from '../forms/Field';
import { useSubmit } from '../forms/useSubmit';

const LABELS = {
  achieved: 'Is de doorbraak bereikt?',
  type: 'Soort doorbraak',
  typeOther: 'Omschrijving van de doorbraak',
  difference: 'Wat maakte het verschil',
  successStory: 'Aanbieden als succesverhaal',
};

export function OutcomeForm({ request, onDone }: { request: Breakthrough; onDone: (b: Breakthrough, message: string) => void }) {
  const uid = useId();
  const fid = (k: string) => `dbv${uid}${k}`;
  const [achieved, setAchieved] = useState<boolean | null>(null);
  const [type, setType] = useState<BreakthroughType | ''>('');
  const [typeOther, setTypeOther] = useState('');
  const [difference, setDifference] = useState('');
  const [successStory, setSuccessStory] = useState(false);
  const { error, fields, busy, run } = useSubmit(LABELS, fid);

  function submit(e: FormEvent) {
    e.preventDefault();
    void run(
      {
        achieved: achieved === null ? 'Geef aan of de doorbraak is bereikt.' : undefined,
        type: type ? undefined : 'Kies de soort doorbraak.',
      },
      () =>
        post<Breakthrough>(`/api/cases/${encodeURIComponent(request.caseId)}/breakthroughs/${encodeURIComponent(request.id)}/outcome`, {
          achieved,
          type,
          ...(type === 'anders' ? { typeOther } : {}),
          difference,
          successStory: achieved === true && successStory,
        }),
      (b) => onDone(b, 'Het resultaat van de doorbraak is vastgelegd.'),
    );
  }

  return (
    <details className="dbv-resultaat-formulier" open={request.outcome === null && request.waiting?.on === 'resultaat' ? true : undefined}>
      <summary>{request.outcome ? 'Resultaat bijwerken' : 'Resultaat vastleggen'}</summary>
      <form onSubmit={submit} noValidate aria-label="Resultaat van de doorbraak vastleggen">
        <ErrorMessage error={error} />
        <ChoiceGroup id={fid('achieved')} className="dbv-groep" legend={LABELS.achieved} error={fields.achieved}>
          <div className="dbv-keuzes">
            <span>
              <input type="radio" id={fid('achieved-ja')} name={fid('achieved')} checked={achieved === true} onChange={() => setAchieved(true)} /> <label htmlFor={fid('achieved-ja')}>Ja, bereikt</label>
            </span>
            <span>
              <input type="radio" id={fid('achieved-nee')} name={fid('achieved')} checked={achieved === false} onChange={() => setAchieved(false)} />{' '}
              <label htmlFor={fid('achieved-nee')}>Nee, niet bereikt</label>
            </span>
          </div>
        </ChoiceGroup>
        <div className="rij-velden">
          <Field id={fid('type')} label={LABELS.type} hint="De doorbraken uit de pilot, of anders." error={fields.type}>
            {(control) => (
              <select {...control} value={type} onChange={(e) => setType(e.target.value as BreakthroughType | '')}>
                <option value="">— kies een soort —</option>
                {BREAKTHROUGH_TYPES.map((t) => (
                  <option key={t.key} value={t.key}>
                    {t.label}
                  </option>
                ))}
              </select>
            )}
          </Field>
          {type === 'anders' && (
            <Field id={fid('typeOther')} label={LABELS.typeOther} error={fields.typeOther}>
              {(control) => <input {...control} maxLength={200} value={typeOther} onChange={(e) => setTypeOther(e.target.value)} />}
            </Field>
          )}
        </div>
        <Field id={fid('difference')} label={LABELS.difference} error={fields.difference}>
          {(control) => <textarea {...control} rows={3} maxLength={4000} value={difference} onChange={(e) => setDifference(e.target.value)} />}
        </Field>
        <div className="veld vinkje">
          <input id={fid('successStory')} type="checkbox" checked={achieved === true && successStory} disabled={achieved !== true} onChange={(e) => setSuccessStory(e.target.checked)} aria-describedby={`${fid('successStory')}-hint`} />{' '}
          <label htmlFor={fid('successStory')}>{LABELS.successStory}</label>
          <p className="hint" id={`${fid('successStory')}-hint`}>
            Alleen een bereikte doorbraak. Een succesverhaal laat collega's en het beleid zien wat werkt.
          </p>
        </div>
        <button type="submit" className="knop" disabled={busy}>
          Resultaat vastleggen
        </button>
      </form>
    </details>
  );
}
