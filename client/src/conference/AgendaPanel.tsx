// The agenda, co-edited in the conference's Y.Doc: titles and planned minutes, order, adding
// and removing. The item whose time the chair last started is the current one.
import { type FormEvent, useEffect, useState } from 'react';
import type * as Y from 'yjs';
import { ErrorMessage } from '../components/Feedback';
import { addAgendaItem, type AgendaItem, CONFERENCE_MINUTES, MAX_AGENDA_ITEMS, MAX_ITEM_MINUTES, MAX_TITLE_LENGTH, moveAgendaItem, removeAgendaItem, updateAgendaItem } from '../../../shared/plan/conference';
import type { Conference } from '../../../shared/schemas';
import type { Act } from './act';
import { clock, elapsedMs, itemState, type Timed, useTick } from './timer';
import { useAction } from '../forms/useAction';

interface Props {
  doc: Y.Doc;
  state: Timed<Conference>;
  agenda: AgendaItem[];
  editable: boolean;
  act: Act;
}

export function AgendaPanel({ doc, state, agenda, editable, act }: Props) {
  const c = state.data;
  const anyRunning = c.timer.items.some((i) => i.runningSince);
  const now = useTick(anyRunning, 1000) + state.offsetMs;
  const action = useAction();
  const total = agenda.reduce((n, a) => n + a.minutes, 0);

  return (
    <section className="overleg-agenda" aria-labelledby="overleg-agenda-kop">
      <div className="sectiekop">
        <h3 id="overleg-agenda-kop">Agenda</h3>
        <span className="klein">Totaal gepland: {total} min.</span>
      </div>
      {total > CONFERENCE_MINUTES && editable && <p className="hint">Dat is meer dan de {CONFERENCE_MINUTES} minuten van een casusoverleg.</p>}
      <ol className="overleg-punten">
        {agenda.map((a, i) => {
          const s = itemState(c, a.id);
          const current = c.timer.currentItemId === a.id;
          const running = !!s?.runningSince;
          const label = a.title || `agendapunt ${i + 1}`;
          return (
            <li key={a.id} className={`overleg-punt${current ? ' overleg-punt-huidig' : ''}`} aria-current={current ? 'step' : undefined}>
              <span className="overleg-punt-nummer" aria-hidden="true">
                {i + 1}
              </span>
              <div className="overleg-punt-inhoud">
                {editable ? (
                  <input
                    className="overleg-punt-titel-invoer"
                    aria-label={`Titel van agendapunt ${i + 1}`}
                    value={a.title}
                    maxLength={MAX_TITLE_LENGTH}
                    onChange={(e) => updateAgendaItem(doc, a.id, { title: e.target.value })}
                  />
                ) : (
                  <span className="overleg-punt-titel">{a.title || '(zonder titel)'}</span>
                )}
                <span className="overleg-punt-tijd">
                  {editable ? <MinutesInput doc={doc} item={a} label={`Geplande minuten voor ${label}`} /> : <span>{a.minutes} min.</span>}
                  {s && (
                    <span className="klein">
                      {' '}
                      · {clock(elapsedMs(s, now))} gebruikt{running ? ', loopt' : ''}
                      {current && !running ? ', gepauzeerd' : ''}
                    </span>
                  )}
                  {current && <span className="sr-only"> (huidig agendapunt)</span>}
                </span>
              </div>
              <div className="overleg-punt-knoppen">
                {c.can.run &&
                  (running ? (
                    <button type="button" className="knop-klein" disabled={action.busy} onClick={() => action.run(() => act('POST', '/timer', { action: 'pauze', itemId: a.id }))}>
                      Pauzeren<span className="sr-only"> ({label})</span>
                    </button>
                  ) : (
                    <button type="button" className="knop-klein" disabled={action.busy} onClick={() => action.run(() => act('POST', '/timer', { action: 'start', itemId: a.id, minutes: a.minutes }))}>
                      {s && s.elapsedMs > 0 ? 'Hervatten' : 'Starten'}
                      <span className="sr-only"> ({label})</span>
                    </button>
                  ))}
                {editable && (
                  <>
                    <button type="button" className="knop-klein" title="Omhoog" disabled={i === 0} onClick={() => moveAgendaItem(doc, a.id, -1)}>
                      <span aria-hidden="true">↑</span>
                      <span className="sr-only">Omhoog ({label})</span>
                    </button>
                    <button type="button" className="knop-klein" title="Omlaag" disabled={i === agenda.length - 1} onClick={() => moveAgendaItem(doc, a.id, 1)}>
                      <span aria-hidden="true">↓</span>
                      <span className="sr-only">Omlaag ({label})</span>
                    </button>
                    <button type="button" className="knop-klein knop-gevaar" onClick={() => removeAgendaItem(doc, a.id)}>
                      Verwijderen<span className="sr-only"> ({label})</span>
                    </button>
                  </>
                )}
              </div>
            </li>
          );
        })}
      </ol>
      <ErrorMessage error={action.error} />
      {editable && agenda.length < MAX_AGENDA_ITEMS && <AddItem doc={doc} />}
    </section>
  );
}

/** Planned minutes: typed freely, written to the document only when it is a valid number. */
function MinutesInput({ doc, item, label }: { doc: Y.Doc; item: AgendaItem; label: string }) {
  const [draft, setDraft] = useState(String(item.minutes));
  useEffect(() => setDraft(String(item.minutes)), [item.minutes]);
  return (
    <span className="overleg-minuten">
      <input
        type="number"
        inputMode="numeric"
        min={1}
        max={MAX_ITEM_MINUTES}
        aria-label={label}
        value={draft}
        onChange={(e) => {
          setDraft(e.target.value);
          const n = Number(e.target.value);
          if (Number.isInteger(n) && n >= 1 && n <= MAX_ITEM_MINUTES) updateAgendaItem(doc, item.id, { minutes: n });
        }}
        onBlur={() => setDraft(String(item.minutes))}
      />{' '}
      min.
    </span>
  );
}

function AddItem({ doc }: { doc: Y.Doc }) {
  const [title, setTitle] = useState('');
  const [minutes, setMinutes] = useState('10');
  function submit(e: FormEvent) {
    e.preventDefault();
    const n = Number(minutes);
    if (!title.trim() || !Number.isInteger(n) || n < 1 || n > MAX_ITEM_MINUTES) return;
    addAgendaItem(doc, { title: title.trim(), minutes: n });
    setTitle('');
  }
  return (
    <form className="overleg-punt-toevoegen" onSubmit={submit}>
      <div className="veld">
        <label htmlFor="overleg-nieuw-punt">Nieuw agendapunt</label>
        <input id="overleg-nieuw-punt" value={title} maxLength={MAX_TITLE_LENGTH} required onChange={(e) => setTitle(e.target.value)} />
      </div>
      <div className="veld">
        <label htmlFor="overleg-nieuw-minuten">Minuten</label>
        <input id="overleg-nieuw-minuten" type="number" min={1} max={MAX_ITEM_MINUTES} required value={minutes} onChange={(e) => setMinutes(e.target.value)} />
      </div>
      <button type="submit" className="knop knop-tweede">
        Toevoegen
      </button>
    </form>
  );
}
