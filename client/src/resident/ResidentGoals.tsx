import { useState } from 'react';
import { put } from '../api';
import type { GoalStatus, ResidentGoal } from '../../../shared/schemas';
import { ErrorMessage, SuccessMessage } from '../components/Feedback';
import { useAction } from '../forms/useAction';
import { useHashTarget } from '../components/useHashTarget';
import { RESIDENT_SECTIONS } from '../../../shared/resident';
import { formatDay } from '../format';

const PLAIN_STATUS: Record<GoalStatus, string> = {
  open: 'Nog niet begonnen',
  bezig: 'Hier wordt aan gewerkt',
  bereikt: 'Gelukt',
  gestopt: 'Hier wordt niet meer aan gewerkt',
};

export function ResidentGoals({ caseId, goals, canAgree, onChange }: { caseId: string; goals: ResidentGoal[]; canAgree: boolean; onChange: (goal: ResidentGoal) => void }) {
  // Her Postvak asks her opinion on a goal with a link to here.
  const heading = useHashTarget(`#${RESIDENT_SECTIONS.goals}`, true);
  return (
    <section className="inwoner-blok" aria-labelledby="inwoner-doelen-kop">
      <h2 id="inwoner-doelen-kop" ref={heading} tabIndex={-1}>
        Uw doelen
      </h2>
      {goals.length === 0 ? (
        <p>Er zijn nog geen doelen. Uw regisseur bespreekt ze met u.</p>
      ) : (
        <>
          <p>Dit wilt u bereiken, in uw eigen woorden. Klopt een doel? Zeg dan: „Daar ben ik het mee eens”.</p>
          <ul className="inwoner-doelen">
            {goals.map((g) => (
              <GoalCard key={g.id} caseId={caseId} goal={g} canAgree={canAgree} onChange={onChange} />
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function GoalCard({ caseId, goal, canAgree, onChange }: { caseId: string; goal: ResidentGoal; canAgree: boolean; onChange: (goal: ResidentGoal) => void }) {
  const { busy, error, run } = useAction();
  const [done, setDone] = useState(false);
  const headingId = `inwoner-doel-${goal.id}`;

  function agree() {
    void run(async () => {
      onChange(await put<ResidentGoal>(`/api/cases/${encodeURIComponent(caseId)}/inwoner/goals/${encodeURIComponent(goal.id)}/agreement`));
      setDone(true);
    });
  }

  return (
    <li className="inwoner-doel">
      <h3 id={headingId}>{goal.text}</h3>
      <dl className="inwoner-gegevens">
        <div>
          <dt>Wie zorgt ervoor</dt>
          <dd>{goal.owner || 'Nog niet bekend'}</dd>
        </div>
        <div>
          <dt>Wanneer</dt>
          <dd>{goal.dueDate ? `Voor ${formatDay(goal.dueDate)}` : 'Nog niet afgesproken'}</dd>
        </div>
        <div>
          <dt>Hoe staat het ervoor</dt>
          <dd>{PLAIN_STATUS[goal.status]}</dd>
        </div>
      </dl>
      {goal.actions.length > 0 && (
        <>
          <h4>Wat er gebeurt</h4>
          <ul className="inwoner-acties">
            {goal.actions.map((a, i) => (
              <li key={i}>
                {a.done && <span className="inwoner-gedaan">Gedaan: </span>}
                {a.text} ({a.owner}
                {a.dueDate ? `, voor ${formatDay(a.dueDate)}` : ''})
              </li>
            ))}
          </ul>
        </>
      )}
      <ErrorMessage error={error} />
      {goal.agreedOn ? (
        done ? (
          <SuccessMessage>Dank u. U bent het eens met dit doel (sinds {formatDay(goal.agreedOn)}).</SuccessMessage>
        ) : (
          <p className="inwoner-eens">U bent het eens met dit doel (sinds {formatDay(goal.agreedOn)}).</p>
        )
      ) : canAgree ? (
        <button type="button" className="knop inwoner-knop" disabled={busy} onClick={() => void agree()}>
          Daar ben ik het mee eens<span className="sr-only"> (doel: {goal.text})</span>
        </button>
      ) : (
        <p>U heeft (nog) niet gezegd dat u het met dit doel eens bent.</p>
      )}
    </li>
  );
}
