// drizzle-kit for the PostgreSQL schema: `npx drizzle-kit generate --config drizzle.pg.config.ts`
// (npm run db:generate:pg). SQLite keeps drizzle.config.ts and db/migrations.
import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  schema: './db/schema/pg.ts',
  out: './db/migrations-pg',
});
