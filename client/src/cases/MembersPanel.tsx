import { type FormEvent, useEffect, useState } from 'react';
import { del, get, patch, post, put } from '../api';
import { navigate } from '../router';
import { ALLOWED_CASE_ROLES, MAX_ACCESS, REGISSEUR_FUNCTIES } from '../../../shared/permissions';
import { ACCESS_LABELS, ACCESS_LEVELS, accessAtLeast, type AccessLevel, CASE_ROLE_LABELS, type CaseRole, FUNCTIE_LABELS } from '../../../shared/roles';
import type { CaseDetail, CaseMember, DirectoryUser, SessionUser } from '../../../shared/schemas';
import { telHref } from '../format';
import { ErrorMessage, SuccessMessage } from '../components/Feedback';
import { useConfirm } from '../components/ConfirmDialog';
import { useAction } from '../forms/useAction';

interface Props {
  detail: CaseDetail;
  user: SessionUser;
  onChange: (d: CaseDetail) => void;
}

const allowedAccess = (functie: DirectoryUser['functie']) => ACCESS_LEVELS.filter((a) => MAX_ACCESS[functie] !== null && accessAtLeast(MAX_ACCESS[functie]!, a));

export function MembersPanel({ detail, user, onChange }: Props) {
  const manage = detail.me.can['case.members.manage'];
  const assign = detail.me.can['case.regisseur.assign'];
  const action = useAction();
  const { dialog, ask } = useConfirm();
  const [done, setDone] = useState<string | null>(null);
  const base = `/api/cases/${encodeURIComponent(detail.id)}`;

  /** No case in the answer: this user left it, so back to the werkbak. */
  function run(change: () => Promise<CaseDetail | undefined>, message: string) {
    setDone(null);
    return action.run(async () => {
      const next = await change();
      if (next) {
        onChange(next);
        setDone(message);
      } else navigate('/');
    });
  }

  const remove = async (m: CaseMember) => {
    const self = m.userId === user.id;
    const ok = await ask({
      title: self ? 'Uzelf verwijderen uit deze casus?' : `${m.name} verwijderen uit deze casus?`,
      body: <p>{self ? 'U ziet de casus daarna niet meer.' : `${m.name} ziet de casus daarna niet meer.`}</p>,
      confirm: 'Verwijderen',
      danger: true,
    });
    if (ok) void run(() => del<CaseDetail | undefined>(`${base}/members/${encodeURIComponent(m.userId)}`), `${m.name} is verwijderd uit de casus.`);
  };

  const makeRegisseur = async (m: CaseMember) => {
    const ok = await ask({
      title: `${m.name} regisseur maken?`,
      body: (
        <p>
          {m.name} wordt voor het huishouden het ene aanspreekpunt van deze casus
          {detail.regisseur ? `, in plaats van ${detail.regisseur.name}` : ''}. Iedereen in de casus en het huishouden ziet dat meteen.
        </p>
      ),
      confirm: 'Maak regisseur',
    });
    if (ok) void run(() => put<CaseDetail>(`${base}/regisseur`, { userId: m.userId }), `${m.name} is nu de regisseur.`);
  };

  return (
    <section aria-labelledby="leden-kop" className="paneel">
      <h2 id="leden-kop">Wie doet wat ({detail.members.length} leden)</h2>
      <ErrorMessage error={action.error} />
      {done && <SuccessMessage>{done}</SuccessMessage>}
      <table className="tabel">
        <caption className="sr-only">Leden van de casus</caption>
        <thead>
          <tr>
            <th scope="col">Naam</th>
            <th scope="col">Organisatie</th>
            <th scope="col">Rol in de casus</th>
            <th scope="col">Toegang</th>
            {(manage || assign) && <th scope="col">Acties</th>}
          </tr>
        </thead>
        <tbody>
          {detail.members.map((m) => (
            <tr key={m.userId}>
              <th scope="row">
                {m.name}
                {m.isRegisseur && <span className="label-regisseur">Regisseur</span>}
                <div className="klein">{FUNCTIE_LABELS[m.functie]}</div>
              </th>
              <td>
                {m.organisation}
                {m.phone && (
                  <div className="klein">
                    Tel. <a href={telHref(m.phone)}>{m.phone}</a>
                  </div>
                )}
              </td>
              <td>
                {manage && ALLOWED_CASE_ROLES[m.functie].length > 1 ? (
                  <select
                    aria-label={`Rol van ${m.name}`}
                    value={m.caseRole}
                    onChange={(e) => void run(() => patch<CaseDetail>(`${base}/members/${encodeURIComponent(m.userId)}`, { caseRole: e.target.value }), `Rol van ${m.name} gewijzigd.`)}
                  >
                    {ALLOWED_CASE_ROLES[m.functie].map((r) => (
                      <option key={r} value={r}>
                        {CASE_ROLE_LABELS[r]}
                      </option>
                    ))}
                  </select>
                ) : (
                  CASE_ROLE_LABELS[m.caseRole]
                )}
              </td>
              <td>
                {manage ? (
                  <select
                    aria-label={`Toegang van ${m.name}`}
                    value={m.access}
                    onChange={(e) => void run(() => patch<CaseDetail>(`${base}/members/${encodeURIComponent(m.userId)}`, { access: e.target.value }), `Toegang van ${m.name} gewijzigd.`)}
                  >
                    {allowedAccess(m.functie).map((a) => (
                      <option key={a} value={a}>
                        {ACCESS_LABELS[a]}
                      </option>
                    ))}
                  </select>
                ) : (
                  ACCESS_LABELS[m.access]
                )}
              </td>
              {(manage || assign) && (
                <td>
                  <div className="acties">
                  {assign && !m.isRegisseur && REGISSEUR_FUNCTIES.includes(m.functie) && m.access === 'edit' && (
                    <button type="button" className="knop-klein" onClick={() => void makeRegisseur(m)}>
                      Maak regisseur<span className="sr-only"> ({m.name})</span>
                    </button>
                  )}
                  {manage && (
                    <button type="button" className="knop-klein knop-gevaar" onClick={() => void remove(m)}>
                      Verwijderen<span className="sr-only"> ({m.name})</span>
                    </button>
                  )}
                  </div>
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
      {dialog}
      {manage && <AddMemberForm detail={detail} onAdded={(d, name) => { onChange(d); setDone(`${name} is toegevoegd aan de casus.`); }} />}
    </section>
  );
}

function AddMemberForm({ detail, onAdded }: { detail: CaseDetail; onAdded: (d: CaseDetail, name: string) => void }) {
  const [query, setQuery] = useState('');
  const [people, setPeople] = useState<DirectoryUser[]>([]);
  const [userId, setUserId] = useState('');
  const [caseRole, setCaseRole] = useState<CaseRole | ''>('');
  const [access, setAccess] = useState<AccessLevel>('read');
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    const t = setTimeout(() => {
      get<DirectoryUser[]>(`/api/directory?q=${encodeURIComponent(query)}`).then(setPeople, setError);
    }, 200);
    return () => clearTimeout(t);
  }, [query]);

  const memberIds = new Set(detail.members.map((m) => m.userId));
  const candidates = people.filter((p) => !memberIds.has(p.id));
  const chosen = candidates.find((p) => p.id === userId);
  const roles = chosen ? ALLOWED_CASE_ROLES[chosen.functie] : [];

  function choose(id: string) {
    setUserId(id);
    const p = candidates.find((c) => c.id === id);
    if (p) {
      setCaseRole(ALLOWED_CASE_ROLES[p.functie][0] ?? '');
      const levels = allowedAccess(p.functie);
      // External partners and residents start with limited access; staff can edit.
      setAccess(p.functie === 'extern_partner' || p.functie === 'inwoner' ? 'comment' : (levels[levels.length - 1] ?? 'read'));
    }
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    if (!chosen || !caseRole) {
      setError(new Error('Kies eerst een persoon en een rol.'));
      return;
    }
    try {
      const d = await post<CaseDetail>(`/api/cases/${encodeURIComponent(detail.id)}/members`, { userId, caseRole, access });
      onAdded(d, chosen.name);
      setUserId('');
      setCaseRole('');
    } catch (err) {
      setError(err);
    }
  }

  return (
    <form onSubmit={submit} className="toevoegen" aria-labelledby="toevoegen-kop">
      <h3 id="toevoegen-kop">Lid toevoegen</h3>
      <ErrorMessage error={error} />
      <div className="rij-velden">
        <div className="veld">
          <label htmlFor="zoek-persoon">Zoek persoon of organisatie</label>
          <input id="zoek-persoon" type="search" value={query} onChange={(e) => setQuery(e.target.value)} />
        </div>
        <div className="veld">
          <label htmlFor="kies-persoon">Persoon</label>
          <select id="kies-persoon" value={userId} onChange={(e) => choose(e.target.value)}>
            <option value="">— kies ({candidates.length} gevonden) —</option>
            {candidates.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}, {FUNCTIE_LABELS[p.functie]} – {p.organisation}
              </option>
            ))}
          </select>
        </div>
        <div className="veld">
          <label htmlFor="kies-rol">Rol in de casus</label>
          <select id="kies-rol" value={caseRole} onChange={(e) => setCaseRole(e.target.value as CaseRole)} disabled={!chosen}>
            {roles.map((r) => (
              <option key={r} value={r}>
                {CASE_ROLE_LABELS[r]}
              </option>
            ))}
          </select>
        </div>
        <div className="veld">
          <label htmlFor="kies-toegang">Toegang</label>
          <select id="kies-toegang" value={access} onChange={(e) => setAccess(e.target.value as AccessLevel)} disabled={!chosen}>
            {(chosen ? allowedAccess(chosen.functie) : ACCESS_LEVELS).map((a) => (
              <option key={a} value={a}>
                {ACCESS_LABELS[a]}
              </option>
            ))}
          </select>
        </div>
      </div>
      <button type="submit" className="knop">
        Toevoegen
      </button>
    </form>
  );
}
