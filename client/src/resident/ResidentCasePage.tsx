// What a household member (inwoner) sees of their own case: plain words, large text, the one
// person to call on top. Everything here comes from the resident's own API, which never
// carries the internal room, internal deviations or breakthroughs.
import { get } from '../api';
import type { CaseDetail, ResidentView, SessionUser } from '../../../shared/schemas';
import { ErrorMessage, Loading, PageTitle } from '../components/Feedback';
import { Link } from '../components/Link';
import { useLoad } from '../useLoad';
import { useFeed } from '../live/useFeed';
import { useHashTarget } from '../components/useHashTarget';
import { RESIDENT_SECTIONS } from '../../../shared/resident';
import { ConferenceSection } from '../conference/ConferenceSection';
import { AccessLog } from './AccessLog';
import { ContactCard, WhoDoesWhat } from './People';
import { ResidentComments } from './ResidentComments';
import { ResidentGoals } from './ResidentGoals';
import { ResidentPlan } from './ResidentPlan';

export function ResidentCasePage({ detail, user }: { detail: CaseDetail; user: SessionUser }) {
  const path = `/api/cases/${encodeURIComponent(detail.id)}/inwoner`;
  const { data: view, error, set, reload } = useLoad(() => get<ResidentView>(path), detail.id);
  useFeed(detail.id, ['goals', 'deviations', 'resident', 'versions', 'members', 'case'], reload);
  // Her Postvak sends her here when her regisseur will explain a decision.
  const contactHeading = useHashTarget(`#${RESIDENT_SECTIONS.contact}`, view !== undefined);

  if (error) return <ErrorMessage error={error} />;
  if (!view) return <Loading what="Uw overzicht" />;

  const regisseur = view.people.find((p) => p.isRegisseur);
  const firstName = user.name.split(' ')[0];

  return (
    <article className="inwoner">
      <nav aria-label="Kruimelpad" className="kruimel">
        <Link href="/">Mijn overzicht</Link> <span aria-hidden="true">›</span> <span aria-current="page">{view.title}</span>
      </nav>
      <PageTitle title={view.title}>{view.title}</PageTitle>
      <p className="inwoner-intro">
        Welkom, {firstName}. Hier ziet u uw plan, uw doelen en wie u helpt.
        {view.status === 'gesloten' && ' Uw casus is afgesloten. U kunt alles nog lezen.'}
      </p>

      <section className="inwoner-blok" aria-labelledby="inwoner-regisseur-kop">
        <h2 id="inwoner-regisseur-kop" ref={contactHeading} tabIndex={-1}>
          Uw vaste contactpersoon
        </h2>
        {regisseur ? (
          <>
            <p>Heeft u een vraag? Neem dan contact op met {regisseur.name}. Dit is uw regisseur: de persoon die de weg weet.</p>
            <ContactCard person={regisseur} />
          </>
        ) : (
          <p>U heeft op dit moment geen vaste contactpersoon. De gemeente zoekt iemand voor u.</p>
        )}
      </section>

      <ResidentPlan plan={view.plan} deviations={view.deviations} />
      {/* At the table the household follows the running conference and can read past ones. */}
      <ConferenceSection detail={detail} user={user} onEnded={reload} />
      <ResidentGoals caseId={view.caseId} goals={view.goals} canAgree={view.can.agree} onChange={(goal) => set({ ...view, goals: view.goals.map((g) => (g.id === goal.id ? goal : g)) })} />
      <WhoDoesWhat people={view.people} />
      <ResidentComments caseId={view.caseId} comments={view.comments} canComment={view.can.comment} me={user.id} onAdded={(c) => set({ ...view, comments: [...view.comments, c] })} />
      <AccessLog caseId={view.caseId} />
    </article>
  );
}
