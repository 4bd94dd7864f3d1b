-- Timer events, decisions noted in a meeting and residents' comments are records; a closed
-- conference (its row and its attendance) is frozen.
CREATE TRIGGER conference_timer_events_no_update BEFORE UPDATE ON conference_timer_events
BEGIN
  SELECT RAISE(ABORT, 'conference_timer_events is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER conference_timer_events_no_delete BEFORE DELETE ON conference_timer_events
BEGIN
  SELECT RAISE(ABORT, 'conference_timer_events is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER conference_decisions_no_update BEFORE UPDATE ON conference_decisions
BEGIN
  SELECT RAISE(ABORT, 'conference_decisions is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER conference_decisions_no_delete BEFORE DELETE ON conference_decisions
BEGIN
  SELECT RAISE(ABORT, 'conference_decisions is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER resident_comments_no_update BEFORE UPDATE ON resident_comments
BEGIN
  SELECT RAISE(ABORT, 'resident_comments is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER resident_comments_no_delete BEFORE DELETE ON resident_comments
BEGIN
  SELECT RAISE(ABORT, 'resident_comments is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER conferences_frozen BEFORE UPDATE ON conferences
WHEN OLD.closed_at IS NOT NULL
BEGIN
  SELECT RAISE(ABORT, 'a closed conference is frozen');
END;
--> statement-breakpoint
CREATE TRIGGER conferences_no_delete BEFORE DELETE ON conferences
BEGIN
  SELECT RAISE(ABORT, 'conferences are kept');
END;
--> statement-breakpoint
CREATE TRIGGER conference_attendance_frozen_update BEFORE UPDATE ON conference_attendance
WHEN (SELECT closed_at FROM conferences WHERE id = OLD.conference_id) IS NOT NULL
BEGIN
  SELECT RAISE(ABORT, 'a closed conference is frozen');
END;
--> statement-breakpoint
CREATE TRIGGER conference_attendance_frozen_insert BEFORE INSERT ON conference_attendance
WHEN (SELECT closed_at FROM conferences WHERE id = NEW.conference_id) IS NOT NULL
BEGIN
  SELECT RAISE(ABORT, 'a closed conference is frozen');
END;
--> statement-breakpoint
CREATE TRIGGER conference_attendance_no_delete BEFORE DELETE ON conference_attendance
BEGIN
  SELECT RAISE(ABORT, 'attendance is kept');
END;
