// The pseudonymised copy, read-only: the household as roles, the plan texts, goals, the
// reverse test and the deviations, with day numbers instead of dates (day 0 = the start of the case).
import { DEVIATION_ROUTES, lawByKey } from '../../../shared/laws';
import { DEVIATION_STATUS_LABELS, GOAL_STATUS_LABELS, type IntervisionCopy } from '../../../shared/schemas';
import { OUTCOMES, TOETS_STEPS, VERDICTS } from '../../../shared/vraagstukken';
import { ZRM_DOMAINS } from '../../../shared/zrm';

/** "dag 45", "dag -12": the copy has no calendar dates. */
export const dayLabel = (n: number) => `dag ${n < 0 ? `\u2212${-n}` : n}`;

const domainLabel = (key: string) => ZRM_DOMAINS.find((d) => d.key === key)?.label ?? key;
const verdictLabel = (key: string | null) => VERDICTS.find((v) => v.key === key)?.label ?? 'Nog geen oordeel';
const outcomeLabel = (key: string | null) => OUTCOMES.find((o) => o.key === key)?.label ?? '';
const routeLabel = (key: string) => DEVIATION_ROUTES.find((r) => r.key === key)?.label ?? key;
const textStepLabel = (key: string) => TOETS_STEPS.find((s) => s.key === key)?.label ?? key;

function Text({ text }: { text: string }) {
  return text ? <p className="iv-tekst">{text}</p> : <p className="leeg">(leeg)</p>;
}

