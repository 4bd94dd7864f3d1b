-- What the application's database role may do, derived from the refusal triggers of
-- 0001_append_only.sql, so that a table made append-only later loses its UPDATE/DELETE grant
-- by the same trigger that protects it, with no second list to keep in step.
--
-- The server connects as an application role that owns nothing; migrations run as the owner.
-- The application role gets, in schema public:
-- - SELECT and INSERT on every table;
-- - UPDATE on every table without an unconditional refusal of UPDATE (a `<table>_no_update`
--   trigger); a conditional one (conferences_frozen, goals_withdrawn_final) leaves UPDATE granted;
-- - DELETE on every table without an unconditional refusal of DELETE;
-- - never TRUNCATE, REFERENCES or TRIGGER, and nothing it could use to change the schema;
-- - USAGE on the sequences; SELECT on drizzle's migrations table, so the server can refuse to
--   start on an out-of-date schema.
--
-- The owner (or a superuser) runs it: db/postgres-grants.sql, or grantAppRole() in
-- db/engines/postgres.ts. It starts by revoking, so it is safe to run again, and it must run
-- again after each migration that adds a table.
CREATE FUNCTION casustafel_grant_app_role(app_role name) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  t record;
  refuse oid := 'public.casustafel_refuse()'::regprocedure;
BEGIN
  EXECUTE format('GRANT USAGE ON SCHEMA public TO %I', app_role);
  EXECUTE format('REVOKE ALL ON ALL TABLES IN SCHEMA public FROM %I', app_role);
  FOR t IN
    SELECT c.oid, c.relname
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')
    ORDER BY c.relname
  LOOP
    EXECUTE format('GRANT SELECT, INSERT ON public.%I TO %I', t.relname, app_role);
    -- tgtype bits (pg_trigger.h): 8 = DELETE, 16 = UPDATE. tgqual is the WHEN condition.
    IF NOT EXISTS (
      SELECT 1 FROM pg_trigger
      WHERE tgrelid = t.oid AND tgfoid = refuse AND tgqual IS NULL AND tgenabled <> 'D' AND (tgtype & 16) <> 0
    ) THEN
      EXECUTE format('GRANT UPDATE ON public.%I TO %I', t.relname, app_role);
    END IF;
    IF NOT EXISTS (
      SELECT 1 FROM pg_trigger
      WHERE tgrelid = t.oid AND tgfoid = refuse AND tgqual IS NULL AND tgenabled <> 'D' AND (tgtype & 8) <> 0
    ) THEN
      EXECUTE format('GRANT DELETE ON public.%I TO %I', t.relname, app_role);
    END IF;
  END LOOP;
  EXECUTE format('GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO %I', app_role);
  IF to_regclass('drizzle.__drizzle_migrations') IS NOT NULL THEN
    EXECUTE format('GRANT USAGE ON SCHEMA drizzle TO %I', app_role);
    EXECUTE format('GRANT SELECT ON drizzle.__drizzle_migrations TO %I', app_role);
  END IF;
END;
$$;
--> statement-breakpoint
-- Granting is the owner's decision, not something any connected role should call.
REVOKE ALL ON FUNCTION casustafel_grant_app_role(name) FROM PUBLIC;
