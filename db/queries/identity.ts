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

export function listStoredProviders(db: DbOrTx): StoredProviderRow[] {
  return db.select().from(oidcProviders).orderBy(asc(oidcProviders.id)).all();
}

export function findStoredProvider(db: DbOrTx, id: string): StoredProviderRow | undefined {
  return db.select().from(oidcProviders).where(eq(oidcProviders.id, id)).get();
}

export function upsertStoredProvider(db: DbOrTx, row: { id: string; settings: string; clientSecretSealed: string; by: string }): void {
  const at = nowIso();
  db.insert(oidcProviders)
    .values({ id: row.id, settings: row.settings, clientSecretSealed: row.clientSecretSealed, createdAt: at, updatedAt: at, updatedBy: row.by })
    .onConflictDoUpdate({ target: oidcProviders.id, set: { settings: row.settings, clientSecretSealed: row.clientSecretSealed, updatedAt: at, updatedBy: row.by } })
    .run();
}

export function deleteStoredProvider(db: DbOrTx, id: string): void {
  db.delete(oidcProviders).where(eq(oidcProviders.id, id)).run();
}

// ---------------------------------------------------------------- group → functie

export function listGroupFuncties(db: DbOrTx, providerId?: string): GroupFunctieRow[] {
  return db
    .select()
    .from(oidcGroupFuncties)
    .where(providerId ? eq(oidcGroupFuncties.providerId, providerId) : undefined)
    .orderBy(asc(oidcGroupFuncties.providerId), asc(oidcGroupFuncties.groupName))
    .all();
}

export function setGroupFunctie(db: DbOrTx, row: { providerId: string; group: string; functie: Functie; by: string }): void {
  const at = nowIso();
  db.insert(oidcGroupFuncties)
    .values({ providerId: row.providerId, groupName: row.group, functie: row.functie, setAt: at, setBy: row.by })
    .onConflictDoUpdate({ target: [oidcGroupFuncties.providerId, oidcGroupFuncties.groupName], set: { functie: row.functie, setAt: at, setBy: row.by } })
    .run();
}

export function deleteGroupFunctie(db: DbOrTx, providerId: string, group: string): boolean {
  return db.delete(oidcGroupFuncties).where(and(eq(oidcGroupFuncties.providerId, providerId), eq(oidcGroupFuncties.groupName, group))).run().changes > 0;
}

// ---------------------------------------------------------------- identities

export function findIdentity(db: DbOrTx, providerId: string, subject: string): IdentityRow | undefined {
  return db.select().from(oidcIdentities).where(and(eq(oidcIdentities.providerId, providerId), eq(oidcIdentities.subject, subject))).get();
}

export function insertIdentity(db: DbOrTx, row: { providerId: string; subject: string; userId: string; linkedBy: string | null }): void {
  db.insert(oidcIdentities).values({ ...row, linkedAt: nowIso() }).run();
}

export function identitiesOfUser(db: DbOrTx, userId: string): IdentityRow[] {
  return db.select().from(oidcIdentities).where(eq(oidcIdentities.userId, userId)).orderBy(asc(oidcIdentities.linkedAt)).all();
}

export function deleteIdentity(db: DbOrTx, providerId: string, subject: string): boolean {
  return db.delete(oidcIdentities).where(and(eq(oidcIdentities.providerId, providerId), eq(oidcIdentities.subject, subject))).run().changes > 0;
}

/** User ids that have at least one identity at a provider (for the account list). */
export function userIdsWithIdentity(db: DbOrTx): Set<string> {
  return new Set(db.selectDistinct({ userId: oidcIdentities.userId }).from(oidcIdentities).all().map((r) => r.userId));
}

// ---------------------------------------------------------------- link requests

/** Records (or refreshes) a sign-in that waits for an administrator; one open request per identity. */
export function upsertLinkRequest(
  db: DbOrTx,
  row: { providerId: string; subject: string; kind: 'email' | 'inwoner'; email: string | null; name: string | null; targetUserId: string | null },
): { id: string; created: boolean } {
  const existing = db
    .select({ id: oidcLinkRequests.id })
    .from(oidcLinkRequests)
    .where(and(eq(oidcLinkRequests.providerId, row.providerId), eq(oidcLinkRequests.subject, row.subject)))
    .get();
  const at = nowIso();
  if (existing) {
    db.update(oidcLinkRequests).set({ kind: row.kind, email: row.email, name: row.name, targetUserId: row.targetUserId, lastSeenAt: at }).where(eq(oidcLinkRequests.id, existing.id)).run();
    return { id: existing.id, created: false };
  }
  const id = newId();
  db.insert(oidcLinkRequests).values({ id, ...row, createdAt: at, lastSeenAt: at }).run();
  return { id, created: true };
}

export function listLinkRequests(db: DbOrTx) {
  return db
    .select({ request: oidcLinkRequests, target: { id: users.id, name: users.name, email: users.email } })
    .from(oidcLinkRequests)
    .leftJoin(users, eq(users.id, oidcLinkRequests.targetUserId))
    .orderBy(asc(oidcLinkRequests.createdAt))
    .all();
}

