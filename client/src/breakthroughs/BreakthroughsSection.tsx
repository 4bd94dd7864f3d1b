// Breakthrough requests (doorbraakverzoeken) of a case. The server shows them to municipal staff
// only (the assigned mandate holder included), so for partners and the household this section
// stays away altogether. A mandate holder who reads the case only for a decision is told so.
import { useState } from 'react';
import { get } from '../api';
import { ErrorMessage, Loading, SuccessMessage } from '../components/Feedback';
import { navigate } from '../router';
import { useLoad } from '../useLoad';
import type { Breakthrough, BreakthroughList, CaseDetail } from '../../../shared/schemas';
import { BreakthroughItem } from './BreakthroughItem';
import { inboxChanged, setFlash } from '../inbox/flash';
import { RequestForm } from './RequestForm';
import { useFeed } from '../live/useFeed';
import { useHashTarget } from '../components/useHashTarget';

const NOTHING: BreakthroughList = { requests: [], temporaryAccessFor: [], canRequest: false };

export function BreakthroughsSection({ detail }: { detail: CaseDetail }) {
  const base = `/api/cases/${encodeURIComponent(detail.id)}/breakthroughs`;
  const staff = detail.me.can['case.intern.access'];
  const { data, error, reload, set } = useLoad(
    () => (staff ? get<BreakthroughList>(base) : Promise.resolve(NOTHING)),
    `${detail.id}:${detail.status}:${detail.me.access}:${detail.me.caseRole}`,
  );
  useFeed(detail.id, ['breakthroughs'], reload);
  const [done, setDone] = useState<string | null>(null);
  const [focus, setFocus] = useState<{ id: string; n: number }>({ id: '', n: 0 });
  const [formOpen, setFormOpen] = useState(false);
  const heading = useHashTarget('#doorbraken', data !== undefined);

  if (!staff) return null;
  const temporary = new Set(data?.temporaryAccessFor ?? []);

  function changed(b: Breakthrough, message: string) {
    inboxChanged();
    if (temporary.has(b.id) && !b.can.decide) {
      // The decision ended this reader's access: continue in the Postvak, with the confirmation.
      setFlash(`${message} Uw tijdelijke inzage in ${detail.title} is daarmee beëindigd.`);
      navigate('/postvak');
      return;
    }
    set((list) => list && { ...list, requests: list.requests.some((x) => x.id === b.id) ? list.requests.map((x) => (x.id === b.id ? b : x)) : [...list.requests, b] });
    setDone(message);
    setFocus((f) => ({ id: b.id, n: f.n + 1 }));
  }

  return (
    <section aria-labelledby="doorbraken-kop" className="paneel doorbraken" id="doorbraken">
      <div className="sectiekop">
        <h2 id="doorbraken-kop" ref={heading} tabIndex={-1}>
          Doorbraakverzoeken
        </h2>
      </div>
      {temporary.size > 0 && (
        <div className="melding melding-info dbv-inzage" role="status">
          <p>
            <strong>Tijdelijke inzage voor uw besluit over het doorbraakverzoek.</strong> U bent geen lid van deze casus. U kunt haar lezen zolang het verzoek op uw besluit wacht;
            de inzage eindigt met uw besluit en wordt vastgelegd in het auditlog.
          </p>
        </div>
      )}
      <p className="uitleg">
        Loopt een casus vast op de regels, dan vraagt de procesregisseur een doorbraak aan bij een mandaathouder: teamleider, directeur of wethouder, afhankelijk van de soort en het
        bedrag. Alleen medewerkers van de gemeente zien deze verzoeken.
      </p>
      <ErrorMessage error={error} />
      {done && <SuccessMessage>{done}</SuccessMessage>}
      {data === undefined ? (
        !error && <Loading what="Doorbraakverzoeken" />
      ) : data.requests.length === 0 ? (
        <p className="leeg">Er zijn nog geen doorbraakverzoeken.</p>
      ) : (
        <ol className="dbv-lijst">
          {data.requests.map((r) => (
            <li key={r.id}>
              <BreakthroughItem request={r} temporary={temporary.has(r.id)} focusRequest={focus.id === r.id ? focus.n : 0} onChange={changed} />
            </li>
          ))}
        </ol>
      )}
      {data?.canRequest && (
        <details className="voorstellen" open={formOpen} onToggle={(e) => setFormOpen(e.currentTarget.open)}>
          <summary>Doorbraakverzoek indienen</summary>
          {formOpen && (
            <RequestForm
              caseId={detail.id}
              onDone={(b) => {
                setFormOpen(false);
                changed(b, `Het doorbraakverzoek is ingediend en voorgelegd aan ${b.waiting?.who?.name ?? 'de mandaathouder'}.`);
              }}
            />
          )}
        </details>
      )}
    </section>
  );
}
