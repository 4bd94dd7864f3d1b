import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../client';

/** Throws when the database cannot answer. */
export function pingDatabase(db: DbOrTx): void {
  db.get(sql`select 1`);
}
