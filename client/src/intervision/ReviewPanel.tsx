// The review before release: the copy (or a story for the library) with every replacement and
// every flag marked. Each mark is a button; choosing one opens what can be done with it. A flag
// stays open until it is kept, replaced by a placeholder or edited; the release button works
// only when none is open (the server refuses it otherwise, with a Dutch message).
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { ErrorMessage } from '../components/Feedback';
import { useAction } from '../forms/useAction';
import { REVIEW_PLACEHOLDERS, type Review, type ReviewMark, type ReviewPlaceholder } from '../../../shared/schemas';

export interface Resolution {
  markId: string;
  resolution: 'behouden' | 'vervangen' | 'bewerkt';
  placeholder?: ReviewPlaceholder;
  text?: string;
}

const CATEGORY_LABELS: Record<string, string> = {
  naam: 'naam',
  adres: 'adres',
  postcode: 'postcode',
  plaats: 'plaats',
  telefoon: 'telefoonnummer',
  'e-mail': 'e-mailadres',
  link: 'link',
  handle: 'account op sociale media',
  iban: 'rekeningnummer',
  kenteken: 'kenteken',
  nummer: 'nummer',
  code: 'code met cijfers',
  datum: 'datum',
  geboortedatum: 'geboortedatum',
  jaar: 'jaartal',
  school: 'school',
  organisatie: 'organisatie',
  intern: 'interne informatie',
  hoofdletter: 'woord met hoofdletter midden in een zin',
  'onbekend-woord': 'geen Nederlands woord',
  cijfers: 'cijfers',
};
const LAYER_LABELS: Record<string, string> = { a: 'bekend uit de casus', b: 'herkend patroon', c: 'verdacht' };
const RESOLUTION_LABELS: Record<ReviewMark['resolution'], string> = { open: 'nog te beoordelen', behouden: 'behouden', vervangen: 'vervangen', bewerkt: 'bewerkt' };

export function markDescription(m: ReviewMark): string {
  const what = CATEGORY_LABELS[m.category] ?? m.category;
  return m.kind === 'vervanging' ? `Vervangen (${what}, ${LAYER_LABELS[m.layer]}): ${m.value}` : `Gemarkeerd: „${m.found}” (${what}), ${RESOLUTION_LABELS[m.resolution]}${m.resolution !== 'open' ? `: ${m.value}` : ''}`;
}

export function ReviewPanel({
  review,
  heading,
  intro,
  releaseLabel,
  onResolve,
  onRelease,
}: {
  review: Review;
  heading: string;
  intro: string;
  releaseLabel: string;
  onResolve: (resolutions: Resolution[]) => Promise<unknown>;
  onRelease: () => Promise<unknown>;
}) {
  const uid = useId();
  const [selected, setSelected] = useState<string | null>(null);
  const { busy, error, run: runAction } = useAction();
  const marks = new Map(review.marks.map((m) => [m.id, m]));
  const open = review.marks.filter((m) => m.resolution === 'open');
  const buttons = useRef(new Map<string, HTMLButtonElement>());
  const current = selected ? marks.get(selected) : undefined;

  const run = async (send: () => Promise<unknown>, after?: () => void) => {
    if (await runAction(send)) after?.();
  };

  const nextOpen = (after?: string) => {
    const list = review.marks.filter((m) => m.resolution === 'open' && m.id !== after);
    return list[0]?.id ?? null;
  };

  return (
    <section aria-labelledby={`${uid}-kop`} className="paneel iv-beoordeling">
      <h2 id={`${uid}-kop`}>{heading}</h2>
      <p className="uitleg">
        {intro} Vervangingen zijn blauw onderstreept, verdachte woorden en cijfers oranje. Kies een markering (met de muis of met Tab en Enter) om haar te behouden, te
        vervangen door een plaatsvervanger of te bewerken.
      </p>
      <p role="status" className="iv-teller">
        {open.length === 0 ? 'Alle markeringen zijn beoordeeld.' : open.length === 1 ? 'Nog 1 markering te beoordelen.' : `Nog ${open.length} markeringen te beoordelen.`}{' '}
        <span className="klein">({review.marks.length - open.length} van {review.marks.length} afgehandeld)</span>
      </p>
      {open.length > 0 && (
        <button type="button" className="knop knop-tweede" onClick={() => setSelected(nextOpen())}>
          Naar de eerstvolgende open markering
        </button>
      )}
      {current && (
        <ResolveForm
          key={current.id}
          prefix={uid}
          mark={current}
          busy={busy}
          onCancel={() => {
            setSelected(null);
            buttons.current.get(current.id)?.focus();
          }}
          onResolve={(r) =>
            run(() => onResolve([r]), () => {
              const next = nextOpen(current.id);
              setSelected(next);
            })
          }
        />
      )}
      <ErrorMessage error={error} />
      <div className="iv-velden-beoordeling">
        {review.fields.map((f) => (
          <div key={f.path} className="iv-beoordeelveld">
            <h3>{f.label}</h3>
            <p className="iv-tekst">
              {f.pieces.length === 0 && <span className="leeg">(leeg)</span>}
              {f.pieces.map((p, i) => {
                if ('text' in p) return <span key={i}>{p.text}</span>;
                const m = marks.get(p.mark);
                if (!m) return null;
                return (
                  <button
                    key={i}
                    type="button"
                    ref={(el) => {
                      if (el) buttons.current.set(m.id, el);
                    }}
                    className={`iv-markering iv-${m.kind} iv-${m.resolution}`}
                    aria-pressed={selected === m.id}
                    data-mark={m.id}
                    onClick={() => setSelected(m.id)}
                  >
                    {m.value}
                    <span className="sr-only"> ({markDescription(m)})</span>
                  </button>
                );
              })}
            </p>
          </div>
        ))}
      </div>
      <div className="iv-vrijgeven">
        <button type="button" className="knop" disabled={busy} aria-describedby={`${uid}-vrijgeven`} onClick={() => run(onRelease)}>
          {releaseLabel}
        </button>
        <p id={`${uid}-vrijgeven`} className="klein">
          {open.length > 0 ? 'Vrijgeven kan pas als elke markering is beoordeeld.' : 'Na het vrijgeven zien de anderen de tekst zoals hierboven.'}
        </p>
      </div>
    </section>
  );
}

