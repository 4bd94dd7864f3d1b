// The case conference (casusoverleg) on the case page: the running conference live (agenda,
// big timer, attendance, minutes, decisions), starting one, and the past conferences to open
// read-only. The live part brings Yjs and the editor, so it loads only when a conference runs.
import { lazy, Suspense, useCallback, useState } from 'react';
import { get, post } from '../api';
import { ErrorMessage, Loading, SuccessMessage } from '../components/Feedback';
import { useAction } from '../forms/useAction';
import { formatDateTime } from '../format';
import { useLoad } from '../useLoad';
import { useFeed } from '../live/useFeed';
import type { CaseDetail, CloseConferenceResponse, Conference, ConferenceSummary, SessionUser } from '../../../shared/schemas';
import { PastConference } from './PastConference';

const LiveConference = lazy(() => import('./LiveConference').then((m) => ({ default: m.LiveConference })));

/** `onEnded`: a conference closed (here or by the chair elsewhere), so a new plan version may be adopted. */
export function ConferenceSection({ detail, user, onEnded }: { detail: CaseDetail; user: SessionUser; onEnded?: () => void }) {
  const base = `/api/cases/${encodeURIComponent(detail.id)}/conferences`;
  const { data, error, reload, set } = useLoad(() => get<ConferenceSummary[]>(base), `${detail.id}:${detail.status}:${detail.me.access}:${detail.me.caseRole}`);
  const starting = useAction();
  const [closed, setClosed] = useState<CloseConferenceResponse | null>(null);
  const running = data?.find((c) => c.status === 'open');
  const past = data?.filter((c) => c.status === 'gesloten') ?? [];
  const canRun = detail.me.can['conference.run'];
  // A conference started or closed by the chair elsewhere shows here at once.
  useFeed(detail.id, ['conference'], reload);

  async function start() {
    setClosed(null);
    const started = await starting.run(async () => {
      const c = await post<Conference>(base, {});
      set((list) => [c, ...(list ?? [])]);
    });
    if (!started) reload();
  }

  function onClosed(result: CloseConferenceResponse) {
    setClosed(result);
    set((list) => (list ?? []).map((c) => (c.id === result.conference.id ? result.conference : c)));
    onEnded?.();
  }

  // Stable: the live conference calls it from an effect.
  const onRoomEnded = useCallback(() => {
    reload();
    onEnded?.();
  }, [reload, onEnded]);

  return (
    <section aria-labelledby="overleg-kop" className="paneel overleg">
      <div className="sectiekop">
        <h2 id="overleg-kop">Casusoverleg</h2>
        {running && <span className="overleg-live">Overleg loopt</span>}
      </div>
      <p className="uitleg">
        {detail.me.caseRole === 'inwoner'
          ? 'Hier volgt u het overleg over uw gezin: de agenda, de tijd, wie er zijn, wat er wordt opgeschreven en wat er is besloten.'
          : 'Aan tafel met het huishouden en de professionals: een vaste agenda met tijd per punt, wie er zijn, live notulen en de besluiten. Afsluiten legt het verslag en de aanwezigheid vast en stelt het gezinsplan vast als nieuwe versie.'}
      </p>
      <ErrorMessage error={error} />
      {closed && (
        <SuccessMessage>
          Het overleg is afgesloten. Het gezinsplan is vastgesteld als versie {closed.planVersionNumber}.
        </SuccessMessage>
      )}
      {data === undefined ? (
        !error && <Loading what="Casusoverleg" />
      ) : running ? (
        <Suspense fallback={<Loading what="Casusoverleg" />}>
          <LiveConference key={running.id} detail={detail} user={user} conferenceId={running.id} onClosed={onClosed} onEnded={onRoomEnded} />
        </Suspense>
      ) : (
        <div className="overleg-start">
          <p>Er loopt nu geen casusoverleg.</p>
          {canRun ? (
            <>
              <ErrorMessage error={starting.error} />
              <button type="button" className="knop" disabled={starting.busy} onClick={start}>
                Casusoverleg starten
              </button>
              <p className="hint">U bent voorzitter: u houdt de tijd bij, legt de aanwezigheid vast en sluit het overleg af.</p>
            </>
          ) : (
            detail.status === 'open' && <p className="hint">De regisseur of de procesregisseur start het overleg.</p>
          )}
        </div>
      )}
      {closed && <PastConference conference={closed.conference} headingLevel="h3" />}
      <PastList caseId={detail.id} past={past.filter((c) => c.id !== closed?.conference.id)} />
    </section>
  );
}

function PastList({ caseId, past }: { caseId: string; past: ConferenceSummary[] }) {
  const [openId, setOpenId] = useState<string | null>(null);
  if (past.length === 0) return null;
  return (
    <div className="overleg-eerder">
      <h3 id="overleg-eerder-kop">Eerdere overleggen</h3>
      <ul aria-labelledby="overleg-eerder-kop">
        {past.map((c) => {
          const open = openId === c.id;
          const when = formatDateTime(c.startedAt);
          return (
            <li key={c.id}>
              <div className="overleg-eerder-kop">
                <span>
                  <strong>{when}</strong>, voorzitter {c.chair.name}
                  {c.planVersionNumber !== null && <>; plan vastgesteld als versie {c.planVersionNumber}</>}
                </span>
                <button type="button" className="knop-klein" aria-expanded={open} aria-controls={`overleg-${c.id}`} onClick={() => setOpenId(open ? null : c.id)}>
                  {open ? 'Sluiten' : 'Verslag openen'}
                  <span className="sr-only"> (overleg van {when})</span>
                </button>
              </div>
              {open && (
                <div id={`overleg-${c.id}`}>
                  <LoadedPast caseId={caseId} id={c.id} />
                </div>
              )}
            </li>
          );
        })}
      </ul>
    </div>
  );
}

/** Opening a past conference is a read of the case file; the server logs it. */
function LoadedPast({ caseId, id }: { caseId: string; id: string }) {
  const { data, error } = useLoad(() => get<Conference>(`/api/cases/${encodeURIComponent(caseId)}/conferences/${encodeURIComponent(id)}`), id);
  if (error) return <ErrorMessage error={error} />;
  if (!data) return <Loading what="Verslag" />;
  return <PastConference conference={data} headingLevel="h4" />;
}
