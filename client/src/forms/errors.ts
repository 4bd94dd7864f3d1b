// The server explains a refusal in Dutch, but names fields by their API property
// ("endDate: …"). Forms show the message next to the field and, above the form, with the
// field's Dutch label instead of the property name.
import { ApiError } from '../api';

export type FieldErrors = Partial<Record<string, string>>;

const fieldOf = (path: string) => path.split('.')[0] ?? '';

/** Messages per field; `byCode` ties an error without details (e.g. a 422) to a field. */
export function fieldErrorsOf(err: unknown, labels: Record<string, string>, byCode: Record<string, string> = {}): FieldErrors {
  if (!(err instanceof ApiError)) return {};
  const out: FieldErrors = {};
  for (const d of err.details) {
    const f = fieldOf(d.path);
    if (f in labels && !out[f]) out[f] = d.message;
  }
  const f = byCode[err.code];
  if (f && !out[f]) out[f] = err.message;
  return out;
}

/** The error for the summary above a form, with Dutch field names. */
export function summaryError(err: unknown, labels: Record<string, string>): unknown {
  if (!(err instanceof ApiError) || err.details.length === 0) return err;
  const details = err.details.map((d) => {
    const label = labels[fieldOf(d.path)];
    return { path: d.path, message: label ? `${label}: ${d.message}` : d.message };
  });
  if (details.length === 1) return new ApiError(err.status, err.code, details[0]!.message);
  return new ApiError(err.status, err.code, 'Het formulier is niet verwerkt. Controleer deze velden:', details);
}

/** aria-describedby from the ids that are actually on the page. */
export const describedBy = (...ids: (string | false | null | undefined)[]) => ids.filter(Boolean).join(' ') || undefined;
