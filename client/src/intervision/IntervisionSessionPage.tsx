// /intervisie/<id>: one session. The pseudonymised copy, who takes part, the live reflection
// notes, closing (begeleider) and publishing a lesson or success story.
import { lazy, Suspense } from 'react';
import { ApiError, get, post } from '../api';
import { ErrorMessage, Loading, PageTitle } from '../components/Feedback';
import { useAction } from '../forms/useAction';
import { Link } from '../components/Link';
import { formatDate } from '../format';
import { CopyView } from './CopyView';
import { ParticipantsPanel } from './ParticipantsPanel';
import { PublishForm } from './PublishForm';
import { type Resolution, ReviewPanel } from './ReviewPanel';
import { useLoad } from '../useLoad';
import { INTERVISION_ROLE_LABELS, type IntervisionSession, type SessionUser } from '../../../shared/schemas';

const ReflectionRoom = lazy(() => import('./ReflectionRoom').then((m) => ({ default: m.ReflectionRoom })));

export function IntervisionSessionPage({ id, user }: { id: string; user: SessionUser }) {
  const { data: session, error, set, reload } = useLoad(() => get<IntervisionSession>(`/api/intervision/${encodeURIComponent(id)}`), id);

  if (error instanceof ApiError && error.status === 404) {
    return (
      <section>
        <PageTitle title="Sessie niet gevonden">Sessie niet gevonden</PageTitle>
        <p>Deze intervisiesessie bestaat niet of u neemt er niet aan deel.</p>
        <Link href="/intervisie">Naar mijn sessies</Link>
      </section>
    );
  }
  if (error instanceof ApiError && error.status === 409) {
    return (
      <section>
        <PageTitle title="Nog niet vrijgegeven">Nog niet vrijgegeven</PageTitle>
        <p>De begeleider beoordeelt de gepseudonimiseerde kopie van deze sessie nog. U ziet de sessie zodra zij is vrijgegeven.</p>
        <Link href="/intervisie">Naar mijn sessies</Link>
      </section>
    );
  }
  if (error) return <ErrorMessage error={error} />;
  if (!session) return <Loading what="Intervisiesessie" />;

  return (
    <article className="iv-sessie">
      <nav aria-label="Kruimelpad" className="kruimel">
        <Link href="/intervisie">Intervisie</Link> <span aria-hidden="true">›</span> <span aria-current="page">{session.title}</span>
      </nav>
      <div className="paginakop">
        <PageTitle title={session.title}>{session.title}</PageTitle>
        <span className={`status ${session.closedAt ? 'status-gesloten' : 'status-open'}`}>{session.closedAt ? 'Afgesloten' : session.releasedAt ? 'Open' : 'Nog niet vrijgegeven'}</span>
      </div>
      <dl className="kenmerken">
        <div>
          <dt>Mijn rol</dt>
          <dd>{INTERVISION_ROLE_LABELS[session.me.role]}</dd>
        </div>
        <div>
          <dt>Gemaakt</dt>
          <dd>{formatDate(session.createdAt)}</dd>
        </div>
        {session.closedAt && (
          <div>
            <dt>Afgesloten</dt>
            <dd>{formatDate(session.closedAt)}</dd>
          </div>
        )}
      </dl>
      <ParticipantsPanel session={session} onChange={set} />
      {session.review ? (
        <ReviewPanel
          review={session.review}
          heading="Kopie beoordelen voor het vrijgeven"
          intro="Nog niemand anders ziet deze sessie. Controleer de gepseudonimiseerde kopie: is er nog iets waaraan iemand het huishouden kan herkennen?"
          releaseLabel="Kopie vrijgeven aan de deelnemers"
          onResolve={(resolutions: Resolution[]) => post<IntervisionSession>(`/api/intervision/${encodeURIComponent(session.id)}/review`, { resolutions }).then(set)}
          onRelease={() => post<IntervisionSession>(`/api/intervision/${encodeURIComponent(session.id)}/release`).then(set)}
        />
      ) : (
        <ReleasedSession session={session} user={user} onChange={set} onAccessChanged={reload} />
      )}
    </article>
  );
}

function ReleasedSession({ session, user, onChange, onAccessChanged }: { session: IntervisionSession; user: SessionUser; onChange: (s: IntervisionSession) => void; onAccessChanged: () => void }) {
  const set = onChange;
  const reload = onAccessChanged;
  return (
    <>
      <Suspense fallback={<Loading what="Reflectie" />}>
        <ReflectionRoom session={session} user={user} roleLabel={INTERVISION_ROLE_LABELS[session.me.role]} onAccessChanged={reload} />
      </Suspense>
      <CopyView copy={session.copy} />
      <PublishForm session={session} />
      {session.me.can.close && <CloseSession session={session} onClosed={set} />}
    </>
  );
}

function CloseSession({ session, onClosed }: { session: IntervisionSession; onClosed: (s: IntervisionSession) => void }) {
  const { busy, error, run } = useAction();
  const close = () => void run(async () => onClosed(await post<IntervisionSession>(`/api/intervision/${encodeURIComponent(session.id)}/close`)));
  return (
    <section aria-labelledby="afsluiten-kop" className="paneel iv-afsluiten">
      <h2 id="afsluiten-kop">Sessie afsluiten</h2>
      <p className="uitleg" id="afsluiten-uitleg">
        Na het afsluiten kan niemand de notities nog wijzigen; lezen en publiceren in de bibliotheek blijven mogelijk.
      </p>
      <ErrorMessage error={error} />
      <button type="button" className="knop knop-tweede" onClick={close} disabled={busy} aria-describedby="afsluiten-uitleg">
        Sessie afsluiten
      </button>
    </section>
  );
}
