// On the case page: make a pseudonymised copy of this case for an intervision session. The
// new session is opened at once; from there on nothing leads back to this case.
import { post } from '../api';
import { ErrorMessage } from '../components/Feedback';
import { useAction } from '../forms/useAction';
import { navigate } from '../router';
import type { CaseDetail, IntervisionSession } from '../../../shared/schemas';

export function PrepareIntervision({ detail }: { detail: CaseDetail }) {
  const { busy, error, run } = useAction();
  if (!detail.me.can['intervision.create']) return null;

  const prepare = () =>
    void run(async () => {
      const s = await post<IntervisionSession>(`/api/cases/${encodeURIComponent(detail.id)}/intervision`, {});
      navigate(`/intervisie/${encodeURIComponent(s.id)}`);
    });

  return (
    <section aria-labelledby="intervisie-voorbereiden-kop" className="paneel intervisie-voorbereiden">
      <h2 id="intervisie-voorbereiden-kop">Intervisie</h2>
      <p className="uitleg" id="intervisie-voorbereiden-uitleg">
        Reflecteer met collega’s op deze casus. U krijgt een gepseudonimiseerde kopie: namen worden rollen („moeder”, „kind 1”, „de klantmanager”), adressen, BSN’s,
        telefoonnummers en andere herkenbare gegevens worden weggehaald en data verschoven. De sessie verwijst niet terug naar deze casus.
      </p>
      <ErrorMessage error={error} />
      <button type="button" className="knop" onClick={prepare} disabled={busy} aria-describedby="intervisie-voorbereiden-uitleg">
        {busy ? 'Kopie maken…' : 'Intervisie voorbereiden (gepseudonimiseerde kopie)'}
      </button>
    </section>
  );
}
