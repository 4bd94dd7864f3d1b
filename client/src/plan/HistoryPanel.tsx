// "Wie heeft wat gewijzigd en wanneer": the server groups stored edits into sessions per author.
import { useCallback, useEffect, useState } from 'react';
import { get } from '../api';
import { ErrorMessage } from '../components/Feedback';
import { formatDateTime } from '../format';
import type { PlanHistory } from '../../../shared/schemas';
import { useFeed } from '../live/useFeed';

const time = new Intl.DateTimeFormat('nl-NL', { timeStyle: 'short' });
const sameDay = (a: string, b: string) => new Date(a).toDateString() === new Date(b).toDateString();
const SHOWN = 10;

export function HistoryPanel({ caseId, room, id, title }: { caseId: string; room: 'plan' | 'intern'; id: string; title: string }) {
  const [history, setHistory] = useState<PlanHistory | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [all, setAll] = useState(false);
  const load = useCallback(() => {
    setError(null);
    get<PlanHistory>(`/api/cases/${encodeURIComponent(caseId)}/plan/history?room=${room}`).then(setHistory, setError);
  }, [caseId, room]);
  useEffect(load, [load]);
  useFeed(caseId, ['history'], load);

  const sessions = history?.sessions ?? [];
  const shown = all ? sessions : sessions.slice(0, SHOWN);
  return (
    <div className="plandeel">
      <div className="plandeel-kop">
        <h3 id={`${id}-kop`}>{title}</h3>
      </div>
      <ErrorMessage error={error} />
      {history === null ? (
        !error && <p className="laden">Geschiedenis laden…</p>
      ) : sessions.length === 0 ? (
        <p className="leeg">Nog geen wijzigingen.</p>
      ) : (
        <>
          <table className="tabel geschiedenis" aria-labelledby={`${id}-kop`}>
            <thead>
              <tr>
                <th scope="col">Wie</th>
                <th scope="col">Wanneer</th>
                <th scope="col">Bewerkingen</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((s, i) => (
                <tr key={`${s.author.id}-${s.from}-${i}`}>
                  <th scope="row">{s.author.name}</th>
                  <td>
                    <time dateTime={s.from}>{formatDateTime(s.from)}</time>
                    {formatDateTime(s.to) !== formatDateTime(s.from) && (
                      <>
                        {' – '}
                        <time dateTime={s.to}>{sameDay(s.from, s.to) ? time.format(new Date(s.to)) : formatDateTime(s.to)}</time>
                      </>
                    )}
                  </td>
                  <td>{s.edits}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {sessions.length > SHOWN && (
            <button type="button" className="knop-link" onClick={() => setAll(!all)}>
              {all ? 'Minder tonen' : `Alle ${sessions.length} sessies tonen`}
            </button>
          )}
        </>
      )}
    </div>
  );
}