export function findLinkRequest(db: DbOrTx, id: string): LinkRequestRow | undefined {
  return db.select().from(oidcLinkRequests).where(eq(oidcLinkRequests.id, id)).get();
}

export function deleteLinkRequest(db: DbOrTx, id: string): void {
  db.delete(oidcLinkRequests).where(eq(oidcLinkRequests.id, id)).run();
}

// ---------------------------------------------------------------- the provider side of sessions

export function insertOidcSession(db: DbOrTx, row: Omit<OidcSessionRow, 'checkedAt'>): void {
  db.insert(oidcSessions).values({ ...row, checkedAt: nowIso() }).run();
}

export function findOidcSession(db: DbOrTx, sessionId: string): OidcSessionRow | undefined {
  return db.select().from(oidcSessions).where(eq(oidcSessions.sessionId, sessionId)).get();
}

/** The sessions a back-channel logout token names: by sid, by subject, or both. */
export function oidcSessionIdsFor(db: DbOrTx, providerId: string, which: { sid?: string; subject?: string }): string[] {
  if (which.sid === undefined && which.subject === undefined) return [];
  return db
    .select({ id: oidcSessions.sessionId })
    .from(oidcSessions)
    .where(
      and(
        eq(oidcSessions.providerId, providerId),
        which.sid !== undefined ? eq(oidcSessions.sid, which.sid) : undefined,
        which.subject !== undefined ? eq(oidcSessions.subject, which.subject) : undefined,
      ),
    )
    .all()
    .map((r) => r.id);
}

export function oidcSessionIdsOfProvider(db: DbOrTx, providerId: string): string[] {
  return db.select({ id: oidcSessions.sessionId }).from(oidcSessions).where(eq(oidcSessions.providerId, providerId)).all().map((r) => r.id);
}

/** Sessions with a refresh token whose account was last checked at the provider before `before`. */
export function oidcSessionsDueForCheck(db: DbOrTx, before: string, limit = 100) {
  return db
    .select({ session: oidcSessions, userId: sessions.userId })
    .from(oidcSessions)
    .innerJoin(sessions, eq(sessions.id, oidcSessions.sessionId))
    .where(and(lt(oidcSessions.checkedAt, before), sql`${oidcSessions.refreshTokenSealed} is not null`))
    .orderBy(asc(oidcSessions.checkedAt))
    .limit(limit)
    .all();
}

export function markOidcSessionChecked(db: DbOrTx, sessionId: string, refreshTokenSealed: string | null): void {
  db.update(oidcSessions).set({ checkedAt: nowIso(), refreshTokenSealed }).where(eq(oidcSessions.sessionId, sessionId)).run();
}

/** Password sessions (no provider behind them), except those of one account. */
export function passwordSessionIds(db: DbOrTx, exceptUserId: string | null): { id: string; userId: string }[] {
  return db
    .select({ id: sessions.id, userId: sessions.userId })
    .from(sessions)
    .where(
      and(
        notExists(db.select({ one: sql`1` }).from(oidcSessions).where(eq(oidcSessions.sessionId, sessions.id))),
        exceptUserId ? sql`${sessions.userId} <> ${exceptUserId}` : undefined,
      ),
    )
    .all();
}

export function deleteSessionsById(db: DbOrTx, ids: string[]): void {
  if (ids.length > 0) db.delete(sessions).where(inArray(sessions.id, ids)).run();
}

export function sessionIdsOfUser(db: DbOrTx, userId: string): string[] {
  return db.select({ id: sessions.id }).from(sessions).where(eq(sessions.userId, userId)).all().map((r) => r.id);
}

// ---------------------------------------------------------------- accounts made at first sign-in

export function usersWithFunctiePending(db: DbOrTx): string[] {
  return db.select({ id: users.id }).from(users).where(eq(users.functiePending, true)).all().map((r) => r.id);
}

export function setUserFunctie(db: DbOrTx, userId: string, functie: Functie): void {
  db.update(users).set({ functie, functiePending: false }).where(eq(users.id, userId)).run();
}

// ---------------------------------------------------------------- password login switch

export function readAuthSettings(db: DbOrTx) {
  return db.select().from(authSettings).where(eq(authSettings.id, 1)).get() ?? null;
}

export function writeAuthSettings(db: DbOrTx, s: { passwordLogin: PasswordLoginMode; breakGlassUserId: string | null; by: string }): void {
  const at = nowIso();
  db.insert(authSettings)
    .values({ id: 1, passwordLogin: s.passwordLogin, breakGlassUserId: s.breakGlassUserId, updatedAt: at, updatedBy: s.by })
    .onConflictDoUpdate({ target: authSettings.id, set: { passwordLogin: s.passwordLogin, breakGlassUserId: s.breakGlassUserId, updatedAt: at, updatedBy: s.by } })
    .run();
}

