import type { ResidentContact } from '../../../shared/schemas';
import { telHref } from '../format';

/** A contact card without a photo: who, what they do, and how to reach them. */
export function ContactCard({ person }: { person: ResidentContact }) {
  return (
    <div className={person.isRegisseur ? 'inwoner-kaart inwoner-kaart-regisseur' : 'inwoner-kaart'}>
      <h3 className="inwoner-naam">{person.name}</h3>
      <p className="inwoner-rol">
        {person.isRegisseur ? `Uw regisseur · ${person.role}` : person.role}
        <br />
        {person.organisation}
      </p>
      <p>
        E-mail: <a href={`mailto:${person.email}`}>{person.email}</a>
        {person.phone && (
          <>
            <br />
            Telefoon: <a href={telHref(person.phone)}>{person.phone}</a>
          </>
        )}
      </p>
      {person.tasks.length > 0 && (
        <>
          <p className="inwoner-doet">Zorgt voor:</p>
          <ul>
            {person.tasks.map((t, i) => (
              <li key={i}>{t}</li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

export function WhoDoesWhat({ people }: { people: ResidentContact[] }) {
  return (
    <section className="inwoner-blok" aria-labelledby="inwoner-wie-kop">
      <h2 id="inwoner-wie-kop">Wie doet wat</h2>
      {people.length === 0 ? (
        <p>Er zijn nog geen professionals aan uw plan verbonden.</p>
      ) : (
        <>
          <p>Deze mensen werken met u aan uw plan. Uw regisseur staat bovenaan.</p>
          <ul className="inwoner-mensen">
            {people.map((p) => (
              <li key={p.userId}>
                <ContactCard person={p} />
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
