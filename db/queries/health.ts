import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { rawGet } from '../raw';

/** Throws when the database cannot answer. */
export async function pingDatabase(db: DbOrTx): Promise<void> {
  await rawGet(db, sql`select 1`);
}
