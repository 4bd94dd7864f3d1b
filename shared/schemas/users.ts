import { z } from 'zod';
import { FUNCTIES } from '../roles';
import { Id, Text, Timestamp } from './common';

/**
 * A phone number as people write it: digits with spaces, dashes, dots or brackets, an optional
 * leading + ("0162 123 456", "+31 6 1234 5678", "(0162) 12 34 56"). Stored as typed.
 */
export const Phone = z
  .string()
  .trim()
  .regex(/^\+?[\d\s().-]{6,25}$/, 'Vul een telefoonnummer in met cijfers, bijvoorbeeld 0162 123 456 of +31 6 1234 5678.')
  .refine((s) => (s.match(/\d/g) ?? []).length >= 6, 'Een telefoonnummer heeft minstens zes cijfers.');
import { NewPassword } from './auth';

export const AdminUser = z
  .object({
    id: Id,
    email: z.string(),
    name: z.string(),
    functie: z.enum(FUNCTIES),
    organisation: z.string(),
    phone: z.string().nullable(),
    active: z.boolean(),
    mustChangePassword: z.boolean(),
    /** Made at a first sign-in through an identity provider without a known functie. */
    functiePending: z.boolean(),
    createdAt: Timestamp,
    lastLoginAt: Timestamp.nullable(),
  })
  .meta({ id: 'AdminUser' });
export type AdminUser = z.infer<typeof AdminUser>;

export const CreateUserRequest = z
  .strictObject({
    email: z.string().trim().toLowerCase().email().max(254),
    name: Text(120),
    functie: z.enum(FUNCTIES),
    organisation: Text(120),
    phone: Phone.optional(),
    temporaryPassword: NewPassword,
  })
  .meta({ id: 'CreateUserRequest' });
export type CreateUserRequest = z.infer<typeof CreateUserRequest>;

export const ResetPasswordRequest = z
  .strictObject({ temporaryPassword: NewPassword })
  .meta({ id: 'ResetPasswordRequest' });
export type ResetPasswordRequest = z.infer<typeof ResetPasswordRequest>;

export const UpdateUserRequest = z
  .strictObject({
    active: z.boolean().optional(),
    name: Text(120).optional(),
    organisation: Text(120).optional(),
    /** null clears it. */
    phone: Phone.nullable().optional(),
  })
  .refine((v) => Object.values(v).some((x) => x !== undefined), { message: 'Geef minstens één wijziging op.' })
  .meta({ id: 'UpdateUserRequest' });
export type UpdateUserRequest = z.infer<typeof UpdateUserRequest>;

/** A colleague as seen when inviting them to a case: no account details. */
export const DirectoryUser = z
  .object({ id: Id, name: z.string(), functie: z.enum(FUNCTIES), organisation: z.string() })
  .meta({ id: 'DirectoryUser' });
export type DirectoryUser = z.infer<typeof DirectoryUser>;
