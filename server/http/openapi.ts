// Small helpers so every route declares its body and its error answers the same way.
import type { ZodType } from 'zod';
import { z } from 'zod';
import { ErrorBody, Id } from '../../shared/schemas';
import type { ErrorStatus } from './errors';

const ERROR_DESCRIPTIONS: Record<ErrorStatus, string> = {
  400: 'Ongeldige invoer',
  401: 'Niet ingelogd',
  403: 'Geen toestemming, of verzoek van een andere herkomst',
  404: 'Niet gevonden (ook voor casussen waarvan u geen lid bent)',
  406: 'Dit adres antwoordt alleen met het gevraagde formaat (Accept)',
  409: 'Conflict met de huidige toestand',
  413: 'Verzoek groter dan 1 MB',
  415: 'Geen JSON',
  422: 'Inhoudelijk niet toegestaan',
  429: 'Te veel pogingen',
  500: 'Serverfout',
  503: 'Tijdelijk niet beschikbaar (vol, of de server stopt)',
};

export function json<T extends ZodType>(schema: T, description: string) {
  return { content: { 'application/json': { schema } }, description };
}

export function errors(...statuses: ErrorStatus[]) {
  return Object.fromEntries(statuses.map((s) => [s, json(ErrorBody, ERROR_DESCRIPTIONS[s])])) as Record<ErrorStatus, ReturnType<typeof json<typeof ErrorBody>>>;
}

export function jsonBody<T extends ZodType>(schema: T) {
  return { body: { content: { 'application/json': { schema } }, required: true } };
}

/** The `{id}` path parameter of every case route. */
export const CaseParams = z.object({ id: Id.meta({ param: { name: 'id', in: 'path' } }) });

/** Routes that need a session cookie. */
export const cookieAuth = [{ sessieCookie: [] }];
