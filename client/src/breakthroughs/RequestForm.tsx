// Filing a breakthrough request, or amending one that came back "terug voor aanvulling": what is
// stuck and since when, the proposed breakthrough, which laws and rules block it (with the
// vraagstukken and deviations it concerns), the cost comparison, the budget asked for, and the
// mandate holder, chosen from the holders of the level the server computes.
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { ApiError, get, post } from '../api';
import { ErrorMessage } from '../components/Feedback';
import { useLoad } from '../useLoad';
import { BREAKTHROUGH_KINDS, type BreakthroughKind } from '../../../shared/breakthroughs';
import { LAWS, type LawKey, MANDATE_LABELS, type MandateLevel } from '../../../shared/laws';
import { type Breakthrough, type BreakthroughRouting, costTotals, type Deviation, SubmitBreakthroughRequest, type Vraagstuk } from '../../../shared/schemas';
import { today } from '../format';
import { type FieldErrors, schemaProblems } from '../forms/errors';
import { CostComparison } from './CostComparison';
import { ChoiceGroup, Field } from '../forms/Field';
import { useSubmit } from '../forms/useSubmit';
import { centsToInput, formatEuro, parseEuro } from './money';

interface CarryLine {
  label: string;
  amount: string;
}
interface BreakLine extends CarryLine {
  per: 'eenmalig' | 'jaar';
}

interface FormState {
  stuck: string;
  stuckSince: string;
  proposal: string;
  kind: BreakthroughKind | '';
  laws: LawKey[];
  rules: string;
  vraagstukIds: string[];
  deviationIds: string[];
  carryOn: CarryLine[];
  breakthrough: BreakLine[];
  amount: string;
  assigneeId: string;
}

const LABELS = {
  stuck: 'Wat zit er vast',
  stuckSince: 'Vast sinds',
  proposal: 'Voorgestelde doorbraak',
  kind: 'Soort doorbraak',
  laws: 'Welke wetten blokkeren',
  rules: 'Welke regels blokkeren',
  vraagstukIds: 'Vraagstukken',
  deviationIds: 'Afwijkingen',
  costs: 'Kostenvergelijking',
  amountCents: 'Gevraagd budget (€)',
  assigneeId: 'Mandaathouder',
};
type FieldKey = keyof typeof LABELS;
/** Refusals without field details that clearly belong to one field. */
const CODE_FIELDS: Record<string, FieldKey> = {
  DATUM_IN_TOEKOMST: 'stuckSince',
  ONBEKEND_VRAAGSTUK: 'vraagstukIds',
  ONBEKENDE_AFWIJKING: 'deviationIds',
  BEDRAG_BOVEN_ALLE_GRENZEN: 'amountCents',
  GEEN_MANDAATHOUDER: 'assigneeId',
  MANDAAT_TE_LAAG: 'assigneeId',
  VIER_OGEN: 'assigneeId',
};

function emptyForm(): FormState {
  return {
    stuck: '',
    stuckSince: '',
    proposal: '',
    kind: '',
    laws: [],
    rules: '',
    vraagstukIds: [],
    deviationIds: [],
    carryOn: [{ label: '', amount: '' }],
    breakthrough: [{ label: '', amount: '', per: 'jaar' }],
    amount: '',
    assigneeId: '',
  };
}

function fromRequest(r: Breakthrough): FormState {
  const v = r.current;
  return {
    stuck: v.stuck,
    stuckSince: v.stuckSince,
    proposal: v.proposal,
    kind: v.kind,
    laws: v.laws,
    rules: v.rules,
    vraagstukIds: v.vraagstukken.map((x) => x.id),
    deviationIds: v.deviations.map((x) => x.id),
    carryOn: v.costs.carryOn.map((l) => ({ label: l.label, amount: centsToInput(l.cents) })),
    breakthrough: v.costs.breakthrough.map((l) => ({ label: l.label, amount: centsToInput(l.cents), per: l.per })),
    amount: centsToInput(v.amountCents),
    // The holder it went to last; the form drops them if the new level needs someone else.
    assigneeId: r.events.findLast((e) => e.assignee)?.assignee?.id ?? '',
  };
}

/** The cost lines as far as they can be read now, for the live preview. */
function previewLines(f: FormState) {
  return {
    carryOn: f.carryOn.map((l) => ({ label: l.label || '(zonder omschrijving)', cents: parseEuro(l.amount) ?? 0 })),
    breakthrough: f.breakthrough.map((l) => ({ label: l.label || '(zonder omschrijving)', cents: parseEuro(l.amount) ?? 0, per: l.per })),
  };
}

