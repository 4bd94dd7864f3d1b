// For the functional administrator: how people sign in. Identity providers (those from the
// configuration read-only), the group → functie table, sign-ins waiting for a link, and the
// password-login switch with its one break-glass account.
import { type FormEvent, useState } from 'react';
import { del, get, post, put } from '../api';
import { ErrorMessage, Loading, PageTitle, SuccessMessage } from '../components/Feedback';
import { useAction } from '../forms/useAction';
import { Link } from '../components/Link';
import { formatDateTime } from '../format';
import { useLoad } from '../useLoad';
import { can } from '../../../shared/permissions';
import { FUNCTIE_LABELS, FUNCTIES, type Functie } from '../../../shared/roles';
import type { AdminUser, AuthSettings, GroupMapping, LinkRequestView, OidcProviderView, SessionUser } from '../../../shared/schemas';
import { PROVIDER_KIND_LABELS, type ProviderKind } from '../../../shared/schemas/oidc';

/** Shown to someone whose account was made at a first sign-in and waits for a functie. */
export function FunctiePendingPage() {
  return (
    <section>
      <PageTitle title="Account wacht op de beheerder">Uw account wacht op de functioneel beheerder</PageTitle>
      <p>
        U bent ingelogd via uw organisatie en er is een account voor u aangemaakt. Uw groep bij de inlogdienst hoort nog bij geen functie in Casustafel, dus de
        functioneel beheerder moet uw functie eerst instellen. Tot dan kunt u niets zien of doen in Casustafel.
      </p>
    </section>
  );
}

const STAFF_FUNCTIES = FUNCTIES.filter((f) => f !== 'inwoner');

export function AdminSsoPage({ user }: { user: SessionUser }) {
  if (!can(user.functie, 'users.manage')) {
    return (
      <section>
        <PageTitle title="Geen toegang">Geen toegang</PageTitle>
        <p>Alleen de functioneel beheerder regelt hoe er wordt ingelogd.</p>
        <Link href="/">Naar de werkbak</Link>
      </section>
    );
  }
  return <SsoAdmin />;
}

