import { type FormEvent, useState } from 'react';
import { get, patch, post, put } from '../api';
import { formatDateTime } from '../format';
import { useLoad } from '../useLoad';
import { FUNCTIE_LABELS, FUNCTIES, type Functie } from '../../../shared/roles';
import { type AdminUser, CreateUserRequest, PASSWORD_MIN_LENGTH, type SessionUser } from '../../../shared/schemas';
import { ErrorMessage, Loading, PageTitle, SuccessMessage } from '../components/Feedback';
import { useAction } from '../forms/useAction';
import { useConfirm } from '../components/ConfirmDialog';
import { schemaProblems } from '../forms/errors';
import { Field } from '../forms/Field';
import { useSubmit } from '../forms/useSubmit';

/** For the functional administrator: accounts only, never case content. */
export function AdminUsersPage({ user }: { user: SessionUser }) {
  const { data: users, error, reload } = useLoad(() => get<AdminUser[]>('/api/admin/users'), 'users');
  // One outcome on screen at a time: a success clears an earlier refusal, and the other way round.
  const [outcome, setOutcome] = useState<{ message: string | null; error: unknown }>({ message: null, error: null });
  const message = outcome.message;
  const actionError = outcome.error;
  const setMessage = (m: string) => setOutcome({ message: m, error: null });
  const setActionError = (e: unknown) => setOutcome({ message: null, error: e });
  const [resetFor, setResetFor] = useState<AdminUser | null>(null);
  const [editFor, setEditFor] = useState<AdminUser | null>(null);

  const { dialog, ask } = useConfirm();

  async function toggle(u: AdminUser) {
    setActionError(null);
    // Deactivating locks the person out at once; activating again needs no second thought.
    if (
      u.active &&
      !(await ask({
        title: `Account van ${u.name} deactiveren?`,
        body: <p>{u.name} kan daarna niet meer inloggen. U kunt het account later weer activeren.</p>,
        confirm: 'Deactiveren',
        danger: true,
      }))
    )
      return;
    try {
      await patch(`/api/admin/users/${u.id}`, { active: !u.active });
      setMessage(`${u.name} is ${u.active ? 'gedeactiveerd' : 'weer actief'}.`);
      reload();
    } catch (err) {
      setActionError(err);
    }
  }

  return (
    <section>
      <PageTitle title="Gebruikersbeheer">Gebruikersbeheer</PageTitle>
      <p className="uitleg">Accounts aanmaken, wachtwoorden resetten en accounts (de)activeren. Casusinhoud is voor beheer niet zichtbaar.</p>
      <ErrorMessage error={error ?? actionError} />
      {message && <SuccessMessage>{message}</SuccessMessage>}
      {dialog}
      <CreateUserForm
        onCreated={(u) => {
          setMessage(`Account voor ${u.name} aangemaakt. Geef het tijdelijke wachtwoord via een apart kanaal door.`);
          reload();
        }}
      />
      {resetFor && (
        <ResetPasswordForm
          target={resetFor}
          onDone={() => {
            setMessage(`Wachtwoord van ${resetFor.name} is gereset; bij de volgende login moet een nieuw wachtwoord worden gekozen.`);
            setResetFor(null);
            reload();
          }}
          onCancel={() => setResetFor(null)}
        />
      )}
      {editFor && (
        <EditUserForm
          key={editFor.id}
          target={editFor}
          onDone={(u) => {
            setMessage(`De gegevens van ${u.name} zijn gewijzigd.`);
            setEditFor(null);
            reload();
          }}
          onCancel={() => setEditFor(null)}
        />
      )}
      {!users && !error && <Loading what="Accounts" />}
      {users && (
        <table className="tabel">
          <caption>Accounts ({users.length})</caption>
          <thead>
            <tr>
              <th scope="col">Naam</th>
              <th scope="col">E-mailadres</th>
              <th scope="col">Functie</th>
              <th scope="col">Status</th>
              <th scope="col">Laatst ingelogd</th>
              <th scope="col">Acties</th>
            </tr>
          </thead>
          <tbody>
            {users.map((u) => (
              <tr key={u.id}>
                <th scope="row">
                  {u.name}
                  <div className="klein">{u.organisation}</div>
                  {u.phone && <div className="klein">Tel. {u.phone}</div>}
                </th>
                <td>{u.email}</td>
                <td>
                  {u.functiePending ? (
                    <SetFunctieForm
                      target={u}
                      onDone={(f) => {
                        setMessage(`${u.name} is nu ${FUNCTIE_LABELS[f]}.`);
                        reload();
                      }}
                      onError={setActionError}
                    />
                  ) : (
                    FUNCTIE_LABELS[u.functie]
                  )}
                </td>
                <td>{u.active ? (u.mustChangePassword ? 'Actief (tijdelijk wachtwoord)' : 'Actief') : 'Gedeactiveerd'}</td>
                <td>{u.lastLoginAt ? formatDateTime(u.lastLoginAt) : 'Nooit'}</td>
                <td>
                  <div className="acties">
                  <button type="button" className="knop-klein" onClick={() => setEditFor(u)}>
                    Gegevens wijzigen<span className="sr-only"> ({u.name})</span>
                  </button>
                  <button type="button" className="knop-klein" onClick={() => setResetFor(u)}>
                    Wachtwoord resetten<span className="sr-only"> ({u.name})</span>
                  </button>
                  {u.id !== user.id && (
                    <button type="button" className="knop-klein" onClick={() => void toggle(u)}>
                      {u.active ? 'Deactiveren' : 'Activeren'}
                      <span className="sr-only"> ({u.name})</span>
                    </button>
                  )}
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

const NEW_USER_LABELS = {
  name: 'Naam',
  email: 'E-mailadres',
  functie: 'Functie',
  organisation: 'Organisatie',
  phone: 'Telefoonnummer (optioneel)',
  temporaryPassword: 'Tijdelijk wachtwoord',
};
const newUserId = (k: string) => `nu-${k}`;

function CreateUserForm({ onCreated }: { onCreated: (u: AdminUser) => void }) {
  const empty = { email: '', name: '', functie: 'consulent_wmo' as Functie, organisation: '', phone: '', temporaryPassword: '' };
  const [form, setForm] = useState(empty);
  const { error, fields, busy, run, clearField } = useSubmit(NEW_USER_LABELS, newUserId, { EMAIL_BESTAAT: 'email' });
  const set = (k: keyof typeof empty) => (e: { target: { value: string } }) => {
    setForm({ ...form, [k]: e.target.value });
    clearField(k);
  };
  const field = (k: keyof typeof NEW_USER_LABELS, hint?: string) => ({ id: newUserId(k), label: NEW_USER_LABELS[k], error: fields[k], hint });

  function submit(e: FormEvent) {
    e.preventDefault();
    const { phone, ...rest } = form;
    const body = phone.trim() ? { ...rest, phone } : rest;
    // Every problem at once, with the schema the server checks with.
    void run(
      schemaProblems(CreateUserRequest, body),
      () => post<AdminUser>('/api/admin/users', body),
      (created) => {
        setForm(empty);
        onCreated(created);
      },
    );
  }

  return (
    <details className="paneel">
      <summary>Nieuw account aanmaken</summary>
      <form onSubmit={submit} noValidate aria-label="Nieuw account aanmaken">
        <ErrorMessage error={error} />
        <div className="rij-velden">
          <Field {...field('name')}>{(control) => <input {...control} value={form.name} onChange={set('name')} />}</Field>
          <Field {...field('email')}>{(control) => <input {...control} type="email" value={form.email} onChange={set('email')} />}</Field>
          <Field {...field('functie')}>
            {(control) => (
              <select {...control} value={form.functie} onChange={set('functie')}>
                {FUNCTIES.map((f) => (
                  <option key={f} value={f}>
                    {FUNCTIE_LABELS[f]}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field {...field('organisation')}>{(control) => <input {...control} value={form.organisation} onChange={set('organisation')} />}</Field>
          <Field {...field('phone')}>{(control) => <input {...control} type="tel" autoComplete="off" value={form.phone} onChange={set('phone')} />}</Field>
          <Field {...field('temporaryPassword', `Minstens ${PASSWORD_MIN_LENGTH} tekens.`)}>
            {(control) => <input {...control} type="text" autoComplete="off" value={form.temporaryPassword} onChange={set('temporaryPassword')} />}
          </Field>
        </div>
        <button type="submit" className="knop" disabled={busy}>
          Account aanmaken
        </button>
      </form>
    </details>
  );
}

function ResetPasswordForm({ target, onDone, onCancel }: { target: AdminUser; onDone: () => void; onCancel: () => void }) {
  const [temporaryPassword, setPassword] = useState('');
  const { error, run } = useAction();
  function submit(e: FormEvent) {
    e.preventDefault();
    void run(async () => {
      await post(`/api/admin/users/${target.id}/password`, { temporaryPassword });
      onDone();
    });
  }
  return (
    <form onSubmit={submit} className="paneel" aria-labelledby="reset-kop" noValidate>
      <h2 id="reset-kop">Wachtwoord resetten voor {target.name}</h2>
      <ErrorMessage error={error} />
      <div className="veld">
        <label htmlFor="reset-ww">Tijdelijk wachtwoord</label>
        <input id="reset-ww" type="text" autoComplete="off" value={temporaryPassword} onChange={(e) => setPassword(e.target.value)} />
      </div>
      <button type="submit" className="knop">
        Resetten
      </button>{' '}
      <button type="button" className="knop-link" onClick={onCancel}>
        Annuleren
      </button>
    </form>
  );
}

/** Name, organisation and phone number: what the household and colleagues see in "wie doet wat". */
function EditUserForm({ target, onDone, onCancel }: { target: AdminUser; onDone: (u: AdminUser) => void; onCancel: () => void }) {
  const [form, setForm] = useState({ name: target.name, organisation: target.organisation, phone: target.phone ?? '' });
  const { error, run } = useAction();
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) => setForm({ ...form, [k]: e.target.value });

  function submit(e: FormEvent) {
    e.preventDefault();
    void run(async () => {
      const phone = form.phone.trim() ? form.phone : null;
      onDone(await patch<AdminUser>(`/api/admin/users/${target.id}`, { name: form.name, organisation: form.organisation, phone }));
    });
  }

  return (
    <form onSubmit={submit} noValidate className="paneel" aria-labelledby="wijzig-kop">
      <h2 id="wijzig-kop">Gegevens wijzigen van {target.name}</h2>
      <ErrorMessage error={error} />
      <div className="rij-velden">
        <div className="veld">
          <label htmlFor="wijzig-naam">Naam</label>
          <input id="wijzig-naam" value={form.name} onChange={set('name')} />
        </div>
        <div className="veld">
          <label htmlFor="wijzig-org">Organisatie</label>
          <input id="wijzig-org" value={form.organisation} onChange={set('organisation')} />
        </div>
        <div className="veld">
          <label htmlFor="wijzig-tel">Telefoonnummer (leeg: geen)</label>
          <input id="wijzig-tel" type="tel" autoComplete="off" value={form.phone} onChange={set('phone')} />
        </div>
      </div>
      <div className="acties">
        <button type="submit" className="knop">
          Opslaan
        </button>
        <button type="button" className="knop-klein" onClick={onCancel}>
          Annuleren
        </button>
      </div>
    </form>
  );
}

/** An account made at a first sign-in whose group named no functie: the administrator sets it, once. */
function SetFunctieForm({ target, onDone, onError }: { target: AdminUser; onDone: (f: Functie) => void; onError: (e: unknown) => void }) {
  const [functie, setFunctie] = useState<Functie | ''>('');
  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!functie) return;
    try {
      await put(`/api/admin/users/${target.id}/functie`, { functie });
      onDone(functie);
    } catch (err) {
      onError(err);
    }
  }
  return (
    <form onSubmit={submit} noValidate className="functie-instellen">
      <span className="vlag">Nog niet ingesteld</span>
      <label className="sr-only" htmlFor={`functie-${target.id}`}>
        Functie van {target.name}
      </label>
      <select id={`functie-${target.id}`} value={functie} onChange={(e) => setFunctie(e.target.value as Functie)}>
        <option value="">Kies een functie…</option>
        {FUNCTIES.filter((f) => f !== 'inwoner').map((f) => (
          <option key={f} value={f}>
            {FUNCTIE_LABELS[f]}
          </option>
        ))}
      </select>
      <button type="submit" className="knop-klein" disabled={!functie}>
        Functie instellen<span className="sr-only"> ({target.name})</span>
      </button>
    </form>
  );
}
