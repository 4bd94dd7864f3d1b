import { useState } from 'react';
import { get, put } from '../api';
import { useLoad } from '../useLoad';
import { DEFAULT_MANDATE, DEVIATION_ROUTES, LAWS, lawByKey, MANDATE_LABELS, MANDATE_LEVELS, type MandateLevel } from '../../../shared/laws';
import { can } from '../../../shared/permissions';
import type { MandateRule, SessionUser } from '../../../shared/schemas';
import { ErrorMessage, Loading, PageTitle, SuccessMessage } from '../components/Feedback';
import { Link } from '../components/Link';
import { RoutingSettings } from './RoutingSettings';

/** For the functional administrator: which mandate level approves which kind of deviation. */
export function AdminMandatesPage({ user }: { user: SessionUser }) {
  if (!can(user.functie, 'mandates.manage')) {
    return (
      <section>
        <PageTitle title="Geen toegang">Geen toegang</PageTitle>
        <p>Alleen de functioneel beheerder stelt de mandaten in.</p>
        <Link href="/">Naar de werkbak</Link>
      </section>
    );
  }
  return (
    <>
      <MandateRules />
      <RoutingSettings />
    </>
  );
}

const routeLabel = (key: MandateRule['route']) => DEVIATION_ROUTES.find((r) => r.key === key)?.label ?? key;

function MandateRules() {
  const { data: rules, error, set } = useLoad(() => get<MandateRule[]>('/api/admin/mandate-rules'), 'mandate-rules');
  const [message, setMessage] = useState<string | null>(null);
  const [actionError, setActionError] = useState<unknown>(null);
  const [saving, setSaving] = useState<string | null>(null);

  async function change(rule: MandateRule, level: MandateLevel) {
    const key = `${rule.law}/${rule.route}`;
    setActionError(null);
    setMessage(null);
    setSaving(key);
    try {
      const saved = await put<MandateRule>(`/api/admin/mandate-rules/${encodeURIComponent(rule.law)}/${encodeURIComponent(rule.route)}`, { level });
      set((list) => list?.map((r) => (r.law === saved.law && r.route === saved.route ? saved : r)));
      setMessage(`Opgeslagen: voor ${lawByKey(saved.law).name}, route „${routeLabel(saved.route)}”, is nu het mandaat van ${MANDATE_LABELS[saved.level].toLowerCase()} nodig.`);
    } catch (err) {
      setActionError(err);
    } finally {
      setSaving(null);
    }
  }

  const find = (law: MandateRule['law'], route: MandateRule['route']) => rules?.find((r) => r.law === law && r.route === route);

  return (
    <section>
      <PageTitle title="Mandaten">Mandaten</PageTitle>
      <p className="uitleg mandaten-uitleg">
        Stel per wet en afwijkingsroute in welk mandaat minstens nodig is om een afwijking goed te keuren of af te wijzen. Een hoger mandaat mag altijd wat een lager
        mandaat mag: {MANDATE_LEVELS.map((l) => MANDATE_LABELS[l].toLowerCase()).join(', dan ')}. Standaard is dat de {MANDATE_LABELS[DEFAULT_MANDATE].toLowerCase()}.
        Een wijziging geldt meteen, ook voor voorstellen waarover nog niet is besloten. Elke wijziging wordt vastgelegd in het auditlog.
      </p>
      <ErrorMessage error={error ?? actionError} />
      {message && <SuccessMessage>{message}</SuccessMessage>}
      {!rules && !error && <Loading what="Mandaten" />}
      {rules && (
        <div className="tabel-scroll" role="region" aria-labelledby="mandaten-caption" tabIndex={0}>
          <table className="tabel mandaten">
            <caption id="mandaten-caption">Vereist mandaat per wet (rijen) en afwijkingsroute (kolommen)</caption>
            <thead>
              <tr>
                <th scope="col">Wet</th>
                {DEVIATION_ROUTES.map((r) => (
                  <th scope="col" key={r.key}>
                    {r.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {LAWS.map((law) => (
                <tr key={law.key}>
                  <th scope="row">{law.name}</th>
                  {DEVIATION_ROUTES.map((r) => {
                    const rule = find(law.key, r.key);
                    const key = `${law.key}/${r.key}`;
                    return (
                      <td key={r.key}>
                        {rule ? (
                          <select
                            aria-label={`Vereist mandaat voor ${law.name}, route ${r.label}`}
                            className={rule.level === DEFAULT_MANDATE ? 'mandaat' : 'mandaat mandaat-hoger'}
                            value={rule.level}
                            disabled={saving === key}
                            onChange={(e) => void change(rule, e.target.value as MandateLevel)}
                          >
                            {MANDATE_LEVELS.map((l) => (
                              <option key={l} value={l}>
                                {MANDATE_LABELS[l]}
                              </option>
                            ))}
                          </select>
                        ) : (
                          <span className="klein">–</span>
                        )}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
