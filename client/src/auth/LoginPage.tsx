import { type FormEvent, useEffect, useState } from 'react';
import { get, post } from '../api';
import type { LoginOptions, SessionResponse, SessionUser } from '../../../shared/schemas';
import { SSO_ERRORS, type SsoErrorCode } from '../../../shared/schemas/oidc';
import { ErrorMessage, PageTitle } from '../components/Feedback';
import { useAction } from '../forms/useAction';

/**
 * What the address says after a round trip to an identity provider: a refusal code from the
 * callback, or the way back from logging out there. Read once, then taken out of the address.
 */
function takeReturnNotice(): { error: string | null; notice: string | null } {
  const params = new URLSearchParams(window.location.search);
  const code = params.get('sso_fout');
  const loggedOut = params.get('uitgelogd') === '1';
  if (code || loggedOut) window.history.replaceState(null, '', window.location.pathname);
  return {
    error: code ? (SSO_ERRORS[code as SsoErrorCode] ?? 'Het inloggen via de inlogdienst is niet gelukt. Probeer het opnieuw.') : null,
    notice: loggedOut ? 'U bent uitgelogd, ook bij de inlogdienst.' : null,
  };
}

export function LoginPage({ onLogin, notice }: { onLogin: (u: SessionUser) => void; notice?: string }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const { busy, error, run } = useAction();
  const [options, setOptions] = useState<LoginOptions | null>(null);
  const [returned] = useState(takeReturnNotice);

  useEffect(() => {
    // Without the list the page still offers the password form: the server decides anyway.
    get<LoginOptions>('/api/auth/oidc/providers').then(setOptions, () => setOptions({ providers: [], passwordLogin: 'on' }));
  }, []);

  function submit(e: FormEvent) {
    e.preventDefault();
    void run(async () => {
      const res = await post<SessionResponse>('/api/auth/login', { email, password });
      onLogin(res.user);
    });
  }

  const returnTo = encodeURIComponent(window.location.pathname === '/' ? '/' : window.location.pathname);
  const staff = options?.providers.filter((p) => p.kind === 'medewerkers') ?? [];
  const residents = options?.providers.filter((p) => p.kind === 'inwoners') ?? [];
  const passwordForm = (
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
  );

  return (
    <main id="inhoud" className="inloggen">
      <div className="kaart">
        <p className="merk-groot">Casustafel</p>
        <PageTitle title="Inloggen">Inloggen</PageTitle>
        <p className="uitleg">Eén gezin, één plan, één regisseur.</p>
        {(notice || returned.notice) && (
          <p className="melding melding-info" role="status">
            {returned.notice ?? notice}
          </p>
        )}
        {returned.error && (
          <div className="melding melding-fout" role="alert">
            <p>{returned.error}</p>
          </div>
        )}
        <ErrorMessage error={error} />
        {staff.length > 0 && (
          <section aria-labelledby="sso-medewerkers" className="sso-groep">
            <h2 id="sso-medewerkers">Medewerkers en partners</h2>
            <ul className="sso-knoppen">
              {staff.map((p) => (
                <li key={p.id}>
                  <a className="knop" href={`/api/auth/oidc/${encodeURIComponent(p.id)}/login?returnTo=${returnTo}`}>
                    Inloggen met {p.name}
                  </a>
                </li>
              ))}
            </ul>
          </section>
        )}
        {residents.length > 0 && (
          <section aria-labelledby="sso-inwoners" className="sso-groep">
            <h2 id="sso-inwoners">Inwoners</h2>
            <p className="klein">U heeft DigiD nodig op niveau Substantieel of hoger, bijvoorbeeld de DigiD app met ID-check.</p>
            <ul className="sso-knoppen">
              {residents.map((p) => (
                <li key={p.id}>
                  <a className="knop" href={`/api/auth/oidc/${encodeURIComponent(p.id)}/login?returnTo=${returnTo}`}>
                    Inloggen met {p.name}
                  </a>
                </li>
              ))}
            </ul>
          </section>
        )}
        {options?.passwordLogin === 'break_glass_only' ? (
          <details className="paneel">
            <summary>Noodtoegang voor de beheerder (wachtwoord)</summary>
            <p className="klein">Inloggen met een wachtwoord staat uit, behalve voor het noodaccount van de functioneel beheerder.</p>
            {passwordForm}
          </details>
        ) : (
          // A plain block, not a labelled region: its heading would also match the field labels.
          <div className="sso-groep">
            {(staff.length > 0 || residents.length > 0) && <h2>Met e-mailadres en wachtwoord</h2>}
            {passwordForm}
          </div>
        )}
        <p className="klein">Geen account of wachtwoord vergeten? Neem contact op met de functioneel beheerder van uw gemeente.</p>
      </div>
    </main>
  );
}
