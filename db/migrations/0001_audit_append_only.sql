-- The audit trail is append-only: the database itself refuses changes and deletions,
-- so no code path (or hurried SQL session) can rewrite who looked at a file.
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only');
END;
--> statement-breakpoint
-- Status history is a record of decisions: append-only as well.
CREATE TRIGGER case_status_changes_no_update BEFORE UPDATE ON case_status_changes
BEGIN
  SELECT RAISE(ABORT, 'case_status_changes is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER case_status_changes_no_delete BEFORE DELETE ON case_status_changes
BEGIN
  SELECT RAISE(ABORT, 'case_status_changes is append-only');
END;
