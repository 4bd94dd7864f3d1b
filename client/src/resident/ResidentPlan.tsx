import type { ResidentView } from '../../../shared/schemas';
import { formatDate } from '../format';

/** The plan's parts, said the way a household would say them. */
const PLAIN_LABELS: Record<string, string> = {
  beeldvorming: 'Hoe het nu gaat',
  wens: 'Wat u wilt bereiken',
  afspraken: 'Wat we hebben afgesproken',
};

export function ResidentPlan({ plan }: { plan: ResidentView['plan'] }) {
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
          {adopted.sections.map((s) => (
            <div key={s.key} className="inwoner-plandeel">
              <h3>{PLAIN_LABELS[s.key] ?? s.label}</h3>
              {s.text.trim() ? <p className="inwoner-tekst">{s.text}</p> : <p className="leeg">Hier staat nog niets.</p>}
            </div>
          ))}
        </>
      ) : (
        <p>
          Uw plan is nog niet klaar.
          {plan.newerDraft ? ' De professionals werken eraan. U ziet het hier zodra het is vastgesteld.' : ' Uw regisseur maakt het samen met u.'}
        </p>
      )}
    </section>
  );
}
