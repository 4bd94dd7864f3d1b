import { type FormEvent, useState } from 'react';
import { post } from '../api';
import type { SessionResponse, SessionUser } from '../../../shared/schemas';
import { ErrorMessage, PageTitle } from '../components/Feedback';

export function LoginPage({ onLogin, notice }: { onLogin: (u: SessionUser) => void; notice?: string }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const res = await post<SessionResponse>('/api/auth/login', { email, password });
      onLogin(res.user);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <main id="inhoud" className="inloggen">
      <div className="kaart">
        <p className="merk-groot">Casustafel</p>
        <PageTitle title="Inloggen">Inloggen</PageTitle>
        <p className="uitleg">Eén gezin, één plan, één regisseur. Log in met uw werkaccount.</p>
        {notice && (
          <p className="melding melding-info" role="status">
            {notice}
          </p>
        )}
        <ErrorMessage error={error} />
        <form onSubmit={submit} noValidate>
          <div className="veld">
            <label htmlFor="email">E-mailadres</label>
            <input id="email" name="email" type="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)} />
          </div>
          <div className="veld">
            <label htmlFor="password">Wachtwoord</label>
            <input id="password" name="password" type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
          </div>
          <button type="submit" className="knop" disabled={busy}>
            {busy ? 'Bezig met inloggen…' : 'Inloggen'}
          </button>
        </form>
        <p className="klein">Geen account of wachtwoord vergeten? Neem contact op met de functioneel beheerder van uw gemeente.</p>
      </div>
    </main>
  );
}
