// The household's comments on the professional case page: read-only, for every member.
import { get } from '../api';
import type { CaseDetail, ResidentComment } from '../../../shared/schemas';
import { ErrorMessage } from '../components/Feedback';
import { useLoad } from '../useLoad';
import { CommentList } from './ResidentComments';
import { useFeed } from '../live/useFeed';

export function ResidentCommentsPanel({ detail }: { detail: CaseDetail }) {
  const { data: comments, error, reload } = useLoad(() => get<ResidentComment[]>(`/api/cases/${encodeURIComponent(detail.id)}/inwoner/comments`), detail.id);
  useFeed(detail.id, ['resident'], reload);
  return (
    <section className="paneel" aria-labelledby="huishouden-reacties-kop">
      <div className="plandeel-kop">
        <h2 id="huishouden-reacties-kop">Reacties van het huishouden</h2>
      </div>
      <p className="hint">Wat het huishouden zelf schrijft in zijn eigen overzicht. Alleen lezen: reageer in gesprek of in het plan.</p>
      <ErrorMessage error={error} />
      {comments === undefined ? (
        !error && <p className="laden">Reacties laden…</p>
      ) : comments.length === 0 ? (
        <p className="leeg">Het huishouden heeft nog niet gereageerd.</p>
      ) : (
        <CommentList comments={comments} />
      )}
    </section>
  );
}
