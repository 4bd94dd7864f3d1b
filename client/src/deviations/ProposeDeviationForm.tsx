// Proposing a deviation (reverse test, step 5): which rule, by which legal route, what will and
// will not be done, why, for how long and when it is reviewed. The server checks everything and
// answers in Dutch; its messages are shown next to the fields and above the form.
import { type FormEvent, useEffect, useState } from 'react';
import { post } from '../api';
import { ErrorMessage } from '../components/Feedback';
import { DEVIATION_ROUTES, LAWS, lawByKey, type LawKey } from '../../../shared/laws';
import { type Deviation, ProposeDeviationRequest } from '../../../shared/schemas';
import { today } from '../format';
import { defaultEndDate, defaultReviewDate, PLAN_HORIZON } from '../../../shared/terms';
import { schemaProblems } from '../forms/errors';
import { Field } from '../forms/Field';
import { useSubmit } from '../forms/useSubmit';

type RouteKey = (typeof DEVIATION_ROUTES)[number]['key'];

interface FormState {
  law: LawKey | '';
  rule: string;
  route: RouteKey | '';
  routeOther: string;
  willDo: string;
  willNotDo: string;
  reasoning: string;
  startDate: string;
  endDate: string;
  reviewDate: string;
  internal: boolean;
}

const LABELS: Record<keyof FormState, string> = {
  law: 'Wet',
  rule: 'Regel waarvan wordt afgeweken',
  route: 'Route',
  routeOther: 'Toelichting route',
  willDo: 'Wat er wel gebeurt',
  willNotDo: 'Wat er niet gebeurt',
  reasoning: 'Motivering',
  startDate: 'Ingangsdatum',
  endDate: 'Einddatum',
  reviewDate: 'Herbeoordelen op',
  internal: 'Intern',
};
/** Refusals that arrive without field details but clearly belong to one field. */
const CODE_FIELDS = { REVIEWDATUM_VERLEDEN: 'reviewDate', REVIEWDATUM_NA_EINDE: 'reviewDate' };

const empty = (): FormState => ({
  law: '',
  rule: '',
  route: '',
  routeOther: '',
  willDo: '',
  willNotDo: '',
  reasoning: '',
  startDate: today(),
  // The plan's horizon (shared/terms.ts): on screen, and changed by whoever knows better.
  endDate: defaultEndDate(today()),
  reviewDate: defaultReviewDate(today()),
  internal: false,
});

/** What a caller already knows: step 5 of the reverse test fills in the law, the rule, what the solution does and the verdict's motivation. */
export type DeviationPrefill = Partial<Pick<FormState, 'law' | 'rule' | 'willDo' | 'reasoning'>>;

interface Props {
  caseId: string;
  onProposed: (d: Deviation) => void;
  prefill?: DeviationPrefill;
  /** Prefix of the field ids, so the register's form and a vraagstuk's form can share a page. */
  idPrefix?: string;
}

