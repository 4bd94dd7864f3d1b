import type { ReactNode } from 'react';
import { can } from '../../../shared/permissions';
import { FUNCTIE_LABELS } from '../../../shared/roles';
import type { SessionUser } from '../../../shared/schemas';
import { Link } from './Link';
import { InboxNavLink } from '../inbox/InboxNavLink';

export function Layout({ user, onLogout, children }: { user: SessionUser; onLogout: () => void; children: ReactNode }) {
  return (
    <>
      <a className="skiplink" href="#inhoud">
        Naar de inhoud
      </a>
      <header className="kop">
        <div className="kop-binnen">
          <Link href="/" className="merk">
            Casustafel
          </Link>
          <nav aria-label="Hoofdmenu">
            {user.functiePending ? null : (
            <ul>
              {user.functie !== 'functioneel_beheerder' && (
                <li>
                  <Link href="/">{user.functie === 'inwoner' ? 'Mijn overzicht' : 'Werkbak'}</Link>
                </li>
              )}
              {user.functie !== 'functioneel_beheerder' && !user.mustChangePassword && (
                <li>
                  <InboxNavLink />
                </li>
              )}
              {can(user.functie, 'case.create') && (
                <li>
                  <Link href="/casussen/nieuw">Nieuwe casus</Link>
                </li>
              )}
              {can(user.functie, 'stuck.overview') && (
                <li>
                  <Link href="/vastgelopen">Vastgelopen casussen</Link>
                </li>
              )}
              {can(user.functie, 'knelpunten.view') && (
                <li>
                  <Link href="/knelpunten">Knelpunten</Link>
                </li>
              )}
              {can(user.functie, 'intervision.join') && (
                <li>
                  <Link href="/intervisie">Intervisie</Link>
                </li>
              )}
              {can(user.functie, 'successstories.read') && (
                <li>
                  <Link href="/succesverhalen">Succesverhalen</Link>
                </li>
              )}
              {can(user.functie, 'users.manage') && (
                <li>
                  <Link href="/beheer/gebruikers">Gebruikersbeheer</Link>
                </li>
              )}
              {can(user.functie, 'users.manage') && (
                <li>
                  <Link href="/beheer/inloggen">Inloggen (SSO)</Link>
                </li>
              )}
              {can(user.functie, 'mandates.manage') && (
                <li>
                  <Link href="/beheer/mandaten">Mandaten</Link>
                </li>
              )}
              {can(user.functie, 'catalogue.manage') && (
                <li>
                  <Link href="/beheer/wetten">Wetten en artikelen</Link>
                </li>
              )}
              {can(user.functie, 'signals.manage') && (
                <li>
                  <Link href="/beheer/signalen">Signalen</Link>
                </li>
              )}
            </ul>
            )}
          </nav>
          <div className="gebruiker">
            <span>
              {user.name} <span className="functie">({user.functiePending ? 'functie nog niet ingesteld' : FUNCTIE_LABELS[user.functie]})</span>
            </span>
            <button type="button" className="knop-link" onClick={onLogout}>
              Uitloggen
            </button>
          </div>
        </div>
      </header>
      <main id="inhoud" className="inhoud">
        {children}
      </main>
    </>
  );
}
