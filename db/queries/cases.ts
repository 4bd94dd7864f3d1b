import { aliasedTable, and, asc, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { newId, nowIso } from '../client';
import { caseMembers, cases, caseStatusChanges, users, onSchemaBound } from '../schema';
import type { AccessLevel, CaseRole, CaseStatus } from '../../shared/roles';

export type CaseRow = typeof cases.$inferSelect;

let regisseur = aliasedTable(users, 'regisseur');
onSchemaBound(() => (regisseur = aliasedTable(users, 'regisseur')));

const activeMemberCount = sql<number>`(select count(*) from ${caseMembers} m2 where m2.case_id = ${cases.id} and m2.removed_at is null)`;

/** The werkbak: every case the user is a current member of, open cases first, most recent first. */
export async function listCasesForUser(db: DbOrTx, userId: string) {
  return db
    .select({
      id: cases.id,
      title: cases.title,
      status: cases.status,
      lastActivityAt: cases.lastActivityAt,
      regisseurId: regisseur.id,
      regisseurName: regisseur.name,
      myRole: caseMembers.caseRole,
      myAccess: caseMembers.access,
      memberCount: activeMemberCount,
    })
    .from(caseMembers)
    .innerJoin(cases, eq(cases.id, caseMembers.caseId))
    .leftJoin(regisseur, eq(regisseur.id, cases.regisseurUserId))
    .where(and(eq(caseMembers.userId, userId), isNull(caseMembers.removedAt)))
    .orderBy(sql`${cases.status} = 'open' desc`, desc(cases.lastActivityAt));
}

export async function findCase(db: DbOrTx, id: string): Promise<CaseRow | undefined> {
  return (await db.select().from(cases).where(eq(cases.id, id)))[0];
}

export async function findActiveMembership(db: DbOrTx, caseId: string, userId: string) {
  return (await db
    .select({ caseRole: caseMembers.caseRole, access: caseMembers.access })
    .from(caseMembers)
    .where(and(eq(caseMembers.caseId, caseId), eq(caseMembers.userId, userId), isNull(caseMembers.removedAt))))[0];
}

export async function listActiveMembers(db: DbOrTx, caseId: string) {
  return db
    .select({
      userId: users.id,
      name: users.name,
      functie: users.functie,
      organisation: users.organisation,
      phone: users.phone,
      caseRole: caseMembers.caseRole,
      access: caseMembers.access,
      addedAt: caseMembers.addedAt,
    })
    .from(caseMembers)
    .innerJoin(users, eq(users.id, caseMembers.userId))
    .where(and(eq(caseMembers.caseId, caseId), isNull(caseMembers.removedAt)))
    .orderBy(asc(caseMembers.addedAt), asc(users.name));
}

export async function listStatusHistory(db: DbOrTx, caseId: string) {
  return db
    .select({
      status: caseStatusChanges.status,
      at: caseStatusChanges.at,
      byId: users.id,
      byName: users.name,
      note: caseStatusChanges.note,
    })
    .from(caseStatusChanges)
    .innerJoin(users, eq(users.id, caseStatusChanges.byUserId))
    .where(eq(caseStatusChanges.caseId, caseId))
    .orderBy(asc(caseStatusChanges.id));
}

export async function insertCase(db: DbOrTx, c: { title: string; summary: string; createdBy: string; at?: string; cluster?: CaseRow['cluster'] }): Promise<CaseRow> {
  const at = c.at ?? nowIso();
  const row: CaseRow = {
    id: newId(),
    title: c.title,
    summary: c.summary,
    status: 'open',
    regisseurUserId: null,
    createdBy: c.createdBy,
    createdAt: at,
    lastActivityAt: at,
    closedAt: null,
    borgingsafspraken: null,
    cluster: c.cluster ?? null,
  };
  await db.insert(cases).values(row);
  await db.insert(caseStatusChanges).values({ caseId: row.id, status: 'open', at, byUserId: c.createdBy, note: 'Casus aangemaakt' });
  return row;
}

/** Adds a member, or brings back someone who was removed earlier (their old row is reused). */
export async function putMember(db: DbOrTx, m: { caseId: string; userId: string; caseRole: CaseRole; access: AccessLevel; addedBy: string; at?: string }): Promise<void> {
  const at = m.at ?? nowIso();
  await db.insert(caseMembers)
    .values({ ...m, addedAt: at, removedAt: null })
    .onConflictDoUpdate({
      target: [caseMembers.caseId, caseMembers.userId],
      set: { caseRole: m.caseRole, access: m.access, addedAt: at, addedBy: m.addedBy, removedAt: null },
    });
}

export async function updateMember(db: DbOrTx, caseId: string, userId: string, patch: { caseRole?: CaseRole; access?: AccessLevel }): Promise<void> {
  await db.update(caseMembers).set(patch).where(and(eq(caseMembers.caseId, caseId), eq(caseMembers.userId, userId)));
}

export async function removeMember(db: DbOrTx, caseId: string, userId: string, at = nowIso()): Promise<void> {
  await db.update(caseMembers).set({ removedAt: at }).where(and(eq(caseMembers.caseId, caseId), eq(caseMembers.userId, userId)));
}

export async function setRegisseur(db: DbOrTx, caseId: string, userId: string | null): Promise<void> {
  await db.update(cases).set({ regisseurUserId: userId }).where(eq(cases.id, caseId));
}

export async function touchCase(db: DbOrTx, caseId: string, at = nowIso()): Promise<void> {
  await db.update(cases).set({ lastActivityAt: at }).where(eq(cases.id, caseId));
}

export async function changeStatus(
  db: DbOrTx,
  c: { caseId: string; status: CaseStatus; byUserId: string; note: string; borgingsafspraken?: string; at?: string },
): Promise<void> {
  const at = c.at ?? nowIso();
  const closing = c.status === 'gesloten';
  await db.update(cases)
    .set({
      status: c.status,
      closedAt: closing ? at : null,
      // Borgingsafspraken stay on the case after reopening: they are part of its history.
      ...(closing ? { borgingsafspraken: c.borgingsafspraken ?? null } : {}),
      lastActivityAt: at,
    })
    .where(eq(cases.id, c.caseId));
  await db.insert(caseStatusChanges).values({ caseId: c.caseId, status: c.status, at, byUserId: c.byUserId, note: c.note });
}

/** Members who can run a case: a procesregisseur or casusregisseur with edit rights. */
export async function countLeadsWithEdit(db: DbOrTx, caseId: string): Promise<number> {
  return (await db
    .select({ userId: caseMembers.userId })
    .from(caseMembers)
    .where(and(eq(caseMembers.caseId, caseId), isNull(caseMembers.removedAt), eq(caseMembers.access, 'edit'), inArray(caseMembers.caseRole, ['procesregisseur', 'casusregisseur'])))
    ).length;
}