function SsoAdmin() {
  const providers = useLoad(() => get<OidcProviderView[]>('/api/admin/oidc/providers'), 'providers');
  const mappings = useLoad(() => get<GroupMapping[]>('/api/admin/oidc/group-functies'), 'mappings');
  const links = useLoad(() => get<LinkRequestView[]>('/api/admin/oidc/link-requests'), 'links');
  const users = useLoad(() => get<AdminUser[]>('/api/admin/users'), 'users');
  const settings = useLoad(() => get<AuthSettings>('/api/admin/auth-settings'), 'auth-settings');
  const [message, setMessage] = useState<string | null>(null);
  const action = useAction();

  async function act(what: () => Promise<unknown>, done: string, reload: () => void) {
    setMessage(null);
    if (await action.run(what)) {
      setMessage(done);
      reload();
    }
  }

  const loadError = providers.error ?? mappings.error ?? links.error ?? users.error ?? settings.error;
  return (
    <section>
      <PageTitle title="Inloggen (SSO)">Inloggen</PageTitle>
      <p className="uitleg">
        Medewerkers en partners loggen in via de identiteitsprovider van hun organisatie, inwoners met DigiD via een broker. Elke wijziging staat in de audittrail.
      </p>
      <ErrorMessage error={loadError ?? action.error} />
      {message && <SuccessMessage>{message}</SuccessMessage>}

      <h2>Wachten op de beheerder</h2>
      {!links.data ? (
        <Loading what="Koppelverzoeken" />
      ) : links.data.length === 0 ? (
        <p className="leeg">Er wachten geen logins op een koppeling.</p>
      ) : (
        <LinkRequests
          requests={links.data}
          residents={(users.data ?? []).filter((u) => u.functie === 'inwoner' && u.active)}
          onApprove={(r, userId) => act(() => post(`/api/admin/oidc/link-requests/${r.id}/approve`, userId ? { userId } : {}), 'De koppeling is gemaakt; de persoon kan nu inloggen.', links.reload)}
          onReject={(r) => act(() => post(`/api/admin/oidc/link-requests/${r.id}/reject`), 'Het koppelverzoek is afgewezen.', links.reload)}
        />
      )}

      <h2>Inloggen met een wachtwoord</h2>
      {settings.data && users.data ? (
        <PasswordSwitch
          key={settings.data.updatedAt ?? 'nooit'}
          settings={settings.data}
          admins={users.data.filter((u) => u.functie === 'functioneel_beheerder' && u.active)}
          onSave={(body) => act(() => put('/api/admin/auth-settings', body), 'De instelling voor inloggen met een wachtwoord is opgeslagen.', settings.reload)}
        />
      ) : (
        <Loading what="Instelling" />
      )}

      <h2>Inlogdiensten</h2>
      {!providers.data ? (
        <Loading what="Inlogdiensten" />
      ) : (
        <>
          {providers.data.length === 0 && <p className="leeg">Er is nog geen inlogdienst ingesteld.</p>}
          {providers.data.map((p) => (
            <div className="paneel" key={p.settings.id}>
              <h3>
                {p.settings.name} <span className="klein">({p.settings.id}, {PROVIDER_KIND_LABELS[p.settings.kind]})</span>
              </h3>
              <dl className="sso-gegevens">
                <dt>Issuer</dt>
                <dd>{p.settings.issuer}</dd>
                <dt>Client-id</dt>
                <dd>{p.settings.clientId}</dd>
                <dt>Redirect-URI (registreren bij de dienst)</dt>
                <dd>{p.redirectUri}</dd>
                <dt>Back-channel-logout-URI</dt>
                <dd>{p.backchannelLogoutUri}</dd>
                <dt>Post-logout-redirect-URI</dt>
                <dd>{p.postLogoutRedirectUri}</dd>
                <dt>Bron</dt>
                <dd>{p.source === 'omgeving' ? 'Configuratie (OIDC_PROVIDERS), hier niet te wijzigen' : 'Ingesteld door de beheerder'}</dd>
              </dl>
              {p.source === 'beheer' && (
                <button type="button" className="knop-klein" onClick={() => void act(() => del(`/api/admin/oidc/providers/${p.settings.id}`), `${p.settings.name} is verwijderd.`, providers.reload)}>
                  Verwijderen<span className="sr-only"> ({p.settings.name})</span>
                </button>
              )}
            </div>
          ))}
          <NewProviderForm onSaved={(name) => act(async () => undefined, `${name} is toegevoegd. Registreer de adressen hierboven bij de dienst.`, providers.reload)} />
        </>
      )}

      <h2>Groep → functie</h2>
      <p className="uitleg">Bij de eerste login krijgt een nieuw account de functie van zijn groep. Zonder bekende groep wacht het account tot u de functie instelt (Gebruikersbeheer).</p>
      {mappings.data && providers.data ? (
        <GroupTable
          mappings={mappings.data}
          providers={providers.data.filter((p) => p.settings.kind === 'medewerkers')}
          onAdd={(providerId, group, functie) => act(() => put(`/api/admin/oidc/providers/${providerId}/group-functies`, { group, functie }), `Groep ${group} hoort nu bij ${FUNCTIE_LABELS[functie]}.`, mappings.reload)}
          onRemove={(m) => act(() => del(`/api/admin/oidc/providers/${m.providerId}/group-functies?group=${encodeURIComponent(m.group)}`), `Groep ${m.group} is uit de tabel gehaald.`, mappings.reload)}
        />
      ) : (
        <Loading what="Tabel" />
      )}
    </section>
  );
}

