// The goals (doelen) of the household plan, live: goals are server records, not CRDT text, so
// after every change the change feed (live/useFeed) tells every open browser to fetch them
// again. That is how a goal added at one desk appears at every other.
import { useState } from 'react';
import { get } from '../api';
import { ErrorMessage, Loading, SuccessMessage } from '../components/Feedback';
import { useFeed } from '../live/useFeed';
import { useLoad } from '../useLoad';
import type { CaseDetail, Goal } from '../../../shared/schemas';
import { GoalForm } from './GoalForm';
import { GoalItem } from './GoalItem';

export function GoalsSection({ detail, userId }: { detail: CaseDetail; userId: string }) {
  const base = `/api/cases/${encodeURIComponent(detail.id)}/goals`;
  const { data, error, reload, set } = useLoad(() => get<Goal[]>(base), `${detail.id}:${detail.status}:${detail.me.access}`);
  useFeed(detail.id, ['goals'], reload);
  const canEdit = detail.me.can['plan.edit'];
  const [done, setDone] = useState<string | null>(null);
  const [focus, setFocus] = useState<{ id: string; n: number }>({ id: '', n: 0 });
  const [adding, setAdding] = useState(false);

  /** A goal as the server returned it after a change: replaced in place, or added at the end. */
  function changed(g: Goal, message: string) {
    set((list) => (list?.some((x) => x.id === g.id) ? list.map((x) => (x.id === g.id ? g : x)) : [...(list ?? []), g]));
    setDone(message);
  }

  /** A goal withdrawn (entered by mistake): gone from the list; the server answered with the goals that remain. */
  function withdrawn(remaining: Goal[], message: string) {
    set(remaining);
    setDone(message);
  }
  // Who may withdraw (shared/permissions.ts 'goal.withdraw', checked per goal by the server): the one who entered it, or who adopts the plan.
  const mayWithdraw = (g: Goal) => detail.me.can['goal.withdraw'] && (detail.me.can['plan.adopt'] || g.createdBy.id === userId);

  return (
    <section className="plandeel doelen" aria-labelledby="doelen-kop">
      <h3 id="doelen-kop">Doelen</h3>
      <p className="hint">
        Doelen in de woorden van het huishouden, met per wet waarom het doel past bij de bedoeling van die wet. Het huishouden stemt in met zijn doelen; wie eigenaar is en wanneer, staat
        erbij.
      </p>
      <ErrorMessage error={error} />
      {done && <SuccessMessage>{done}</SuccessMessage>}
      {data === undefined ? (
        !error && <Loading what="Doelen" />
      ) : data.length === 0 ? (
        <p className="leeg">Er zijn nog geen doelen.</p>
      ) : (
        <ol className="doelen-lijst">
          {data.map((g) => (
            <li key={g.id}>
              <GoalItem
                goal={g}
                caseId={detail.id}
                members={detail.members}
                canEdit={canEdit}
                canWithdraw={mayWithdraw(g)}
                focusRequest={focus.id === g.id ? focus.n : 0}
                onChange={changed}
                onWithdrawn={withdrawn}
              />
            </li>
          ))}
        </ol>
      )}
      {canEdit && (
        <details className="doel-toevoegen" open={adding} onToggle={(e) => setAdding(e.currentTarget.open)}>
          <summary>Doel toevoegen</summary>
          <GoalForm
            caseId={detail.id}
            members={detail.members}
            active={adding}
            onSaved={(g, message) => {
              changed(g, message);
              setAdding(false);
              setFocus((f) => ({ id: g.id, n: f.n + 1 }));
            }}
          />
        </details>
      )}
    </section>
  );
}
