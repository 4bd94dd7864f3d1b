// The Postvak: what asks for this user's attention across their cases: requests awaiting their
// decision, reviews and terms that are due, and decisions taken on the cases they carry. A
// household member gets her own Postvak (server/inbox/resident.ts), told in her words here too.
import { useState } from 'react';
import { get } from '../api';
import { ErrorMessage, Loading, PageTitle, SuccessMessage } from '../components/Feedback';
import { Link } from '../components/Link';
import { takeFlash } from './flash';
import { formatDateTime, formatDay } from '../format';
import { useLoad } from '../useLoad';
import { type Inbox, INBOX_KIND_LABELS, type InboxItem, type InboxKind, type SessionUser } from '../../../shared/schemas';
import { useFeed } from '../live/useFeed';

interface Group {
  title: string;
  kinds: InboxKind[];
}

const GROUPS: Group[] = [
  { title: 'Wacht op uw besluit', kinds: ['besluit_nodig'] },
  { title: 'Wacht op uw handtekening', kinds: ['ondertekening_nodig'] },
  { title: 'Te doen: mandaathouders, herbeoordelen en resultaten', kinds: ['mandaathouder_nodig', 'resultaat_doorbraak', 'herbeoordeling_afwijking', 'herbeoordeling_vraagstuk'] },
  { title: 'Besluiten in uw casussen (laatste 30 dagen)', kinds: ['besluit_genomen'] },
];

const RESIDENT_GROUPS: Group[] = [
  { title: 'Wij vragen uw mening', kinds: ['mening_gevraagd'] },
  { title: 'Nieuws over uw plan', kinds: ['bericht'] },
];

const dateOf = (i: InboxItem) => (i.date.length === 10 ? formatDay(i.date) : formatDateTime(i.date));

export function InboxPage({ user }: { user: SessionUser }) {
  const [flash] = useState(takeFlash);
  const { data, error, reload } = useLoad(() => get<Inbox>('/api/inbox'), 'postvak');
  useFeed(null, ['inbox'], reload);
  const resident = user.functie === 'inwoner';

  return (
    <section className="postvak">
      <div className="paginakop">
        <PageTitle title="Postvak">Postvak</PageTitle>
      </div>
      {resident ? (
        <p className="uitleg">Berichten voor u over uw plan. Vragen wij uw mening? Dan staat dat bovenaan. Heeft u geantwoord? Dan gaat de vraag weg.</p>
      ) : (
        <p className="uitleg">
          Verzoeken en afwijkingen die op uw besluit wachten, oordelen die u moet ondertekenen, herbeoordelingen die binnen 14 dagen vallen of te laat zijn, en besluiten in uw
          casussen. Een item verdwijnt zodra het besloten of gedaan is.
        </p>
      )}
      {flash && <SuccessMessage>{flash}</SuccessMessage>}
      <ErrorMessage error={error} />
      {!data && !error && <Loading what="Postvak" />}
      {data && data.items.length === 0 && <p className="leeg">Er wacht niets op u.</p>}
      {data &&
        (resident ? RESIDENT_GROUPS : GROUPS).map((g) => {
          const items = data.items.filter((i) => g.kinds.includes(i.kind));
          if (items.length === 0) return null;
          const id = `postvak-${g.kinds[0]}`;
          return (
            <section key={g.title} aria-labelledby={id} className="paneel">
              <h2 id={id}>
                {g.title} <span className="klein">({items.length})</span>
              </h2>
              <ul className="postvak-lijst">
                {items.map((i, n) => (
                  <li key={n} className={i.overdue ? 'postvak-item postvak-te-laat' : 'postvak-item'}>
                    {(g.kinds.length > 1 || i.overdue) && (
                      <p className="postvak-soort">
                        {INBOX_KIND_LABELS[i.kind]}
                        {i.overdue && <span className="vlag"> · te laat</span>}
                      </p>
                    )}
                    <p className="postvak-casus">
                      {/* Her overview is "Uw plan: …" everywhere she meets it (ResidentHomePage). */}
                      <Link href={i.href}>{resident ? `Uw plan: ${i.caseTitle}` : i.caseTitle}</Link>
                    </p>
                    <p>{i.text}</p>
                    <p className="klein">
                      <time dateTime={i.date}>{dateOf(i)}</time>
                    </p>
                  </li>
                ))}
              </ul>
            </section>
          );
        })}
    </section>
  );
}
