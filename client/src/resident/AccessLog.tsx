// "Wie heeft mijn dossier bekeken" (AVG art. 15). Loaded only when asked: looking it up is
// itself written in the audit trail.
import { useRef, useEffect, useState } from 'react';
import { get } from '../api';
import type { AccessLogEntry } from '../../../shared/schemas';
import { ErrorMessage } from '../components/Feedback';
import { useAction } from '../forms/useAction';
import { formatDay } from '../format';

const time = new Intl.DateTimeFormat('nl-NL', { hour: '2-digit', minute: '2-digit' });

export function AccessLog({ caseId }: { caseId: string }) {
  const [entries, setEntries] = useState<AccessLogEntry[] | null>(null);
  const { busy, error, run } = useAction();
  const result = useRef<HTMLParagraphElement>(null);

  function load() {
    void run(async () => {
      setEntries(await get<AccessLogEntry[]>(`/api/cases/${encodeURIComponent(caseId)}/inwoner/accesslog`));
    });
  }

  useEffect(() => {
    if (entries) result.current?.focus();
  }, [entries]);

  return (
    <section className="inwoner-blok" aria-labelledby="inwoner-inzage-kop">
      <h2 id="inwoner-inzage-kop">Wie heeft mijn dossier bekeken</h2>
      <p>U mag altijd weten wie uw gegevens heeft bekeken. Dat is uw recht (artikel 15 van de AVG, de privacywet).</p>
      <p>U ziet per dag wie iets in uw dossier bekeek en wat. Bekeek iemand hetzelfde vaker op één dag, dan staat erbij hoe vaak.</p>
      <button type="button" className="knop inwoner-knop" disabled={busy} onClick={() => void load()}>
        {entries ? 'Opnieuw bekijken' : 'Laat zien wie mijn dossier heeft bekeken'}
      </button>
      <ErrorMessage error={error} />
      {entries && (
        <>
          <p ref={result} tabIndex={-1} className="inwoner-resultaat">
            {entries.length === 0 ? 'Niemand anders heeft uw dossier bekeken.' : 'Hieronder ziet u per dag wie uw dossier heeft bekeken, en wat die persoon deed.'}
          </p>
          {entries.length > 0 && (
            <table className="tabel inwoner-inzage">
              <caption className="sr-only">Wie heeft mijn dossier bekeken, nieuwste eerst</caption>
              <thead>
                <tr>
                  <th scope="col">Wanneer</th>
                  <th scope="col">Wie</th>
                  <th scope="col">Wat</th>
                </tr>
              </thead>
              <tbody>
                {entries.map((e) => (
                  <tr key={`${e.day}|${e.person.name}|${e.first}`}>
                    <td>
                      {formatDay(e.day)}
                      <br />
                      <span className="klein">
                        {time.format(new Date(e.first))}
                        {e.first !== e.last ? ` tot ${time.format(new Date(e.last))}` : ''}
                      </span>
                    </td>
                    <th scope="row">
                      {e.person.name}
                      <br />
                      <span className="klein">
                        {e.person.role}, {e.person.organisation}
                      </span>
                    </th>
                    <td>
                      <ul className="inwoner-wat">
                        {e.what.map((w) => (
                          <li key={w.kind}>
                            {w.label}
                            {w.times > 1 ? ` (${w.times} keer)` : ''}
                          </li>
                        ))}
                      </ul>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </section>
  );
}