function ResolveForm({ prefix, mark, busy, onResolve, onCancel }: { prefix: string; mark: ReviewMark; busy: boolean; onResolve: (r: Resolution) => void; onCancel: () => void }) {
  const suspect = mark.kind === 'verdacht';
  const [choice, setChoice] = useState<Resolution['resolution']>(suspect ? (mark.resolution === 'open' ? 'vervangen' : (mark.resolution as Resolution['resolution'])) : 'bewerkt');
  const [placeholder, setPlaceholder] = useState<ReviewPlaceholder>(mark.category === 'cijfers' ? '[nummer]' : '[naam]');
  const [text, setText] = useState(mark.resolution === 'bewerkt' ? mark.value : '');
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const id = `${prefix}-${mark.id}`;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    onResolve(choice === 'vervangen' ? { markId: mark.id, resolution: 'vervangen', ...(suspect ? { placeholder } : {}) } : choice === 'bewerkt' ? { markId: mark.id, resolution: 'bewerkt', text } : { markId: mark.id, resolution: 'behouden' });
  };

  return (
    <form className="iv-beoordeel" onSubmit={submit} aria-labelledby={`${id}-kop`}>
      <h3 id={`${id}-kop`} tabIndex={-1} ref={heading}>
        {markDescription(mark)}
      </h3>
      <fieldset>
        <legend>Wat doet u met deze markering?</legend>
        {suspect && (
          <div className="veld vinkje">
            <input type="radio" id={`${id}-behouden`} name={`${id}-keuze`} checked={choice === 'behouden'} onChange={() => setChoice('behouden')} />
            <label htmlFor={`${id}-behouden`}>Behouden: „{mark.found}” zegt niets over wie het is</label>
          </div>
        )}
        <div className="veld vinkje">
          <input type="radio" id={`${id}-vervangen`} name={`${id}-keuze`} checked={choice === 'vervangen'} onChange={() => setChoice('vervangen')} />
          <label htmlFor={`${id}-vervangen`}>{suspect ? 'Vervangen door een plaatsvervanger' : `Vervanging laten staan (${mark.found})`}</label>
        </div>
        {suspect && choice === 'vervangen' && (
          <div className="veld">
            <label htmlFor={`${id}-plaatsvervanger`}>Plaatsvervanger</label>
            <select id={`${id}-plaatsvervanger`} value={placeholder} onChange={(e) => setPlaceholder(e.target.value as ReviewPlaceholder)}>
              {REVIEW_PLACEHOLDERS.map((p) => (
                <option key={p} value={p}>
                  {p}
                </option>
              ))}
            </select>
          </div>
        )}
        <div className="veld vinkje">
          <input type="radio" id={`${id}-bewerken`} name={`${id}-keuze`} checked={choice === 'bewerkt'} onChange={() => setChoice('bewerkt')} />
          <label htmlFor={`${id}-bewerken`}>Bewerken: eigen tekst op deze plek</label>
        </div>
        {choice === 'bewerkt' && (
          <div className="veld">
            <label htmlFor={`${id}-tekst`}>Nieuwe tekst</label>
            <input id={`${id}-tekst`} value={text} maxLength={500} onChange={(e) => setText(e.target.value)} required />
          </div>
        )}
      </fieldset>
      <button type="submit" className="knop" disabled={busy}>
        Toepassen
      </button>{' '}
      <button type="button" className="knop knop-tweede" onClick={onCancel}>
        Annuleren
      </button>
    </form>
  );
}
