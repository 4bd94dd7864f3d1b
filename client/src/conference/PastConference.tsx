// A closed conference, read-only: its frozen agenda and minutes, who was there, the decisions,
// and the plan version it adopted.
import { formatDateTime } from '../format';
import { CASE_ROLE_LABELS } from '../../../shared/roles';
import type { Conference } from '../../../shared/schemas';
import { DecisionLists } from './DecisionLists';

type Heading = 'h3' | 'h4';

export function PastConference({ conference: c, headingLevel: H }: { conference: Conference; headingLevel: Heading }) {
  const Sub = (H === 'h3' ? 'h4' : 'h5') as 'h4' | 'h5';
  const idp = `verslag-${c.id}`;
  const present = c.attendance.members.filter((m) => m.present);
  const absent = c.attendance.members.filter((m) => !m.present);
  return (
    <article className="overleg-verslag" aria-labelledby={`${idp}-kop`}>
      <H id={`${idp}-kop`}>Verslag casusoverleg van {formatDateTime(c.startedAt)}</H>
      <dl className="kenmerken">
        <div>
          <dt>Voorzitter</dt>
          <dd>{c.chair.name}</dd>
        </div>
        <div>
          <dt>Afgesloten</dt>
          <dd>{c.closedAt ? `${formatDateTime(c.closedAt)}${c.closedBy ? `, door ${c.closedBy.name}` : ''}` : 'Nog niet'}</dd>
        </div>
        <div>
          <dt>Plan vastgesteld</dt>
          <dd>{c.planVersionNumber !== null ? `Versie ${c.planVersionNumber}` : '–'}</dd>
        </div>
        <div>
          <dt>Huishouden aanwezig</dt>
          <dd>{c.householdPresent === null ? 'Niet vastgelegd' : c.householdPresent ? 'Ja' : 'Nee'}</dd>
        </div>
      </dl>
      <Sub id={`${idp}-aanwezig`}>Aanwezig</Sub>
      {present.length + c.attendance.guests.filter((g) => g.present).length === 0 ? (
        <p className="leeg">Niemand vastgelegd als aanwezig.</p>
      ) : (
        <ul aria-labelledby={`${idp}-aanwezig`} className="overleg-namen">
          {present.map((m) => (
            <li key={m.userId}>
              {m.name}
              {m.caseRole && <span className="klein"> ({CASE_ROLE_LABELS[m.caseRole]})</span>}
            </li>
          ))}
          {c.attendance.guests
            .filter((g) => g.present)
            .map((g) => (
              <li key={g.id}>
                {g.name} <span className="klein">(gast, {g.role})</span>
              </li>
            ))}
        </ul>
      )}
      {absent.length > 0 && (
        <p className="klein">
          Afwezig: {absent.map((m) => m.name).join(', ')}
          {c.attendance.guests.some((g) => !g.present) && `; gasten: ${c.attendance.guests.filter((g) => !g.present).map((g) => g.name).join(', ')}`}
        </p>
      )}
      {c.frozen && (
        <>
          <Sub id={`${idp}-agenda`}>Agenda</Sub>
          <ol aria-labelledby={`${idp}-agenda`} className="overleg-namen">
            {c.frozen.agenda.map((a) => (
              <li key={a.id}>
                {a.title || '(zonder titel)'} <span className="klein">({a.minutes} min.)</span>
              </li>
            ))}
          </ol>
          <Sub id={`${idp}-notulen`}>Notulen</Sub>
          <div className="overleg-notulen-vast" aria-labelledby={`${idp}-notulen`} role="region">
            {c.frozen.minutes ? c.frozen.minutes : <span className="leeg">Er zijn geen notulen gemaakt.</span>}
          </div>
        </>
      )}
      <DecisionLists conference={c} heading={Sub} idPrefix={idp} />
    </article>
  );
}
