// Sign-in through identity providers: providers kept by the administrator, the group → functie
// table, identities (provider + subject → account), link requests awaiting an administrator,
// the provider side of sessions, and the password-login switch.
import { and, asc, eq, inArray, lt, notExists, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { newId, nowIso } from '../client';
import { authSettings, oidcGroupFuncties, oidcIdentities, oidcLinkRequests, oidcProviders, oidcSessions, sessions, users } from '../schema';
import type { Functie } from '../../shared/roles';
import type { PasswordLoginMode } from '../../shared/schemas/oidc';

export type StoredProviderRow = typeof oidcProviders.$inferSelect;
export type GroupFunctieRow = typeof oidcGroupFuncties.$inferSelect;
export type IdentityRow = typeof oidcIdentities.$inferSelect;
export type LinkRequestRow = typeof oidcLinkRequests.$inferSelect;
export type OidcSessionRow = typeof oidcSessions.$inferSelect;

// ---------------------------------------------------------------- providers kept by the administrator

export async function listStoredProviders(db: DbOrTx): Promise<StoredProviderRow[]> {
  return db.select().from(oidcProviders).orderBy(asc(oidcProviders.id));
}

export async function findStoredProvider(db: DbOrTx, id: string): Promise<StoredProviderRow | undefined> {
  return (await db.select().from(oidcProviders).where(eq(oidcProviders.id, id)))[0];
}

export async function upsertStoredProvider(db: DbOrTx, row: { id: string; settings: string; clientSecretSealed: string; by: string }): Promise<void> {
  const at = nowIso();
  await db.insert(oidcProviders)
    .values({ id: row.id, settings: row.settings, clientSecretSealed: row.clientSecretSealed, createdAt: at, updatedAt: at, updatedBy: row.by })
    .onConflictDoUpdate({ target: oidcProviders.id, set: { settings: row.settings, clientSecretSealed: row.clientSecretSealed, updatedAt: at, updatedBy: row.by } });
}

export async function deleteStoredProvider(db: DbOrTx, id: string): Promise<void> {
  await db.delete(oidcProviders).where(eq(oidcProviders.id, id));
}

// ---------------------------------------------------------------- group → functie

export async function listGroupFuncties(db: DbOrTx, providerId?: string): Promise<GroupFunctieRow[]> {
  return db
    .select()
    .from(oidcGroupFuncties)
    .where(providerId ? eq(oidcGroupFuncties.providerId, providerId) : undefined)
    .orderBy(asc(oidcGroupFuncties.providerId), asc(oidcGroupFuncties.groupName));
}

export async function setGroupFunctie(db: DbOrTx, row: { providerId: string; group: string; functie: Functie; by: string }): Promise<void> {
  const at = nowIso();
  await db.insert(oidcGroupFuncties)
    .values({ providerId: row.providerId, groupName: row.group, functie: row.functie, setAt: at, setBy: row.by })
    .onConflictDoUpdate({ target: [oidcGroupFuncties.providerId, oidcGroupFuncties.groupName], set: { functie: row.functie, setAt: at, setBy: row.by } });
}

export async function deleteGroupFunctie(db: DbOrTx, providerId: string, group: string): Promise<boolean> {
  return (await db.delete(oidcGroupFuncties).where(and(eq(oidcGroupFuncties.providerId, providerId), eq(oidcGroupFuncties.groupName, group))).returning()).length > 0;
}

// ---------------------------------------------------------------- identities

export async function findIdentity(db: DbOrTx, providerId: string, subject: string): Promise<IdentityRow | undefined> {
  return (await db.select().from(oidcIdentities).where(and(eq(oidcIdentities.providerId, providerId), eq(oidcIdentities.subject, subject))))[0];
}

export async function insertIdentity(db: DbOrTx, row: { providerId: string; subject: string; userId: string; linkedBy: string | null }): Promise<void> {
  await db.insert(oidcIdentities).values({ ...row, linkedAt: nowIso() });
}

export async function identitiesOfUser(db: DbOrTx, userId: string): Promise<IdentityRow[]> {
  return db.select().from(oidcIdentities).where(eq(oidcIdentities.userId, userId)).orderBy(asc(oidcIdentities.linkedAt));
}

export async function deleteIdentity(db: DbOrTx, providerId: string, subject: string): Promise<boolean> {
  return (await db.delete(oidcIdentities).where(and(eq(oidcIdentities.providerId, providerId), eq(oidcIdentities.subject, subject))).returning()).length > 0;
}

/** User ids that have at least one identity at a provider (for the account list). */
export async function userIdsWithIdentity(db: DbOrTx): Promise<Set<string>> {
  return new Set((await db.selectDistinct({ userId: oidcIdentities.userId }).from(oidcIdentities)).map((r) => r.userId));
}

// ---------------------------------------------------------------- link requests

/** Records (or refreshes) a sign-in that waits for an administrator; one open request per identity. */
export async function upsertLinkRequest(
  db: DbOrTx,
  row: { providerId: string; subject: string; kind: 'email' | 'inwoner'; email: string | null; name: string | null; targetUserId: string | null },
): Promise<{ id: string; created: boolean }> {
  const existing = (await db
    .select({ id: oidcLinkRequests.id })
    .from(oidcLinkRequests)
    .where(and(eq(oidcLinkRequests.providerId, row.providerId), eq(oidcLinkRequests.subject, row.subject))))[0];
  const at = nowIso();
  if (existing) {
    await db.update(oidcLinkRequests).set({ kind: row.kind, email: row.email, name: row.name, targetUserId: row.targetUserId, lastSeenAt: at }).where(eq(oidcLinkRequests.id, existing.id));
    return { id: existing.id, created: false };
  }
  const id = newId();
  await db.insert(oidcLinkRequests).values({ id, ...row, createdAt: at, lastSeenAt: at });
  return { id, created: true };
}

export async function listLinkRequests(db: DbOrTx) {
  return db
    .select({ request: oidcLinkRequests, target: { id: users.id, name: users.name, email: users.email } })
    .from(oidcLinkRequests)
    .leftJoin(users, eq(users.id, oidcLinkRequests.targetUserId))
    .orderBy(asc(oidcLinkRequests.createdAt));
}

export async function findLinkRequest(db: DbOrTx, id: string): Promise<LinkRequestRow | undefined> {
  return (await db.select().from(oidcLinkRequests).where(eq(oidcLinkRequests.id, id)))[0];
}

export async function deleteLinkRequest(db: DbOrTx, id: string): Promise<void> {
  await db.delete(oidcLinkRequests).where(eq(oidcLinkRequests.id, id));
}

// ---------------------------------------------------------------- the provider side of sessions

export async function insertOidcSession(db: DbOrTx, row: Omit<OidcSessionRow, 'checkedAt'>): Promise<void> {
  await db.insert(oidcSessions).values({ ...row, checkedAt: nowIso() });
}

export async function findOidcSession(db: DbOrTx, sessionId: string): Promise<OidcSessionRow | undefined> {
  return (await db.select().from(oidcSessions).where(eq(oidcSessions.sessionId, sessionId)))[0];
}

/** The sessions a back-channel logout token names: by sid, by subject, or both. */
export async function oidcSessionIdsFor(db: DbOrTx, providerId: string, which: { sid?: string; subject?: string }): Promise<string[]> {
  if (which.sid === undefined && which.subject === undefined) return [];
  return (await db
    .select({ id: oidcSessions.sessionId })
    .from(oidcSessions)
    .where(
      and(
        eq(oidcSessions.providerId, providerId),
        which.sid !== undefined ? eq(oidcSessions.sid, which.sid) : undefined,
        which.subject !== undefined ? eq(oidcSessions.subject, which.subject) : undefined,
      ),
    )
    )
    .map((r) => r.id);
}

export async function oidcSessionIdsOfProvider(db: DbOrTx, providerId: string): Promise<string[]> {
  return (await db.select({ id: oidcSessions.sessionId }).from(oidcSessions).where(eq(oidcSessions.providerId, providerId))).map((r) => r.id);
}

/** Sessions with a refresh token whose account was last checked at the provider before `before`. */
export async function oidcSessionsDueForCheck(db: DbOrTx, before: string, limit = 100) {
  return db
    .select({ session: oidcSessions, userId: sessions.userId })
    .from(oidcSessions)
    .innerJoin(sessions, eq(sessions.id, oidcSessions.sessionId))
    .where(and(lt(oidcSessions.checkedAt, before), sql`${oidcSessions.refreshTokenSealed} is not null`))
    .orderBy(asc(oidcSessions.checkedAt))
    .limit(limit);
}

export async function markOidcSessionChecked(db: DbOrTx, sessionId: string, refreshTokenSealed: string | null): Promise<void> {
  await db.update(oidcSessions).set({ checkedAt: nowIso(), refreshTokenSealed }).where(eq(oidcSessions.sessionId, sessionId));
}

/** Password sessions (no provider behind them), except those of one account. */
export async function passwordSessionIds(db: DbOrTx, exceptUserId: string | null): Promise<{ id: string; userId: string }[]> {
  return db
    .select({ id: sessions.id, userId: sessions.userId })
    .from(sessions)
    .where(
      and(
        notExists(db.select({ one: sql`1` }).from(oidcSessions).where(eq(oidcSessions.sessionId, sessions.id))),
        exceptUserId ? sql`${sessions.userId} <> ${exceptUserId}` : undefined,
      ),
    );
}

export async function deleteSessionsById(db: DbOrTx, ids: string[]): Promise<void> {
  if (ids.length > 0) (await db.delete(sessions).where(inArray(sessions.id, ids)));
}

export async function sessionIdsOfUser(db: DbOrTx, userId: string): Promise<string[]> {
  return (await db.select({ id: sessions.id }).from(sessions).where(eq(sessions.userId, userId))).map((r) => r.id);
}

// ---------------------------------------------------------------- accounts made at first sign-in

export async function usersWithFunctiePending(db: DbOrTx): Promise<string[]> {
  return (await db.select({ id: users.id }).from(users).where(eq(users.functiePending, true))).map((r) => r.id);
}

export async function setUserFunctie(db: DbOrTx, userId: string, functie: Functie): Promise<void> {
  await db.update(users).set({ functie, functiePending: false }).where(eq(users.id, userId));
}

// ---------------------------------------------------------------- password login switch

export async function readAuthSettings(db: DbOrTx) {
  return (await db.select().from(authSettings).where(eq(authSettings.id, 1)))[0] ?? null;
}

export async function writeAuthSettings(db: DbOrTx, s: { passwordLogin: PasswordLoginMode; breakGlassUserId: string | null; by: string }): Promise<void> {
  const at = nowIso();
  await db.insert(authSettings)
    .values({ id: 1, passwordLogin: s.passwordLogin, breakGlassUserId: s.breakGlassUserId, updatedAt: at, updatedBy: s.by })
    .onConflictDoUpdate({ target: authSettings.id, set: { passwordLogin: s.passwordLogin, breakGlassUserId: s.breakGlassUserId, updatedAt: at, updatedBy: s.by } });
}

