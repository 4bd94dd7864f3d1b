-- Stuck flags, taking the lead, breakthrough requests, decisions and outcomes are records for
-- the auditor and for the knelpunten analysis: never changed or removed.
CREATE TRIGGER case_stuck_flags_no_update BEFORE UPDATE ON case_stuck_flags
BEGIN
  SELECT RAISE(ABORT, 'case_stuck_flags is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER case_stuck_flags_no_delete BEFORE DELETE ON case_stuck_flags
BEGIN
  SELECT RAISE(ABORT, 'case_stuck_flags is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER case_lead_events_no_update BEFORE UPDATE ON case_lead_events
BEGIN
  SELECT RAISE(ABORT, 'case_lead_events is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER case_lead_events_no_delete BEFORE DELETE ON case_lead_events
BEGIN
  SELECT RAISE(ABORT, 'case_lead_events is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER breakthrough_versions_no_update BEFORE UPDATE ON breakthrough_versions
BEGIN
  SELECT RAISE(ABORT, 'breakthrough_versions is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER breakthrough_versions_no_delete BEFORE DELETE ON breakthrough_versions
BEGIN
  SELECT RAISE(ABORT, 'breakthrough_versions is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER breakthrough_events_no_update BEFORE UPDATE ON breakthrough_events
BEGIN
  SELECT RAISE(ABORT, 'breakthrough_events is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER breakthrough_events_no_delete BEFORE DELETE ON breakthrough_events
BEGIN
  SELECT RAISE(ABORT, 'breakthrough_events is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER breakthrough_outcomes_no_update BEFORE UPDATE ON breakthrough_outcomes
BEGIN
  SELECT RAISE(ABORT, 'breakthrough_outcomes is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER breakthrough_outcomes_no_delete BEFORE DELETE ON breakthrough_outcomes
BEGIN
  SELECT RAISE(ABORT, 'breakthrough_outcomes is append-only');
END;
