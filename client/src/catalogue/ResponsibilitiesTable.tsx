// Who gives each law's verdict in the reverse test: a municipal setting (domain.md: it differs
// between municipalities). Saved on change, like the mandate table; every change is audited.
import { useState } from 'react';
import { put } from '../api';
import { CASE_ROLE_LABELS, type CaseRole, labelInSentence } from '../../../shared/roles';
import { LAWS, lawByKey, type LawKey } from '../../../shared/laws';
import { type CatalogueLaw, type LawResponsibility, RESPONSIBLE_ROLES } from '../../../shared/schemas';

const NOBODY = '';
const roleLabel = (r: CaseRole | null) => (r ? CASE_ROLE_LABELS[r] : 'niemand');

export function ResponsibilitiesTable({ laws, onSaved, onError }: { laws: CatalogueLaw[]; onSaved: (r: LawResponsibility, message: string) => void; onError: (err: unknown) => void }) {
  const [saving, setSaving] = useState<LawKey | null>(null);

  async function change(law: LawKey, value: string) {
    setSaving(law);
    try {
      const saved = await put<LawResponsibility>(`/api/catalogue/responsibilities/${encodeURIComponent(law)}`, { caseRole: value === NOBODY ? null : value });
      const name = lawByKey(saved.law).name;
      onSaved(saved, saved.caseRole ? `Opgeslagen: voor de ${name} geeft nu de ${labelInSentence(roleLabel(saved.caseRole))} het oordeel.` : `Opgeslagen: voor de ${name} geeft nu niemand een oordeel.`);
    } catch (err) {
      onError(err);
    } finally {
      setSaving(null);
    }
  }

  return (
    <div className="tabel-scroll" role="region" aria-labelledby="verantwoordelijk-caption" tabIndex={0}>
      <table className="tabel cat-verantwoordelijk">
        <caption id="verantwoordelijk-caption">Rol in de casus die per wet het oordeel geeft (stap 3 van de omgekeerde toets)</caption>
        <thead>
          <tr>
            <th scope="col">Wet</th>
            <th scope="col">Rol die het oordeel geeft</th>
            <th scope="col">Standaard in de catalogus</th>
          </tr>
        </thead>
        <tbody>
          {laws.map((law) => {
            const fallback = LAWS.find((l) => l.key === law.key)?.responsibleRole ?? null;
            return (
              <tr key={law.key}>
                <th scope="row">{law.name}</th>
                <td>
                  <select
                    aria-label={`Rol die het oordeel geeft voor ${law.name}`}
                    value={law.responsibleRole ?? NOBODY}
                    disabled={saving === law.key}
                    onChange={(e) => void change(law.key, e.target.value)}
                  >
                    {RESPONSIBLE_ROLES.map((r) => (
                      <option key={r} value={r}>
                        {CASE_ROLE_LABELS[r]}
                      </option>
                    ))}
                    <option value={NOBODY}>Niemand (geen oordeel)</option>
                  </select>
                </td>
                <td>
                  {fallback ? CASE_ROLE_LABELS[fallback] : 'Niemand'}
                  {law.responsibleRole !== fallback && <span className="klein"> (afwijkend ingesteld)</span>}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
