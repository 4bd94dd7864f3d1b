// Intervision sessions, their participants, and the success-story library. None of these rows
// points at a case: the link from a session to its source case exists only in the audit trail.
import { and, asc, count, desc, eq, inArray, isNull, notInArray, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { newId, nowIso } from '../client';
import { caseMembers, intervisionParticipants, intervisionSessions, storyDrafts, successStories, users } from '../schema';
import type { Functie } from '../../shared/roles';

export type IntervisionSessionRow = typeof intervisionSessions.$inferSelect;
export type IntervisionRole = 'begeleider' | 'deelnemer';
export type SuccessStoryRow = typeof successStories.$inferSelect;
export type StoryDraftRow = typeof storyDrafts.$inferSelect;

/** A new session, not yet released, with its creator as begeleider. */
export async function insertSession(db: DbOrTx, s: { title: string; content: string; review: string; known: string; createdBy: string }): Promise<IntervisionSessionRow> {
  const at = nowIso();
  const row: IntervisionSessionRow = { id: newId(), title: s.title, content: s.content, createdBy: s.createdBy, createdAt: at, closedAt: null, releasedAt: null, releasedBy: null, review: s.review, known: s.known };
  await db.insert(intervisionSessions).values(row);
  await db.insert(intervisionParticipants).values({ sessionId: row.id, userId: s.createdBy, role: 'begeleider', addedBy: s.createdBy, addedAt: at });
  return row;
}

export async function findSession(db: DbOrTx, id: string): Promise<IntervisionSessionRow | undefined> {
  return (await db.select().from(intervisionSessions).where(eq(intervisionSessions.id, id)))[0];
}

export async function findParticipantRole(db: DbOrTx, sessionId: string, userId: string): Promise<IntervisionRole | null> {
  const row = (await db
    .select({ role: intervisionParticipants.role })
    .from(intervisionParticipants)
    .where(and(eq(intervisionParticipants.sessionId, sessionId), eq(intervisionParticipants.userId, userId))))[0];
  return row?.role ?? null;
}

export async function listParticipants(db: DbOrTx, sessionId: string) {
  return db
    .select({ id: users.id, name: users.name, functie: users.functie, active: users.active, role: intervisionParticipants.role })
    .from(intervisionParticipants)
    .innerJoin(users, eq(users.id, intervisionParticipants.userId))
    .where(eq(intervisionParticipants.sessionId, sessionId))
    .orderBy(sql`${intervisionParticipants.role} = 'begeleider' desc`, asc(users.name));
}

export async function addParticipant(db: DbOrTx, p: { sessionId: string; userId: string; addedBy: string }): Promise<void> {
  await db.insert(intervisionParticipants).values({ ...p, role: 'deelnemer', addedAt: nowIso() });
}

/** The copy under review: its texts as they stand now, the review, and the title. */
export async function updateReview(db: DbOrTx, id: string, s: { title: string; content: string; review: string }): Promise<void> {
  await db.update(intervisionSessions).set(s).where(and(eq(intervisionSessions.id, id), isNull(intervisionSessions.releasedAt)));
}

/** The release: the reviewed copy stays, the review (with the flagged tokens it held) goes. */
export async function releaseSession(db: DbOrTx, id: string, s: { title: string; content: string; releasedBy: string }): Promise<string> {
  const at = nowIso();
  await db.update(intervisionSessions)
    .set({ ...s, releasedAt: at, review: null })
    .where(and(eq(intervisionSessions.id, id), isNull(intervisionSessions.releasedAt)));
  return at;
}

/** The sessions someone takes part in, open ones first, newest first; a deelnemer sees a session only once it is released. */
export async function listSessionsOfUser(db: DbOrTx, userId: string) {
  const mine = await db
    .select({ session: intervisionSessions, myRole: intervisionParticipants.role })
    .from(intervisionParticipants)
    .innerJoin(intervisionSessions, eq(intervisionSessions.id, intervisionParticipants.sessionId))
    .where(and(eq(intervisionParticipants.userId, userId), or(eq(intervisionParticipants.role, 'begeleider'), sql`${intervisionSessions.releasedAt} is not null`)))
    .orderBy(sql`${intervisionSessions.closedAt} is null desc`, desc(intervisionSessions.createdAt));
  const ids = mine.map((m) => m.session.id);
  const counts = ids.length
    ? (await db
        .select({ sessionId: intervisionParticipants.sessionId, n: count() })
        .from(intervisionParticipants)
        .where(inArray(intervisionParticipants.sessionId, ids))
        .groupBy(intervisionParticipants.sessionId)
        )
    : [];
  const byId = new Map(counts.map((c) => [c.sessionId, c.n]));
  return mine.map((m) => ({ ...m, participants: byId.get(m.session.id) ?? 0 }));
}

export async function closeSession(db: DbOrTx, id: string): Promise<string> {
  const at = nowIso();
  await db.update(intervisionSessions).set({ closedAt: at }).where(and(eq(intervisionSessions.id, id), isNull(intervisionSessions.closedAt)));
  return at;
}

/**
 * Colleagues who may be added: active accounts with one of these functies, not yet in the
 * session, matching the query on name, organisation or e-mail address.
 */
export async function searchCandidates(db: DbOrTx, sessionId: string, functies: readonly Functie[], query: string, limit = 25) {
  const q = `%${query.replace(/[%_\\]/g, (m) => `\\${m}`)}%`;
  const taken = db.select({ id: intervisionParticipants.userId }).from(intervisionParticipants).where(eq(intervisionParticipants.sessionId, sessionId));
  return db
    .select({ id: users.id, name: users.name, functie: users.functie, organisation: users.organisation })
    .from(users)
    .where(
      and(
        eq(users.active, true),
        inArray(users.functie, [...functies]),
        notInArray(users.id, taken),
        query ? or(sql`${users.name} like ${q} escape '\\'`, sql`${users.organisation} like ${q} escape '\\'`, sql`${users.email} like ${q} escape '\\'`) : undefined,
      ),
    )
    .orderBy(asc(users.name))
    .limit(limit);
}

// ---------------------------------------------------------------- success stories

export async function insertStory(db: DbOrTx, s: Omit<SuccessStoryRow, 'id' | 'publishedAt'>): Promise<SuccessStoryRow> {
  const row: SuccessStoryRow = { ...s, id: newId(), publishedAt: nowIso() };
  await db.insert(successStories).values(row);
  return row;
}

export async function listStories(db: DbOrTx, filter: { kind?: 'succesverhaal' | 'les' } = {}): Promise<SuccessStoryRow[]> {
  return db
    .select()
    .from(successStories)
    .where(filter.kind ? eq(successStories.kind, filter.kind) : undefined)
    .orderBy(desc(successStories.publishedAt), desc(successStories.id));
}

// ---------------------------------------------------------------- stories under review

export async function insertStoryDraft(db: DbOrTx, d: Omit<StoryDraftRow, 'id' | 'createdAt'>): Promise<StoryDraftRow> {
  const row: StoryDraftRow = { ...d, id: newId(), createdAt: nowIso() };
  await db.insert(storyDrafts).values(row);
  return row;
}

export async function findStoryDraft(db: DbOrTx, id: string): Promise<StoryDraftRow | undefined> {
  return (await db.select().from(storyDrafts).where(eq(storyDrafts.id, id)))[0];
}

export async function listStoryDraftsOf(db: DbOrTx, sessionId: string, userId: string): Promise<StoryDraftRow[]> {
  return db
    .select()
    .from(storyDrafts)
    .where(and(eq(storyDrafts.sessionId, sessionId), eq(storyDrafts.createdBy, userId)))
    .orderBy(asc(storyDrafts.createdAt));
}

export async function updateStoryDraft(db: DbOrTx, id: string, review: string): Promise<void> {
  await db.update(storyDrafts).set({ review }).where(eq(storyDrafts.id, id));
}

export async function deleteStoryDraft(db: DbOrTx, id: string): Promise<void> {
  await db.delete(storyDrafts).where(eq(storyDrafts.id, id));
}

// ---------------------------------------------------------------- reading a case for its copy

/** Everyone who ever sat at a case's table (removed members too: their names may be in the texts). */
export async function listEveryMemberOfCase(db: DbOrTx, caseId: string) {
  return db
    .select({ userId: users.id, name: users.name, functie: users.functie, email: users.email, phone: users.phone, organisation: users.organisation, caseRole: caseMembers.caseRole, removedAt: caseMembers.removedAt })
    .from(caseMembers)
    .innerJoin(users, eq(users.id, caseMembers.userId))
    .where(eq(caseMembers.caseId, caseId))
    .orderBy(asc(caseMembers.addedAt));
}
