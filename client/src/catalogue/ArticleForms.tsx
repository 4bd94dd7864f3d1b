// The administrator's forms for local articles: a new article, a new wording of one, and an
// end date. Nothing is ever overwritten: each form records a new version (server/catalogue/
// validity.ts). The server checks everything and answers in Dutch; its messages are shown next
// to the fields and, with the field's Dutch name, above the form.
import { type FormEvent, useState } from 'react';
import { ApiError, post } from '../api';
import { ErrorMessage } from '../components/Feedback';
import type { FieldErrors } from '../forms/errors';
import { Field } from '../forms/Field';
import { useSubmit } from '../forms/useSubmit';
import { formatDay, today } from '../format';
import { LAWS, type LawKey } from '../../../shared/laws';
import { LOCAL_ARTICLE_KIND_LABELS, LOCAL_ARTICLE_KINDS, type LocalArticleKind, type LocalArticleRecord } from '../../../shared/schemas';

interface Wording {
  law: LawKey | '';
  kind: LocalArticleKind;
  source: string;
  ref: string;
  title: string;
  body: string;
  validFrom: string;
  validUntil: string;
}

// In the order of the form, so a refusal focuses the first field that needs attention.
const LABELS: Record<keyof Wording, string> = {
  law: 'Wet',
  ref: 'Artikel',
  source: 'Regeling',
  kind: 'Soort',
  title: 'Titel',
  body: 'Tekst',
  validFrom: 'Geldig vanaf',
  validUntil: 'Geldig tot en met (optioneel)',
};
/** Refusals without field details that clearly belong to one field. */
const CODE_FIELDS = { INGANG_NIET_NA_VORIGE: 'validFrom', EINDE_VOOR_INGANG: 'validUntil', NIETS_GEWIJZIGD: 'validUntil' };

/** Submitting, with the refusal shown next to the first field that needs attention. */
const useArticleSubmit = (prefix: string) => useSubmit(LABELS, (k) => `${prefix}-${k}`, CODE_FIELDS);

