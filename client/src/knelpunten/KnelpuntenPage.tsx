// Knelpunten and pilot figures across all cases, for policy: counts and rule references only.
// The period is chosen here; the CSV export holds the same figures.
import { type FormEvent, useState } from 'react';
import { get } from '../api';
import { ErrorMessage, Loading, PageTitle } from '../components/Feedback';
import { Link } from '../components/Link';
import { useLoad } from '../useLoad';
import { BREAKTHROUGH_TYPES } from '../../../shared/breakthroughs';
import { lawByKey } from '../../../shared/laws';
import { can } from '../../../shared/permissions';
import type { Knelpunten, PilotFigures, SessionUser } from '../../../shared/schemas';
import { clusterLabel } from '../stuck/labels';
import { countOf, durationDays } from '../format';

const dayFormat = new Intl.DateTimeFormat('nl-NL', { dateStyle: 'long', timeZone: 'UTC' });
/** "23 november 2025" for a YYYY-MM-DD day, whatever the browser's time zone. */
const day = (ymd: string) => dayFormat.format(new Date(`${ymd}T00:00:00Z`));
const lawName = (key: Parameters<typeof lawByKey>[0]) => lawByKey(key).name;
const typeLabel = (key: string) => BREAKTHROUGH_TYPES.find((t) => t.key === key)?.label ?? key;
/** "12 dagen (mediaan over 1 doorbraak)": what was counted, in the right number. */
const median = (m: { n: number; medianDays: number | null }, one: string, many: string) =>
  m.medianDays === null ? 'nog niet te berekenen' : `${durationDays(m.medianDays)} (mediaan over ${countOf(m.n, one, many)})`;

export function KnelpuntenPage({ user }: { user: SessionUser }) {
  if (!can(user.functie, 'knelpunten.view')) {
    return (
      <section>
        <PageTitle title="Geen toegang">Geen toegang</PageTitle>
        <p>De knelpunten zijn er voor procesregisseurs, teamleiders, directeuren en wethouders.</p>
        <Link href="/">Naar de werkbak</Link>
      </section>
    );
  }
  return <Views />;
}

function Views() {
  const [period, setPeriod] = useState<{ from: string; to: string } | null>(null);
  const query = period ? `?from=${period.from}&to=${period.to}` : '';
  const knelpunten = useLoad(() => get<Knelpunten>(`/api/knelpunten${query}`), `k${query}`);
  const figures = useLoad(() => get<PilotFigures>(`/api/pilot-figures${query}`), `p${query}`);
  const k = knelpunten.data;
  const f = figures.data;
  return (
    <section className="knelpunten">
      <PageTitle title="Knelpunten">Knelpunten en pilotcijfers</PageTitle>
      <p className="uitleg">
        Terugkerende knelpunten over alle casussen heen, als input voor beleid. U ziet alleen aantallen en verwijzingen naar regels: geen namen, geen casussen.
      </p>
      {k && <PeriodForm from={k.from} to={k.to} onChange={setPeriod} />}
      <ErrorMessage error={knelpunten.error ?? figures.error} />
      {(!k || !f) && !knelpunten.error && !figures.error && <Loading what="Knelpunten" />}
      {k && (
        <p role="status" className="klein">
          Periode {day(k.from)} tot en met {day(k.to)}.{' '}
          <a href={`/api/knelpunten.csv?from=${k.from}&to=${k.to}`} download>
            Download als CSV
          </a>
        </p>
      )}
      {k && <KnelpuntenTables k={k} />}
      {f && <PilotTables f={f} />}
    </section>
  );
}

function PeriodForm({ from, to, onChange }: { from: string; to: string; onChange: (p: { from: string; to: string }) => void }) {
  const [a, setA] = useState(from);
  const [b, setB] = useState(to);
  function submit(e: FormEvent) {
    e.preventDefault();
    onChange({ from: a, to: b });
  }
  return (
    <form className="filters" onSubmit={submit}>
      <div className="veld inline">
        <label htmlFor="periode-van">Van</label>
        <input id="periode-van" type="date" value={a} onChange={(e) => setA(e.target.value)} />
      </div>
      <div className="veld inline">
        <label htmlFor="periode-tot">Tot en met</label>
        <input id="periode-tot" type="date" value={b} onChange={(e) => setB(e.target.value)} />
      </div>
      <button type="submit" className="knop-klein">
        Periode tonen
      </button>
    </form>
  );
}

