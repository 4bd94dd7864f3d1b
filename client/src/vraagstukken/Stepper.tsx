// One vraagstuk's six steps. The current step is shared in the Y.Doc, so the whole table looks
// at the same step; someone who only reads can look ahead without moving the table.
import { useEffect, useState } from 'react';
import { ZRM_DOMAINS } from '../../../shared/zrm';
import { TOETS_STEPS, type ToetsStep } from '../../../shared/vraagstukken';
import { readVraagstukDraft, setStep, toggleEntry } from '../../../shared/plan/vraagstukken';
import { Loading } from '../components/Feedback';
import { useDocValue } from '../collab/useDocValue';
import { CatalogueAside } from './CatalogueAside';
import { DecisionStep } from './DecisionStep';
import { LegalCheckStep } from './LegalCheckStep';
import { type StepProps, StepText } from './StepText';
import { VerdictsStep } from './VerdictsStep';

/**
 * `initialStep`: the step a link asked for (a signer from the Postvak lands at step 3). It is
 * shown to this user only, like a reader looking ahead: the table stays where it is.
 */
export function Stepper({ initialStep, ...props }: Omit<StepProps, 'editable'> & { initialStep?: ToetsStep | null }) {
  const { vraagstuk: v, detail, room } = props;
  const draft = useDocValue(room.doc, (d) => readVraagstukDraft(d, v.id));
  const [peek, setPeek] = useState<ToetsStep | null>(initialStep ?? null);
  const canEdit = detail.me.can['plan.edit'];
  const editable = canEdit && v.status === 'open';
  const lawsKey = draft?.laws.join(',') ?? '';
  const { reload } = props;

  // The server's per-law view (who is responsible, signatures) follows the laws in scope.
  useEffect(() => {
    if (!draft) return;
    const added = draft.laws.some((l) => !v.laws.find((x) => x.law === l));
    const dropped = v.laws.some((x) => !x.signature && !draft.laws.includes(x.law));
    if (added || dropped) reload();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [lawsKey]);

  if (!draft) return <Loading what="Concept van het vraagstuk" />;
  const looking = peek !== null && peek !== draft.step ? peek : null;
  const shown = looking ?? draft.step;
  const step = TOETS_STEPS.find((s) => s.n === shown)!;
  const go = (n: ToetsStep) => {
    if (canEdit) {
      setStep(room.doc, v.id, n);
      setPeek(null);
    } else setPeek(n === draft.step ? null : n);
  };
  const stepProps: StepProps = { ...props, editable };
  const idp = `vs-${v.id}`;

  return (
    <div className="stepper">
      <nav aria-label={`Stappen van de omgekeerde toets: ${v.title}`}>
        <ol className="stappen">
          {TOETS_STEPS.map((s) => (
            <li key={s.n} className={s.n === draft.step ? 'stap-tafel' : undefined}>
              <button type="button" className="stap-knop" aria-current={s.n === shown ? 'step' : undefined} onClick={() => go(s.n)}>
                <span className="stap-nummer">{s.n}</span> {s.label}
                {s.n === draft.step && <span className="sr-only"> (hier is de tafel)</span>}
              </button>
            </li>
          ))}
        </ol>
      </nav>
      {looking !== null && (
        <p className="melding melding-info">
          U kijkt naar stap {looking}; de tafel is bij stap {draft.step}.{' '}
          <button type="button" className="knop-link" onClick={() => setPeek(null)}>
            Terug naar stap {draft.step}
          </button>
        </p>
      )}
      {v.status === 'besloten' && <p className="melding melding-info">Over dit vraagstuk is besloten; het concept is nu alleen te lezen.</p>}
      <div className="stap-en-catalogus">
        <div className="stap-inhoud" aria-labelledby={`${idp}-stap-kop`}>
          <h5 id={`${idp}-stap-kop`} className="stap-kop">
            Stap {step.n}: {step.label}
          </h5>
          <p className="hint">{step.hint}</p>
          {step.key === 'behoefte' && (
            <>
              <StepText {...stepProps} text="behoefte" label="Wat het huishouden nodig heeft en wil bereiken" />
              <LifeDomains {...stepProps} selected={draft.lifeDomains} />
            </>
          )}
          {step.key === 'oplossing' && <StepText {...stepProps} text="oplossing" label="Wat zou helpen" />}
          {step.key === 'bedoeling' && <VerdictsStep {...stepProps} draft={draft} />}
          {step.key === 'effecten' && <StepText {...stepProps} text="effecten" label="Effecten op gezinsleden, andere wetten, kort en lang; doormodderen tegenover doorbreken" />}
          {step.key === 'toetsing' && <LegalCheckStep {...stepProps} draft={draft} />}
          {step.key === 'besluit' && <DecisionStep {...stepProps} draft={draft} />}
        </div>
        <CatalogueAside catalogue={props.catalogue} laws={[...new Set([...draft.laws, ...v.laws.filter((x) => x.signature).map((x) => x.law)])]} step={step.key} />
      </div>
      <div className="stap-navigatie">
        {step.n > 1 && (
          <button type="button" className="knop-tweede" onClick={() => go((step.n - 1) as ToetsStep)}>
            Vorige stap
          </button>
        )}
        {step.n < 6 && (
          <button type="button" className="knop-tweede" onClick={() => go((step.n + 1) as ToetsStep)}>
            Volgende stap
          </button>
        )}
      </div>
    </div>
  );
}

function LifeDomains({ vraagstuk, room, editable, selected }: StepProps & { selected: string[] }) {
  return (
    <fieldset className="leefgebieden">
      <legend>Leefgebieden die het raakt (ZRM)</legend>
      <ul className="vinkjes">
        {ZRM_DOMAINS.map((d) => (
          <li key={d.key}>
            <label>
              <input type="checkbox" checked={selected.includes(d.key)} disabled={!editable} onChange={(e) => toggleEntry(room.doc, vraagstuk.id, 'leefgebieden', d.key, e.target.checked)} /> {d.label}
            </label>
          </li>
        ))}
      </ul>
    </fieldset>
  );
}
