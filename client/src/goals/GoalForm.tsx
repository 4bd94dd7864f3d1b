// Adding or changing a goal: the household's own words, the life domain, why it serves the
// purpose of each law in scope, who carries it and by when. The server checks everything and
// answers in Dutch; its messages appear next to the fields and above the form.
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { get, patch, post } from '../api';
import { ErrorMessage } from '../components/Feedback';
import { LAWS, type LawKey } from '../../../shared/laws';
import { type CaseMember, CreateGoalRequest, type Goal, NO_LEGITIMATION, type UpdateGoalRequest } from '../../../shared/schemas';
import { ZRM_DOMAINS } from '../../../shared/zrm';
import { describedBy, type FieldErrors, schemaProblems } from '../forms/errors';
import { today } from '../format';
import { ChoiceGroup, Field } from '../forms/Field';
import { useSubmit } from '../forms/useSubmit';
import { listOf } from '../../../shared/words';
import { emptyOwner, HOUSEHOLD, OwnerField, ownerInputOf, ownerProblem, ownerValueOf, type OwnerValue, sameOwner } from './OwnerField';

/** The laws a goal is legitimised under: the Awb is about proper administration, not a purpose a goal serves. */
export const GOAL_LAWS = LAWS.filter((l) => l.responsibleRole !== null);

type Legit = Record<LawKey, { on: boolean; text: string }>;

interface FormState {
  text: string;
  lifeDomain: string;
  owner: OwnerValue;
  dueDate: string;
  vraagstukId: string;
  legit: Legit;
  /** Why no law legitimises the goal, when none is ticked. */
  waiver: string;
}

const LABELS = {
  text: 'Doel',
  lifeDomain: 'Leefgebied',
  owner: 'Eigenaar',
  dueDate: 'Streefdatum',
  vraagstukId: 'Vraagstuk',
  legitimations: 'Legitimatie per wet',
  legitimationWaiver: 'Reden zonder legitimatie',
};
/** Refusals that arrive without field details but clearly belong to one field. */
const CODE_FIELDS = { EIGENAAR_GEEN_LID: 'owner', ONBEKEND_VRAAGSTUK: 'vraagstukId', GEEN_LEGITIMATIE: 'legitimations' };

function emptyLegit(): Legit {
  return Object.fromEntries(LAWS.map((l) => [l.key, { on: false, text: '' }])) as Legit;
}

/**
 * What a caller already knows of a new goal. A goal started from a vraagstuk's decision carries
 * the vraagstuk, its life domain, the decision's review date and, per law, the motivation of the
 * signed verdict: the table agreed those already, so nobody types them again.
 */
export interface GoalPrefill {
  vraagstukId?: string;
  lifeDomain?: string;
  dueDate?: string;
  owner?: OwnerValue;
  legitimations?: { law: LawKey; text: string }[];
}

function stateOf(goal: Goal | undefined, prefill?: GoalPrefill): FormState {
  if (!goal) {
    const legit = emptyLegit();
    for (const l of prefill?.legitimations ?? []) legit[l.law] = { on: true, text: l.text };
    return {
      text: '',
      lifeDomain: prefill?.lifeDomain ?? '',
      owner: prefill?.owner ?? emptyOwner(),
      dueDate: prefill?.dueDate ?? '',
      vraagstukId: prefill?.vraagstukId ?? '',
      legit,
      waiver: '',
    };
  }
  const legit = emptyLegit();
  for (const l of goal.legitimations) legit[l.law] = { on: true, text: l.text };
  return { text: goal.text, lifeDomain: goal.lifeDomain, owner: ownerValueOf(goal.owner), dueDate: goal.dueDate ?? '', vraagstukId: goal.vraagstuk?.id ?? '', legit, waiver: goal.legitimationWaiver ?? '' };
}

const legitimationsOf = (legit: Legit) =>
  LAWS.filter((l) => legit[l.key].on).map((l) => ({ law: l.key, text: legit[l.key].text }));

