// One error shape for the whole API: { error: { code, message, details? } }. Codes are
// stable identifiers for integrating systems; messages are Dutch for the people reading them.
import type { ZodError } from 'zod';
import type { ErrorBody } from '../../shared/schemas';
import { fieldMessage } from '../../shared/schemas/field-labels';

export type ErrorStatus = 400 | 401 | 403 | 404 | 406 | 409 | 413 | 415 | 422 | 429 | 500 | 503;

export class ApiError extends Error {
  constructor(
    readonly status: ErrorStatus,
    readonly code: string,
    message: string,
    readonly details?: { path: string; message: string }[],
    readonly headers?: Record<string, string>,
  ) {
    super(message);
  }

  body(): ErrorBody {
    return { error: { code: this.code, message: this.message, ...(this.details ? { details: this.details } : {}) } };
  }
}

/** "12 seconden", "1 minuut", "15 minuten": the wait as people say it. */
function waitText(seconds: number): string {
  if (seconds < 60) {
    const s = Math.max(1, Math.ceil(seconds));
    return s === 1 ? '1 seconde' : `${s} seconden`;
  }
  const n = Math.ceil(seconds / 60);
  return n === 1 ? '1 minuut' : `${n} minuten`;
}

export const Errors = {
  unauthenticated: () => new ApiError(401, 'NIET_INGELOGD', 'U bent niet (meer) ingelogd. Log opnieuw in.'),
  forbidden: (message = 'U heeft geen toestemming voor deze handeling.') => new ApiError(403, 'GEEN_TOESTEMMING', message),
  // Deliberately the same answer whether a case does not exist or is not yours.
  caseNotFound: () => new ApiError(404, 'CASUS_NIET_GEVONDEN', 'Deze casus bestaat niet of u bent er geen lid van.'),
  notFound: (message = 'Niet gevonden.') => new ApiError(404, 'NIET_GEVONDEN', message),
  conflict: (code: string, message: string) => new ApiError(409, code, message),
  unprocessable: (code: string, message: string) => new ApiError(422, code, message),
  badJson: () => new ApiError(400, 'ONGELDIGE_JSON', 'De verzonden gegevens zijn geen geldige JSON.'),
  unsupportedMediaType: () => new ApiError(415, 'VERKEERD_FORMAAT', 'Stuur de gegevens als JSON (Content-Type: application/json).'),
  tooLarge: () => new ApiError(413, 'TE_GROOT', 'Het verzoek is te groot (maximaal 1 MB).'),
  crossOrigin: () => new ApiError(403, 'ANDERE_HERKOMST', 'Dit verzoek komt van een andere website en is geweigerd.'),
  rateLimited: (retryAfterSeconds: number) =>
    new ApiError(
      429,
      'TE_VEEL_POGINGEN',
      `Te veel mislukte inlogpogingen. Probeer het over ${waitText(retryAfterSeconds)} opnieuw.`,
      undefined,
      { 'Retry-After': String(Math.ceil(retryAfterSeconds)) },
    ),
  functiePending: () =>
    new ApiError(403, 'FUNCTIE_NIET_INGESTELD', 'Uw account is aangemaakt, maar de functioneel beheerder moet uw functie nog instellen. Tot dan kunt u niets doen in Casustafel.'),
  internal: () => new ApiError(500, 'SERVERFOUT', 'Er ging iets mis op de server. Probeer het later opnieuw.'),
  databaseUnavailable: () =>
    new ApiError(503, 'DATABASE_ONBEREIKBAAR', 'De database is even niet bereikbaar. Er is niets opgeslagen; probeer het over een paar seconden opnieuw.', undefined, { 'Retry-After': '5' }),
};

/**
 * Every problem at once: `details` has one entry per issue (path and message, for clients that
 * place it at the field), and the message names them all with their Dutch field names, so that
 * someone reading only the message also fixes everything in one go.
 */
export function validationError(error: ZodError): ApiError {
  const details = error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
  // One line per field in the message (its first problem); `details` keeps every issue.
  const firstPerPath = new Map<string, (typeof error.issues)[number]>();
  for (const i of error.issues) if (!firstPerPath.has(i.path.join('.'))) firstPerPath.set(i.path.join('.'), i);
  const messages = [...firstPerPath.values()].map((i) => fieldMessage(i.path, i.message));
  const message = messages.length === 0 ? 'Ongeldige invoer.' : messages.join(' ');
  return new ApiError(400, 'ONGELDIGE_INVOER', message, details);
}

/** Several problems found by a command (after validation), each at its field: one refusal that names them all. */
export function fieldsError(status: 409 | 422, code: string, problems: { path: string; message: string }[]): ApiError {
  return new ApiError(status, code, problems.map((p) => fieldMessage([p.path], p.message)).join(' '), problems);
}
