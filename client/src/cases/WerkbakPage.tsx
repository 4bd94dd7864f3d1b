import { useMemo, useState } from 'react';
import { get } from '../api';
import { ago, formatDateTime } from '../format';
import { useLoad } from '../useLoad';
import { can } from '../../../shared/permissions';
import { ACCESS_LABELS, CASE_ROLE_LABELS, CASE_STATUS_LABELS } from '../../../shared/roles';
import type { CaseListItem, SessionUser } from '../../../shared/schemas';
import { ErrorMessage, Loading, PageTitle } from '../components/Feedback';
import { Link } from '../components/Link';
import { WaitingPanel } from '../inbox/WaitingPanel';
import { ANY_CASE, useFeed } from '../live/useFeed';
import { CASE_TOPICS } from '../../../shared/feed';

type Filter = 'open' | 'gesloten' | 'alle';

export function WerkbakPage({ user }: { user: SessionUser }) {
  const { data: cases, error, reload } = useLoad(() => get<CaseListItem[]>('/api/cases'), 'werkbak');
  // Status, regisseur, members and last activity move with everything that happens in a case.
  useFeed(ANY_CASE, CASE_TOPICS, reload);
  const [filter, setFilter] = useState<Filter>('open');
  const [query, setQuery] = useState('');

  const shown = useMemo(() => {
    const q = query.trim().toLowerCase();
    return (cases ?? []).filter((c) => (filter === 'alle' || c.status === filter) && (!q || c.title.toLowerCase().includes(q)));
  }, [cases, filter, query]);
  const withoutRegisseur = (cases ?? []).filter((c) => c.status === 'open' && !c.regisseur).length;

  return (
    <section>
      <div className="paginakop">
        <PageTitle title="Werkbak">Werkbak</PageTitle>
        {can(user.functie, 'case.create') && (
          <Link href="/casussen/nieuw" className="knop">
            Nieuwe casus
          </Link>
        )}
      </div>
      <p className="uitleg">De huishoudens waaraan u werkt. U ziet alleen casussen waarvan u lid bent.</p>
      <ErrorMessage error={error} />
      <WaitingPanel />
      {withoutRegisseur > 0 && (
        <p className="melding melding-waarschuwing" role="status">
          {withoutRegisseur === 1 ? '1 open casus heeft' : `${withoutRegisseur} open casussen hebben`} geen regisseur. Het gezin heeft dan niemand die de weg weet: wijs
          zo snel mogelijk een regisseur aan.
        </p>
      )}
      <div className="filters">
        <div className="veld inline">
          <label htmlFor="filter-status">Status</label>
          <select id="filter-status" value={filter} onChange={(e) => setFilter(e.target.value as Filter)}>
            <option value="open">Open</option>
            <option value="gesloten">Gesloten</option>
            <option value="alle">Alle</option>
          </select>
        </div>
        <div className="veld inline">
          <label htmlFor="filter-zoek">Zoek op naam</label>
          <input id="filter-zoek" type="search" value={query} onChange={(e) => setQuery(e.target.value)} />
        </div>
      </div>
      {!cases && !error && <Loading what="Casussen" />}
      {cases && shown.length === 0 && <p>Geen casussen gevonden.</p>}
      {shown.length > 0 && (
        <table className="tabel">
          <caption className="sr-only">Uw casussen ({shown.length})</caption>
          <thead>
            <tr>
              <th scope="col">Huishouden</th>
              <th scope="col">Status</th>
              <th scope="col">Regisseur</th>
              <th scope="col">Mijn rol</th>
              <th scope="col">Leden</th>
              <th scope="col">Laatste activiteit</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((c) => (
              <tr key={c.id} className={!c.regisseur && c.status === 'open' ? 'rij-aandacht' : undefined}>
                <th scope="row">
                  <Link href={`/casussen/${encodeURIComponent(c.id)}`}>{c.title}</Link>
                </th>
                <td>
                  <span className={`status status-${c.status}`}>{CASE_STATUS_LABELS[c.status]}</span>
                </td>
                <td>{c.regisseur ? c.regisseur.name : <span className="vlag">Geen regisseur</span>}</td>
                <td>
                  {CASE_ROLE_LABELS[c.myRole]} <span className="klein">({ACCESS_LABELS[c.myAccess].toLowerCase()})</span>
                </td>
                <td>{c.memberCount}</td>
                <td>
                  <time dateTime={c.lastActivityAt} title={formatDateTime(c.lastActivityAt)}>
                    {ago(c.lastActivityAt)}
                  </time>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
