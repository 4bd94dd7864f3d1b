// The procesregisseur's overview: stuck and escalated cases among their own cases, with the
// signals, whom each case waits for and how long. Filtering and sorting happen here; the
// list is one person's cases.
import { useMemo, useState } from 'react';
import { get } from '../api';
import { ErrorMessage, Loading, PageTitle } from '../components/Feedback';
import { Link } from '../components/Link';
import { durationDays, formatDate } from '../format';
import { useLoad } from '../useLoad';
import { ANY_CASE, useFeed } from '../live/useFeed';
import { CASE_TOPICS } from '../../../shared/feed';
import { STUCK_SIGNALS, type StuckSignal } from '../../../shared/stuck';
import { can } from '../../../shared/permissions';
import { type SessionUser, type StuckCase, type StuckOverview, WAITING_KIND_LABELS, type WaitingItem } from '../../../shared/schemas';
import { SignalList } from './SignalList';

type Filter = 'alle' | 'opgeschaald' | StuckSignal;
type Sort = 'signalen' | 'wachten' | 'naam';

/** Kinds whose subject is text from the case (a title, a rule, a goal, a reason): quoted after the kind. */
const QUOTED: ReadonlySet<WaitingItem['kind']> = new Set(['vraagstuk', 'afwijking', 'doel', 'herbeoordeling', 'vastgelopen']);
const waitingSubject = (w: WaitingItem) => (QUOTED.has(w.kind) ? `${WAITING_KIND_LABELS[w.kind]} „${w.subject}”` : w.subject);
const longestWait = (c: StuckCase) => Math.max(0, ...c.waiting.map((w) => w.days));

export function StuckOverviewPage({ user }: { user: SessionUser }) {
  if (!can(user.functie, 'stuck.overview')) {
    return (
      <section>
        <PageTitle title="Geen toegang">Geen toegang</PageTitle>
        <p>Het overzicht van vastgelopen casussen is er voor procesregisseurs.</p>
        <Link href="/">Naar de werkbak</Link>
      </section>
    );
  }
  return <Overview />;
}

function Overview() {
  const { data, error, reload } = useLoad(() => get<StuckOverview>('/api/stuck'), 'stuck');
  // The signals rest on nearly everything in a case (vraagstukken, deviations, breakthroughs, members, the stuck flag).
  useFeed(ANY_CASE, CASE_TOPICS, reload);
  const [filter, setFilter] = useState<Filter>('alle');
  const [sort, setSort] = useState<Sort>('signalen');

  const shown = useMemo(() => {
    const list = (data?.cases ?? []).filter((c) => filter === 'alle' || (filter === 'opgeschaald' ? c.escalated : c.signals.some((s) => s.key === filter)));
    const by: Record<Sort, (a: StuckCase, b: StuckCase) => number> = {
      signalen: (a, b) => b.signals.length - a.signals.length || longestWait(b) - longestWait(a),
      wachten: (a, b) => longestWait(b) - longestWait(a),
      naam: (a, b) => a.title.localeCompare(b.title, 'nl'),
    };
    return [...list].sort(by[sort]);
  }, [data, filter, sort]);

  return (
    <section>
      <div className="paginakop">
        <PageTitle title="Vastgelopen casussen">Vastgelopen casussen</PageTitle>
        <button type="button" className="knop-klein" onClick={reload}>
          Vernieuwen
        </button>
      </div>
      <p className="uitleg">
        Casussen waarvan u lid bent met minstens één signaal of een lopend doorbraakverzoek, met op wie elke casus wacht en hoe lang.
        {data && ` Drempels: plan ${data.thresholds.plan_stil_weken} weken niet gewijzigd, vraagstuk langer dan ${data.thresholds.vraagstuk_open_dagen} dagen open.`}
      </p>
      <ErrorMessage error={error} />
      <div className="filters">
        <div className="veld inline">
          <label htmlFor="vastgelopen-filter">Signaal</label>
          <select id="vastgelopen-filter" value={filter} onChange={(e) => setFilter(e.target.value as Filter)}>
            <option value="alle">Alle</option>
            <option value="opgeschaald">Opgeschaald (doorbraakverzoek loopt)</option>
            {STUCK_SIGNALS.map((s) => (
              <option key={s.key} value={s.key}>
                {s.label}
              </option>
            ))}
          </select>
        </div>
        <div className="veld inline">
          <label htmlFor="vastgelopen-sortering">Sorteren op</label>
          <select id="vastgelopen-sortering" value={sort} onChange={(e) => setSort(e.target.value as Sort)}>
            <option value="signalen">Meeste signalen</option>
            <option value="wachten">Langst wachtend</option>
            <option value="naam">Naam</option>
          </select>
        </div>
      </div>
      {!data && !error && <Loading what="Overzicht" />}
      {data && (
        <p role="status" className="klein">
          {shown.length === 1 ? '1 casus' : `${shown.length} casussen`} getoond, van {data.casesChecked} casussen waarvan u lid bent.
        </p>
      )}
      {shown.length > 0 && (
        <div className="tabel-scroll" role="region" aria-labelledby="vastgelopen-caption" tabIndex={0}>
          <table className="tabel vastgelopen-tabel">
            <caption id="vastgelopen-caption">Vastgelopen en opgeschaalde casussen</caption>
            <thead>
              <tr>
                <th scope="col">Huishouden</th>
                <th scope="col">Signalen</th>
                <th scope="col">Wacht op</th>
                <th scope="col">Regie</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((c) => (
                <tr key={c.id} className={c.signals.length > 1 || c.escalated ? 'rij-aandacht' : undefined}>
                  <th scope="row">
                    <Link href={`/casussen/${encodeURIComponent(c.id)}`}>{c.title}</Link>
                    {c.escalated && <span className="label-opgeschaald">Opgeschaald</span>}
                    <span className="klein blok">Regisseur: {c.regisseur ? c.regisseur.name : 'geen'}</span>
                  </th>
                  <td>
                    <SignalList signals={c.signals} empty="Geen signalen" />
                  </td>
                  <td>
                    <WaitingList items={c.waiting} />
                  </td>
                  <td>{c.lead ? `${c.lead.by.name} (sinds ${formatDate(c.lead.at)})` : <span className="klein">Niemand</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {data && shown.length === 0 && <p className="leeg">Geen casussen met dit signaal.</p>}
    </section>
  );
}

function WaitingList({ items }: { items: WaitingItem[] }) {
  if (items.length === 0) return <span className="klein">Niets</span>;
  return (
    <ul className="wacht-op">
      {items.map((w, i) => (
        <li key={i}>
          <strong>{waitingSubject(w)}</strong>: {w.waitingFor.length > 0 ? w.waitingFor.map((p) => `${p.name} (${p.role})`).join(', ') : w.note}
          <span className="wacht-duur">
            {w.days < 1 ? (
              <>
                , sinds vandaag (<time dateTime={w.since}>{formatDate(w.since)}</time>)
              </>
            ) : (
              <>
                , sinds <time dateTime={w.since}>{formatDate(w.since)}</time> ({durationDays(w.days)})
              </>
            )}
          </span>
        </li>
      ))}
    </ul>
  );
}
