// The reverse test (omgekeerde toets) in a case: its vraagstukken, each walked through six steps
// by the whole table. The drafts are live in the plan's Y.Doc; signatures and conclusions are
// server records that reappear for everyone through the change feed (live/useFeed).
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { get, post } from '../api';
import { ErrorMessage, Loading, SuccessMessage } from '../components/Feedback';
import { useAction } from '../forms/useAction';
import { useLoad } from '../useLoad';
import { OUTCOMES, vraagstukTarget } from '../../../shared/vraagstukken';
import type { CaseDetail, Catalogue, Vraagstuk } from '../../../shared/schemas';
import type { LocalUser, Room } from '../collab/useCollabRoom';
import { useFeed } from '../live/useFeed';
import { Stepper } from './Stepper';
import { useChairFocus } from './chairFocus';

export function VraagstukkenSection({ detail, room, me }: { detail: CaseDetail; room: Room; me: LocalUser }) {
  const base = `/api/cases/${encodeURIComponent(detail.id)}/vraagstukken`;
  const { data, error, reload, set } = useLoad(() => get<Vraagstuk[]>(base), `${detail.id}:${detail.status}:${detail.me.access}:${detail.me.caseRole}`);
  const catalogue = useLoad(() => get<Catalogue>('/api/catalogue'), 'catalogus');
  // A vraagstuk shows the deviations it rests on, with their status.
  useFeed(detail.id, ['vraagstukken', 'deviations'], reload);
  // A link may ask for one vraagstuk at one step (…?vraagstuk=<id>&stap=3, from the Postvak).
  const [target] = useState(() => vraagstukTarget(window.location.search));
  const [openId, setOpenId] = useState<string | null>(target?.vraagstukId ?? null);
  const targetItem = useRef<HTMLLIElement>(null);
  const found = data?.some((v) => v.id === target?.vraagstukId) ?? false;
  useEffect(() => {
    if (!found || !target) return;
    targetItem.current?.scrollIntoView({ block: 'start' });
    targetItem.current?.querySelector<HTMLElement>('h4')?.focus();
  }, [found, target]);
  const [message, setMessage] = useState<string | null>(null);
  const chair = useChairFocus(room.provider, openId);
  const chairOpened = chair && chair.vraagstukId !== openId ? data?.find((v) => v.id === chair.vraagstukId) : undefined;
  const canEdit = detail.me.can['plan.edit'];

  const replace = (v: Vraagstuk, text?: string) => {
    set((list) => (list ?? []).map((x) => (x.id === v.id ? v : x)));
    if (text) setMessage(text);
  };

  return (
    <section aria-labelledby="toets-kop" className="plandeel toets">
      <div className="sectiekop">
        <h3 id="toets-kop" className="plandeel-kop">
          Vraagstukken en omgekeerde toets
        </h3>
      </div>
      <p className="uitleg">
        Per vraagstuk eerst wat het huishouden nodig heeft en wat zou helpen; de juridische toets komt als laatste. Iedereen aan tafel ziet dezelfde stap. Per wet geeft
        en ondertekent de verantwoordelijke professional het oordeel.
      </p>
      <ErrorMessage error={error} />
      {message && <SuccessMessage>{message}</SuccessMessage>}
      {chair && chairOpened && (
        <div className="melding melding-info volg-voorzitter">
          <p role="status">
            {chair.name} (voorzitter) heeft het vraagstuk „{chairOpened.title}” geopend.
          </p>
          <button type="button" className="knop-klein" onClick={() => setOpenId(chairOpened.id)}>
            Volg de voorzitter<span className="sr-only"> naar „{chairOpened.title}”</span>
          </button>
        </div>
      )}
      {data === undefined ? (
        !error && <Loading what="Vraagstukken" />
      ) : data.length === 0 ? (
        <p className="leeg">Er is nog geen vraagstuk geopend.</p>
      ) : (
        <ul className="vraagstukken">
          {data.map((v) => {
            const open = openId === v.id;
            return (
              <li key={v.id} className={`vraagstuk vraagstuk-${v.status}`} ref={v.id === target?.vraagstukId ? targetItem : undefined}>
                <div className="vraagstuk-kop">
                  <h4 id={`vs-${v.id}-titel`} tabIndex={v.id === target?.vraagstukId ? -1 : undefined}>
                    {v.title}
                  </h4>
                  <span className={`vs-status vs-status-${v.status}`}>{statusText(v)}</span>
                  <span className="klein">
                    {v.laws.filter((l) => l.current).length} van {v.laws.length} {v.laws.length === 1 ? 'wet' : 'wetten'} actueel ondertekend
                  </span>
                  <button type="button" className="knop-klein" aria-expanded={open} aria-controls={`vs-${v.id}-toets`} onClick={() => setOpenId(open ? null : v.id)}>
                    {open ? 'Sluiten' : 'Openen'}
                    <span className="sr-only"> ({v.title})</span>
                  </button>
                </div>
                {open && (
                  <div id={`vs-${v.id}-toets`}>
                    <Stepper
                      vraagstuk={v}
                      detail={detail}
                      room={room}
                      me={me}
                      catalogue={catalogue.data}
                      onChange={replace}
                      reload={reload}
                      initialStep={v.id === target?.vraagstukId ? target.step : null}
                    />
                  </div>
                )}
              </li>
            );
          })}
        </ul>
      )}
      {canEdit && (
        <OpenForm
          base={base}
          onOpened={(v) => {
            set((list) => [...(list ?? []), v]);
            setOpenId(v.id);
            setMessage(`Vraagstuk „${v.title}” is geopend.`);
          }}
        />
      )}
    </section>
  );
}

function statusText(v: Vraagstuk): string {
  if (v.status === 'open') return 'Open';
  const last = v.decisions.at(-1);
  return `Besloten: ${OUTCOMES.find((o) => o.key === last?.outcome)?.label.toLowerCase() ?? ''}`;
}

function OpenForm({ base, onOpened }: { base: string; onOpened: (v: Vraagstuk) => void }) {
  const [title, setTitle] = useState('');
  const { busy, error, run } = useAction();

  function submit(e: FormEvent) {
    e.preventDefault();
    void run(async () => {
      onOpened(await post<Vraagstuk>(base, { title }));
      setTitle('');
    });
  }

  return (
    <form className="toevoegen vraagstuk-openen" onSubmit={submit}>
      <div className="veld">
        <label htmlFor="vs-nieuw-titel">Nieuw vraagstuk</label>
        <p className="hint" id="vs-nieuw-hint">
          Bijvoorbeeld „Stabiele psychische gezondheid moeder” of „Vader blijft betrokken bij de opvoeding”. De wetten van de leden aan tafel worden vooraf gekozen.
        </p>
        <input id="vs-nieuw-titel" aria-describedby="vs-nieuw-hint" value={title} maxLength={200} required onChange={(e) => setTitle(e.target.value)} />
      </div>
      <ErrorMessage error={error} />
      <button type="submit" className="knop" disabled={busy}>
        Vraagstuk openen
      </button>
    </form>
  );
}
