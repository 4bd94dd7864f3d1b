// The server explains a refusal in Dutch, with one entry per problem in `details` (its field's
// API path and the message). Forms show each problem next to its field and, above the form, all
// of them at once with the fields' Dutch labels instead of the property names.
import type { z } from 'zod';
import { ApiError } from '../api';

export type FieldErrors = Partial<Record<string, string>>;

const fieldOf = (path: string) => path.split('.')[0] ?? '';

/**
 * Messages per field, and what belongs to no field of this form (null when everything does).
 * `byCode` ties an error without details (e.g. a 422) to a field.
 */
export function splitServerError(err: unknown, labels: Record<string, string>, byCode: Record<string, string> = {}): { fields: FieldErrors; rest: unknown } {
  if (!(err instanceof ApiError)) return { fields: {}, rest: err };
  const fields: FieldErrors = {};
  const elsewhere: ApiError['details'] = [];
  for (const d of err.details) {
    const f = fieldOf(d.path);
    if (f in labels) fields[f] = fields[f] && fields[f] !== d.message ? `${fields[f]} ${d.message}` : d.message;
    else elsewhere.push(d);
  }
  const f = byCode[err.code];
  if (f && err.details.length === 0) fields[f] = err.message;
  if (Object.keys(fields).length === 0) return { fields, rest: err };
  return { fields, rest: elsewhere.length > 0 ? new ApiError(err.status, err.code, elsewhere.map((d) => d.message).join(' '), elsewhere) : null };
}

/** Messages per field from a zod schema of the request, as a check before sending (the server checks the same). */
export function schemaProblems(schema: z.ZodType, body: unknown): FieldErrors {
  const result = schema.safeParse(body);
  const out: FieldErrors = {};
  if (result.success) return out;
  for (const issue of result.error.issues) {
    const f = String(issue.path[0] ?? '');
    if (!out[f]) out[f] = issue.message;
  }
  return out;
}

/**
 * The summary above a form: every problem, each with its field's Dutch label, in the order of the
 * form, then what belongs to no field. One problem is said in one line.
 */
export function summaryOf(fields: FieldErrors, rest: unknown, labels: Record<string, string>): unknown {
  const lines = Object.keys(labels).flatMap((k) => (fields[k] ? [`${labels[k]}: ${fields[k]}`] : []));
  if (lines.length === 0) return rest;
  const restLines = !rest ? [] : rest instanceof ApiError && rest.details.length > 0 ? rest.details.map((d) => d.message) : [rest instanceof Error ? rest.message : String(rest)];
  const all = [...lines, ...restLines];
  if (all.length === 1) return new Error(all[0]);
  return new ApiError(400, 'FORMULIER', `Het formulier is niet verwerkt. Controleer deze ${all.length} punten:`, all.map((message) => ({ path: '', message })));
}

/** The summary of a server refusal, for a form that shows no errors at its fields. */
export function summaryError(err: unknown, labels: Record<string, string>): unknown {
  const { fields, rest } = splitServerError(err, labels);
  return summaryOf(fields, rest, labels);
}

/** aria-describedby from the ids that are actually on the page. */
export const describedBy = (...ids: (string | false | null | undefined)[]) => ids.filter(Boolean).join(' ') || undefined;
