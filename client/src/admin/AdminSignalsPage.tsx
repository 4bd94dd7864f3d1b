// For the functional administrator: the thresholds of the stuck-case signals.
import { type FormEvent, useState } from 'react';
import { get, put } from '../api';
import { ErrorMessage, Loading, PageTitle, SuccessMessage } from '../components/Feedback';
import { Link } from '../components/Link';
import { formatDateTime } from '../format';
import { summaryError } from '../forms/errors';
import { useLoad } from '../useLoad';
import { can } from '../../../shared/permissions';
import type { SessionUser, SignalSettingView } from '../../../shared/schemas';

export function AdminSignalsPage({ user }: { user: SessionUser }) {
  if (!can(user.functie, 'signals.manage')) {
    return (
      <section>
        <PageTitle title="Geen toegang">Geen toegang</PageTitle>
        <p>Alleen de functioneel beheerder stelt de drempels van de signalen in.</p>
        <Link href="/">Naar de werkbak</Link>
      </section>
    );
  }
  return <Settings />;
}

function Settings() {
  const { data, error, set } = useLoad(() => get<SignalSettingView[]>('/api/admin/signal-settings'), 'signal-settings');
  const [message, setMessage] = useState<string | null>(null);
  const [actionError, setActionError] = useState<unknown>(null);

  async function save(key: SignalSettingView['key'], value: number) {
    setMessage(null);
    setActionError(null);
    try {
      const saved = await put<SignalSettingView>(`/api/admin/signal-settings/${encodeURIComponent(key)}`, { value });
      set((list) => list?.map((s) => (s.key === saved.key ? saved : s)));
      setMessage(`Opgeslagen: „${saved.label}” is nu ${saved.value}. Dit geldt meteen voor alle casussen.`);
    } catch (err) {
      setActionError(summaryError(err, { value: 'Waarde' }));
    }
  }

  return (
    <section>
      <PageTitle title="Signalen">Drempels van de signalen</PageTitle>
      <p className="uitleg">
        Wanneer een casus als mogelijk vastgelopen wordt gesignaleerd. De andere signalen (doelen over de streefdatum, afwijking over de herbeoordelingsdatum, geen
        regisseur, gesloten zonder vervolgafspraken, door een lid gemeld) hebben geen drempel. Elke wijziging wordt vastgelegd in het auditlog.
      </p>
      <ErrorMessage error={error ?? actionError} />
      {message && <SuccessMessage>{message}</SuccessMessage>}
      {!data && !error && <Loading what="Drempels" />}
      {data && (
        <table className="tabel signaal-drempels">
          <caption>Drempels</caption>
          <thead>
            <tr>
              <th scope="col">Signaal</th>
              <th scope="col">Waarde</th>
              <th scope="col">Standaard</th>
              <th scope="col">Laatst gewijzigd</th>
            </tr>
          </thead>
          <tbody>
            {data.map((s) => (
              <SettingRow key={`${s.key}:${s.value}`} setting={s} onSave={save} />
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function SettingRow({ setting, onSave }: { setting: SignalSettingView; onSave: (key: SignalSettingView['key'], value: number) => Promise<void> }) {
  const [value, setValue] = useState(String(setting.value));
  const id = `drempel-${setting.key}`;
  function submit(e: FormEvent) {
    e.preventDefault();
    void onSave(setting.key, Number(value));
  }
  return (
    <tr>
      <th scope="row">
        <label htmlFor={id}>{setting.label}</label>
      </th>
      <td>
        <form onSubmit={submit} className="acties" noValidate>
          <input id={id} type="number" inputMode="numeric" min={setting.min} max={setting.max} step={1} value={value} aria-describedby={`${id}-grenzen`} onChange={(e) => setValue(e.target.value)} />
          <span id={`${id}-grenzen`} className="klein">
            ({setting.min} tot en met {setting.max})
          </span>
          <button type="submit" className="knop-klein">
            Opslaan<span className="sr-only"> ({setting.label})</span>
          </button>
        </form>
      </td>
      <td>{setting.default}</td>
      <td>{setting.updatedAt ? `${formatDateTime(setting.updatedAt)} door ${setting.updatedBy?.name ?? 'onbekend'}` : 'Nooit (standaard)'}</td>
    </tr>
  );
}
