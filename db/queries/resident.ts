// The household's own view: its comments (append-only), and the audit rows that answer
// "who looked at my file" (AVG art. 15).
import { and, asc, eq, inArray, isNotNull, isNull, ne } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { nowIso } from '../client';
import { auditLog, caseMembers, residentComments, users } from '../schema';

export async function insertResidentComment(db: DbOrTx, c: { caseId: string; userId: string; body: string }): Promise<{ id: number; at: string }> {
  const at = nowIso();
  const id = (await db.insert(residentComments).values({ ...c, at }).returning({ id: residentComments.id }))[0]!.id;
  return { id, at };
}

/** Oldest first: a conversation reads top to bottom. */
export async function listResidentComments(db: DbOrTx, caseId: string) {
  return db
    .select({ id: residentComments.id, body: residentComments.body, at: residentComments.at, userId: users.id, name: users.name })
    .from(residentComments)
    .innerJoin(users, eq(users.id, residentComments.userId))
    .where(eq(residentComments.caseId, caseId))
    .orderBy(asc(residentComments.id));
}

/** Audit rows of a case with these actions, by anyone but `exceptUserId`, oldest first, with who they were. */
export async function listCaseAccessRows(db: DbOrTx, caseId: string, actions: readonly string[], exceptUserId: string) {
  return db
    .select({ at: auditLog.at, action: auditLog.action, detail: auditLog.detail, userId: users.id, name: users.name, functie: users.functie, organisation: users.organisation })
    .from(auditLog)
    .innerJoin(users, eq(users.id, auditLog.actorUserId))
    .where(and(eq(auditLog.caseId, caseId), inArray(auditLog.action, [...actions]), isNotNull(auditLog.actorUserId), ne(auditLog.actorUserId, exceptUserId)))
    .orderBy(asc(auditLog.seq));
}

/** The role each person has, or last had, at this case's table (removed members included). */
export async function caseRolesOfEveryone(db: DbOrTx, caseId: string) {
  return db.select({ userId: caseMembers.userId, caseRole: caseMembers.caseRole }).from(caseMembers).where(eq(caseMembers.caseId, caseId));
}

/** The current members with how to reach them. */
export async function listContacts(db: DbOrTx, caseId: string) {
  return db
    .select({ userId: users.id, name: users.name, functie: users.functie, organisation: users.organisation, email: users.email, phone: users.phone, caseRole: caseMembers.caseRole })
    .from(caseMembers)
    .innerJoin(users, eq(users.id, caseMembers.userId))
    .where(and(eq(caseMembers.caseId, caseId), isNull(caseMembers.removedAt)))
    .orderBy(asc(caseMembers.addedAt), asc(users.name));
}
