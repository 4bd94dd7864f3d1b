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
