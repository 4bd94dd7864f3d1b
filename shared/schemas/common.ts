import { z } from 'zod';
import './dutch-errors';

/** Every error the API returns has this shape; `code` is stable for machines, `message` is Dutch for people. */
export const ErrorBody = z
  .object({
    error: z.object({
      code: z.string(),
      message: z.string(),
      details: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
    }),
  })
  .meta({ id: 'Error' });
export type ErrorBody = z.infer<typeof ErrorBody>;

export const Id = z.string().min(1).max(64);

/** Free text typed by a person: trimmed, never empty. */
export const Text = (max: number) => z.string().trim().min(1).max(max);

export const Timestamp = z.string().meta({ description: 'ISO 8601 timestamp (UTC)' });

export const UserRef = z
  .object({ id: Id, name: z.string() })
  .meta({ id: 'UserRef' });
export type UserRef = z.infer<typeof UserRef>;

// Date.parse would roll 30 February over to 2 March: the date must read back unchanged.
export const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Gebruik een datum als JJJJ-MM-DD.')
  .refine((s) => {
    const t = Date.parse(`${s}T00:00:00Z`);
    return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === s;
  }, 'Deze datum bestaat niet.');

/**
 * For a refinement across fields: run it even when other fields have problems (zod skips it
 * otherwise), as long as the fields it reads are there, so one submit names every problem.
 */
export function whenPresent(...keys: string[]): { when: (payload: { value: unknown }) => boolean } {
  return {
    when: ({ value }) => typeof value === 'object' && value !== null && keys.every((k) => typeof (value as Record<string, unknown>)[k] === 'string' && (value as Record<string, string>)[k] !== ''),
  };
}
