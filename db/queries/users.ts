import { and, asc, count, eq, like, ne, or, sql } from 'drizzle-orm';
import type { AnySQLiteColumn } from 'drizzle-orm/sqlite-core';
import type { DbOrTx } from '../client';
import { newId, nowIso } from '../client';
import { users } from '../schema';
import type { Functie } from '../../shared/roles';

export type UserRow = typeof users.$inferSelect;

export async function findUserByEmail(db: DbOrTx, email: string): Promise<UserRow | undefined> {
  return (await db.select().from(users).where(eq(users.email, email.toLowerCase())))[0];
}

export async function findUserById(db: DbOrTx, id: string): Promise<UserRow | undefined> {
  return (await db.select().from(users).where(eq(users.id, id)))[0];
}

export async function listUsers(db: DbOrTx): Promise<UserRow[]> {
  return db.select().from(users).orderBy(asc(users.name));
}

export interface NewUser {
  email: string;
  name: string;
  functie: Functie;
  organisation: string;
  phone?: string | null;
  passwordHash: string;
  mustChangePassword: boolean;
  active?: boolean;
  /** Made at a first sign-in without a known functie: it waits for the administrator. */
  functiePending?: boolean;
}

export async function insertUser(db: DbOrTx, u: NewUser): Promise<UserRow> {
  const row = { id: newId(), createdAt: nowIso(), lastLoginAt: null, active: true, functiePending: false, ...u, phone: u.phone ?? null, email: u.email.toLowerCase() };
  await db.insert(users).values(row);
  return row;
}

export async function updateUser(db: DbOrTx, id: string, patch: Partial<Pick<UserRow, 'name' | 'organisation' | 'phone' | 'active' | 'passwordHash' | 'mustChangePassword' | 'lastLoginAt'>>): Promise<void> {
  await db.update(users).set(patch).where(eq(users.id, id));
}

/**
 * Active accounts that can be invited to a case, optionally filtered by name. Residents are
 * only found by their exact e-mail address: the directory must not show who is a client.
 */
export async function searchDirectory(db: DbOrTx, query: string, limit = 50): Promise<UserRow[]> {
  const q = `%${query.replace(/[%_\\]/g, (m) => `\\${m}`)}%`;
  const matches = (column: AnySQLiteColumn) => sql`${column} like ${q} escape '\\'`;
  return db
    .select()
    .from(users)
    .where(
      and(
        eq(users.active, true),
        eq(users.functiePending, false),
        ne(users.functie, 'functioneel_beheerder'),
        or(ne(users.functie, 'inwoner'), eq(users.email, query.toLowerCase())),
        query ? or(matches(users.name), matches(users.organisation), matches(users.email)) : undefined,
      ),
    )
    .orderBy(asc(users.name))
    .limit(limit);
}

export async function countUsers(db: DbOrTx): Promise<number> {
  return (await db.select({ n: count() }).from(users))[0]?.n ?? 0;
}

/** Active accounts with an e-mail address in this domain (the demo accounts warn at start). */
export async function countActiveUsersInDomain(db: DbOrTx, domain: string): Promise<number> {
  return (await db.select({ n: count() }).from(users).where(and(like(users.email, `%@${domain}`), eq(users.active, true))))[0]?.n ?? 0;
}
