-- A proposed deviation and every decision on it are records for objection, appeal and the
-- auditor: the database refuses to change or remove them.
CREATE TRIGGER deviations_no_update BEFORE UPDATE ON deviations
BEGIN
  SELECT RAISE(ABORT, 'deviations is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER deviations_no_delete BEFORE DELETE ON deviations
BEGIN
  SELECT RAISE(ABORT, 'deviations is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER deviation_events_no_update BEFORE UPDATE ON deviation_events
BEGIN
  SELECT RAISE(ABORT, 'deviation_events is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER deviation_events_no_delete BEFORE DELETE ON deviation_events
BEGIN
  SELECT RAISE(ABORT, 'deviation_events is append-only');
END;
