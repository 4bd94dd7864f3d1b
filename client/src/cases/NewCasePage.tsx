import { type FormEvent, useState } from 'react';
import { post } from '../api';
import { navigate } from '../router';
import { ALLOWED_CASE_ROLES, can, REGISSEUR_FUNCTIES } from '../../../shared/permissions';
import { CASE_ROLE_LABELS, type CaseRole } from '../../../shared/roles';
import type { CaseDetail, SessionUser } from '../../../shared/schemas';
import { ErrorMessage, PageTitle } from '../components/Feedback';
import { useAction } from '../forms/useAction';

export function NewCasePage({ user }: { user: SessionUser }) {
  const roles = ALLOWED_CASE_ROLES[user.functie];
  const [title, setTitle] = useState('');
  const [summary, setSummary] = useState('');
  const [myRole, setMyRole] = useState<CaseRole | undefined>(roles[0]);
  const [iAmRegisseur, setIAmRegisseur] = useState(false);
  const { busy, error, run } = useAction();

  if (!can(user.functie, 'case.create')) {
    return <p className="melding melding-fout">Alleen een procesregisseur of casusregisseur kan een casus aanmaken.</p>;
  }

  function submit(e: FormEvent) {
    e.preventDefault();
    void run(async () => {
      const created = await post<CaseDetail>('/api/cases', { title, summary, myRole, iAmRegisseur });
      navigate(`/casussen/${encodeURIComponent(created.id)}`);
    });
  }

  return (
    <section className="kaart">
      <PageTitle title="Nieuwe casus">Nieuwe casus</PageTitle>
      <ErrorMessage error={error} />
      <form onSubmit={submit} noValidate>
        <div className="veld">
          <label htmlFor="title">Naam van het huishouden</label>
          <p className="hint" id="title-hint">
            Bijvoorbeeld „Gezin Jansen” of „Dhr. P. de Wit”. Gebruik geen BSN.
          </p>
          <input id="title" aria-describedby="title-hint" required maxLength={160} value={title} onChange={(e) => setTitle(e.target.value)} />
        </div>
        <div className="veld">
          <label htmlFor="summary">Korte omschrijving</label>
          <p className="hint" id="summary-hint">
            Zichtbaar voor alle leden, ook externe partners en het gezin zelf. Zet vertrouwelijke informatie hier niet in.
          </p>
          <textarea id="summary" aria-describedby="summary-hint" rows={5} maxLength={4000} value={summary} onChange={(e) => setSummary(e.target.value)} />
        </div>
        <div className="veld">
          <label htmlFor="myRole">Mijn rol in deze casus</label>
          <select id="myRole" value={myRole} onChange={(e) => setMyRole(e.target.value as CaseRole)}>
            {roles.map((r) => (
              <option key={r} value={r}>
                {CASE_ROLE_LABELS[r]}
              </option>
            ))}
          </select>
        </div>
        {REGISSEUR_FUNCTIES.includes(user.functie) && (
          <div className="veld vinkje">
            <input id="iAmRegisseur" type="checkbox" checked={iAmRegisseur} onChange={(e) => setIAmRegisseur(e.target.checked)} />
            <label htmlFor="iAmRegisseur">Ik word de regisseur van dit huishouden</label>
          </div>
        )}
        <button type="submit" className="knop" disabled={busy}>
          Casus aanmaken
        </button>
      </form>
    </section>
  );
}
