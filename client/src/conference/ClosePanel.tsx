// Closing: one step that freezes the minutes and the attendance and adopts the plan as a new
// version. Asked for twice, because it cannot be undone.
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { ErrorMessage } from '../components/Feedback';
import type { Conference } from '../../../shared/schemas';
import { useAction } from '../forms/useAction';

export function ClosePanel({ conference: c, close }: { conference: Conference; close: (note: string) => Promise<void> }) {
  const [asking, setAsking] = useState(false);
  const [note, setNote] = useState('');
  const action = useAction();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (asking) heading.current?.focus();
  }, [asking]);
  const unmarked = c.attendance.members.filter((m) => m.present === null).length;

  async function submit(e: FormEvent) {
    e.preventDefault();
    await action.run(() => close(note.trim()));
  }

  if (!asking) {
    return (
      <div className="overleg-afsluiten">
        <button type="button" className="knop" onClick={() => setAsking(true)}>
          Overleg afsluiten en plan vaststellen
        </button>
      </div>
    );
  }
  return (
    <form className="overleg-afsluiten overleg-bevestigen" onSubmit={submit} aria-labelledby="overleg-afsluiten-kop">
      <h3 id="overleg-afsluiten-kop" ref={heading} tabIndex={-1}>
        Overleg afsluiten en plan vaststellen?
      </h3>
      <ul>
        <li>De notulen en de agenda worden vastgelegd zoals ze nu zijn; daarna kan niemand ze meer wijzigen.</li>
        <li>
          De aanwezigheid wordt vastgelegd.
          {unmarked > 0 && ` ${unmarked} ${unmarked === 1 ? 'lid is' : 'leden zijn'} nog niet aangevinkt en ${unmarked === 1 ? 'wordt' : 'worden'} als afwezig vastgelegd.`}
        </li>
        <li>Het gezinsplan zoals het nu is, wordt vastgesteld als nieuwe versie.</li>
      </ul>
      <div className="veld">
        <label htmlFor="overleg-afsluiten-notitie">Toelichting bij de versie (niet verplicht)</label>
        <input id="overleg-afsluiten-notitie" value={note} maxLength={1000} onChange={(e) => setNote(e.target.value)} />
      </div>
      <ErrorMessage error={action.error} />
      <div className="overleg-knoppen">
        <button type="submit" className="knop" disabled={action.busy}>
          Ja, afsluiten en vaststellen
        </button>
        <button type="button" className="knop knop-tweede" disabled={action.busy} onClick={() => setAsking(false)}>
          Annuleren
        </button>
      </div>
    </form>
  );
}
