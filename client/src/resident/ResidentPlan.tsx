import type { ResidentDeviation, ResidentView } from '../../../shared/schemas';
import { formatDate, formatDay, today } from '../format';
import { useHashTarget } from '../components/useHashTarget';
import { RESIDENT_SECTIONS } from '../../../shared/resident';

/** The plan's parts, said the way a household would say them. */
const PLAIN_LABELS: Record<string, string> = {
  beeldvorming: 'Hoe het nu gaat',
  wens: 'Wat u wilt bereiken',
  afspraken: 'Wat we hebben afgesproken',
};

export function ResidentPlan({ plan, deviations }: { plan: ResidentView['plan']; deviations: ResidentDeviation[] }) {
  const adopted = plan.adopted;
  return (
    <section className="inwoner-blok" aria-labelledby="inwoner-plan-kop">
      <h2 id="inwoner-plan-kop">Uw plan</h2>
      {adopted ? (
        <>
          <p className="inwoner-versie">
            Versie {adopted.number}, vastgesteld op <time dateTime={adopted.adoptedAt}>{formatDate(adopted.adoptedAt)}</time>
          </p>
          {plan.newerDraft && (
            <p className="melding melding-info">De professionals werken aan een nieuwe versie van uw plan. U ziet die hier zodra die klaar is.</p>
          )}
          {adopted.plain ? (
            // Written for the household in plain language: it takes the place of the professionals' texts.
            <div className="inwoner-plandeel">
              <h3>Uw plan in gewone woorden</h3>
              <p className="inwoner-tekst">{adopted.plain}</p>
            </div>
          ) : (
            adopted.sections.map((s) => (
              <div key={s.key} className="inwoner-plandeel">
                <h3>{PLAIN_LABELS[s.key] ?? s.label}</h3>
                {s.text.trim() ? <p className="inwoner-tekst">{s.text}</p> : <p className="leeg">Hier staat nog niets.</p>}
              </div>
            ))
          )}
        </>
      ) : (
        <p>
          Uw plan is nog niet klaar.
          {plan.newerDraft ? ' De professionals werken eraan. U ziet het hier zodra het is vastgesteld.' : ' Uw regisseur maakt het samen met u.'}
        </p>
      )}
      {deviations.length > 0 && <Exceptions deviations={deviations} />}
    </section>
  );
}

/** Approved deviations, told as what they mean for the household and until when. */
function Exceptions({ deviations }: { deviations: ResidentDeviation[] }) {
  const now = today();
  // Her Postvak tells of a new exception with a link to here.
  const heading = useHashTarget(`#${RESIDENT_SECTIONS.exceptions}`, true);
  return (
    <div className="inwoner-plandeel">
      <h3 ref={heading} tabIndex={-1}>
        Wat de gemeente voor u anders doet
      </h3>
      <p>Soms passen de regels niet bij uw situatie. Dan kan de gemeente een uitzondering maken. Voor u is dit afgesproken:</p>
      {deviations.map((d) => (
        <div key={d.id} className="inwoner-afwijking">
          <p>
            <strong>Wat er voor u geregeld is:</strong> {d.willDo}
          </p>
          <p>
            <strong>Wat er daarom niet gebeurt:</strong> {d.willNotDo}
          </p>
          <p>
            Dit geldt {d.startDate > now ? `vanaf ${formatDay(d.startDate)} ` : ''}tot en met {formatDay(d.endDate)}. Het is een uitzondering op de {d.lawName}. Heeft u
            vragen? Bel uw regisseur.
          </p>
        </div>
      ))}
    </div>
  );
}
