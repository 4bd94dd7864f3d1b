// Signing in with a password, and changing one's own password. Kept for small installations,
// the demo and the break-glass administrator (server/auth/oidc/ for the identity providers).
import { appendAudit, recordAudit } from '../../db/queries/audit';
import { nowIso } from '../../db/client';
import { deleteSessionsOfUser } from '../../db/queries/sessions';
import { findUserByEmail, updateUser, type UserRow } from '../../db/queries/users';
import type { Actor, Services } from '../context';
import { commit } from '../domain/commit';
import { ApiError, Errors } from '../http/errors';
import { dummyPasswordHash, hashPassword, verifyPassword } from './passwords';

/** Checks the password (throttled per account and address) and opens a new session. */
export async function passwordLogin(services: Services, attempt: { email: string; password: string; ip: string; previousSessionId: string | null }): Promise<{ user: UserRow; token: string }> {
  const { db, loginLimiter, sessions } = services;
  const { email, password, ip } = attempt;
  const wait = loginLimiter.retryAfter(email, ip);
  if (wait > 0) {
    if (loginLimiter.noteBlocked(email, ip)) await recordAudit(db, { action: 'auth.login_failed', actorLabel: email, ip, detail: { reason: 'rate_limited' } });
    throw Errors.rateLimited(wait);
  }
  const user = await findUserByEmail(db, email);
  // Switched off by the administrator: only the break-glass account still signs in with a password.
  if (!await services.oidc.passwordLoginAllowed(user)) {
    await recordAudit(db, { action: 'auth.login_failed', actorUserId: user?.id ?? null, actorLabel: email, ip, detail: { method: 'password', reason: 'password_login_off' } });
    throw new ApiError(403, 'WACHTWOORD_UIT', 'Inloggen met een wachtwoord staat uit. Gebruik de knop van uw organisatie (of DigiD als u inwoner bent).');
  }
  // A wrong e-mail address costs the same time as a wrong password.
  const ok = user?.active ? await verifyPassword(user.passwordHash, password) : await verifyPassword(await dummyPasswordHash(), password).then(() => false);
  if (!user || !ok) {
    loginLimiter.recordFailure(email, ip);
    const reason = !user ? 'unknown_account' : user.active ? 'wrong_password' : 'inactive_account';
    await recordAudit(db, { action: 'auth.login_failed', actorUserId: user?.id ?? null, actorLabel: email, ip, detail: { reason } });
    throw new ApiError(401, 'ONJUISTE_INLOG', 'Het e-mailadres of wachtwoord klopt niet.');
  }
  loginLimiter.recordSuccess(email, ip);
  // A new session on every login, so a token planted before login is worthless.
  if (attempt.previousSessionId) await sessions.destroy(attempt.previousSessionId);
  const token = await sessions.create(user.id, ip);
  await commit(services, null, async ({ tx }) => {
    await updateUser(tx, user.id, { lastLoginAt: nowIso() });
    await appendAudit(tx, { action: 'auth.login', actorUserId: user.id, ip, detail: { method: 'password' } });
  });
  return { user, token };
}

/** A new password ends every session of the account (another browser, a forgotten computer) and opens a new one here. */
export async function changeOwnPassword(services: Services, actor: Actor, currentPassword: string, newPassword: string): Promise<string> {
  const { user } = actor;
  if (!(await verifyPassword(user.passwordHash, currentPassword))) throw Errors.unprocessable('ONJUIST_WACHTWOORD', 'Het huidige wachtwoord klopt niet.');
  if (currentPassword === newPassword) throw Errors.unprocessable('ZELFDE_WACHTWOORD', 'Kies een ander wachtwoord dan het huidige.');
  const passwordHash = await hashPassword(newPassword);
  await commit(services, actor, async ({ tx, audit, emit }) => {
    await updateUser(tx, user.id, { passwordHash, mustChangePassword: false });
    await deleteSessionsOfUser(tx, user.id);
    await audit({ action: 'auth.password_changed' });
    emit({ type: 'sessions.ended', sessionIds: [], userId: user.id });
  });
  return await services.sessions.create(user.id, actor.ip);
}