/** The wording fields, shared by "new article" and "new wording". */
function WordingFields({ prefix, form, set, fields, withLaw }: { prefix: string; form: Wording; set: <K extends keyof Wording>(k: K, v: Wording[K]) => void; fields: FieldErrors; withLaw: boolean }) {
  const id = (k: keyof Wording) => `${prefix}-${k}`;
  const props = (k: 'source' | 'ref' | 'title' | 'body' | 'validFrom' | 'validUntil') => ({
    value: form[k],
    onChange: (e: { target: { value: string } }) => set(k, e.target.value),
  });
  return (
    <>
      <div className="rij-velden">
        {withLaw && (
          <Field id={id('law')} label={LABELS.law} error={fields.law}>
            {(control) => (
              <select {...control} value={form.law} onChange={(e) => set('law', e.target.value as LawKey | '')}>
                <option value="">— kies een wet —</option>
                {LAWS.map((l) => (
                  <option key={l.key} value={l.key}>
                    {l.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}
        <Field id={id('ref')} label={LABELS.ref} error={fields.ref} hint="Bijvoorbeeld 2.8 of 4 lid 3.">
          {(control) => <input {...control} {...props('ref')} maxLength={60} />}
        </Field>
      </div>
      <Field id={id('source')} label={LABELS.source} error={fields.source} hint="De naam van de verordening of beleidsregels, zoals die in conclusies wordt aangehaald.">
        {(control) => <input {...control} {...props('source')} maxLength={200} />}
      </Field>
      <fieldset className="cat-soort">
        <legend>{LABELS.kind}</legend>
        {LOCAL_ARTICLE_KINDS.map((k) => (
          <div className="veld vinkje" key={k}>
            <input type="radio" id={`${id('kind')}-${k}`} name={id('kind')} value={k} checked={form.kind === k} onChange={() => set('kind', k)} />
            <label htmlFor={`${id('kind')}-${k}`}>{LOCAL_ARTICLE_KIND_LABELS[k]}</label>
          </div>
        ))}
      </fieldset>
      <Field id={id('title')} label={LABELS.title} error={fields.title}>
        {(control) => <input {...control} {...props('title')} maxLength={200} />}
      </Field>
      <Field id={id('body')} label={LABELS.body} error={fields.body} hint="De tekst zoals die in de regeling staat. Conclusies die dit artikel aanhalen, bewaren precies deze tekst.">
        {(control) => <textarea {...control} {...props('body')} rows={5} maxLength={20000} />}
      </Field>
      <fieldset className="cat-geldigheid">
        <legend>Geldigheid</legend>
        <div className="rij-velden datums">
          <Field id={id('validFrom')} label={LABELS.validFrom} error={fields.validFrom}>
            {(control) => <input {...control} {...props('validFrom')} type="date" />}
          </Field>
          <Field id={id('validUntil')} label={LABELS.validUntil} error={fields.validUntil}>
            {(control) => <input {...control} {...props('validUntil')} type="date" />}
          </Field>
        </div>
      </fieldset>
    </>
  );
}

function useWording(initial: () => Wording) {
  const [form, setForm] = useState<Wording>(initial);
  const set = <K extends keyof Wording>(k: K, v: Wording[K]) => setForm((f) => ({ ...f, [k]: v }));
  return { form, set, reset: () => setForm(initial()) };
}

const emptyWording = (): Wording => ({ law: '', kind: 'hardheidsclausule', source: '', ref: '', title: '', body: '', validFrom: today(), validUntil: '' });

export function AddArticleForm({ onAdded }: { onAdded: (r: LocalArticleRecord) => void }) {
  const [open, setOpen] = useState(false);
  const { form, set, reset } = useWording(emptyWording);
  const { error, fields, busy, run } = useArticleSubmit('nieuw');

  function submit(e: FormEvent) {
    e.preventDefault();
    void run(
      {},
      () => {
        const { validUntil, law, ...rest } = form;
        // Checked here, so the message names the choice rather than the API's key.
        if (!law) throw new ApiError(400, 'ONGELDIGE_INVOER', 'Kies de wet waar het artikel bij hoort.', [{ path: 'law', message: 'Kies de wet waar het artikel bij hoort.' }]);
        return post<LocalArticleRecord>('/api/catalogue/articles', { ...rest, law, ...(validUntil ? { validUntil } : {}) });
      },
      (created) => {
        reset();
        setOpen(false);
        onAdded(created);
      },
    );
  }

  return (
    <details className="paneel" open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>Lokaal artikel toevoegen</summary>
      <form onSubmit={submit} noValidate aria-label="Lokaal artikel toevoegen" className="cat-formulier">
        <ErrorMessage error={error} />
        <WordingFields prefix="nieuw" form={form} set={set} fields={fields} withLaw />
        <button type="submit" className="knop" disabled={busy}>
          Artikel toevoegen
        </button>
      </form>
    </details>
  );
}

/** A new wording of `latest`, prefilled with its text; it takes over from its own start date. */
export function NewWordingForm({ latest, onSaved, onCancel }: { latest: LocalArticleRecord; onSaved: (r: LocalArticleRecord) => void; onCancel: () => void }) {
  const prefix = `versie-${latest.id}`;
  const { form, set } = useWording(() => ({
    law: latest.law,
    kind: latest.kind,
    source: latest.source,
    ref: latest.ref,
    title: latest.title,
    body: latest.body,
    // A new wording starts after the current one; today when that is possible.
    validFrom: today() > latest.validFrom ? today() : '',
    validUntil: '',
  }));
  const { error, fields, busy, run } = useArticleSubmit(prefix);

  function submit(e: FormEvent) {
    e.preventDefault();
    const { kind, source, ref, title, body, validFrom, validUntil } = form;
    void run({}, () => post<LocalArticleRecord>(`/api/catalogue/articles/${encodeURIComponent(latest.id)}/versions`, { kind, source, ref, title, body, validFrom, ...(validUntil ? { validUntil } : {}) }), onSaved);
  }

  return (
    <form onSubmit={submit} noValidate aria-label={`Nieuwe tekst voor artikel ${latest.ref}`} className="cat-formulier cat-inline">
      <p className="hint">De huidige tekst blijft bewaard als geschiedenis en geldt tot de nieuwe ingangsdatum. Die ligt na {formatDay(latest.validFrom)}.</p>
      <ErrorMessage error={error} />
      <WordingFields prefix={prefix} form={form} set={set} fields={fields} withLaw={false} />
      <div className="acties">
        <button type="submit" className="knop" disabled={busy}>
          Nieuwe tekst vastleggen
        </button>
        <button type="button" className="knop-link" onClick={onCancel}>
          Annuleren
        </button>
      </div>
    </form>
  );
}

/** Ending an article: the same text recorded again with an end date. */
export function EndArticleForm({ latest, onSaved, onCancel }: { latest: LocalArticleRecord; onSaved: (r: LocalArticleRecord) => void; onCancel: () => void }) {
  const prefix = `einde-${latest.id}`;
  const [validUntil, setValidUntil] = useState(latest.validUntil ?? '');
  const { error, fields, busy, run } = useArticleSubmit(prefix);

  function submit(e: FormEvent) {
    e.preventDefault();
    void run({}, () => post<LocalArticleRecord>(`/api/catalogue/articles/${encodeURIComponent(latest.id)}/end`, { validUntil }), onSaved);
  }

  const id = `${prefix}-validUntil`;
  return (
    <form onSubmit={submit} noValidate aria-label={`Artikel ${latest.ref} beëindigen`} className="cat-formulier cat-inline">
      <ErrorMessage error={error} />
      <Field id={id} label="Laatste dag waarop het artikel geldt" error={fields.validUntil} hint="De tekst blijft bewaard; na deze dag staat het artikel niet meer in de catalogus.">
        {(control) => <input {...control} type="date" value={validUntil} onChange={(e) => setValidUntil(e.target.value)} />}
      </Field>
      <div className="acties">
        <button type="submit" className="knop" disabled={busy}>
          Einddatum vastleggen
        </button>
        <button type="button" className="knop-link" onClick={onCancel}>
          Annuleren
        </button>
      </div>
    </form>
  );
}
