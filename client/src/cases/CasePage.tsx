import { lazy, Suspense, useEffect } from 'react';
import { ApiError, get } from '../api';
import { formatDate } from '../format';
import { useLoad } from '../useLoad';
import { useFeed } from '../live/useFeed';
import { CASE_ROLE_LABELS, CASE_STATUS_LABELS } from '../../../shared/roles';
import type { CaseDetail, SessionUser } from '../../../shared/schemas';
import { ErrorMessage, Loading, PageTitle } from '../components/Feedback';
import { Link } from '../components/Link';
import { MembersPanel } from './MembersPanel';
import { StatusPanel } from './StatusPanel';
import { ConferenceSection } from '../conference/ConferenceSection';
import { DeviationsSection } from '../deviations/DeviationsSection';
import { BreakthroughsSection } from '../breakthroughs/BreakthroughsSection';
import { PrepareIntervision } from '../intervision/PrepareIntervision';
import { ResidentCasePage } from '../resident/ResidentCasePage';
import { ResidentCommentsPanel } from '../resident/ResidentCommentsPanel';
import { StuckPanel } from '../stuck/StuckPanel';
import { CASE_SECTIONS, type CaseSection, sectionPath, sectionsFor } from './sections';

// The live plan brings the editor and Yjs: loaded only when a case is opened.
const PlanSection = lazy(() => import('../plan/PlanSection').then((m) => ({ default: m.PlanSection })));
const InternSection = lazy(() => import('../plan/InternSection').then((m) => ({ default: m.InternSection })));

export function CasePage({ id, section, user }: { id: string; section?: string; user: SessionUser }) {
  const { data: detail, error, set, reload } = useLoad(() => get<CaseDetail>(`/api/cases/${encodeURIComponent(id)}`), id);
  // The resident has a page of her own, without these sections.
  const professionalTitle = detail && detail.me.caseRole !== 'inwoner' ? detail.title : undefined;
  useSectionFocus(CASE_SECTIONS.find((s) => s.slug === section), professionalTitle);
  // Members, regisseur and status: the rights of everyone at the table follow from them.
  useFeed(id, ['members', 'case'], reload);

  if (error instanceof ApiError && error.status === 404) {
    return (
      <section>
        <PageTitle title="Casus niet gevonden">Casus niet gevonden</PageTitle>
        <p>Deze casus bestaat niet of u bent er geen lid van.</p>
        <Link href="/">Terug naar de werkbak</Link>
      </section>
    );
  }
  if (error) return <ErrorMessage error={error} />;
  if (!detail) return <Loading what="Casus" />;
  if (detail.me.caseRole === 'inwoner') return <ResidentCasePage detail={detail} user={user} />;

  const sections = sectionsFor(detail);
  return (
    <article className="casus">
      <nav aria-label="Kruimelpad" className="kruimel">
        <Link href="/">Werkbak</Link> <span aria-hidden="true">›</span> <span aria-current="page">{detail.title}</span>
      </nav>
      <div className="paginakop">
        <PageTitle title={detail.title}>{detail.title}</PageTitle>
        <span className={`status status-${detail.status}`}>{CASE_STATUS_LABELS[detail.status]}</span>
      </div>
      <dl className="kenmerken">
        <div>
          <dt>Regisseur</dt>
          <dd>{detail.regisseur ? detail.regisseur.name : <span className="vlag">Geen regisseur</span>}</dd>
        </div>
        <div>
          <dt>Mijn rol</dt>
          <dd>{CASE_ROLE_LABELS[detail.me.caseRole]}</dd>
        </div>
        <div>
          <dt>Gestart</dt>
          <dd>{formatDate(detail.createdAt)}</dd>
        </div>
      </dl>
      <div className="casus-raster">
        <nav aria-label="Onderdelen van de casus" className="casus-inhoud">
          <ul>
            {sections.map((s) => (
              <li key={s.slug} className={s.within ? 'casus-inhoud-sub' : undefined}>
                <Link
                  href={sectionPath(detail.id, s.slug)}
                  aria-current={s.slug === section ? 'location' : undefined}
                  // Already there (e.g. scrolled away since): go back to the section all the same.
                  onClick={() => {
                    if (s.slug === section) showSection(s);
                  }}
                >
                  {s.label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <div className="casus-delen">
          {!detail.regisseur && detail.status === 'open' && (
            <p className="melding melding-waarschuwing" role="status">
              Deze casus heeft geen regisseur. Inwoners vroegen om „één persoon die de weg weet”.
              {detail.me.can['case.regisseur.assign'] ? ' Wijs hieronder bij de leden een regisseur aan.' : ' Vraag de procesregisseur om een regisseur aan te wijzen.'}
            </p>
          )}
          {detail.summary && (
            <section aria-labelledby="samenvatting-kop">
              <h2 id="samenvatting-kop">Omschrijving</h2>
              <p className="samenvatting">{detail.summary}</p>
            </section>
          )}
          <Suspense fallback={<Loading what="Gezinsplan" />}>
            <PlanSection detail={detail} user={user} onAccessChanged={reload} />
            {detail.me.can['case.intern.access'] && <InternSection detail={detail} user={user} onAccessChanged={reload} />}
          </Suspense>
          <ConferenceSection detail={detail} user={user} />
          <DeviationsSection detail={detail} />
          <BreakthroughsSection detail={detail} />
          <ResidentCommentsPanel detail={detail} />
          <PrepareIntervision detail={detail} />
          <MembersPanel detail={detail} user={user} onChange={set} />
          <StuckPanel detail={detail} />
          <StatusPanel detail={detail} onChange={set} />
        </div>
      </div>
    </article>
  );
}

/** Scrolls to a section and puts the keyboard focus on its heading, so the next Tab is inside it. */
function showSection(section: CaseSection): boolean {
  const heading = document.getElementById(section.headingId);
  if (!heading) return false;
  if (!heading.hasAttribute('tabindex')) heading.setAttribute('tabindex', '-1');
  heading.focus({ preventScroll: true });
  heading.scrollIntoView({ block: 'start' });
  return true;
}

const SETTLE_MS = 4000;

/**
 * Opens the section named in the URL, also on a deep link and on back/forward. The live plan above
 * most sections loads (and grows) after the page: until the person scrolls, types or clicks, or a
 * few seconds have passed, the section is kept in view while the content above it settles.
 */
function useSectionFocus(section: CaseSection | undefined, caseTitle: string | undefined) {
  useEffect(() => {
    if (caseTitle === undefined) return;
    if (!section) {
      document.title = `${caseTitle} – Casustafel`;
      return;
    }
    document.title = `${section.label} – ${caseTitle} – Casustafel`;
    let shown = false;
    let stopped = false;
    const stop = () => {
      stopped = true;
      observer.disconnect();
      resize.disconnect();
      for (const e of USER_EVENTS) window.removeEventListener(e, stop, true);
      clearTimeout(timer);
    };
    const place = () => {
      if (stopped) return;
      if (!shown) shown = showSection(section);
      else document.getElementById(section.headingId)?.scrollIntoView({ block: 'start' });
    };
    const USER_EVENTS = ['wheel', 'touchstart', 'keydown', 'mousedown'] as const;
    for (const e of USER_EVENTS) window.addEventListener(e, stop, true);
    const observer = new MutationObserver(place);
    const resize = new ResizeObserver(place);
    const main = document.getElementById('inhoud') ?? document.body;
    observer.observe(main, { childList: true, subtree: true });
    resize.observe(main);
    const timer = setTimeout(stop, SETTLE_MS);
    place();
    return stop;
  }, [section, caseTitle]);
}
