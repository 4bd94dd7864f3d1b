// The common life of a form with fields: local checks first, then the server; its Dutch refusal
// goes above the form (with the fields' Dutch labels, see errors.ts) and next to the field it is
// about, and focus moves to the first field that needs attention, in the order of `labels`.
import { useState } from 'react';
import { type FieldErrors, fieldErrorsOf, summaryError } from './errors';

/**
 * `labels`: the form's fields by API property, in the order of the form. `fieldId`: the id of
 * the control that takes focus for a field. `codeFields`: refusals without field details that
 * clearly belong to one field (error code → field).
 */
export function useSubmit(labels: Record<string, string>, fieldId: (k: string) => string, codeFields: Record<string, string> = {}) {
  const [error, setError] = useState<unknown>(null);
  const [fields, setFields] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);

  function refuse(err: unknown, fieldErrors: FieldErrors) {
    setError(err);
    setFields(fieldErrors);
    const first = Object.keys(labels).find((k) => fieldErrors[k]);
    if (first) requestAnimationFrame(() => document.getElementById(fieldId(first))?.focus());
  }

  /** `missing`: what the local checks found; nothing is sent while it names a field. */
  async function run<T>(missing: FieldErrors, send: () => Promise<T>, done: (result: T) => void): Promise<void> {
    setError(null);
    setFields({});
    const first = Object.values(missing).find(Boolean);
    if (first) {
      refuse(new Error(first), missing);
      return;
    }
    setBusy(true);
    try {
      done(await send());
    } catch (err) {
      refuse(summaryError(err, labels), fieldErrorsOf(err, labels, codeFields));
    } finally {
      setBusy(false);
    }
  }

  return { error, fields, busy, run };
}
