// Who is at the table: the case's members as a checklist, guests with name and role, and
// whether the household took part. The chair records it; everyone sees it.
import { type FormEvent, useState } from 'react';
import { ErrorMessage } from '../components/Feedback';
import { CASE_ROLE_LABELS } from '../../../shared/roles';
import type { Conference } from '../../../shared/schemas';
import type { Act } from './act';
import { useAction } from '../forms/useAction';

function ReadOnlyMembers({ members }: { members: Conference['attendance']['members'] }) {
  const present = members.filter((m) => m.present === true);
  const absent = members.filter((m) => m.present === false);
  const open = members.length - present.length - absent.length;
  return (
    <>
      {present.length === 0 ? (
        <p className="leeg">Nog niemand aangevinkt als aanwezig.</p>
      ) : (
        <ul className="overleg-lijst-lezen" aria-label="Aanwezige leden">
          {present.map((m) => (
            <li key={m.userId} className="overleg-aanwezig">
              {m.name}
              {m.caseRole && <span className="klein"> ({CASE_ROLE_LABELS[m.caseRole]})</span>}: aanwezig
            </li>
          ))}
        </ul>
      )}
      {absent.length > 0 && <p className="klein">Afwezig: {absent.map((m) => m.name).join(', ')}</p>}
      {open > 0 && <p className="klein">{open === 1 ? '1 lid is' : `${open} leden zijn`} nog niet aangevinkt.</p>}
    </>
  );
}

const presentText = (p: boolean | null) => (p === null ? 'niet vastgelegd' : p ? 'aanwezig' : 'afwezig');

export function AttendancePanel({ conference: c, act }: { conference: Conference; act: Act }) {
  const action = useAction();
  const canRun = c.can.run;
  const count = c.attendance.members.filter((m) => m.present).length + c.attendance.guests.filter((g) => g.present).length;
  const household = c.householdPresent === null ? 'onbekend' : c.householdPresent ? 'ja' : 'nee';

  return (
    <section className="overleg-aanwezigheid" aria-labelledby="overleg-aanwezig-kop">
      <h3 id="overleg-aanwezig-kop">Aanwezigheid ({count})</h3>
      {canRun ? (
        <fieldset className="overleg-lijst">
          <legend>Leden van de casus</legend>
          {c.attendance.members.map((m) => (
            <div className="veld vinkje" key={m.userId}>
              <input
                type="checkbox"
                id={`aanwezig-${m.userId}`}
                checked={m.present === true}
                disabled={action.busy}
                onChange={(e) => action.run(() => act('PUT', `/attendance/members/${encodeURIComponent(m.userId)}`, { present: e.target.checked }))}
              />
              <label htmlFor={`aanwezig-${m.userId}`}>
                {m.name}
                {m.caseRole && <span className="klein"> ({CASE_ROLE_LABELS[m.caseRole]})</span>}
              </label>
            </div>
          ))}
        </fieldset>
      ) : (
        <ReadOnlyMembers members={c.attendance.members} />
      )}
      {canRun ? (
        <fieldset className="overleg-lijst">
          <legend>Nam het huishouden deel?</legend>
          {(
            [
              ['ja', true, 'Ja'],
              ['nee', false, 'Nee'],
              ['onbekend', null, 'Niet vastgelegd'],
            ] as const
          ).map(([key, value, label]) => (
            <div className="veld vinkje" key={key}>
              <input
                type="radio"
                name="overleg-huishouden"
                id={`overleg-huishouden-${key}`}
                checked={household === key}
                disabled={action.busy}
                onChange={() => action.run(() => act('PUT', '/household', { present: value }))}
              />
              <label htmlFor={`overleg-huishouden-${key}`}>{label}</label>
            </div>
          ))}
        </fieldset>
      ) : (
        <p>
          Huishouden deelgenomen: <strong>{c.householdPresent === null ? 'niet vastgelegd' : c.householdPresent ? 'ja' : 'nee'}</strong>
        </p>
      )}
      <h4 id="overleg-gasten-kop">Gasten</h4>
      {c.attendance.guests.length === 0 ? (
        <p className="leeg">Geen gasten.</p>
      ) : canRun ? (
        <fieldset className="overleg-lijst">
          <legend className="sr-only">Gasten aanwezig</legend>
          {c.attendance.guests.map((g) => (
            <div className="veld vinkje" key={g.id}>
              <input
                type="checkbox"
                id={`gast-${g.id}`}
                checked={g.present}
                disabled={action.busy}
                onChange={(e) => action.run(() => act('PUT', `/attendance/guests/${g.id}`, { present: e.target.checked }))}
              />
              <label htmlFor={`gast-${g.id}`}>
                {g.name} <span className="klein">({g.role})</span>
              </label>
            </div>
          ))}
        </fieldset>
      ) : (
        <ul aria-labelledby="overleg-gasten-kop" className="overleg-lijst-lezen">
          {c.attendance.guests.map((g) => (
            <li key={g.id}>
              {g.name} <span className="klein">({g.role})</span>: {presentText(g.present)}
            </li>
          ))}
        </ul>
      )}
      <ErrorMessage error={action.error} />
      {canRun && <AddGuest act={act} />}
    </section>
  );
}

function AddGuest({ act }: { act: Act }) {
  const [name, setName] = useState('');
  const [role, setRole] = useState('');
  const action = useAction();
  async function submit(e: FormEvent) {
    e.preventDefault();
    if (await action.run(() => act('POST', '/attendance/guests', { name, role }))) {
      setName('');
      setRole('');
    }
  }
  return (
    <form className="overleg-gast-toevoegen" onSubmit={submit}>
      <div className="veld">
        <label htmlFor="overleg-gast-naam">Naam gast</label>
        <input id="overleg-gast-naam" value={name} maxLength={120} required onChange={(e) => setName(e.target.value)} />
      </div>
      <div className="veld">
        <label htmlFor="overleg-gast-rol">Rol of organisatie</label>
        <input id="overleg-gast-rol" value={role} maxLength={120} required placeholder="bijv. wijkagent" onChange={(e) => setRole(e.target.value)} />
      </div>
      <ErrorMessage error={action.error} />
      <button type="submit" className="knop knop-tweede" disabled={action.busy}>
        Gast toevoegen
      </button>
    </form>
  );
}
