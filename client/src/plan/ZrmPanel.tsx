// Zelfredzaamheidsmatrix: the 14 life domains scored 1-5 per dated measurement. The latest
// measurement is the current picture and the one that can be edited; earlier ones stay as
// they were, so the table shows progress.
import type * as Y from 'yjs';
import { addZrmMeting, readZrm, setZrmScore, type ZrmMeting } from '../../../shared/plan/doc';
import { isZrmScore, ZRM_DOMAINS, ZRM_SCORES } from '../../../shared/zrm';
import { formatDay, today } from '../format';
import { useDocValue } from '../collab/useDocValue';

const scoreLabel = (s: number) => ZRM_SCORES.find((z) => z.score === s)?.label ?? '';

function Score({ value }: { value: number | undefined }) {
  if (value === undefined) {
    return (
      <span className="zrm-leeg">
        <span aria-hidden="true">–</span>
        <span className="sr-only">niet gescoord</span>
      </span>
    );
  }
  return (
    <span className={`zrm-score zrm-score-${value}`}>
      {value}
      <span className="sr-only"> ({scoreLabel(value)})</span>
    </span>
  );
}

function Change({ before, now }: { before: number | undefined; now: number | undefined }) {
  if (before === undefined || now === undefined) return <span className="klein">–</span>;
  const d = now - before;
  if (d === 0) return <span className="zrm-gelijk">gelijk</span>;
  return d > 0 ? (
    <span className="zrm-beter">
      <span aria-hidden="true">▲ </span>+{d} beter
    </span>
  ) : (
    <span className="zrm-slechter">
      <span aria-hidden="true">▼ </span>−{-d} slechter
    </span>
  );
}

export function ZrmPanel({ doc, editable }: { doc: Y.Doc; editable: boolean }) {
  const metingen = useDocValue(doc, readZrm);
  const current: ZrmMeting | undefined = metingen.at(-1);
  const earlier = metingen.slice(0, -1);
  const previous = earlier.at(-1);
  const dag = today();
  // Dates sort as text; a measurement dated after today (clock skew) would otherwise sort last.
  const alreadyToday = current !== undefined && current.datum >= dag;

  return (
    <div className="plandeel">
      <h3 id="zrm-kop">Zelfredzaamheid (ZRM)</h3>
      <p className="hint" id="zrm-uitleg">
        Per leefgebied een score van 1 tot 5: {ZRM_SCORES.map((s) => `${s.score} = ${s.label.toLowerCase()}`).join(', ')}. Elke meting legt de situatie op die datum vast; de laatste meting is
        de huidige.
      </p>
      {editable && (
        <div className="zrm-acties">
          <button type="button" className="knop" disabled={alreadyToday} aria-describedby={alreadyToday ? 'zrm-vandaag' : undefined} onClick={() => addZrmMeting(doc, dag)}>
            {current ? 'Nieuwe meting' : 'Eerste meting starten'}
          </button>
          {alreadyToday ? (
            <span className="klein" id="zrm-vandaag">
              Er is vandaag al een meting; pas die hieronder aan.
            </span>
          ) : (
            current && <span className="klein">Een nieuwe meting krijgt de datum van vandaag en neemt de scores van de laatste meting over.</span>
          )}
        </div>
      )}
      {!current ? (
        <p className="leeg">Nog geen meting.</p>
      ) : (
        <div className="tabel-scroll" role="region" aria-labelledby="zrm-caption" tabIndex={0}>
          <table className="tabel zrm">
            <caption id="zrm-caption">
              Scores per leefgebied{metingen.length > 1 ? ` over ${metingen.length} metingen` : ''}
            </caption>
            <thead>
              <tr>
                <th scope="col">Leefgebied</th>
                {earlier.map((m) => (
                  <th scope="col" key={m.id} className="zrm-kolom">
                    <time dateTime={m.datum}>{formatDay(m.datum)}</time>
                  </th>
                ))}
                <th scope="col" className="zrm-kolom zrm-huidig">
                  Huidig: <time dateTime={current.datum}>{formatDay(current.datum)}</time>
                </th>
                {previous && <th scope="col">Verschil met vorige meting</th>}
              </tr>
            </thead>
            <tbody>
              {ZRM_DOMAINS.map((d) => {
                const value = current.scores[d.key];
                return (
                  <tr key={d.key}>
                    <th scope="row">{d.label}</th>
                    {earlier.map((m) => (
                      <td key={m.id} className="zrm-kolom">
                        <Score value={m.scores[d.key]} />
                      </td>
                    ))}
                    <td className="zrm-kolom zrm-huidig">
                      {editable ? (
                        <select
                          aria-label={`${d.label}, meting van ${formatDay(current.datum)}`}
                          value={value ?? ''}
                          onChange={(e) => {
                            const n = e.target.value === '' ? null : Number(e.target.value);
                            setZrmScore(doc, current.id, d.key, isZrmScore(n) ? n : null);
                          }}
                        >
                          <option value="">– niet gescoord –</option>
                          {ZRM_SCORES.map((s) => (
                            <option key={s.score} value={s.score}>
                              {s.score} – {s.label}
                            </option>
                          ))}
                        </select>
                      ) : (
                        <Score value={value} />
                      )}
                    </td>
                    {previous && (
                      <td>
                        <Change before={previous.scores[d.key]} now={value} />
                      </td>
                    )}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
