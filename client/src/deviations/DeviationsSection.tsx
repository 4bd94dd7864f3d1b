// The deviation register (afwijkingenregister) of a case: every agreed departure from a rule,
// time-limited, reviewed and backed by a mandate holder. The server leaves out internal
// deviations for external partners and the household, so this list never holds them for them.
import { useState } from 'react';
import { get } from '../api';
import { ErrorMessage, Loading, SuccessMessage } from '../components/Feedback';
import { useLoad } from '../useLoad';
import { MANDATE_LABELS } from '../../../shared/laws';
import type { CaseDetail, Deviation } from '../../../shared/schemas';
import { DeviationItem } from './DeviationItem';
import { ProposeDeviationForm } from './ProposeDeviationForm';
import { useFeed } from '../live/useFeed';
import { useHashTarget } from '../components/useHashTarget';
import { inboxChanged } from '../inbox/flash';

export function DeviationsSection({ detail }: { detail: CaseDetail }) {
  const base = `/api/cases/${encodeURIComponent(detail.id)}/deviations`;
  // What the user may do with each deviation depends on their rights and the case status.
  const { data, error, reload, set } = useLoad(() => get<Deviation[]>(base), `${detail.id}:${detail.status}:${detail.me.access}:${detail.me.caseRole}`);
  useFeed(detail.id, ['deviations'], reload);
  const [done, setDone] = useState<string | null>(null);
  const [focus, setFocus] = useState<{ id: string; n: number }>({ id: '', n: 0 });
  const heading = useHashTarget('#afwijkingen', data !== undefined);

  function changed(d: Deviation, message: string) {
    // A decision or revocation takes the proposal out of the Postvak of whoever it waited on.
    inboxChanged();
    set((list) => (list ?? []).map((x) => (x.id === d.id ? d : x)));
    setDone(message);
    setFocus((f) => ({ id: d.id, n: f.n + 1 }));
  }

  function proposed(d: Deviation) {
    inboxChanged();
    set((list) => [...(list ?? []), d]);
    const need = MANDATE_LABELS[d.requiredMandate].toLowerCase();
    setDone(`De afwijking is voorgesteld${d.internal ? ' (intern)' : ''}. Een mandaathouder met het mandaat van ${need}${d.requiredMandate === 'wethouder' ? '' : ' of hoger'} moet haar nog goedkeuren.`);
    setFocus((f) => ({ id: d.id, n: f.n + 1 }));
  }

  return (
    <section aria-labelledby="afwijkingen-kop" className="paneel afwijkingen" id="afwijkingen">
      <div className="sectiekop">
        <h2 id="afwijkingen-kop" ref={heading} tabIndex={-1}>
          Afwijkingen
        </h2>
      </div>
      <p className="uitleg">
        Waar een regel de oplossing blokkeert, wordt hier vastgelegd waarvan wordt afgeweken, via welke route, hoe lang, wanneer het opnieuw wordt bekeken en wie het
        goedkeurde (rugdekking).
        {detail.me.can['case.intern.access'] && ' Interne afwijkingen ziet alleen de gemeente; externe partners en het huishouden zien ze niet.'}
      </p>
      <ErrorMessage error={error} />
      {done && <SuccessMessage>{done}</SuccessMessage>}
      {data === undefined ? (
        !error && <Loading what="Afwijkingen" />
      ) : data.length === 0 ? (
        <p className="leeg">Er zijn nog geen afwijkingen vastgelegd.</p>
      ) : (
        <ol className="afwijkingen-lijst">
          {data.map((d) => (
            <li key={d.id}>
              <DeviationItem deviation={d} caseId={detail.id} focusRequest={focus.id === d.id ? focus.n : 0} onChange={changed} />
            </li>
          ))}
        </ol>
      )}
      {detail.me.can['deviation.propose'] && <ProposeDeviationForm caseId={detail.id} onProposed={proposed} />}
    </section>
  );
}
