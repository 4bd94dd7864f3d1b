// Samenstelling huishouden: who belongs to the household. Lives in the plan's Y.Doc, so
// every change is live for everyone; written only through the accessors in shared/plan/doc.ts.
import { type FormEvent, useState } from 'react';
import type * as Y from 'yjs';
import { addHouseholdMember, type HouseholdMember, readHousehold, removeHouseholdMember, updateHouseholdMember } from '../../../shared/plan/doc';
import { useDocValue } from '../collab/useDocValue';

const RELATIES = ['moeder', 'vader', 'ouder', 'partner', 'kind', 'pleegkind', 'grootouder', 'broer', 'zus', 'huisgenoot'];

type Draft = { voornaam: string; relatie: string; geboortejaar: string };
const EMPTY: Draft = { voornaam: '', relatie: '', geboortejaar: '' };

/** A member from the form, or the Dutch reason why not. */
function parseDraft(d: Draft): Omit<HouseholdMember, 'id'> | string {
  const voornaam = d.voornaam.trim();
  const relatie = d.relatie.trim();
  if (!voornaam) return 'Vul een voornaam in.';
  if (voornaam.length > 200 || relatie.length > 200) return 'Voornaam en relatie zijn hooguit 200 tekens.';
  const jaar = d.geboortejaar.trim();
  if (!jaar) return { voornaam, relatie, geboortejaar: null };
  const n = Number(jaar);
  if (!/^\d{4}$/.test(jaar) || n < 1900 || n > new Date().getFullYear()) return `Vul een geboortejaar in tussen 1900 en ${new Date().getFullYear()}, of laat het leeg.`;
  return { voornaam, relatie, geboortejaar: n };
}

export function HouseholdPanel({ doc, editable }: { doc: Y.Doc; editable: boolean }) {
  const members = useDocValue(doc, readHousehold);
  const [editing, setEditing] = useState<{ id: string; draft: Draft } | null>(null);
  const [editError, setEditError] = useState<string | null>(null);
  // Someone else may remove the member being edited.
  const editingMember = editing && members.some((m) => m.id === editing.id) ? editing : null;

  function save(e: FormEvent) {
    e.preventDefault();
    if (!editingMember) return;
    const parsed = parseDraft(editingMember.draft);
    if (typeof parsed === 'string') return setEditError(parsed);
    updateHouseholdMember(doc, editingMember.id, parsed);
    setEditing(null);
    setEditError(null);
  }

  function remove(m: HouseholdMember) {
    if (!window.confirm(`${m.voornaam || 'Dit gezinslid'} verwijderen uit de samenstelling van het huishouden?`)) return;
    removeHouseholdMember(doc, m.id);
  }

  const setDraft = (patch: Partial<Draft>) => editingMember && setEditing({ id: editingMember.id, draft: { ...editingMember.draft, ...patch } });

  return (
    <div className="plandeel">
      <h3 id="huishouden-kop">Samenstelling huishouden</h3>
      <datalist id="relaties">
        {RELATIES.map((r) => (
          <option key={r} value={r} />
        ))}
      </datalist>
      {members.length === 0 ? (
        <p className="leeg">Nog niemand vastgelegd.</p>
      ) : (
        <form onSubmit={save} noValidate>
          {editError && (
            <p className="melding melding-fout" role="alert">
              {editError}
            </p>
          )}
          <table className="tabel huishouden">
            <caption className="sr-only">Gezinsleden ({members.length})</caption>
            <thead>
              <tr>
                <th scope="col">Voornaam</th>
                <th scope="col">Relatie</th>
                <th scope="col">Geboortejaar</th>
                {editable && <th scope="col">Acties</th>}
              </tr>
            </thead>
            <tbody>
              {members.map((m) =>
                editingMember?.id === m.id ? (
                  // Its own key: reusing the row's DOM would turn the clicked "Wijzigen" button
                  // into the "Opslaan" submit button before the click's default action runs.
                  <tr key={`${m.id}-bewerken`} className="rij-bewerken">
                    <td>
                      <input aria-label={`Voornaam (bewerken)`} value={editingMember.draft.voornaam} onChange={(e) => setDraft({ voornaam: e.target.value })} maxLength={200} autoFocus />
                    </td>
                    <td>
                      <input aria-label={`Relatie (bewerken)`} list="relaties" value={editingMember.draft.relatie} onChange={(e) => setDraft({ relatie: e.target.value })} maxLength={200} />
                    </td>
                    <td>
                      <input aria-label={`Geboortejaar (bewerken)`} inputMode="numeric" className="jaar" value={editingMember.draft.geboortejaar} onChange={(e) => setDraft({ geboortejaar: e.target.value })} maxLength={4} />
                    </td>
                    <td>
                      <div className="acties">
                        <button type="submit" className="knop-klein">
                          Opslaan
                        </button>
                        <button type="button" className="knop-klein" onClick={() => { setEditing(null); setEditError(null); }}>
                          Annuleren
                        </button>
                      </div>
                    </td>
                  </tr>
                ) : (
                  <tr key={m.id}>
                    <th scope="row">{m.voornaam || '(naam onbekend)'}</th>
                    <td>{m.relatie || '–'}</td>
                    <td>{m.geboortejaar ?? '–'}</td>
                    {editable && (
                      <td>
                        <div className="acties">
                          <button
                            type="button"
                            className="knop-klein"
                            onClick={() => {
                              setEditError(null);
                              setEditing({ id: m.id, draft: { voornaam: m.voornaam, relatie: m.relatie, geboortejaar: m.geboortejaar?.toString() ?? '' } });
                            }}
                          >
                            Wijzigen<span className="sr-only"> ({m.voornaam})</span>
                          </button>
                          <button type="button" className="knop-klein knop-gevaar" onClick={() => remove(m)}>
                            Verwijderen<span className="sr-only"> ({m.voornaam})</span>
                          </button>
                        </div>
                      </td>
                    )}
                  </tr>
                ),
              )}
            </tbody>
          </table>
        </form>
      )}
      {editable && <AddMemberForm doc={doc} />}
    </div>
  );
}

