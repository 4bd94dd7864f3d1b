// The decisions of a conference: those noted at the table, and those taken in the case while it
// ran (reverse-test conclusions, deviation and breakthrough decisions), as the server shows
// them to this reader (internal ones only for municipal staff).
import { MANDATE_LABELS } from '../../../shared/laws';
import type { Conference } from '../../../shared/schemas';

const time = new Intl.DateTimeFormat('nl-NL', { timeStyle: 'short' });
const KIND_LABELS = { vraagstuk: 'Vraagstuk', afwijking: 'Afwijking', doorbraak: 'Doorbraak' } as const;

export function DecisionLists({ conference: c, heading: H, idPrefix }: { conference: Conference; heading: 'h3' | 'h4' | 'h5'; idPrefix: string }) {
  const { noted, derived } = c.decisions;
  return (
    <div className="overleg-besluiten">
      <H id={`${idPrefix}-genoteerd`}>Besluiten aan tafel</H>
      {noted.length === 0 ? (
        <p className="leeg">Nog geen besluiten genoteerd.</p>
      ) : (
        <ol aria-labelledby={`${idPrefix}-genoteerd`} className="overleg-besluitlijst">
          {noted.map((d) => (
            <li key={d.id}>
              <p>{d.text}</p>
              <p className="klein">
                Genoteerd door {d.by.name} om {time.format(new Date(d.at))}
              </p>
            </li>
          ))}
        </ol>
      )}
      <H id={`${idPrefix}-afgeleid`}>Besloten in de casus tijdens het overleg</H>
      {derived.length === 0 ? (
        <p className="leeg">Geen conclusies of besluiten over afwijkingen in deze periode.</p>
      ) : (
        <ol aria-labelledby={`${idPrefix}-afgeleid`} className="overleg-besluitlijst">
          {derived.map((d) => (
            <li key={d.key}>
              <p>
                <span className="overleg-soort">{KIND_LABELS[d.kind]}</span> {d.subject}: <strong>{d.outcome}</strong>
              </p>
              <p className="klein">
                {d.by.name}
                {d.mandate && `, mandaat ${MANDATE_LABELS[d.mandate].toLowerCase()}`}, om {time.format(new Date(d.at))}
              </p>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
