// For the functional administrator: the municipality's own catalogue. Who gives which law's
// verdict, and the local articles (verordening, hardheidsclausule, beleidsregel) with their
// history. Nothing is overwritten: a new text or an end date is a new version.
import { useState } from 'react';
import { get } from '../api';
import { AddArticleForm } from './ArticleForms';
import { LocalArticleCard } from './LocalArticleCard';
import { ResponsibilitiesTable } from './ResponsibilitiesTable';
import { ErrorMessage, Loading, PageTitle, SuccessMessage } from '../components/Feedback';
import { Link } from '../components/Link';
import { formatDay } from '../format';
import { useLoad } from '../useLoad';
import { LAWS } from '../../../shared/laws';
import { can } from '../../../shared/permissions';
import type { Catalogue, LocalArticleRecord, SessionUser } from '../../../shared/schemas';

export function AdminCataloguePage({ user }: { user: SessionUser }) {
  if (!can(user.functie, 'catalogue.manage')) {
    return (
      <section>
        <PageTitle title="Geen toegang">Geen toegang</PageTitle>
        <p>Alleen de functioneel beheerder beheert de wetten en artikelen.</p>
        <Link href="/">Naar de werkbak</Link>
      </section>
    );
  }
  return <CatalogueAdmin />;
}

/** The versions per article (chainId), in the API's order (law, article, oldest version first). */
function groupByArticle(records: LocalArticleRecord[]): LocalArticleRecord[][] {
  const chains = new Map<string, LocalArticleRecord[]>();
  for (const r of records) chains.set(r.chainId, [...(chains.get(r.chainId) ?? []), r]);
  return [...chains.values()];
}

function CatalogueAdmin() {
  const catalogue = useLoad(() => get<Catalogue>('/api/catalogue'), 'catalogue');
  const articles = useLoad(() => get<LocalArticleRecord[]>('/api/catalogue/articles'), 'catalogue-articles');
  const [message, setMessage] = useState<string | null>(null);
  const [actionError, setActionError] = useState<unknown>(null);

  const saved = (text: string) => {
    setActionError(null);
    setMessage(text);
    articles.reload();
  };

  const chains = articles.data ? groupByArticle(articles.data) : [];

  return (
    <section>
      <PageTitle title="Wetten en artikelen">Wetten en artikelen</PageTitle>
      <p className="uitleg cat-uitleg">
        De wetten, hun bedoeling en de artikelen die vaak meespelen staan vast in de catalogus (editie {catalogue.data?.version ?? '…'}). Hier legt u vast wie per wet het
        oordeel geeft en welke eigen artikelen de gemeente heeft: verordeningen, hardheidsclausules en beleidsregels. Een artikel wordt nooit overschreven: een nieuwe tekst of
        een einddatum is een nieuwe versie, en de oude blijft bewaard voor conclusies die haar aanhalen. Elke wijziging komt in het auditlog.
      </p>
      <ErrorMessage error={catalogue.error ?? articles.error ?? actionError} />
      {message && <SuccessMessage>{message}</SuccessMessage>}

      <h2>Wie geeft het oordeel per wet</h2>
      {!catalogue.data && !catalogue.error && <Loading what="Wetten" />}
      {catalogue.data && (
        <ResponsibilitiesTable
          laws={catalogue.data.laws}
          onError={(err) => {
            setMessage(null);
            setActionError(err);
          }}
          onSaved={(r, text) => {
            setActionError(null);
            setMessage(text);
            catalogue.set((c) => c && { ...c, laws: c.laws.map((l) => (l.key === r.law ? { ...l, responsibleRole: r.caseRole } : l)) });
          }}
        />
      )}

      <h2>Lokale artikelen</h2>
      <AddArticleForm onAdded={(r) => saved(`Toegevoegd: art. ${r.ref} ${r.title} (${LAWS.find((l) => l.key === r.law)?.name}), geldig vanaf ${formatDay(r.validFrom)}.`)} />
      {!articles.data && !articles.error && <Loading what="Lokale artikelen" />}
      {articles.data && chains.length === 0 && <p className="leeg">Er zijn nog geen lokale artikelen vastgelegd.</p>}
      {articles.data &&
        LAWS.map((law) => {
          const ofLaw = chains.filter((c) => c[0]!.law === law.key);
          if (ofLaw.length === 0) return null;
          return (
            <section key={law.key} className="cat-wet" aria-labelledby={`wet-${law.key}`}>
              <h3 id={`wet-${law.key}`}>{law.name}</h3>
              {ofLaw.map((versions) => (
                <LocalArticleCard key={versions[0]!.chainId} versions={versions} onChanged={(_r, text) => saved(text)} />
              ))}
            </section>
          );
        })}
    </section>
  );
}
