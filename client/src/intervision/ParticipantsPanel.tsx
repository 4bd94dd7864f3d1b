// Who takes part, and (for the begeleider, while the session is open) adding a colleague.
// Only municipal staff can be found; they need not be members of any case.
import { type FormEvent, useEffect, useState } from 'react';
import { get, post } from '../api';
import { ErrorMessage, SuccessMessage } from '../components/Feedback';
import { FUNCTIE_LABELS } from '../../../shared/roles';
import { INTERVISION_ROLE_LABELS, type IntervisionCandidate, type IntervisionSession } from '../../../shared/schemas';

export function ParticipantsPanel({ session, onChange }: { session: IntervisionSession; onChange: (s: IntervisionSession) => void }) {
  return (
    <section aria-labelledby="deelnemers-kop" className="paneel iv-deelnemers">
      <h2 id="deelnemers-kop">Deelnemers</h2>
      <ul className="iv-namen">
        {session.participants.map((p) => (
          <li key={p.id}>
            {p.name} <span className="klein">({FUNCTIE_LABELS[p.functie]}, {INTERVISION_ROLE_LABELS[p.role].toLowerCase()})</span>
          </li>
        ))}
      </ul>
      {session.me.can.manageParticipants && <AddParticipant session={session} onChange={onChange} />}
    </section>
  );
}

function AddParticipant({ session, onChange }: { session: IntervisionSession; onChange: (s: IntervisionSession) => void }) {
  const [query, setQuery] = useState('');
  const [people, setPeople] = useState<IntervisionCandidate[]>([]);
  const [userId, setUserId] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const participants = session.participants.length;

  useEffect(() => {
    const t = setTimeout(() => {
      get<IntervisionCandidate[]>(`/api/intervision/${encodeURIComponent(session.id)}/candidates?q=${encodeURIComponent(query)}`).then(setPeople, setError);
    }, 200);
    return () => clearTimeout(t);
  }, [query, session.id, participants]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const person = people.find((p) => p.id === userId);
    if (!person) return;
    setBusy(true);
    setError(null);
    setDone(null);
    post<IntervisionSession>(`/api/intervision/${encodeURIComponent(session.id)}/participants`, { userId }).then(
      (s) => {
        setBusy(false);
        setUserId('');
        setDone(`${person.name} neemt nu deel.`);
        onChange(s);
      },
      (err) => {
        setBusy(false);
        setError(err);
      },
    );
  };

  return (
    <form onSubmit={submit} className="iv-toevoegen" aria-labelledby="deelnemer-toevoegen-kop">
      <h3 id="deelnemer-toevoegen-kop">Collega toevoegen</h3>
      <p className="hint">Alleen medewerkers van de gemeente kunnen deelnemen. Zij hoeven geen lid van de casus te zijn en zien alleen de gepseudonimiseerde kopie.</p>
      <div className="iv-velden">
        <div className="veld">
          <label htmlFor="iv-zoek">Zoek collega</label>
          <input id="iv-zoek" type="search" value={query} onChange={(e) => setQuery(e.target.value)} />
        </div>
        <div className="veld">
          <label htmlFor="iv-collega">Collega</label>
          <select id="iv-collega" value={userId} onChange={(e) => setUserId(e.target.value)}>
            <option value="">Kies een collega</option>
            {people.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name} ({FUNCTIE_LABELS[p.functie]})
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="knop" disabled={!userId || busy}>
          Toevoegen
        </button>
      </div>
      <ErrorMessage error={error} />
      {done && <SuccessMessage>{done}</SuccessMessage>}
    </form>
  );
}
