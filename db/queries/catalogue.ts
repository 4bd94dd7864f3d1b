// The municipality's own catalogue: local articles (append-only rows, see server/catalogue/
// validity.ts for how versions relate) and which case role answers for which law.
import { asc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { newId, nowIso } from '../client';
import { lawResponsibilities, localArticles, users } from '../schema';
import { LAWS, type LawKey } from '../../shared/laws';
import type { CaseRole } from '../../shared/roles';

export type LocalArticleRow = typeof localArticles.$inferSelect;

/** Which case role answers for each law here: the municipality's setting, else the catalogue default. */
export async function lawResponsibleRoles(db: DbOrTx): Promise<Record<LawKey, CaseRole | null>> {
  const set = new Map((await db.select().from(lawResponsibilities)).map((r) => [r.law, r.caseRole]));
  return Object.fromEntries(LAWS.map((l) => [l.key, set.has(l.key) ? (set.get(l.key) ?? null) : l.responsibleRole])) as Record<LawKey, CaseRole | null>;
}

/** Sets (or clears to "nobody": null) who answers for a law. One row per law. */
export async function setLawResponsibility(db: DbOrTx, r: { law: LawKey; caseRole: CaseRole | null; updatedBy: string }): Promise<void> {
  const at = nowIso();
  await db.insert(lawResponsibilities)
    .values({ ...r, updatedAt: at })
    .onConflictDoUpdate({ target: lawResponsibilities.law, set: { caseRole: r.caseRole, updatedBy: r.updatedBy, updatedAt: at } });
}

export async function findLocalArticle(db: DbOrTx, id: string): Promise<LocalArticleRow | undefined> {
  return (await db.select().from(localArticles).where(eq(localArticles.id, id)))[0];
}

/** The version that took over from this one, if any (a row is replaced at most once). */
export async function findSuccessor(db: DbOrTx, id: string): Promise<LocalArticleRow | undefined> {
  return (await db.select().from(localArticles).where(eq(localArticles.replacesId, id)))[0];
}

export async function insertLocalArticle(db: DbOrTx, a: Omit<LocalArticleRow, 'id' | 'createdAt'>): Promise<LocalArticleRow> {
  const row = { ...a, id: newId(), createdAt: nowIso() };
  await db.insert(localArticles).values(row);
  return row;
}

/** Every version of every local article, oldest first. The table stays small (tens to hundreds of rows). */
export async function listLocalArticles(db: DbOrTx): Promise<LocalArticleRow[]> {
  return db.select().from(localArticles).orderBy(asc(localArticles.createdAt), asc(localArticles.id));
}

/** The same, with the name of who recorded each version. */
export async function listLocalArticlesWithAuthor(db: DbOrTx): Promise<(LocalArticleRow & { createdByName: string })[]> {
  return (await db
    .select({ article: localArticles, createdByName: users.name })
    .from(localArticles)
    .innerJoin(users, eq(users.id, localArticles.createdBy))
    .orderBy(asc(localArticles.createdAt), asc(localArticles.id))
    )
    .map((r) => ({ ...r.article, createdByName: r.createdByName }));
}
