// /succesverhalen: the organisation's library of success stories and lessons, from intervision
// sessions (and breakthroughs). No story names a case, a household or its author.
import { useState } from 'react';
import { get } from '../api';
import { ErrorMessage, Loading, PageTitle } from '../components/Feedback';
import { formatDate } from '../format';
import { useLoad } from '../useLoad';
import { BREAKTHROUGH_TYPES } from '../../../shared/breakthroughs';
import { lawByKey } from '../../../shared/laws';
import { type SessionUser, SUCCESS_STORY_KIND_LABELS, SUCCESS_STORY_KINDS, type SuccessStory } from '../../../shared/schemas';

type Filter = '' | (typeof SUCCESS_STORY_KINDS)[number];
const typeLabel = (key: string | null) => BREAKTHROUGH_TYPES.find((t) => t.key === key)?.label ?? null;

export function SuccessStoriesPage(_: { user: SessionUser }) {
  const [filter, setFilter] = useState<Filter>('');
  const { data, error } = useLoad(() => get<SuccessStory[]>(`/api/succesverhalen${filter ? `?kind=${filter}` : ''}`), `succesverhalen-${filter}`);

  return (
    <section className="iv-bibliotheek">
      <PageTitle title="Succesverhalen">Succesverhalen en lessen</PageTitle>
      <p className="uitleg">Wat werkte, en wat we leerden: gedeeld uit intervisiesessies en doorbraken, zonder namen of herkenbare gegevens.</p>
      <div className="veld inline iv-filter">
        <label htmlFor="iv-filter">Toon</label>
        <select id="iv-filter" value={filter} onChange={(e) => setFilter(e.target.value as Filter)}>
          <option value="">Alles</option>
          {SUCCESS_STORY_KINDS.map((k) => (
            <option key={k} value={k}>
              {k === 'les' ? 'Lessen' : 'Succesverhalen'}
            </option>
          ))}
        </select>
      </div>
      <ErrorMessage error={error} />
      {!data && !error && <Loading what="Bibliotheek" />}
      {data && data.length === 0 && <p className="leeg">Er is nog niets gedeeld.</p>}
      {data && data.length > 0 && (
        <ul className="iv-verhalen" aria-label="Verhalen">
          {data.map((s) => (
            <li key={s.id}>
              <article className="iv-verhaal" aria-labelledby={`verhaal-${s.id}`}>
                <p className="iv-soortlabel">
                  {SUCCESS_STORY_KIND_LABELS[s.kind]} · {s.source === 'intervisie' ? 'uit intervisie' : 'uit een doorbraak'} · {formatDate(s.publishedAt)}
                </p>
                <h2 id={`verhaal-${s.id}`}>{s.title}</h2>
                <p className="iv-tekst">{s.body}</p>
                {(s.laws.length > 0 || s.breakthroughType) && (
                  <p className="klein">
                    {s.laws.length > 0 && `Wetten: ${s.laws.map((l) => lawByKey(l).name).join(', ')}`}
                    {s.laws.length > 0 && s.breakthroughType && ' · '}
                    {s.breakthroughType && `Doorbraak: ${typeLabel(s.breakthroughType)}`}
                  </p>
                )}
              </article>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
