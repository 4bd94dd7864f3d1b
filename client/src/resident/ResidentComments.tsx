import { type FormEvent, useState } from 'react';
import { post } from '../api';
import type { ResidentComment } from '../../../shared/schemas';
import { ErrorMessage, SuccessMessage } from '../components/Feedback';
import { useAction } from '../forms/useAction';
import { formatDateTime } from '../format';

const MAX = 2000;

export function CommentList({ comments, me }: { comments: ResidentComment[]; me?: string }) {
  return (
    <ol className="inwoner-reacties">
      {comments.map((c) => (
        <li key={c.id}>
          <p className="inwoner-reactie-kop">
            {me === c.by.id ? 'U' : c.by.name}, <time dateTime={c.at}>{formatDateTime(c.at)}</time>
          </p>
          <p className="inwoner-tekst">{c.body}</p>
        </li>
      ))}
    </ol>
  );
}

export function ResidentComments({ caseId, comments, canComment, me, onAdded }: { caseId: string; comments: ResidentComment[]; canComment: boolean; me: string; onAdded: (c: ResidentComment) => void }) {
  const [body, setBody] = useState('');
  const { busy, error, run } = useAction();
  const [done, setDone] = useState(false);

  function submit(e: FormEvent) {
    e.preventDefault();
    setDone(false);
    void run(async () => {
      if (!body.trim()) throw new Error('Schrijf eerst uw reactie.');
      onAdded(await post<ResidentComment>(`/api/cases/${encodeURIComponent(caseId)}/inwoner/comments`, { body }));
      setBody('');
      setDone(true);
    });
  }

  return (
    <section className="inwoner-blok" aria-labelledby="inwoner-reacties-kop">
      <h2 id="inwoner-reacties-kop">Uw reacties</h2>
      {comments.length === 0 ? <p>Er zijn nog geen reacties.</p> : <CommentList comments={comments} me={me} />}
      {canComment && (
        <form onSubmit={submit} noValidate aria-label="Reactie plaatsen">
          <div className="veld">
            <label htmlFor="inwoner-reactie">Uw reactie</label>
            <p className="hint" id="inwoner-reactie-hint">
              Wat wilt u kwijt over uw plan? De professionals lezen uw reactie. U kunt een reactie daarna niet meer veranderen of weghalen.
            </p>
            <textarea id="inwoner-reactie" aria-describedby="inwoner-reactie-hint" rows={4} maxLength={MAX} value={body} onChange={(e) => setBody(e.target.value)} />
          </div>
          <ErrorMessage error={error} />
          {done && <SuccessMessage>Uw reactie is geplaatst.</SuccessMessage>}
          <button type="submit" className="knop inwoner-knop" disabled={busy}>
            Reactie plaatsen
          </button>
        </form>
      )}
    </section>
  );
}