function LinkRequests({
  requests,
  residents,
  onApprove,
  onReject,
}: {
  requests: LinkRequestView[];
  residents: AdminUser[];
  onApprove: (r: LinkRequestView, userId?: string) => void;
  onReject: (r: LinkRequestView) => void;
}) {
  const [chosen, setChosen] = useState<Record<string, string>>({});
  return (
    <table className="tabel">
      <caption>Logins die op een koppeling wachten ({requests.length})</caption>
      <thead>
        <tr>
          <th scope="col">Inlogdienst</th>
          <th scope="col">Wie</th>
          <th scope="col">Koppelen aan</th>
          <th scope="col">Laatste poging</th>
          <th scope="col">Acties</th>
        </tr>
      </thead>
      <tbody>
        {requests.map((r) => (
          <tr key={r.id}>
            <td>{r.providerName}</td>
            <th scope="row">
              {r.name ?? 'Onbekende naam'}
              <div className="klein">{r.email ?? `kenmerk ${r.subjectFingerprint}`}</div>
            </th>
            <td>
              {r.kind === 'email' ? (
                r.targetUser ? `${r.targetUser.name} (${r.targetUser.email})` : '—'
              ) : (
                <>
                  <label className="sr-only" htmlFor={`koppel-${r.id}`}>
                    Account van de inwoner
                  </label>
                  <select id={`koppel-${r.id}`} value={chosen[r.id] ?? ''} onChange={(e) => setChosen({ ...chosen, [r.id]: e.target.value })}>
                    <option value="">Kies het account van de inwoner…</option>
                    {residents.map((u) => (
                      <option key={u.id} value={u.id}>
                        {u.name} ({u.email})
                      </option>
                    ))}
                  </select>
                </>
              )}
            </td>
            <td>{formatDateTime(r.lastSeenAt)}</td>
            <td>
              <div className="acties">
                <button type="button" className="knop-klein" onClick={() => onApprove(r, r.kind === 'inwoner' ? chosen[r.id] || undefined : undefined)}>
                  Koppeling goedkeuren<span className="sr-only"> ({r.name ?? r.subjectFingerprint})</span>
                </button>
                <button type="button" className="knop-klein" onClick={() => onReject(r)}>
                  Afwijzen<span className="sr-only"> ({r.name ?? r.subjectFingerprint})</span>
                </button>
              </div>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function PasswordSwitch({ settings, admins, onSave }: { settings: AuthSettings; admins: AdminUser[]; onSave: (body: { passwordLogin: AuthSettings['passwordLogin']; breakGlassUserId: string | null }) => void }) {
  const [mode, setMode] = useState(settings.passwordLogin);
  const [breakGlass, setBreakGlass] = useState(settings.breakGlassUserId ?? '');
  function submit(e: FormEvent) {
    e.preventDefault();
    onSave({ passwordLogin: mode, breakGlassUserId: mode === 'on' ? null : breakGlass || null });
  }
  return (
    <form onSubmit={submit} className="paneel" noValidate>
      <fieldset>
        <legend>Wie mag met een wachtwoord inloggen?</legend>
        <div className="keuze">
          <input type="radio" id="ww-aan" name="wachtwoord" checked={mode === 'on'} onChange={() => setMode('on')} />
          <label htmlFor="ww-aan">Iedereen met een wachtwoord (kleine installaties, demo)</label>
        </div>
        <div className="keuze">
          <input type="radio" id="ww-nood" name="wachtwoord" checked={mode === 'break_glass_only'} onChange={() => setMode('break_glass_only')} />
          <label htmlFor="ww-nood">Alleen het noodaccount; verder alleen via een inlogdienst</label>
        </div>
      </fieldset>
      {mode === 'break_glass_only' && (
        <div className="veld">
          <label htmlFor="noodaccount">Noodaccount (functioneel beheerder)</label>
          <select id="noodaccount" value={breakGlass} onChange={(e) => setBreakGlass(e.target.value)}>
            <option value="">Kies…</option>
            {admins.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name} ({a.email})
              </option>
            ))}
          </select>
          <p className="hint">Alle andere wachtwoordsessies eindigen meteen, ook de uwe als u niet het noodaccount bent.</p>
        </div>
      )}
      <button type="submit" className="knop">
        Opslaan
      </button>
    </form>
  );
}

function NewProviderForm({ onSaved }: { onSaved: (name: string) => void }) {
  const empty = { id: '', name: '', kind: 'medewerkers' as ProviderKind, issuer: '', clientId: '', clientSecret: '', scopes: '', email: '', naam: '', groups: '', unknownGroup: 'pending' };
  const [form, setForm] = useState(empty);
  const { error, run } = useAction();
  const set = (k: keyof typeof empty) => (e: { target: { value: string } }) => setForm({ ...form, [k]: e.target.value });

  function submit(e: FormEvent) {
    e.preventDefault();
    const claims = Object.fromEntries(
      (
        [
          ['email', form.email],
          ['name', form.naam],
          ['groups', form.groups],
        ] as const
      ).filter(([, v]) => v.trim()),
    );
    void run(async () => {
      await post('/api/admin/oidc/providers', {
        id: form.id,
        name: form.name,
        kind: form.kind,
        issuer: form.issuer,
        clientId: form.clientId,
        clientSecret: form.clientSecret,
        ...(form.scopes.trim() ? { scopes: form.scopes } : {}),
        ...(Object.keys(claims).length ? { claims } : {}),
        ...(form.kind === 'medewerkers' ? { unknownGroup: form.unknownGroup } : {}),
      });
      onSaved(form.name);
      setForm(empty);
    });
  }

  return (
    <details className="paneel">
      <summary>Inlogdienst toevoegen</summary>
      <form onSubmit={submit} noValidate>
        <ErrorMessage error={error} />
        <div className="rij-velden">
          <div className="veld">
            <label htmlFor="np-id">Id (in de adressen, bv. entra)</label>
            <input id="np-id" value={form.id} onChange={set('id')} />
          </div>
          <div className="veld">
            <label htmlFor="np-naam">Naam op de knop</label>
            <input id="np-naam" value={form.name} onChange={set('name')} />
          </div>
          <div className="veld">
            <label htmlFor="np-soort">Voor wie</label>
            <select id="np-soort" value={form.kind} onChange={set('kind')}>
              <option value="medewerkers">{PROVIDER_KIND_LABELS.medewerkers}</option>
              <option value="inwoners">{PROVIDER_KIND_LABELS.inwoners}</option>
            </select>
          </div>
          <div className="veld">
            <label htmlFor="np-issuer">Issuer (https://…)</label>
            <input id="np-issuer" type="url" value={form.issuer} onChange={set('issuer')} />
          </div>
          <div className="veld">
            <label htmlFor="np-client">Client-id</label>
            <input id="np-client" value={form.clientId} onChange={set('clientId')} />
          </div>
          <div className="veld">
            <label htmlFor="np-secret">Client secret (wordt versleuteld bewaard)</label>
            <input id="np-secret" type="password" autoComplete="new-password" value={form.clientSecret} onChange={set('clientSecret')} />
          </div>
          <div className="veld">
            <label htmlFor="np-scopes">Scopes (leeg: standaard)</label>
            <input id="np-scopes" value={form.scopes} onChange={set('scopes')} />
          </div>
          <div className="veld">
            <label htmlFor="np-email">Claim met het e-mailadres (leeg: email)</label>
            <input id="np-email" value={form.email} onChange={set('email')} />
          </div>
          <div className="veld">
            <label htmlFor="np-naamclaim">Claim met de naam (leeg: name)</label>
            <input id="np-naamclaim" value={form.naam} onChange={set('naam')} />
          </div>
          <div className="veld">
            <label htmlFor="np-groups">Claim met groepen of rollen (leeg: groups)</label>
            <input id="np-groups" value={form.groups} onChange={set('groups')} />
          </div>
          {form.kind === 'medewerkers' && (
            <div className="veld">
              <label htmlFor="np-onbekend">Groep die bij geen functie hoort</label>
              <select id="np-onbekend" value={form.unknownGroup} onChange={set('unknownGroup')}>
                <option value="pending">Account aanmaken; beheerder stelt de functie in</option>
                <option value="refuse">Inloggen weigeren</option>
              </select>
            </div>
          )}
        </div>
        <p className="hint">Inwoners hebben altijd minstens DigiD Substantieel nodig; het betrouwbaarheidsniveau per functie en de acr-waarden van een broker stelt u in via OIDC_PROVIDERS of de API.</p>
        <button type="submit" className="knop">
          Toevoegen
        </button>
      </form>
    </details>
  );
}

function GroupTable({
  mappings,
  providers,
  onAdd,
  onRemove,
}: {
  mappings: GroupMapping[];
  providers: OidcProviderView[];
  onAdd: (providerId: string, group: string, functie: Functie) => void;
  onRemove: (m: GroupMapping) => void;
}) {
  const [providerId, setProviderId] = useState(providers[0]?.settings.id ?? '');
  const [group, setGroup] = useState('');
  const [functie, setFunctie] = useState<Functie>('casusregisseur');
  function submit(e: FormEvent) {
    e.preventDefault();
    onAdd(providerId, group, functie);
    setGroup('');
  }
  return (
    <>
      <table className="tabel">
        <caption>Groep → functie ({mappings.length})</caption>
        <thead>
          <tr>
            <th scope="col">Inlogdienst</th>
            <th scope="col">Groep of rol</th>
            <th scope="col">Functie</th>
            <th scope="col">Bron</th>
            <th scope="col">Acties</th>
          </tr>
        </thead>
        <tbody>
          {mappings.map((m) => (
            <tr key={`${m.providerId}:${m.group}:${m.source}`}>
              <td>{m.providerId}</td>
              <th scope="row">{m.group}</th>
              <td>{FUNCTIE_LABELS[m.functie]}</td>
              <td>{m.source === 'omgeving' ? 'Configuratie' : 'Beheerder'}</td>
              <td>
                {m.source === 'beheer' && (
                  <button type="button" className="knop-klein" onClick={() => onRemove(m)}>
                    Verwijderen<span className="sr-only"> (groep {m.group})</span>
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {providers.length > 0 && (
        <form onSubmit={submit} className="paneel" noValidate aria-labelledby="groep-kop">
          <h3 id="groep-kop">Groep toevoegen</h3>
          <div className="rij-velden">
            <div className="veld">
              <label htmlFor="gf-dienst">Inlogdienst</label>
              <select id="gf-dienst" value={providerId} onChange={(e) => setProviderId(e.target.value)}>
                {providers.map((p) => (
                  <option key={p.settings.id} value={p.settings.id}>
                    {p.settings.name}
                  </option>
                ))}
              </select>
            </div>
            <div className="veld">
              <label htmlFor="gf-groep">Groep of rol (zoals de dienst hem doorgeeft)</label>
              <input id="gf-groep" value={group} onChange={(e) => setGroup(e.target.value)} />
            </div>
            <div className="veld">
              <label htmlFor="gf-functie">Functie</label>
              <select id="gf-functie" value={functie} onChange={(e) => setFunctie(e.target.value as Functie)}>
                {STAFF_FUNCTIES.map((f) => (
                  <option key={f} value={f}>
                    {FUNCTIE_LABELS[f]}
                  </option>
                ))}
              </select>
            </div>
          </div>
          <button type="submit" className="knop">
            Opslaan
          </button>
        </form>
      )}
    </>
  );
}
