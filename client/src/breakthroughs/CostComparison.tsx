// Carrying on (doormodderen) against breaking through (doorbreken), side by side, with the
// difference. The totals come from the server (or, in the form, from the same shared function).
import type { CostLines, CostTotals } from '../../../shared/schemas';
import { formatEuro } from './money';

/** "€ 12.500 besparing" / "€ 3.000 meerkosten": the sign in words, not only in a minus. */
function difference(cents: number): string {
  if (cents === 0) return `${formatEuro(0)} (geen verschil)`;
  return cents > 0 ? `${formatEuro(cents)} besparing` : `${formatEuro(-cents)} meerkosten`;
}

export function CostComparison({ costs, totals, caption }: { costs: CostLines; totals: CostTotals; caption: string }) {
  return (
    <div className="dbv-kosten">
      <p className="dbv-kosten-kop">{caption}</p>
      <div className="dbv-kosten-naast">
        <table className="tabel dbv-kostentabel">
          <caption>Doormodderen: huidige interventies, per jaar</caption>
          <thead>
            <tr>
              <th scope="col">Interventie</th>
              <th scope="col" className="dbv-bedrag">
                Per jaar
              </th>
            </tr>
          </thead>
          <tbody>
            {costs.carryOn.map((l, i) => (
              <tr key={i}>
                <td>{l.label}</td>
                <td className="dbv-bedrag">{formatEuro(l.cents)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">Totaal per jaar</th>
              <td className="dbv-bedrag">{formatEuro(totals.carryOnPerYear)}</td>
            </tr>
          </tfoot>
        </table>
        <table className="tabel dbv-kostentabel">
          <caption>Doorbreken: kosten van de doorbraak</caption>
          <thead>
            <tr>
              <th scope="col">Kostenpost</th>
              <th scope="col">Soort</th>
              <th scope="col" className="dbv-bedrag">
                Bedrag
              </th>
            </tr>
          </thead>
          <tbody>
            {costs.breakthrough.map((l, i) => (
              <tr key={i}>
                <td>{l.label}</td>
                <td>{l.per === 'eenmalig' ? 'eenmalig' : 'per jaar'}</td>
                <td className="dbv-bedrag">{formatEuro(l.cents)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row" colSpan={2}>
                Eenmalig
              </th>
              <td className="dbv-bedrag">{formatEuro(totals.breakthroughOnce)}</td>
            </tr>
            <tr>
              <th scope="row" colSpan={2}>
                Per jaar
              </th>
              <td className="dbv-bedrag">{formatEuro(totals.breakthroughPerYear)}</td>
            </tr>
          </tfoot>
        </table>
      </div>
      <dl className="dbv-verschil">
        <div>
          <dt>Verschil in het eerste jaar</dt>
          <dd>{difference(totals.differenceFirstYear)}</dd>
        </div>
        <div>
          <dt>Verschil elk jaar daarna</dt>
          <dd>{difference(totals.differencePerYear)}</dd>
        </div>
      </dl>
    </div>
  );
}