function AddMemberForm({ doc }: { doc: Y.Doc }) {
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);

  function submit(e: FormEvent) {
    e.preventDefault();
    setDone(null);
    const parsed = parseDraft(draft);
    if (typeof parsed === 'string') return setError(parsed);
    addHouseholdMember(doc, parsed);
    setError(null);
    setDraft(EMPTY);
    setDone(`${parsed.voornaam} is toegevoegd aan het huishouden.`);
  }

  return (
    <form onSubmit={submit} noValidate className="gezinslid-toevoegen" aria-labelledby="gezinslid-kop">
      <h4 id="gezinslid-kop">Gezinslid toevoegen</h4>
      {error && (
        <p className="melding melding-fout" role="alert">
          {error}
        </p>
      )}
      <p className="sr-only" role="status">
        {done}
      </p>
      <div className="rij-velden">
        <div className="veld">
          <label htmlFor="gezinslid-voornaam">Voornaam</label>
          <input id="gezinslid-voornaam" value={draft.voornaam} onChange={(e) => setDraft({ ...draft, voornaam: e.target.value })} maxLength={200} autoComplete="off" />
        </div>
        <div className="veld">
          <label htmlFor="gezinslid-relatie">Relatie</label>
          <input id="gezinslid-relatie" list="relaties" value={draft.relatie} onChange={(e) => setDraft({ ...draft, relatie: e.target.value })} maxLength={200} autoComplete="off" />
        </div>
        <div className="veld">
          <label htmlFor="gezinslid-jaar">Geboortejaar</label>
          <input id="gezinslid-jaar" inputMode="numeric" value={draft.geboortejaar} onChange={(e) => setDraft({ ...draft, geboortejaar: e.target.value })} maxLength={4} autoComplete="off" />
        </div>
      </div>
      <button type="submit" className="knop">
        Voeg gezinslid toe
      </button>
    </form>
  );
}