export function CopyView({ copy }: { copy: IntervisionCopy }) {
  return (
    <section aria-labelledby="kopie-kop" className="paneel iv-kopie">
      <h2 id="kopie-kop">De gepseudonimiseerde casus</h2>
      <p className="uitleg">Namen zijn rollen, herkenbare gegevens zijn weggehaald (bijvoorbeeld [adres], [telefoon]) en data zijn dagnummers: dag 0 is de start van de casus.</p>

      <h3>Huishouden en tafel</h3>
      <dl className="iv-gegevens">
        <div>
          <dt>Huishouden</dt>
          <dd>{copy.household.length === 0 ? 'Niet vastgelegd' : copy.household.map((m) => (m.ageBand ? `${m.role} (${m.ageBand})` : m.role)).join(', ')}</dd>
        </div>
        <div>
          <dt>Aan tafel</dt>
          <dd>{copy.table.join(', ') || '–'}</dd>
        </div>
      </dl>
      {copy.summary && (
        <>
          <h3>Omschrijving</h3>
          <Text text={copy.summary} />
        </>
      )}

      <h3>Gezinsplan</h3>
      {copy.sections.map((s) => (
        <div key={s.key} className="iv-plandeel">
          <h4>{s.label}</h4>
          <Text text={s.text} />
        </div>
      ))}

      {copy.zrm.length > 0 && (
        <table className="tabel iv-zrm">
          <caption>Zelfredzaamheid (ZRM), per meting</caption>
          <thead>
            <tr>
              <th scope="col">Leefgebied</th>
              {copy.zrm.map((z, i) => (
                <th scope="col" key={i}>
                  {dayLabel(z.day)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {ZRM_DOMAINS.filter((d) => copy.zrm.some((z) => z.scores[d.key] !== undefined)).map((d) => (
              <tr key={d.key}>
                <th scope="row">{d.label}</th>
                {copy.zrm.map((z, i) => (
                  <td key={i}>{z.scores[d.key] ?? '–'}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <h3>Doelen</h3>
      {copy.goals.length === 0 ? (
        <p className="leeg">Geen doelen.</p>
      ) : (
        <ul className="iv-lijst">
          {copy.goals.map((g, i) => (
            <li key={i}>
              <p className="iv-kop">{g.text}</p>
              <p className="klein">
                {domainLabel(g.lifeDomain)} · {GOAL_STATUS_LABELS[g.status]}
                {g.owner && ` · eigenaar: ${g.owner}`}
                {g.dueDay !== null && ` · streefdatum ${dayLabel(g.dueDay)}`}
                {g.householdAgreed && ' · het huishouden is akkoord'}
              </p>
              {g.legitimations.length > 0 && (
                <ul>
                  {g.legitimations.map((l) => (
                    <li key={l.law}>
                      <strong>{lawByKey(l.law).name}:</strong> {l.text}
                    </li>
                  ))}
                </ul>
              )}
              {g.actions.length > 0 && (
                <ul className="iv-acties">
                  {g.actions.map((a, j) => (
                    <li key={j}>
                      {a.done ? '✓ ' : ''}
                      {a.text}
                      <span className="klein">
                        {a.owner && ` · ${a.owner}`}
                        {a.dueDay !== null && ` · ${dayLabel(a.dueDay)}`}
                      </span>
                    </li>
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ul>
      )}

      <h3>Omgekeerde toets</h3>
      {copy.vraagstukken.length === 0 ? (
        <p className="leeg">Geen vraagstukken.</p>
      ) : (
        copy.vraagstukken.map((v, i) => (
          <article key={i} className="iv-vraagstuk" aria-labelledby={`iv-vraagstuk-${i}`}>
            <h4 id={`iv-vraagstuk-${i}`}>{v.title}</h4>
            <p className="klein">
              Wetten: {v.laws.map((l) => lawByKey(l).name).join(', ') || '–'}
              {v.lifeDomains.length > 0 && ` · leefgebieden: ${v.lifeDomains.map(domainLabel).join(', ')}`}
            </p>
            <dl className="iv-stappen">
              {Object.entries(v.texts)
                .filter(([, t]) => t)
                .map(([k, t]) => (
                  <div key={k}>
                    <dt>{textStepLabel(k)}</dt>
                    <dd className="iv-tekst">{t}</dd>
                  </div>
                ))}
              {v.verdicts.map((o) => (
                <div key={o.law}>
                  <dt>
                    Oordeel {lawByKey(o.law).name}: {verdictLabel(o.verdict)}
                  </dt>
                  <dd className="iv-tekst">{o.reasoning || '–'}</dd>
                </div>
              ))}
            </dl>
            {v.conclusions.map((c, j) => (
              <p key={j} className="iv-besluit">
                <strong>{c.kind === 'besloten' ? `Besloten: ${outcomeLabel(c.outcome)}` : 'Heropend'}</strong> ({dayLabel(c.day)}, {c.by}
                {c.reviewDay !== null && `, herbeoordeling ${dayLabel(c.reviewDay)}`}): {c.motivation}
              </p>
            ))}
          </article>
        ))
      )}

      <h3>Afwijkingen van de regels</h3>
      {copy.deviations.length === 0 ? (
        <p className="leeg">Geen afwijkingen.</p>
      ) : (
        <ul className="iv-lijst">
          {copy.deviations.map((d, i) => (
            <li key={i}>
              <p className="iv-kop">
                {lawByKey(d.law).name}: {d.rule} <span className="klein">({DEVIATION_STATUS_LABELS[d.status]})</span>
              </p>
              <p className="klein">
                {routeLabel(d.route)}
                {d.routeOther && `: ${d.routeOther}`} · {dayLabel(d.startDay)} tot {dayLabel(d.endDay)} · herbeoordeling {dayLabel(d.reviewDay)}
              </p>
              <dl className="iv-stappen">
                <div>
                  <dt>Wel</dt>
                  <dd className="iv-tekst">{d.willDo}</dd>
                </div>
                <div>
                  <dt>Niet</dt>
                  <dd className="iv-tekst">{d.willNotDo}</dd>
                </div>
                <div>
                  <dt>Motivering</dt>
                  <dd className="iv-tekst">{d.reasoning}</dd>
                </div>
              </dl>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
