// Decisions as they happen: noted at the table by those who write, and (read-only) what was
// decided elsewhere in the case while the conference runs.
import { type FormEvent, useState } from 'react';
import { ErrorMessage } from '../components/Feedback';
import type { Conference } from '../../../shared/schemas';
import { DecisionLists } from './DecisionLists';
import type { Act } from './act';
import { useAction } from '../forms/useAction';

export function DecisionsPanel({ conference: c, act }: { conference: Conference; act: Act }) {
  const [text, setText] = useState('');
  const action = useAction();
  async function submit(e: FormEvent) {
    e.preventDefault();
    if (await action.run(() => act('POST', '/decisions', { text }))) setText('');
  }
  return (
    <section className="overleg-besluiten-paneel" aria-labelledby="overleg-besluiten-kop">
      <h3 id="overleg-besluiten-kop">Besluiten</h3>
      <DecisionLists conference={c} heading="h4" idPrefix="overleg-live" />
      {c.can.write && (
        <form className="toevoegen" onSubmit={submit}>
          <div className="veld">
            <label htmlFor="overleg-besluit">Besluit noteren</label>
            <p className="hint" id="overleg-besluit-hint">
              Kort en concreet: wat is besloten, en wie doet wat. Een genoteerd besluit blijft staan.
            </p>
            <textarea id="overleg-besluit" aria-describedby="overleg-besluit-hint" rows={2} maxLength={2000} required value={text} onChange={(e) => setText(e.target.value)} />
          </div>
          <ErrorMessage error={action.error} />
          <button type="submit" className="knop" disabled={action.busy}>
            Besluit noteren
          </button>
        </form>
      )}
    </section>
  );
}
