-- An adopted plan version is a decision: it can never be changed or removed.
CREATE TRIGGER plan_versions_no_update BEFORE UPDATE ON plan_versions
BEGIN
  SELECT RAISE(ABORT, 'plan_versions is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER plan_versions_no_delete BEFORE DELETE ON plan_versions
BEGIN
  SELECT RAISE(ABORT, 'plan_versions is append-only');
END;
