import { z } from 'zod';
import { FUNCTIES } from '../roles';
import { Id } from './common';

export const LoginRequest = z
  .strictObject({
    email: z.string().trim().toLowerCase().email().max(254),
    password: z.string().min(1).max(256),
  })
  .meta({ id: 'LoginRequest' });
export type LoginRequest = z.infer<typeof LoginRequest>;

export const PASSWORD_MIN_LENGTH = 12;

export const NewPassword = z
  .string()
  .min(PASSWORD_MIN_LENGTH, `Een wachtwoord heeft minstens ${PASSWORD_MIN_LENGTH} tekens.`)
  .max(256);

export const ChangePasswordRequest = z
  .strictObject({ currentPassword: z.string().min(1).max(256), newPassword: NewPassword })
  .meta({ id: 'ChangePasswordRequest' });
export type ChangePasswordRequest = z.infer<typeof ChangePasswordRequest>;

export const SessionUser = z
  .object({
    id: Id,
    email: z.string(),
    name: z.string(),
    functie: z.enum(FUNCTIES),
    organisation: z.string(),
    mustChangePassword: z.boolean(),
    /** Made at a first sign-in through an identity provider; waits for the administrator to set the functie. */
    functiePending: z.boolean(),
  })
  .meta({ id: 'SessionUser' });
export type SessionUser = z.infer<typeof SessionUser>;

export const SessionResponse = z.object({ user: SessionUser }).meta({ id: 'SessionResponse' });
export type SessionResponse = z.infer<typeof SessionResponse>;
