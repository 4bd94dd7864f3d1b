// For the functional administrator: which mandate level a breakthrough request needs, by the
// amount (the highest amount each level may grant) and by its kind. The request goes to the
// highest of these and of what its linked deviations need (the mandate rules).
import { type FormEvent, useEffect, useState } from 'react';
import { get, put } from '../api';
import { ErrorMessage, Loading, SuccessMessage } from '../components/Feedback';
import { useLoad } from '../useLoad';
import { BREAKTHROUGH_KINDS } from '../../../shared/breakthroughs';
import { MANDATE_LABELS, MANDATE_LEVELS, type MandateLevel } from '../../../shared/laws';
import type { BreakthroughRoutingConfig } from '../../../shared/schemas';
import { centsToInput, formatEuro, parseEuro } from '../breakthroughs/money';

type Limits = Record<MandateLevel, string>;

export function RoutingSettings() {
  const { data, error, set } = useLoad(() => get<BreakthroughRoutingConfig>('/api/admin/breakthrough-routing'), 'breakthrough-routing');
  const [limits, setLimits] = useState<Limits | null>(null);
  const [kinds, setKinds] = useState<BreakthroughRoutingConfig['kindLevels'] | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [saveError, setSaveError] = useState<unknown>(null);
  const [invalid, setInvalid] = useState<MandateLevel | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!data) return;
    setLimits(Object.fromEntries(MANDATE_LEVELS.map((l) => [l, data.amountLimits[l] === null ? '' : centsToInput(data.amountLimits[l]!)])) as Limits);
    setKinds(data.kindLevels);
  }, [data]);

  async function save(e: FormEvent) {
    e.preventDefault();
    if (!limits || !kinds) return;
    setMessage(null);
    setSaveError(null);
    setInvalid(null);
    const amountLimits = {} as BreakthroughRoutingConfig['amountLimits'];
    for (const l of MANDATE_LEVELS) {
      const typed = limits[l].trim();
      const cents = typed === '' ? null : parseEuro(typed);
      if (typed !== '' && cents === null) {
        setSaveError(new Error(`Vul bij ${MANDATE_LABELS[l].toLowerCase()} een bedrag in euro in, of laat het leeg voor geen grens.`));
        setInvalid(l);
        document.getElementById(`dbv-grens-${l}`)?.focus();
        return;
      }
      amountLimits[l] = cents;
    }
    setBusy(true);
    try {
      const saved = await put<BreakthroughRoutingConfig>('/api/admin/breakthrough-routing', { amountLimits, kindLevels: kinds });
      set(saved);
      setMessage('De routering van doorbraakverzoeken is opgeslagen. Nieuwe verzoeken volgen haar meteen.');
    } catch (err) {
      setSaveError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="dbv-routering-kop" className="paneel dbv-routering">
      <h2 id="dbv-routering-kop">Doorbraakverzoeken: routering naar mandaat</h2>
      <p className="uitleg">
        Een doorbraakverzoek gaat naar het hoogste van drie niveaus: het niveau dat bij de soort doorbraak hoort, het laagste niveau waarvan de bedraggrens het bedrag dekt (het
        gevraagde budget, maar minstens de kosten van de doorbraak in het eerste jaar), en het mandaat dat de gekoppelde afwijkingen vragen (onder Mandaten, per wet en route). Een
        mandaathouder kan nooit meer toekennen dan de grens van het eigen niveau. Elke wijziging wordt vastgelegd in het auditlog.
      </p>
      <ErrorMessage error={error ?? saveError} />
      {message && <SuccessMessage>{message}</SuccessMessage>}
      {!limits || !kinds ? (
        !error && <Loading what="Routering" />
      ) : (
        <form onSubmit={save} noValidate aria-label="Routering van doorbraakverzoeken">
          <fieldset className="dbv-groep">
            <legend>Hoogste bedrag per mandaat (€)</legend>
            <p className="hint" id="dbv-grens-hint">
              Leeg: geen grens. Een hoger niveau heeft nooit een lagere grens.
            </p>
            <div className="rij-velden">
              {MANDATE_LEVELS.map((l) => (
                <div key={l} className={invalid === l ? 'veld veld-fout' : 'veld'}>
                  <label htmlFor={`dbv-grens-${l}`}>{MANDATE_LABELS[l]}</label>
                  <input
                    id={`dbv-grens-${l}`}
                    inputMode="decimal"
                    autoComplete="off"
                    value={limits[l]}
                    aria-describedby="dbv-grens-hint"
                    aria-invalid={invalid === l ? true : undefined}
                    onChange={(e) => setLimits({ ...limits, [l]: e.target.value })}
                  />
                  {data && <span className="klein">Nu: {data.amountLimits[l] === null ? 'geen grens' : formatEuro(data.amountLimits[l]!)}</span>}
                </div>
              ))}
            </div>
          </fieldset>
          <fieldset className="dbv-groep">
            <legend>Minimaal mandaat per soort doorbraak</legend>
            <div className="rij-velden">
              {BREAKTHROUGH_KINDS.map((k) => (
                <div key={k.key} className="veld">
                  <label htmlFor={`dbv-soort-${k.key}`}>{k.label}</label>
                  <select id={`dbv-soort-${k.key}`} value={kinds[k.key]} onChange={(e) => setKinds({ ...kinds, [k.key]: e.target.value as MandateLevel })}>
                    {MANDATE_LEVELS.map((l) => (
                      <option key={l} value={l}>
                        {MANDATE_LABELS[l]}
                      </option>
                    ))}
                  </select>
                </div>
              ))}
            </div>
          </fieldset>
          <button type="submit" className="knop" disabled={busy}>
            Routering opslaan
          </button>
        </form>
      )}
    </section>
  );
}
