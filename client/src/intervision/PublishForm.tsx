// Publishing a lesson or success story from a session to the organisation's library. The
// server removes identifying details and holds the text as a draft; the author reviews every
// replacement and flag (ReviewPanel) and only then publishes it.
import { type FormEvent, useEffect, useState } from 'react';
import { get, post } from '../api';
import { ErrorMessage, SuccessMessage } from '../components/Feedback';
import { Link } from '../components/Link';
import { BREAKTHROUGH_TYPES } from '../../../shared/breakthroughs';
import { LAWS, type LawKey } from '../../../shared/laws';
import { type IntervisionSession, type StoryDraft, SUCCESS_STORY_KIND_LABELS, SUCCESS_STORY_KINDS, type SuccessStory } from '../../../shared/schemas';
import { type Resolution, ReviewPanel } from './ReviewPanel';

type Kind = (typeof SUCCESS_STORY_KINDS)[number];

export function PublishForm({ session }: { session: IntervisionSession }) {
  const [kind, setKind] = useState<Kind>('les');
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const [laws, setLaws] = useState<LawKey[]>([]);
  const [type, setType] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [published, setPublished] = useState<SuccessStory | null>(null);
  const [drafts, setDrafts] = useState<StoryDraft[]>([]);
  const base = `/api/intervision/${encodeURIComponent(session.id)}`;
  const canPublish = session.me.can.publish;
  useEffect(() => {
    if (canPublish) get<StoryDraft[]>(`${base}/stories`).then(setDrafts, setError);
  }, [base, canPublish]);
  if (!canPublish) return null;
  const replaceDraft = (d: StoryDraft) => setDrafts((list) => list.map((x) => (x.id === d.id ? d : x)));

  const toggle = (law: LawKey, on: boolean) => setLaws((l) => (on ? [...l, law] : l.filter((x) => x !== law)));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setPublished(null);
    post<StoryDraft>(`${base}/publish`, { kind, title, body, laws, ...(type ? { breakthroughType: type } : {}) }).then(
      (d) => {
        setBusy(false);
        setDrafts((list) => [...list, d]);
        setTitle('');
        setBody('');
        setLaws([]);
        setType('');
      },
      (err) => {
        setBusy(false);
        setError(err);
      },
    );
  };

  return (
    <section aria-labelledby="publiceren-kop" className="paneel iv-publiceren">
      <h2 id="publiceren-kop">Delen in de bibliotheek</h2>
      <p className="uitleg" id="publiceren-uitleg">
        Deel een les of succesverhaal met de hele organisatie. Schrijf zonder namen of herkenbare details. De server haalt namen uit de casus, BSN’s, postcodes, adressen,
        telefoonnummers, e-mailadressen, data en andere nummers weg en markeert wat nog herkenbaar kan zijn; u beoordeelt dat voordat het verhaal in de bibliotheek komt.
      </p>
      {drafts.map((d) => (
        <ReviewPanel
          key={d.id}
          review={d.review}
          heading={`Concept beoordelen: ${d.title}`}
          intro="Dit concept staat nog niet in de bibliotheek."
          releaseLabel="Publiceren in de bibliotheek"
          onResolve={(resolutions: Resolution[]) => post<StoryDraft>(`${base}/stories/${encodeURIComponent(d.id)}/review`, { resolutions }).then(replaceDraft)}
          onRelease={() =>
            post<SuccessStory>(`${base}/stories/${encodeURIComponent(d.id)}/release`).then((s) => {
              setPublished(s);
              setDrafts((list) => list.filter((x) => x.id !== d.id));
            })
          }
        />
      ))}
      <form onSubmit={submit} aria-describedby="publiceren-uitleg">
        <fieldset className="iv-soort">
          <legend>Soort</legend>
          {SUCCESS_STORY_KINDS.map((k) => (
            <div className="veld vinkje" key={k}>
              <input type="radio" id={`iv-soort-${k}`} name="iv-soort" value={k} checked={kind === k} onChange={() => setKind(k)} />
              <label htmlFor={`iv-soort-${k}`}>{SUCCESS_STORY_KIND_LABELS[k]}</label>
            </div>
          ))}
        </fieldset>
        <div className="veld">
          <label htmlFor="iv-titel">Titel</label>
          <input id="iv-titel" value={title} onChange={(e) => setTitle(e.target.value)} maxLength={200} required />
        </div>
        <div className="veld">
          <label htmlFor="iv-verhaal">Tekst</label>
          <textarea id="iv-verhaal" rows={6} value={body} onChange={(e) => setBody(e.target.value)} maxLength={10000} required />
        </div>
        <fieldset className="iv-wetten">
          <legend>Over welke wetten gaat het?</legend>
          {LAWS.map((l) => (
            <div className="veld vinkje" key={l.key}>
              <input type="checkbox" id={`iv-wet-${l.key}`} checked={laws.includes(l.key)} onChange={(e) => toggle(l.key, e.target.checked)} />
              <label htmlFor={`iv-wet-${l.key}`}>{l.name}</label>
            </div>
          ))}
        </fieldset>
        <div className="veld">
          <label htmlFor="iv-doorbraak">Soort doorbraak (optioneel)</label>
          <select id="iv-doorbraak" value={type} onChange={(e) => setType(e.target.value)}>
            <option value="">Geen</option>
            {BREAKTHROUGH_TYPES.map((t) => (
              <option key={t.key} value={t.key}>
                {t.label}
              </option>
            ))}
          </select>
        </div>
        <ErrorMessage error={error} />
        {published && (
          <SuccessMessage>
            <p>
              „{published.title}” staat in de <Link href="/succesverhalen">bibliotheek met succesverhalen</Link>.
            </p>
          </SuccessMessage>
        )}
        <button type="submit" className="knop" disabled={busy}>
          Indienen ter beoordeling
        </button>
      </form>
    </section>
  );
}