interface Props {
  caseId: string;
  /** Set when amending a request that came back: prefilled, routed at least to its level. */
  amend?: Breakthrough;
  onDone: (b: Breakthrough) => void;
  onCancel?: () => void;
}

export function RequestForm({ caseId, amend, onDone, onCancel }: Props) {
  const uid = useId();
  const fid = (k: string) => `dbv${uid}${k}`;
  const [form, setForm] = useState<FormState>(() => (amend ? fromRequest(amend) : emptyForm()));
  const { error, fields, busy, run, clearField } = useSubmit(LABELS, fid, CODE_FIELDS);
  const caseBase = `/api/cases/${encodeURIComponent(caseId)}`;
  const { data: vraagstukken } = useLoad(() => get<Vraagstuk[]>(`${caseBase}/vraagstukken`), `${caseId}:vs`);
  const { data: deviations } = useLoad(() => get<Deviation[]>(`${caseBase}/deviations`), `${caseId}:afw`);
  const preview = previewLines(form);
  const firstYearCents = costTotals(preview).breakthroughFirstYear;
  const routing = useRouting(caseBase, { kind: form.kind, amountCents: parseEuro(form.amount), firstYearCents, deviationIds: form.deviationIds, atLeast: amend?.level });

  // A changed field drops its problem (the form's 'amount' is the request's amountCents).
  const set = <K extends keyof FormState>(k: K, value: FormState[K]) => {
    setForm((f) => ({ ...f, [k]: value }));
    clearField(k === 'amount' ? 'amountCents' : k);
  };
  const toggle = (k: 'laws' | 'vraagstukIds' | 'deviationIds', value: string, on: boolean) => {
    setForm((f) => ({ ...f, [k]: on ? [...(f[k] as string[]), value] : (f[k] as string[]).filter((x) => x !== value) }));
    clearField(k);
  };
  const setLine = <K extends 'carryOn' | 'breakthrough'>(k: K, i: number, patch: Partial<FormState[K][number]>) => {
    setForm((f) => ({ ...f, [k]: f[k].map((l, j) => (j === i ? { ...l, ...patch } : l)) }));
    clearField('costs');
  };

  // A chosen holder who no longer fits the level (the amount or kind changed) is dropped.
  const holders = routing.data?.holders;
  useEffect(() => {
    if (holders && form.assigneeId && !holders.some((h) => h.id === form.assigneeId)) set('assigneeId', '');
  }, [holders, form.assigneeId]);

  function submit(e: FormEvent) {
    e.preventDefault();
    const missing: FieldErrors = {};
    if (!form.kind) missing.kind = 'Kies de soort doorbraak.';
    if (form.laws.length === 0) missing.laws = 'Kies minstens één wet die de oplossing blokkeert.';
    const amountCents = parseEuro(form.amount);
    if (amountCents === null) missing.amountCents = 'Vul het gevraagde budget in euro in, bijvoorbeeld 12.500 (of 0).';
    const lines = [...form.carryOn, ...form.breakthrough];
    if (lines.some((l) => parseEuro(l.amount) === null)) missing.costs = 'Vul bij elke kostenregel een bedrag in euro in, bijvoorbeeld 7.200.';
    if (!form.assigneeId) missing.assigneeId = 'Kies de mandaathouder aan wie het verzoek wordt voorgelegd.';
    const body = (): SubmitBreakthroughRequest => ({
      stuck: form.stuck,
      stuckSince: form.stuckSince,
      proposal: form.proposal,
      kind: form.kind as BreakthroughKind,
      laws: form.laws,
      rules: form.rules,
      vraagstukIds: form.vraagstukIds,
      deviationIds: form.deviationIds,
      costs: {
        carryOn: form.carryOn.map((l) => ({ label: l.label, cents: parseEuro(l.amount)! })),
        breakthrough: form.breakthrough.map((l) => ({ label: l.label, cents: parseEuro(l.amount)!, per: l.per })),
      },
      amountCents: amountCents!,
      assigneeId: form.assigneeId,
    });
    // Every problem at once: the request schema (as the server checks it) and the form's own wording for choices and amounts.
    void run(
      { ...schemaProblems(SubmitBreakthroughRequest, body()), ...missing },
      () => (amend ? post<Breakthrough>(`${caseBase}/breakthroughs/${encodeURIComponent(amend.id)}/versions`, body()) : post<Breakthrough>(`${caseBase}/breakthroughs`, body())),
      (saved) => {
        if (!amend) setForm(emptyForm());
        onDone(saved);
      },
    );
  }

  const need = routing.data?.level;

  return (
    <form onSubmit={submit} noValidate className="dbv-formulier" aria-label={amend ? 'Aangevuld doorbraakverzoek indienen' : 'Doorbraakverzoek indienen'}>
      <p className="hint">
        Alle velden zijn verplicht, behalve de koppelingen met vraagstukken en afwijkingen. De mandaathouder leest de casus mee zolang het verzoek op diens besluit wacht.
        Noem gezinsleden bij hun rol (moeder, oudste zoon), niet bij naam. Gaat het verzoek naar het landelijk maatwerkloket, dan worden bekende namen, BSN, adressen, telefoonnummers en e-mailadressen uit het dossier gehaald en de data verschoven; een naam die het systeem niet kent, kan blijven staan.
      </p>
      <ErrorMessage error={error} />
      <div className="rij-velden">
        <Field id={fid('stuck')} label={LABELS.stuck} hint="In gewone woorden: wat lukt niet, en waardoor?" error={fields.stuck}>
          {(control) => <textarea {...control} rows={3} maxLength={4000} value={form.stuck} onChange={(e) => set('stuck', e.target.value)} />}
        </Field>
        <Field id={fid('proposal')} label={LABELS.proposal} hint="Wat zou de knoop doorhakken?" error={fields.proposal}>
          {(control) => <textarea {...control} rows={3} maxLength={4000} value={form.proposal} onChange={(e) => set('proposal', e.target.value)} />}
        </Field>
      </div>
      <div className="rij-velden">
        <Field id={fid('stuckSince')} label={LABELS.stuckSince} hint="Sinds wanneer zit het vast?" error={fields.stuckSince}>
          {(control) => <input {...control} type="date" max={today()} value={form.stuckSince} onChange={(e) => set('stuckSince', e.target.value)} />}
        </Field>
        <Field id={fid('kind')} label={LABELS.kind} hint="Bepaalt mee welk mandaat nodig is." error={fields.kind}>
          {(control) => (
            <select {...control} value={form.kind} onChange={(e) => set('kind', e.target.value as BreakthroughKind | '')}>
              <option value="">— kies een soort —</option>
              {BREAKTHROUGH_KINDS.map((k) => (
                <option key={k.key} value={k.key}>
                  {k.label}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <ChoiceGroup id={fid('laws')} className="dbv-groep" legend={LABELS.laws} error={fields.laws}>
        <ul className="vinkjes">
          {LAWS.map((l) => (
            <li key={l.key}>
              <input id={fid(`law-${l.key}`)} type="checkbox" checked={form.laws.includes(l.key)} onChange={(e) => toggle('laws', l.key, e.target.checked)} />{' '}
              <label htmlFor={fid(`law-${l.key}`)}>{l.name}</label>
            </li>
          ))}
        </ul>
      </ChoiceGroup>
      <Field id={fid('rules')} label={LABELS.rules} hint="Artikelen, verordening of beleidsregels, en hoe ze de oplossing blokkeren." error={fields.rules}>
        {(control) => <textarea {...control} rows={3} maxLength={4000} value={form.rules} onChange={(e) => set('rules', e.target.value)} />}
      </Field>
      {vraagstukken && vraagstukken.length > 0 && (
        <ChoiceGroup id={fid('vraagstukIds')} className="dbv-groep" legend="Gekoppelde vraagstukken (optioneel)" error={fields.vraagstukIds}>
          <ul className="vinkjes dbv-vinkjes-lang">
            {vraagstukken.map((v) => (
              <li key={v.id}>
                <input id={fid(`vs-${v.id}`)} type="checkbox" checked={form.vraagstukIds.includes(v.id)} onChange={(e) => toggle('vraagstukIds', v.id, e.target.checked)} />{' '}
                <label htmlFor={fid(`vs-${v.id}`)}>{v.title}</label>
              </li>
            ))}
          </ul>
        </ChoiceGroup>
      )}
      {deviations && deviations.length > 0 && (
        <ChoiceGroup id={fid('deviationIds')} className="dbv-groep" legend="Gekoppelde afwijkingen (optioneel)" error={fields.deviationIds}>
          <ul className="vinkjes dbv-vinkjes-lang">
            {deviations.map((d) => (
              <li key={d.id}>
                <input id={fid(`afw-${d.id}`)} type="checkbox" checked={form.deviationIds.includes(d.id)} onChange={(e) => toggle('deviationIds', d.id, e.target.checked)} />{' '}
                <label htmlFor={fid(`afw-${d.id}`)}>
                  {LAWS.find((l) => l.key === d.law)?.name}: {d.rule}
                  {d.internal && ' (intern)'}
                </label>
              </li>
            ))}
          </ul>
        </ChoiceGroup>
      )}
      <ChoiceGroup id={fid('costs')} legend={LABELS.costs} hint="Zet de kosten van doormodderen (de huidige interventies, per jaar) naast de kosten van de doorbraak." error={fields.costs} className="dbv-groep dbv-kostengroep">
        <CostLinesEditor
          title="Doormodderen: huidige interventies, per jaar"
          noun="interventie"
          lines={form.carryOn}
          fid={fid}
          prefix="carry"
          onChange={(i, patch) => setLine('carryOn', i, patch)}
          onAdd={() => set('carryOn', [...form.carryOn, { label: '', amount: '' }])}
          onRemove={(i) => set('carryOn', form.carryOn.filter((_, j) => j !== i))}
        />
        <CostLinesEditor
          title="Doorbreken: kosten van de doorbraak"
          noun="kostenpost"
          lines={form.breakthrough}
          fid={fid}
          prefix="break"
          onChange={(i, patch) => setLine('breakthrough', i, patch)}
          onAdd={() => set('breakthrough', [...form.breakthrough, { label: '', amount: '', per: 'jaar' }])}
          onRemove={(i) => set('breakthrough', form.breakthrough.filter((_, j) => j !== i))}
        />
        <CostComparison costs={preview} totals={costTotals(preview)} caption="Zo ziet de vergelijking eruit" />
      </ChoiceGroup>
      <div className="rij-velden">
        <Field
          id={fid('amountCents')}
          label={LABELS.amountCents}
          hint="Het budget dat u vraagt. Voor het mandaat telt minstens wat de doorbraak in het eerste jaar kost (eenmalig plus één jaar), ook als u minder budget vraagt."
          error={fields.amountCents}
        >
          {(control) => <input {...control} inputMode="decimal" autoComplete="off" value={form.amount} onChange={(e) => set('amount', e.target.value)} />}
        </Field>
        <Field id={fid('assigneeId')} label={LABELS.assigneeId} hint={routingHint(need, routing.data, parseEuro(form.amount), amend?.level)} error={fields.assigneeId}>
          {(control) => (
            <select {...control} value={form.assigneeId} onChange={(e) => set('assigneeId', e.target.value)} disabled={!holders}>
              <option value="">{holders ? '— kies een mandaathouder —' : '— kies eerst soort en budget —'}</option>
              {holders?.map((h) => (
                <option key={h.id} value={h.id}>
                  {h.name} ({MANDATE_LABELS[h.mandate]}, {h.organisation})
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      {routing.error != null && <ErrorMessage error={routing.error} />}
      <div className="acties">
        <button type="submit" className="knop" disabled={busy}>
          {amend ? 'Aangevuld verzoek indienen' : 'Doorbraakverzoek indienen'}
        </button>
        {onCancel && (
          <button type="button" className="knop-link" onClick={onCancel}>
            Annuleren
          </button>
        )}
      </div>
    </form>
  );
}

const lower = (l: MandateLevel) => MANDATE_LABELS[l].toLowerCase();

/** Why the request goes where it goes: each thing that counts, with the level it needs. */
function routingHint(level: MandateLevel | undefined, r: BreakthroughRouting | undefined, askedCents: number | null, atLeast: MandateLevel | undefined): string {
  if (!level || !r) return 'Na de keuze van soort en budget ziet u welk mandaat nodig is.';
  const amount =
    r.amountLevel && r.effectiveAmountCents !== null
      ? askedCents !== null && r.effectiveAmountCents > askedCents
        ? `bedrag ${formatEuro(r.effectiveAmountCents)}, de kosten van de doorbraak in het eerste jaar (hoger dan het gevraagde budget): ${lower(r.amountLevel)}`
        : `bedrag ${formatEuro(r.effectiveAmountCents)}: ${lower(r.amountLevel)}`
      : null;
  const why = [r.kindLevel && `soort: ${lower(r.kindLevel)}`, amount, r.deviationLevel && `gekoppelde afwijkingen: ${lower(r.deviationLevel)}`, atLeast && `eerder voorgelegd aan: ${lower(atLeast)}`]
    .filter(Boolean)
    .join('; ');
  return `Vereist mandaat: ${MANDATE_LABELS[level]}${level === 'wethouder' ? '' : ' of hoger'} (${why}).`;
}

interface RoutingInput {
  kind: BreakthroughKind | '';
  amountCents: number | null;
  firstYearCents: number;
  deviationIds: string[];
  atLeast: MandateLevel | undefined;
}

/** Asks the server which level the request needs and who holds it; again when kind, amount, costs or linked deviations change. */
function useRouting(caseBase: string, { kind, amountCents, firstYearCents, deviationIds, atLeast }: RoutingInput) {
  const [state, setState] = useState<{ data?: BreakthroughRouting; error?: unknown }>({});
  const seq = useRef(0);
  const deviations = deviationIds.join(',');
  useEffect(() => {
    if (!kind || amountCents === null) {
      setState({});
      return;
    }
    const n = ++seq.current;
    const q = new URLSearchParams({ kind, amountCents: String(amountCents), firstYearCents: String(firstYearCents), ...(deviations ? { deviationIds: deviations } : {}), ...(atLeast ? { atLeast } : {}) });
    // Typing an amount: wait a moment instead of asking at every keystroke.
    const t = setTimeout(() => {
      get<BreakthroughRouting>(`${caseBase}/breakthrough-routing?${q}`).then(
        (data) => n === seq.current && setState({ data }),
        (error) => n === seq.current && setState({ error: error instanceof ApiError ? error : new Error(String(error)) }),
      );
    }, 250);
    return () => clearTimeout(t);
  }, [caseBase, kind, amountCents, firstYearCents, deviations, atLeast]);
  return state;
}

function CostLinesEditor<L extends CarryLine & { per?: 'eenmalig' | 'jaar' }>({
  title,
  noun,
  lines,
  fid,
  prefix,
  onChange,
  onAdd,
  onRemove,
}: {
  title: string;
  noun: string;
  lines: L[];
  fid: (k: string) => string;
  prefix: string;
  onChange: (i: number, patch: Partial<L>) => void;
  onAdd: () => void;
  onRemove: (i: number) => void;
}) {
  return (
    <fieldset className="dbv-regels">
      <legend>{title}</legend>
      <ol>
        {lines.map((l, i) => {
          const n = i + 1;
          return (
            <li key={i} className="dbv-regel">
              <div className="veld">
                <label htmlFor={fid(`${prefix}-label-${i}`)}>
                  Omschrijving {noun} {n}
                </label>
                <input id={fid(`${prefix}-label-${i}`)} maxLength={200} value={l.label} onChange={(e) => onChange(i, { label: e.target.value } as Partial<L>)} />
              </div>
              <div className="veld dbv-bedragveld">
                <label htmlFor={fid(`${prefix}-amount-${i}`)}>
                  Bedrag {noun} {n} (€{l.per === undefined ? ' per jaar' : ''})
                </label>
                <input id={fid(`${prefix}-amount-${i}`)} inputMode="decimal" autoComplete="off" value={l.amount} onChange={(e) => onChange(i, { amount: e.target.value } as Partial<L>)} />
              </div>
              {l.per !== undefined && (
                <div className="veld">
                  <label htmlFor={fid(`${prefix}-per-${i}`)}>
                    Soort {noun} {n}
                  </label>
                  <select id={fid(`${prefix}-per-${i}`)} value={l.per} onChange={(e) => onChange(i, { per: e.target.value as 'eenmalig' | 'jaar' } as Partial<L>)}>
                    <option value="jaar">Per jaar</option>
                    <option value="eenmalig">Eenmalig</option>
                  </select>
                </div>
              )}
              {lines.length > 1 && (
                <button type="button" className="knop-klein knop-gevaar dbv-weg" onClick={() => onRemove(i)}>
                  Verwijderen<span className="sr-only">
                    {' '}
                    ({noun} {n})
                  </span>
                </button>
              )}
            </li>
          );
        })}
      </ol>
      <button type="button" className="knop-klein" onClick={onAdd}>
        {noun === 'interventie' ? 'Interventie toevoegen' : 'Kostenpost toevoegen'}
      </button>
    </fieldset>
  );
}

