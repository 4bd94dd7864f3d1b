// /intervisie: the intervision sessions I take part in.
import { get } from '../api';
import { ErrorMessage, Loading, PageTitle } from '../components/Feedback';
import { Link } from '../components/Link';
import { formatDate } from '../format';
import { useLoad } from '../useLoad';
import { INTERVISION_ROLE_LABELS, type IntervisionSummary, type SessionUser } from '../../../shared/schemas';

export function IntervisionListPage(_: { user: SessionUser }) {
  const { data, error } = useLoad(() => get<IntervisionSummary[]>('/api/intervision'), 'intervisie');
  return (
    <section className="iv-overzicht">
      <PageTitle title="Intervisie">Intervisie</PageTitle>
      <p className="uitleg">
        Reflectiesessies op gepseudonimiseerde kopieën van casussen. Een sessie bereidt u voor vanaf de pagina van een casus; wie deelneemt ziet alleen de kopie, nooit de casus
        zelf.
      </p>
      <ErrorMessage error={error} />
      {!data && !error && <Loading what="Sessies" />}
      {data && data.length === 0 && <p className="leeg">U neemt nog niet deel aan een intervisiesessie.</p>}
      {data && data.length > 0 && (
        <table className="tabel">
          <caption>Mijn sessies</caption>
          <thead>
            <tr>
              <th scope="col">Sessie</th>
              <th scope="col">Mijn rol</th>
              <th scope="col">Deelnemers</th>
              <th scope="col">Gemaakt</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {data.map((s) => (
              <tr key={s.id}>
                <th scope="row">
                  <Link href={`/intervisie/${encodeURIComponent(s.id)}`}>{s.title}</Link>
                </th>
                <td>{INTERVISION_ROLE_LABELS[s.myRole]}</td>
                <td>{s.participants}</td>
                <td>{formatDate(s.createdAt)}</td>
                <td>{s.closedAt ? `Afgesloten op ${formatDate(s.closedAt)}` : s.releasedAt ? 'Open' : 'Nog niet vrijgegeven: u beoordeelt de kopie'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
