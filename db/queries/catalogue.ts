import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { lawResponsibilities, localArticles } from '../schema';
import { LAWS, type LawKey } from '../../shared/laws';
import type { CaseRole } from '../../shared/roles';

export type LocalArticleRow = typeof localArticles.$inferSelect;

/** Which case role answers for each law here: the municipality's setting, else the catalogue default. */
export function lawResponsibleRoles(db: DbOrTx): Record<LawKey, CaseRole | null> {
  const set = new Map(db.select().from(lawResponsibilities).all().map((r) => [r.law, r.caseRole]));
  return Object.fromEntries(LAWS.map((l) => [l.key, set.has(l.key) ? (set.get(l.key) ?? null) : l.responsibleRole])) as Record<LawKey, CaseRole | null>;
}

export function findLocalArticle(db: DbOrTx, id: string): LocalArticleRow | undefined {
  return db.select().from(localArticles).where(eq(localArticles.id, id)).get();
}
