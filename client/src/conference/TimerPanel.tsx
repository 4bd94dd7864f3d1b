// The big shared timer of the current agenda item. Only the chair starts, pauses and resets it
// (the server checks); everyone sees it count, on the server's clock.
import { ErrorMessage } from '../components/Feedback';
import type { AgendaItem } from '../../../shared/plan/conference';
import type { Conference } from '../../../shared/schemas';
import type { Act } from './act';
import { clock, clockInWords, itemState, remainingMs, type Timed, useTick } from './timer';
import { useAction } from '../forms/useAction';

export function TimerPanel({ state, agenda, act }: { state: Timed<Conference>; agenda: AgendaItem[]; act: Act }) {
  const c = state.data;
  const index = Math.max(0, agenda.findIndex((a) => a.id === c.timer.currentItemId));
  const item = agenda[index];
  const s = item ? itemState(c, item.id) : undefined;
  const running = !!s?.runningSince;
  const now = useTick(running) + state.offsetMs;
  const action = useAction();
  const canRun = c.can.run;

  if (!item) {
    return (
      <section className="overleg-timer" aria-labelledby="overleg-timer-kop">
        <h3 id="overleg-timer-kop">Tijd</h3>
        <p className="leeg">De agenda is leeg. Voeg een agendapunt toe.</p>
      </section>
    );
  }
  const left = remainingMs(s, item.minutes, now);
  const over = left < 0;
  const status = running ? 'Loopt' : s && s.elapsedMs > 0 ? 'Gepauzeerd' : 'Nog niet gestart';
  const next = agenda[index + 1];
  const timer = (body: object) => action.run(() => act('POST', '/timer', body));

  return (
    <section className={`overleg-timer${running ? ' overleg-timer-loopt' : ''}${over ? ' overleg-timer-over' : ''}`} aria-labelledby="overleg-timer-kop">
      <h3 id="overleg-timer-kop">Tijd</h3>
      <p className="overleg-timer-punt">
        <span className="overleg-timer-nummer">Agendapunt {index + 1}</span> {item.title || '(zonder titel)'}
      </p>
      <p className="overleg-klok" role="timer" aria-describedby="overleg-timer-status" data-running={running}>
        <span aria-hidden="true">{clock(left)}</span>
        <span className="sr-only">{clockInWords(left)}</span>
      </p>
      <p className="overleg-timer-status" id="overleg-timer-status">
        <strong>{status}</strong>
        {over && <span className="overleg-over-tekst"> · over de tijd</span>} · gepland {s?.minutes ?? item.minutes} min.
      </p>
      {canRun && (
        <div className="overleg-timer-knoppen" role="group" aria-label="Tijd bedienen">
          {running ? (
            <button type="button" className="knop" disabled={action.busy} onClick={() => timer({ action: 'pauze', itemId: item.id })}>
              Pauzeren
            </button>
          ) : (
            <button type="button" className="knop" disabled={action.busy} onClick={() => timer({ action: 'start', itemId: item.id, minutes: item.minutes })}>
              {s && s.elapsedMs > 0 ? 'Hervatten' : 'Starten'}
            </button>
          )}
          {s && (
            <button type="button" className="knop knop-tweede" disabled={action.busy} onClick={() => timer({ action: 'reset', itemId: item.id })}>
              Opnieuw
            </button>
          )}
          {next && (
            <button type="button" className="knop knop-tweede" disabled={action.busy} onClick={() => timer({ action: 'start', itemId: next.id, minutes: next.minutes })}>
              Volgend punt: {next.title || `agendapunt ${index + 2}`}
            </button>
          )}
        </div>
      )}
      <ErrorMessage error={action.error} />
    </section>
  );
}
