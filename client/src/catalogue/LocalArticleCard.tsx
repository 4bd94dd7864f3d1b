// One local article with all its versions: the version in effect today (or else the latest),
// the actions on the latest version, and the history, newest first. Old versions stay visible
// because conclusions may cite them (lokaal:<id> names one exact version).
import { useState } from 'react';
import { formatDateTime, formatDay } from '../format';
import { LOCAL_ARTICLE_KIND_LABELS, LOCAL_ARTICLE_STATUS_LABELS, type LocalArticleRecord } from '../../../shared/schemas';
import { EndArticleForm, NewWordingForm } from './ArticleForms';

const CHANGE_LABELS: Record<LocalArticleRecord['change'], string> = {
  toegevoegd: 'Toegevoegd',
  nieuwe_tekst: 'Nieuwe tekst',
  einddatum: 'Einddatum vastgelegd',
};

function period(r: LocalArticleRecord): string {
  return r.validUntil ? `${formatDay(r.validFrom)} tot en met ${formatDay(r.validUntil)}` : `vanaf ${formatDay(r.validFrom)}`;
}

/** Status in words; the colour only repeats them. */
export function StatusLabel({ record }: { record: LocalArticleRecord }) {
  let text = LOCAL_ARTICLE_STATUS_LABELS[record.status];
  if (record.status === 'vervangen' && record.replacedBy) {
    // An ending takes over from the same start date (validity.ts): say so rather than a date.
    text += record.replacedBy.validFrom === record.validFrom ? ' door een versie met einddatum' : ` per ${formatDay(record.replacedBy.validFrom)}`;
  }
  if (record.status === 'toekomstig') text += ` (vanaf ${formatDay(record.validFrom)})`;
  return <span className={`cat-status cat-status-${record.status}`}>{text}</span>;
}

type Editing = null | 'versie' | 'einde';

/** `versions`: all versions of one article, oldest first (as the API lists them). */
export function LocalArticleCard({ versions, onChanged }: { versions: LocalArticleRecord[]; onChanged: (r: LocalArticleRecord, message: string) => void }) {
  const [editing, setEditing] = useState<Editing>(null);
  const latest = versions.at(-1)!;
  const shown = versions.find((v) => v.current) ?? latest;
  const headingId = `artikel-${latest.chainId}`;
  const upcoming = latest !== shown && latest.status === 'toekomstig' ? latest : null;

  const saved = (what: string) => (r: LocalArticleRecord) => {
    setEditing(null);
    onChanged(r, what);
  };

  return (
    <article className="cat-artikel" aria-labelledby={headingId}>
      <div className="cat-artikel-kop">
        <h4 id={headingId}>
          {shown.source}, art. {shown.ref}: {shown.title}
        </h4>
        <StatusLabel record={shown} />
      </div>
      <p className="klein">
        {LOCAL_ARTICLE_KIND_LABELS[shown.kind]} · geldig {period(shown)}
      </p>
      <p className="cat-tekst">{shown.body}</p>
      {upcoming && (
        <p className="melding melding-info">
          Een nieuwe tekst gaat in op {formatDay(upcoming.validFrom)} (zie de geschiedenis).
        </p>
      )}

      {editing === null && (
        <div className="acties">
          <button type="button" className="knop-klein" onClick={() => setEditing('versie')}>
            Nieuwe tekst<span className="sr-only"> voor art. {latest.ref} ({latest.title})</span>
          </button>
          <button type="button" className="knop-klein" onClick={() => setEditing('einde')}>
            Beëindigen<span className="sr-only"> art. {latest.ref} ({latest.title})</span>
          </button>
        </div>
      )}
      {editing === 'versie' && (
        <NewWordingForm latest={latest} onCancel={() => setEditing(null)} onSaved={saved(`Nieuwe tekst van art. ${latest.ref} vastgelegd.`)} />
      )}
      {editing === 'einde' && <EndArticleForm latest={latest} onCancel={() => setEditing(null)} onSaved={saved(`Einddatum van art. ${latest.ref} vastgelegd.`)} />}

      <details className="cat-geschiedenis">
        <summary>
          Geschiedenis ({versions.length} {versions.length === 1 ? 'versie' : 'versies'})<span className="sr-only"> van art. {latest.ref}</span>
        </summary>
        <ol reversed>
          {[...versions].reverse().map((v) => (
            <li key={v.id} className="cat-versie">
              <p className="cat-versie-kop">
                <StatusLabel record={v} /> <strong>{CHANGE_LABELS[v.change]}</strong>, geldig {period(v)}
              </p>
              <p className="cat-tekst">{v.body}</p>
              <p className="klein">
                Art. {v.ref} {v.title} · vastgelegd door {v.createdBy.name} op {formatDateTime(v.createdAt)}
              </p>
            </li>
          ))}
        </ol>
      </details>
    </article>
  );
}
