-- The application's database role on PostgreSQL: what the server may do, and what it may not.
--
-- Two roles:
-- - the OWNER runs the migrations (`npm run db:migrate`) and owns every table, sequence and
--   function they make; nobody runs the server as the owner;
-- - the APPLICATION role is what DATABASE_URL of the server names. It owns nothing. It gets
--   SELECT and INSERT on every table, UPDATE and DELETE only on the tables that are not
--   append-only, and USAGE on the sequences. The append-only tables (the audit log, adopted
--   plan versions, deviations and their decisions, signed verdicts, conclusions, local
--   articles, stuck flags, lead events, breakthrough versions/events/outcomes, timer events,
--   meeting decisions, residents' comments, status changes) cannot be changed or emptied by
--   the application at all: no UPDATE, DELETE or TRUNCATE privilege. Conferences and their
--   attendance may be updated (until the close) but not deleted. On top of that the triggers
--   of 0001_append_only.sql refuse those changes to every role, the owner included.
--
-- Which table gets what is not listed here: casustafel_grant_app_role() (migration
-- 0002_app_role_grants.sql) reads it from the refusal triggers, so it cannot drift from them.
--
-- Run as the owner (or a superuser), once after creating the role and again after every
-- migration that adds a table (it revokes first, so running it again is safe):
--
--   psql "$OWNER_DATABASE_URL" -v app_role=casustafel_app -f db/postgres-grants.sql
--
-- The same from code: grantAppRole(ownerPool, 'casustafel_app') in db/engines/postgres.ts.
--
-- Create the application role first, as a role with CREATEROLE (once per server):
--
--   CREATE ROLE casustafel_app LOGIN PASSWORD '…';
--
-- and do not give it membership of the owner role, CREATE on the database, or ownership of
-- anything. On PostgreSQL 14 and older, also take CREATE on schema public away from everyone
-- (15 and newer do that already), or the application role could make tables of its own:
--
--   REVOKE CREATE ON SCHEMA public FROM PUBLIC;
\set ON_ERROR_STOP on
\if :{?app_role}
\else
  \echo 'Geef de rol mee: psql … -v app_role=casustafel_app -f db/postgres-grants.sql'
  SELECT 1 / 0 AS app_role_ontbreekt;
\endif
SELECT casustafel_grant_app_role(:'app_role');
-- What it has now, to read back:
SELECT table_name, string_agg(privilege_type, ', ' ORDER BY privilege_type) AS privileges
FROM information_schema.role_table_grants
WHERE grantee = :'app_role' AND table_schema = 'public'
GROUP BY table_name ORDER BY table_name;
