// The common life of a form with fields: checks before sending (the form's own, and the shared
// request schema the server validates with), then the server, which stays the authority. Every
// problem is shown at once: next to its field and, above the form, all together with the
// fields' Dutch labels (errors.ts). Focus moves to the first field that needs attention, in the
// order of `labels`. A problem goes away as soon as its field changes (clearField) and all of
// them with a successful submit.
import { useState } from 'react';
import { type FieldErrors, splitServerError, summaryOf } from './errors';

/**
 * `labels`: the form's fields by API property, in the order of the form. `fieldId`: the id of
 * the control that takes focus for a field. `codeFields`: refusals without field details that
 * clearly belong to one field (error code → field).
 */
export function useSubmit(labels: Record<string, string>, fieldId: (k: string) => string, codeFields: Record<string, string> = {}) {
  const [fields, setFields] = useState<FieldErrors>({});
  const [rest, setRest] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  function refuse(fieldErrors: FieldErrors, other: unknown) {
    setFields(fieldErrors);
    setRest(other);
    const first = Object.keys(labels).find((k) => fieldErrors[k]);
    if (first) requestAnimationFrame(() => document.getElementById(fieldId(first))?.focus());
  }

  /** `missing`: what the checks before sending found, per field; nothing is sent while it names a field. */
  async function run<T>(missing: FieldErrors, send: () => Promise<T>, done: (result: T) => void): Promise<void> {
    setFields({});
    setRest(null);
    const found = Object.fromEntries(Object.entries(missing).filter(([, m]) => Boolean(m))) as FieldErrors;
    if (Object.keys(found).length > 0) {
      refuse(found, null);
      return;
    }
    setBusy(true);
    try {
      done(await send());
    } catch (err) {
      const split = splitServerError(err, labels, codeFields);
      refuse(split.fields, split.rest);
    } finally {
      setBusy(false);
    }
  }

  /** The field changed: its problem no longer applies (the next submit checks it again). */
  function clearField(k: string) {
    setFields((f) => {
      if (!f[k]) return f;
      const next = { ...f };
      delete next[k];
      return next;
    });
  }

  return { error: summaryOf(fields, rest, labels), fields, busy, run, clearField };
}
