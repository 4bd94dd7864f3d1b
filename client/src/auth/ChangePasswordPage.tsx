import { type FormEvent, useState } from 'react';
import { post } from '../api';
import { PASSWORD_MIN_LENGTH, type SessionResponse, type SessionUser } from '../../../shared/schemas';
import { ErrorMessage, PageTitle } from '../components/Feedback';
import { useAction } from '../forms/useAction';

/** Shown after a password reset: the temporary password must be replaced first. */
export function ChangePasswordPage({ onChanged }: { onChanged: (u: SessionUser) => void }) {
  const [currentPassword, setCurrent] = useState('');
  const [newPassword, setNew] = useState('');
  const [repeat, setRepeat] = useState('');
  const { error, run } = useAction();

  function submit(e: FormEvent) {
    e.preventDefault();
    void run(async () => {
      if (newPassword !== repeat) throw new Error('De twee nieuwe wachtwoorden zijn niet gelijk.');
      const res = await post<SessionResponse>('/api/auth/password', { currentPassword, newPassword });
      onChanged(res.user);
    });
  }

  return (
    <section className="kaart smal">
      <PageTitle title="Nieuw wachtwoord kiezen">Nieuw wachtwoord kiezen</PageTitle>
      <p>Uw wachtwoord is gereset door de beheerder. Kies een eigen wachtwoord van minstens {PASSWORD_MIN_LENGTH} tekens voordat u verder gaat.</p>
      <ErrorMessage error={error} />
      <form onSubmit={submit} noValidate>
        <div className="veld">
          <label htmlFor="current">Tijdelijk wachtwoord</label>
          <input id="current" type="password" autoComplete="current-password" value={currentPassword} onChange={(e) => setCurrent(e.target.value)} />
        </div>
        <div className="veld">
          <label htmlFor="new">Nieuw wachtwoord</label>
          <input id="new" type="password" autoComplete="new-password" minLength={PASSWORD_MIN_LENGTH} value={newPassword} onChange={(e) => setNew(e.target.value)} />
        </div>
        <div className="veld">
          <label htmlFor="repeat">Herhaal nieuw wachtwoord</label>
          <input id="repeat" type="password" autoComplete="new-password" value={repeat} onChange={(e) => setRepeat(e.target.value)} />
        </div>
        <button type="submit" className="knop">
          Wachtwoord opslaan
        </button>
      </form>
    </section>
  );
}
