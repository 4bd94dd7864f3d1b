// Resolving the articles a conclusion cites (reverse test, step 5-6). The conclusion stores the
// resolved Citation, not just the key, so the record shows what it rested on even if the
// catalogue changes: a built-in article carries CATALOGUE_VERSION, a local one is one exact,
// immutable version (`lokaal:<id>` keeps resolving to that row after a newer wording).
import type { DbOrTx } from '../../db/client';
import { findLocalArticle } from '../../db/queries/catalogue';
import { CATALOGUE_VERSION, lawByKey } from '../../shared/laws';
import { type Citation, parseCitationKey } from '../../shared/schemas';

/** The cited article, or null when the key names nothing in the catalogue. */
export async function resolveCitation(db: DbOrTx, key: string): Promise<Citation | null> {
  const parsed = parseCitationKey(key);
  if (!parsed) return null;
  if (parsed.type === 'wet') {
    const law = lawByKey(parsed.law);
    const article = law.articles.find((a) => a.ref === parsed.ref);
    if (!article) return null;
    return { key, law: law.key, ref: article.ref, title: article.title, source: law.name, kind: 'wet', body: null, validFrom: null, validUntil: null, catalogueVersion: CATALOGUE_VERSION };
  }
  const row = await findLocalArticle(db, parsed.id);
  if (!row) return null;
  return { key, law: row.law, ref: row.ref, title: row.title, source: row.source, kind: row.kind, body: row.body, validFrom: row.validFrom, validUntil: row.validUntil, catalogueVersion: null };
}