function KnelpuntenTables({ k }: { k: Knelpunten }) {
  return (
    <>
      <h2>Regels waarvan het vaakst is afgeweken</h2>
      <p className="uitleg">Goedgekeurde afwijkingen in de periode. Een regel wordt genoemd als er in minstens {k.minCases} casussen van is afgeweken.</p>
      {k.rules.length === 0 ? (
        <p className="leeg">Geen regel waarvan in {k.minCases} of meer casussen is afgeweken.</p>
      ) : (
        <table className="tabel">
          <caption>Regels waarvan is afgeweken</caption>
          <thead>
            <tr>
              <th scope="col">Wet</th>
              <th scope="col">Regel</th>
              <th scope="col">Afwijkingen</th>
              <th scope="col">Casussen</th>
            </tr>
          </thead>
          <tbody>
            {k.rules.map((r) => (
              <tr key={`${r.law}:${r.rule}`}>
                <td>{lawName(r.law)}</td>
                <th scope="row">{r.rule}</th>
                <td>{r.deviations}</td>
                <td>{r.cases}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {k.otherRules.length > 0 && (
        <p className="klein">
          Daarnaast afwijkingen van regels uit minder dan {k.minCases} casussen (niet benoemd): {k.otherRules.map((r) => `${lawName(r.law)} ${r.deviations}`).join(', ')}.
        </p>
      )}

      <h2>Wetten die met elkaar botsen</h2>
      <p className="uitleg">Vraagstukken waarin de oplossing volgens de ene wet past (of deels past) en volgens de andere niet, naar de laatst ondertekende oordelen.</p>
      {k.lawPairs.length === 0 ? (
        <p className="leeg">Geen botsende oordelen in deze periode.</p>
      ) : (
        <table className="tabel">
          <caption>Wetten in spanning</caption>
          <thead>
            <tr>
              <th scope="col">Wetten</th>
              <th scope="col">Vraagstukken</th>
            </tr>
          </thead>
          <tbody>
            {k.lawPairs.map((p) => (
              <tr key={p.laws.join()}>
                <th scope="row">
                  {lawName(p.laws[0])} en {lawName(p.laws[1])}
                </th>
                <td>{p.vraagstukken}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <h2>Soorten doorbraken</h2>
      {k.breakthroughTypes.length === 0 ? (
        <p className="leeg">Geen resultaten van doorbraken vastgelegd in deze periode.</p>
      ) : (
        <table className="tabel">
          <caption>Resultaten van doorbraken per soort</caption>
          <thead>
            <tr>
              <th scope="col">Soort</th>
              <th scope="col">Resultaten</th>
              <th scope="col">Bereikt</th>
            </tr>
          </thead>
          <tbody>
            {k.breakthroughTypes.map((t) => (
              <tr key={t.type}>
                <th scope="row">{typeLabel(t.type)}</th>
                <td>{t.outcomes}</td>
                <td>{t.achieved}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p>
        <strong>Van verzoek tot besluit:</strong> {median(k.requestToDecision, 'doorbraakverzoek', 'doorbraakverzoeken')}.
      </p>
    </>
  );
}

function PilotTables({ f }: { f: PilotFigures }) {
  return (
    <>
      <h2>Pilotcijfers</h2>
      <dl className="kenmerken">
        <div>
          <dt>Casussen gestart</dt>
          <dd>{f.cases.opened}</dd>
        </div>
        <div>
          <dt>Casussen actief</dt>
          <dd>{f.cases.active}</dd>
        </div>
        <div>
          <dt>Casussen gesloten</dt>
          <dd>{f.cases.closed}</dd>
        </div>
        <div>
          <dt>Doorbraken aangevraagd</dt>
          <dd>{f.breakthroughs.requested}</dd>
        </div>
        <div>
          <dt>Toegekend</dt>
          <dd>{f.breakthroughs.granted}</dd>
        </div>
        <div>
          <dt>Afgewezen</dt>
          <dd>{f.breakthroughs.refused}</dd>
        </div>
        <div>
          <dt>Bereikt</dt>
          <dd>{f.breakthroughs.achieved}</dd>
        </div>
      </dl>
      <table className="tabel">
        <caption>Casussen en toegekende doorbraken per cluster</caption>
        <thead>
          <tr>
            <th scope="col">Cluster</th>
            <th scope="col">Gestart</th>
            <th scope="col">Actief</th>
            <th scope="col">Doorbraken toegekend</th>
          </tr>
        </thead>
        <tbody>
          {f.clusters.map((c) => (
            <tr key={c.cluster ?? 'geen'}>
              <th scope="row">{clusterLabel(c.cluster)}</th>
              <td>{c.opened}</td>
              <td>{c.active}</td>
              <td>{c.granted}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p>
        <strong>Casus van start tot sluiten:</strong> {median(f.durations.caseOpenToClosed, 'casus', 'casussen')}.
      </p>
    </>
  );
}