export function ProposeDeviationForm({ caseId, onProposed, prefill, idPrefix = 'afw' }: Props) {
  const fieldId = (k: string) => `${idPrefix}-${k}`;
  const start = (): FormState => ({ ...empty(), ...prefill });
  const [open, setOpen] = useState(false);
  const [form, setForm] = useState<FormState>(start);
  const { error, fields, busy, run, clearField } = useSubmit(LABELS, fieldId, CODE_FIELDS);

  // What the caller knows can change while the form is closed (step 5: an article cited later).
  // Opening an untouched form takes the latest; someone's own typing is never overwritten.
  const [touched, setTouched] = useState(false);
  function toggle(nowOpen: boolean) {
    if (nowOpen && !open && !touched) setForm(start());
    setOpen(nowOpen);
  }
  // And while it is open and untouched: the law catalogue or a citation may arrive after opening.
  const prefillKey = JSON.stringify(prefill ?? {});
  useEffect(() => {
    if (!touched) setForm(start());
    // start() reads only `prefill`, which prefillKey stands for.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [prefillKey]);

  const set =
    <K extends keyof FormState>(k: K) =>
    (value: FormState[K]) => {
      setTouched(true);
      setForm((f) => ({ ...f, [k]: value }));
      clearField(k);
    };
  const text = (k: Exclude<keyof FormState, 'internal' | 'law' | 'route'>) => ({
    value: form[k],
    onChange: (e: { target: { value: string } }) => set(k)(e.target.value),
  });
  /** A field of this form: its id, label and error follow from the key. */
  const field = (k: keyof FormState, hint?: string) => ({ id: fieldId(k), label: LABELS[k], error: fields[k], hint });

  function submit(e: FormEvent) {
    e.preventDefault();
    const body = (): ProposeDeviationRequest => ({
      law: form.law as LawKey,
      rule: form.rule,
      route: form.route as RouteKey,
      ...(form.route === 'anders' ? { routeOther: form.routeOther } : {}),
      willDo: form.willDo,
      willNotDo: form.willNotDo,
      reasoning: form.reasoning,
      startDate: form.startDate,
      endDate: form.endDate,
      reviewDate: form.reviewDate,
      internal: form.internal,
    });
    // Every problem at once, checked with the schema the server validates with; the server decides.
    void run(
      schemaProblems(ProposeDeviationRequest, body()),
      () => post<Deviation>(`/api/cases/${encodeURIComponent(caseId)}/deviations`, body()),
      (created) => {
        setForm(start());
        setTouched(false);
        setOpen(false);
        onProposed(created);
      },
    );
  }

  const law = form.law ? lawByKey(form.law) : null;

  return (
    <details className="voorstellen" open={open} onToggle={(e) => toggle(e.currentTarget.open)}>
      <summary>Afwijking voorstellen</summary>
      <form onSubmit={submit} noValidate aria-label="Afwijking voorstellen">
        <p className="hint">
          Alle velden zijn verplicht. Een mandaathouder in de casus keurt de afwijking goed of af; u kunt uw eigen voorstel niet zelf goedkeuren.
        </p>
        <ErrorMessage error={error} />
        <div className="rij-velden">
          <Field {...field('law', 'De wet waar de regel onder valt.')}>
            {(control) => (
              <select {...control} value={form.law} onChange={(e) => set('law')(e.target.value as LawKey | '')}>
                <option value="">— kies een wet —</option>
                {LAWS.map((l) => (
                  <option key={l.key} value={l.key}>
                    {l.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field {...field('rule', 'Artikel, verordening of beleidsregel.')}>
            {(control) => (
              <>
                <input {...control} {...text('rule')} list={law && law.articles.length > 0 ? fieldId('artikelen') : undefined} maxLength={500} />
                {law && (
                  <datalist id={fieldId('artikelen')}>
                    {law.articles.map((a) => (
                      <option key={a.ref} value={`Art. ${a.ref} ${law.name} (${a.title.toLowerCase()})`} />
                    ))}
                  </datalist>
                )}
              </>
            )}
          </Field>
          <Field {...field('route', 'De juridische grond voor de afwijking.')}>
            {(control) => (
              <select {...control} value={form.route} onChange={(e) => set('route')(e.target.value as RouteKey | '')}>
                <option value="">— kies een route —</option>
                {DEVIATION_ROUTES.map((r) => (
                  <option key={r.key} value={r.key}>
                    {r.label}
                  </option>
                ))}
              </select>
            )}
          </Field>
          {form.route === 'anders' && (
            <Field {...field('routeOther', 'Welke grond maakt de afwijking mogelijk, bijvoorbeeld een doorbraak met bestuurlijk mandaat?')}>
              {(control) => <input {...control} {...text('routeOther')} maxLength={500} />}
            </Field>
          )}
        </div>
        <div className="rij-velden">
          <Field {...field('willDo', prefill?.willDo && form.willDo === prefill.willDo ? 'Overgenomen uit de oplossing van het vraagstuk; pas aan waar nodig.' : undefined)}>{(control) => <textarea {...control} {...text('willDo')} rows={3} maxLength={4000} />}</Field>
          <Field {...field('willNotDo')}>{(control) => <textarea {...control} {...text('willNotDo')} rows={3} maxLength={4000} />}</Field>
        </div>
        <Field
          {...field(
            'reasoning',
            `${prefill?.reasoning && form.reasoning === prefill.reasoning ? 'Overgenomen uit het ondertekende oordeel over deze wet; vul aan waar nodig. ' : ''}Minstens 20 tekens. De motivering moet standhouden in bezwaar en beroep en voor de accountant (deugdelijke motivering, Awb 3:46; evenredigheid, Awb 3:4 lid 2).`,
          )}
        >
          {(control) => <textarea {...control} {...text('reasoning')} rows={4} maxLength={8000} />}
        </Field>
        <div className="rij-velden datums">
          <Field {...field('startDate', 'Vanaf wanneer de afwijking geldt.')}>{(control) => <input {...control} {...text('startDate')} type="date" />}</Field>
          <Field {...field('endDate', `Daarna vervalt de afwijking. Voorgesteld: het planjaar (${PLAN_HORIZON.endMonths} maanden).`)}>{(control) => <input {...control} {...text('endDate')} type="date" />}</Field>
          <Field {...field('reviewDate', `Uiterlijk op de einddatum. Voorgesteld: over ${PLAN_HORIZON.reviewMonths} maanden.`)}>{(control) => <input {...control} {...text('reviewDate')} type="date" />}</Field>
        </div>
        <div className="intern-keuze">
          <div className="veld vinkje">
            <input id={fieldId('internal')} type="checkbox" checked={form.internal} onChange={(e) => set('internal')(e.target.checked)} aria-describedby={fieldId('internal-hint')} />
            <label htmlFor={fieldId('internal')}>Intern (nooit zichtbaar voor externe partners en het huishouden)</label>
          </div>
          <p className="hint" id={fieldId('internal-hint')}>
            Kies „Intern” bij informatie die relevant is voor fraude, zoals een vermoeden van een gezamenlijke huishouding: die mag externe partners niet bereiken. Zonder
            vinkje zien alle leden van de casus de afwijking, ook externe partners en het huishouden.
            {law?.key === 'participatiewet' && !form.internal && <strong> Let op: bij de Participatiewet gaat het vaak om zulke informatie.</strong>}
          </p>
        </div>
        <button type="submit" className="knop" disabled={busy}>
          Voorstel indienen
        </button>
      </form>
    </details>
  );
}
