// Where a household member lands: her own overview, not the professionals' werkbak. Nearly
// always she belongs to one household, so she goes straight to its page; with more than one
// (a young adult in two households, a closed earlier case) she chooses.
import { useEffect } from 'react';
import { get } from '../api';
import type { CaseListItem, SessionUser } from '../../../shared/schemas';
import { ErrorMessage, Loading, PageTitle } from '../components/Feedback';
import { Link } from '../components/Link';
import { replace } from '../router';
import { useLoad } from '../useLoad';

const casePath = (id: string) => `/casussen/${encodeURIComponent(id)}`;

export function ResidentHomePage({ user }: { user: SessionUser }) {
  const { data: cases, error } = useLoad(() => get<CaseListItem[]>('/api/cases'), 'mijn-overzicht');
  const only = cases?.length === 1 ? cases[0] : undefined;
  useEffect(() => {
    if (only) replace(casePath(only.id));
  }, [only]);

  if (error) return <ErrorMessage error={error} />;
  if (!cases || only) return <Loading what="Uw overzicht" />;
  const firstName = user.name.split(' ')[0];
  return (
    <section className="inwoner">
      <PageTitle title="Mijn overzicht">Mijn overzicht</PageTitle>
      <p className="inwoner-intro">Welkom, {firstName}.</p>
      {cases.length === 0 ? (
        <p>Er is nog geen plan voor u. Uw contactpersoon bij de gemeente laat het u weten zodra dat er is.</p>
      ) : (
        <ul className="inwoner-casussen">
          {cases.map((c) => (
            <li key={c.id}>
              <Link href={casePath(c.id)}>Uw plan: {c.title}</Link>
              {c.status === 'gesloten' && ' (afgesloten)'}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
