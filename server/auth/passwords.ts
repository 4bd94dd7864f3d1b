import { hash, verify } from '@node-rs/argon2';

// argon2id with the OWASP baseline (19 MiB, 2 passes, 1 lane): about 20-40 ms per check here.
const ARGON2ID = 2;
const OPTIONS = { algorithm: ARGON2ID, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

// Checked against when the account does not exist, so that a wrong e-mail address costs
// as much time as a wrong password and does not reveal which accounts exist.
let dummyHash: Promise<string> | undefined;
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword('casustafel-no-such-account');
  return dummyHash;
}

/**
 * The password hash of an account made at a first sign-in through an identity provider: no
 * password matches it (it is not an argon2 hash), until an administrator sets a temporary one.
 */
export const NO_PASSWORD = '!geen-wachtwoord: inloggen via een identiteitsprovider';