/** The edit as a PATCH body: only what differs from where the form started. */
function changesOf(from: FormState, to: FormState): UpdateGoalRequest {
  const body: UpdateGoalRequest = {};
  if (to.text.trim() !== from.text.trim()) body.text = to.text;
  if (to.lifeDomain !== from.lifeDomain) body.lifeDomain = to.lifeDomain as Goal['lifeDomain'];
  if (to.dueDate !== from.dueDate) body.dueDate = to.dueDate;
  if (to.vraagstukId !== from.vraagstukId) body.vraagstukId = to.vraagstukId || null;
  // An unchanged owner is not sent: they may have left the case since.
  if (!sameOwner(to.owner, from.owner)) body.owner = ownerInputOf(to.owner);
  const legit = legitimationsOf(to.legit);
  if (JSON.stringify(legit) !== JSON.stringify(legitimationsOf(from.legit))) body.legitimations = legit;
  // The reason counts only while no law is ticked; with a law the server drops it.
  if (legit.length === 0 && to.waiver.trim() !== from.waiver.trim()) body.legitimationWaiver = to.waiver;
  return body;
}

/** The case's vraagstukken to link a goal to, loaded once the form is in use; without them there is no choice to offer. */
function useVraagstukOptions(caseId: string, active: boolean): { id: string; title: string }[] {
  const [options, setOptions] = useState<{ id: string; title: string }[]>([]);
  useEffect(() => {
    if (!active) return;
    let live = true;
    get<{ id: string; title: string }[]>(`/api/cases/${encodeURIComponent(caseId)}/vraagstukken`).then(
      (list) => live && setOptions(list.map((v) => ({ id: v.id, title: v.title }))),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [caseId, active]);
  return options;
}

interface Props {
  caseId: string;
  members: CaseMember[];
  /** Set when changing an existing goal. */
  goal?: Goal;
  /** Whether the form is visible (a closed <details> loads nothing). */
  active: boolean;
  onSaved: (g: Goal, message: string) => void;
  onCancel?: () => void;
  /** For a new goal: what is known already (see GoalPrefill). */
  prefill?: GoalPrefill;
  /** Prefix of the field ids when more than one new-goal form can be on the page. */
  idPrefix?: string;
}

/** What the form says it filled in already, so nobody takes a suggestion for a decision. */
function prefilledText(prefill: GoalPrefill): string {
  const parts = [
    prefill.vraagstukId && 'het vraagstuk',
    prefill.lifeDomain && 'het leefgebied',
    prefill.dueDate && 'de streefdatum (de herbeoordeling van het besluit)',
    prefill.owner?.choice === HOUSEHOLD && 'het huishouden als eigenaar',
    prefill.legitimations?.length && 'per wet de motivering van het ondertekende oordeel',
  ].filter((x): x is string => typeof x === 'string');
  return parts.length ? `Al ingevuld uit het besluit: ${listOf(parts)}. Pas aan waar nodig.` : '';
}

export function GoalForm({ caseId, members, goal, active, onSaved, onCancel, prefill, idPrefix = 'doel-nieuw' }: Props) {
  const p = goal ? `doel-${goal.id}` : idPrefix;
  const [form, setForm] = useState<FormState>(() => stateOf(goal, prefill));
  // What the form started from: only fields changed since then are sent, so that two people
  // editing different fields of the same goal at the same time do not undo each other.
  const original = useRef(form);
  const vraagstukken = useVraagstukOptions(caseId, active);
  const linked = goal?.vraagstuk && !vraagstukken.some((v) => v.id === goal.vraagstuk!.id) ? [goal.vraagstuk] : [];
  const vraagstukOptions = [...vraagstukken, ...linked];

  const set = <K extends keyof FormState>(k: K, value: FormState[K]) => {
    setForm((f) => ({ ...f, [k]: value }));
    clearField(k === 'waiver' ? 'legitimations' : k);
    if (k === 'waiver') clearField('legitimationWaiver');
  };
  const setLegit = (law: LawKey, v: Partial<Legit[LawKey]>) => {
    setForm((f) => ({ ...f, legit: { ...f.legit, [law]: { ...f.legit[law], ...v } } }));
    clearField('legitimations');
  };
  const noLaw = !GOAL_LAWS.some((l) => form.legit[l.key].on);

  // A ticked law without its text: checked here, so the message names the law.
  const emptyLaw = GOAL_LAWS.find((l) => form.legit[l.key].on && !form.legit[l.key].text.trim());
  // Where focus lands for a field that needs attention: for the legitimations the text that is
  // still empty, or else the first law.
  const fieldId = (k: string) =>
    k === 'legitimations' ? (emptyLaw ? `${p}-wet-${emptyLaw.key}-tekst` : `${p}-wet-${GOAL_LAWS[0]!.key}`) : k === 'owner' ? `${p}-eigenaar` : `${p}-${k}`;
  const { error, fields, busy, run, clearField } = useSubmit(LABELS, fieldId, CODE_FIELDS);

  function submit(e: FormEvent) {
    e.preventDefault();
    // Choices and legitimation texts are checked here, so the message names them rather than the API's keys.
    const missing: FieldErrors = {};
    if (!form.lifeDomain) missing.lifeDomain = 'Kies het leefgebied waar dit doel bij hoort.';
    const owner = ownerProblem(form.owner);
    if (owner) missing.owner = owner;
    if (!form.dueDate) missing.dueDate = 'Kies een streefdatum: wanneer willen we dit bereikt hebben?';
    // A streefdatum in the past is refused (the server checks too); a date kept from before may stay.
    else if (form.dueDate < today() && form.dueDate !== original.current.dueDate) missing.dueDate = 'De streefdatum ligt in het verleden. Kies een datum vanaf vandaag.';
    if (emptyLaw) missing.legitimations = `Vul in waarom dit doel past bij de bedoeling van de ${emptyLaw.name}, of haal het vinkje weg.`;
    else if (noLaw && !form.waiver.trim()) missing.legitimations = NO_LEGITIMATION;
    const base = `/api/cases/${encodeURIComponent(caseId)}/goals`;
    const createBody = (): CreateGoalRequest => ({
      text: form.text,
      lifeDomain: form.lifeDomain as Goal['lifeDomain'],
      legitimations: legitimationsOf(form.legit),
      ...(noLaw && form.waiver.trim() ? { legitimationWaiver: form.waiver } : {}),
      owner: ownerInputOf(form.owner),
      dueDate: form.dueDate,
      ...(form.vraagstukId ? { vraagstukId: form.vraagstukId } : {}),
    });
    // Every problem at once: for a new goal the request schema too (the server checks the same).
    void run(
      goal ? missing : { ...schemaProblems(CreateGoalRequest, createBody()), ...missing },
      async (): Promise<[Goal, string]> => {
        if (goal) {
          const body = changesOf(original.current, form);
          if (Object.keys(body).length === 0) return [goal, 'Er was niets gewijzigd.'];
          return [await patch<Goal>(`${base}/${encodeURIComponent(goal.id)}`, body), 'Het doel is gewijzigd.'];
        }
        return [await post<Goal>(base, createBody()), 'Het doel is toegevoegd.'];
      },
      ([saved, message]) => {
        if (!goal) setForm(stateOf(undefined, prefill));
        onSaved(saved, message);
      },
    );
  }

  const textChangeWithdraws = goal?.householdAgreement != null;
  return (
    <form onSubmit={submit} noValidate aria-label={goal ? `Doel wijzigen: ${goal.text}` : 'Doel toevoegen'} className="doel-formulier">
      <ErrorMessage error={error} />
      {prefill && !goal && prefilledText(prefill) && <p className="hint">{prefilledText(prefill)}</p>}
      <Field id={`${p}-text`} label={LABELS.text} error={fields.text} hint={`In de woorden van het huishouden.${textChangeWithdraws ? ' Het huishouden stemde in met de huidige tekst: wijzigt u die, dan vervalt de instemming.' : ''}`}>
        {(control) => <textarea {...control} rows={2} maxLength={2000} value={form.text} onChange={(e) => set('text', e.target.value)} />}
      </Field>
      <div className="rij-velden">
        <Field id={`${p}-lifeDomain`} label={LABELS.lifeDomain} error={fields.lifeDomain}>
          {(control) => (
            <select {...control} value={form.lifeDomain} onChange={(e) => set('lifeDomain', e.target.value)}>
              <option value="">— kies een leefgebied —</option>
              {ZRM_DOMAINS.map((d) => (
                <option key={d.key} value={d.key}>
                  {d.label}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id={`${p}-dueDate`} label={LABELS.dueDate} error={fields.dueDate} hint="Vandaag of later.">
          {(control) => <input {...control} type="date" min={today()} value={form.dueDate} onChange={(e) => set('dueDate', e.target.value)} />}
        </Field>
        {vraagstukOptions.length > 0 && (
          <Field id={`${p}-vraagstukId`} label={LABELS.vraagstukId} error={fields.vraagstukId} hint="Optioneel: het vraagstuk waar dit doel uit voortkomt.">
            {(control) => (
              <select {...control} value={form.vraagstukId} onChange={(e) => set('vraagstukId', e.target.value)}>
                <option value="">— geen —</option>
                {vraagstukOptions.map((v) => (
                  <option key={v.id} value={v.id}>
                    {v.title}
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}
      </div>
      <OwnerField idPrefix={p} members={members} value={form.owner} onChange={(v) => set('owner', v)} error={fields.owner} current={goal?.owner} />
      <ChoiceGroup
        id={`${p}-wetten`}
        className="doel-wetten"
        legend={LABELS.legitimations}
        hint="Vink de wetten aan waaronder dit doel gelegitimeerd is, en beschrijf per wet waarom het doel past bij de bedoeling ervan. Past geen wet, leg dan uit waarom."
        error={fields.legitimations}
      >
        {GOAL_LAWS.map((law) => {
          const id = `${p}-wet-${law.key}`;
          const v = form.legit[law.key];
          return (
            <div key={law.key} className="doel-wet">
              <div className="veld vinkje">
                <input id={id} type="checkbox" checked={v.on} onChange={(e) => setLegit(law.key, { on: e.target.checked })} />
                <label htmlFor={id}>{law.name}</label>
              </div>
              {v.on && (
                <div className="veld doel-wet-tekst">
                  <label htmlFor={`${id}-tekst`}>Waarom past dit doel bij de {law.name}?</label>
                  <p className="hint" id={`${id}-bedoeling`}>
                    Bedoeling: {law.purpose}
                  </p>
                  <textarea
                    id={`${id}-tekst`}
                    rows={2}
                    maxLength={4000}
                    value={v.text}
                    onChange={(e) => setLegit(law.key, { text: e.target.value })}
                    aria-invalid={fields.legitimations && !v.text.trim() ? true : undefined}
                    aria-describedby={describedBy(`${id}-bedoeling`, fields.legitimations && !v.text.trim() && `${p}-wetten-fout`)}
                  />
                </div>
              )}
            </div>
          );
        })}
        {noLaw && (
          <Field id={`${p}-legitimationWaiver`} label="Geen wet: waarom niet?" error={fields.legitimationWaiver} hint="Bijvoorbeeld een afspraak binnen het gezin waar geen wet om vraagt. Minstens 10 tekens.">
            {(control) => <textarea {...control} rows={2} maxLength={2000} value={form.waiver} onChange={(e) => set('waiver', e.target.value)} />}
          </Field>
        )}
      </ChoiceGroup>
      <div className="acties">
        <button type="submit" className="knop" disabled={busy}>
          {goal ? 'Wijzigingen opslaan' : 'Doel toevoegen'}
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
