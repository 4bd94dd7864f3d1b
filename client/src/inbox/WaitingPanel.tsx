// What waits on this user, on the page they land on: the Postvak's open items (not the news),
// each a direct link to the place where it is done (the vraagstuk at step 3 for a signature,
// the deviation itself for a decision). It moves with the change feed, like the Postvak.
import { get } from '../api';
import { Link } from '../components/Link';
import { useFeed } from '../live/useFeed';
import { useLoad } from '../useLoad';
import { type Inbox, INBOX_KIND_LABELS, INBOX_NEWS_KINDS } from '../../../shared/schemas';

/** More than this and the werkbak would become the Postvak: the rest is one link away. */
const SHOWN = 5;

export function WaitingPanel() {
  const { data, reload } = useLoad(() => get<Inbox>('/api/inbox'), 'wacht-op-u');
  useFeed(null, ['inbox'], reload);
  const waiting = (data?.items ?? []).filter((i) => !INBOX_NEWS_KINDS.includes(i.kind));
  if (waiting.length === 0) return null;
  return (
    <section className="paneel wacht-op-u" aria-labelledby="wacht-op-u-kop">
      <h2 id="wacht-op-u-kop">
        Wacht op u <span className="klein">({waiting.length})</span>
      </h2>
      <ul className="postvak-lijst">
        {waiting.slice(0, SHOWN).map((i, n) => (
          <li key={n} className={i.overdue ? 'postvak-item postvak-te-laat' : 'postvak-item'}>
            <p className="postvak-casus">
              <Link href={i.href}>
                {INBOX_KIND_LABELS[i.kind]}: {i.caseTitle}
              </Link>
              {i.overdue && <span className="vlag"> · te laat</span>}
            </p>
            <p>{i.text}</p>
          </li>
        ))}
      </ul>
      {waiting.length > SHOWN && (
        <p>
          <Link href="/postvak">Alle {waiting.length} in uw Postvak</Link>
        </p>
      )}
    </section>
  );
}
