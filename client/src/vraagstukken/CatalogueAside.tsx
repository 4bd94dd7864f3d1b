// Beside each step: the laws in scope with their purpose (bedoeling), the articles often
// involved and the routes that allow departing from a rule. From the catalogue the server
// serves (built-in plus the municipality's own articles in force today). The purpose leads at
// every step (the reverse test starts from it); articles and routes are there too, folded
// open at the legal check and the decision, where they are the subject.
import { DEVIATION_ROUTES, LAWS, type LawKey } from '../../../shared/laws';
import type { Catalogue, CatalogueLaw } from '../../../shared/schemas';
import { LOCAL_ARTICLE_KIND_LABELS } from '../../../shared/schemas';
import type { TOETS_STEPS } from '../../../shared/vraagstukken';

type StepKey = (typeof TOETS_STEPS)[number]['key'];

export function CatalogueAside({ catalogue, laws, step }: { catalogue: Catalogue | undefined; laws: LawKey[]; step: StepKey }) {
  const inScope: Pick<CatalogueLaw, 'key' | 'name' | 'purpose' | 'articles' | 'local'>[] = laws.map(
    (key) => catalogue?.laws.find((l) => l.key === key) ?? { ...LAWS.find((l) => l.key === key)!, articles: [], local: [] },
  );
  const showArticles = step === 'toetsing' || step === 'besluit';
  return (
    <aside className="catalogus-naast" aria-label="Wettencatalogus bij deze stap">
      <p className="catalogus-kop">Bedoeling van de wetten</p>
      {inScope.length === 0 && <p className="leeg">Nog geen wet gekozen (stap 3).</p>}
      {inScope.map((l) => (
        <div key={l.key} className="catalogus-wet">
          <p className="catalogus-wetnaam">{l.name}</p>
          <p className="klein">{l.purpose}</p>
          {(l.articles.length > 0 || l.local.length > 0) && (
            <details open={showArticles} className="klein">
              <summary>Artikelen ({l.articles.length + l.local.length})<span className="sr-only"> van de {l.name}</span></summary>
              <ul className="klein">
                {l.articles.map((a) => (
                  <li key={a.ref}>
                    art. {a.ref} {a.title}
                  </li>
                ))}
                {l.local.map((a) => (
                  <li key={a.id}>
                    {LOCAL_ARTICLE_KIND_LABELS[a.kind]}: {a.source}, art. {a.ref} {a.title}
                  </li>
                ))}
              </ul>
            </details>
          )}
        </div>
      ))}
      <details open={step === 'toetsing'} className="catalogus-routes">
        <summary className="catalogus-kop">Routes om af te wijken</summary>
        <ul className="klein">
          {DEVIATION_ROUTES.map((r) => (
            <li key={r.key}>{r.label}</li>
          ))}
          <li>Anders: opschalen voor een doorbraak met bestuurlijk mandaat</li>
        </ul>
      </details>
      {(step === 'besluit' || step === 'toetsing') && (
        <p className="klein">Awb 3:46: een deugdelijke motivering. Awb 3:4 lid 2: de gevolgen mogen niet onevenredig zijn in verhouding tot het doel.</p>
      )}
    </aside>
  );
}
