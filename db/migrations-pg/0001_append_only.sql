-- The PostgreSQL equivalents of every trigger in db/migrations/*.sql (SQLite), with the same
-- names and the same messages (the server and the tests match on them). They bind the
-- database owner too, and any session that is not the application's: the application role
-- additionally has no UPDATE or DELETE on these tables at all (0002_app_role_grants.sql).
--
-- One function raises the message it is given as the trigger's argument, as SQLite's
-- RAISE(ABORT, '…') does. PostgreSQL triggers run per row here (FOR EACH ROW), like SQLite's:
-- a statement that touches no row is not refused, one that touches any row is.
--
-- TRUNCATE skips row triggers, and SQLite has no TRUNCATE: a table that refuses DELETE also
-- refuses TRUNCATE (`<table>_no_truncate`), or the owner could empty it in one statement.
CREATE FUNCTION casustafel_refuse() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '%', TG_ARGV[0];
END;
$$;
--> statement-breakpoint
-- The audit trail: no code path (or hurried SQL session) can rewrite who looked at a file.
-- (SQLite 0001_audit_append_only.sql)
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
FOR EACH ROW EXECUTE FUNCTION casustafel_refuse('audit_log is append-only');
--> statement-breakpoint
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
FOR EACH ROW EXECUTE FUNCTION casustafel_refuse('audit_log is append-only');
--> statement-breakpoint
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
FOR EACH STATEMENT EXECUTE FUNCTION casustafel_refuse('audit_log is append-only');
--> statement-breakpoint
CREATE TRIGGER case_status_changes_no_update BEFORE UPDATE ON case_status_changes
FOR EACH ROW EXECUTE FUNCTION casustafel_refuse('case_status_changes is append-only');
--> statement-breakpoint
CREATE TRIGGER case_status_changes_no_delete BEFORE DELETE ON case_status_changes
FOR EACH ROW EXECUTE FUNCTION casustafel_refuse('case_status_changes is append-only');
--> statement-breakpoint
CREATE TRIGGER case_status_changes_no_truncate BEFORE TRUNCATE ON case_status_changes
FOR EACH STATEMENT EXECUTE FUNCTION casustafel_refuse('case_status_changes is append-only');
--> statement-breakpoint
-- An adopted plan version is a decision (SQLite 0003).
CREATE TRIGGER plan_versions_no_update BEFORE UPDATE ON plan_versions
FOR EACH ROW EXECUTE FUNCTION casustafel_refuse('plan_versions is append-only');
--> statement-breakpoint
CREATE TRIGGER plan_versions_no_delete BEFORE DELETE ON plan_versions
FOR EACH ROW EXECUTE FUNCTION casustafel_refuse('plan_versions is append-only');
--> statement-breakpoint
CREATE TRIGGER plan_versions_no_truncate BEFORE TRUNCATE ON plan_versions
FOR EACH STATEMENT EXECUTE FUNCTION casustafel_refuse('plan_versions is append-only');
--> statement-breakpoint
-- Deviations and every decision on them: records for objection, appeal and the auditor (SQLite 0007, 0020).
CREATE TRIGGER deviations_no_update BEFORE UPDATE ON deviations
FOR EACH ROW EXECUTE FUNCTION casustafel_refuse('deviations is append-only');
--> statement-breakpoint
CREATE TRIGGER deviations_no_delete BEFORE DELETE ON deviations
FOR EACH ROW EXECUTE FUNCTION casustafel_refuse('deviations is append-only');
--> statement-breakpoint
CREATE TRIGGER deviations_no_truncate BEFORE TRUNCATE ON deviations
FOR EACH STATEMENT EXECUTE FUNCTION casustafel_refuse('deviations is append-only');
--> statement-breakpoint
CREATE TRIGGER deviation_events_no_update BEFORE UPDATE ON deviation_events
FOR EACH ROW EXECUTE FUNCTION casustafel_refuse('deviation_events is append-only');
--> statement-breakpoint
CREATE TRIGGER deviation_events_no_delete BEFORE DELETE ON deviation_events
FOR EACH ROW EXECUTE FUNCTION casustafel_refuse('deviation_events is append-only');
--> statement-breakpoint
CREATE TRIGGER deviation_events_no_truncate BEFORE TRUNCATE ON deviation_events
FOR EACH STATEMENT EXECUTE FUNCTION casustafel_refuse('deviation_events is append-only');
--> statement-breakpoint
-- Signed verdicts, conclusions and the cited wording of local articles (SQLite 0009).
CREATE TRIGGER verdict_signatures_no_update BEFORE UPDATE ON verdict_signatures
FOR EACH ROW EXECUTE FUNCTION casustafel_refuse('verdict_signatures is append-only');
--> statement-breakpoint
CREATE TRIGGER verdict_signatures_no_delete BEFORE DELETE ON verdict_signatures
FOR EACH ROW EXECUTE FUNCTION casustafel_refuse('verdict_signatures is append-only');
--> statement-breakpoint
CREATE TRIGGER verdict_signatures_no_truncate BEFORE TRUNCATE ON verdict_signatures
FOR EACH STATEMENT EXECUTE FUNCTION casustafel_refuse('verdict_signatures is append-only');
--> statement-breakpoint
CREATE TRIGGER vraagstuk_decisions_no_update BEFORE UPDATE ON vraagstuk_decisions
FOR EACH ROW EXECUTE FUNCTION casustafel_refuse('vraagstuk_decisions is append-only');
--> statement-breakpoint
CREATE TRIGGER vraagstuk_decisions_no_delete BEFORE DELETE ON vraagstuk_decisions
FOR EACH ROW EXECUTE FUNCTION casustafel_refuse('vraagstuk_decisions is append-only');
--> statement-breakpoint
CREATE TRIGGER vraagstuk_decisions_no_truncate BEFORE TRUNCATE ON vraagstuk_decisions
FOR EACH STATEMENT EXECUTE FUNCTION casustafel_refuse('vraagstuk_decisions is append-only');
--> statement-breakpoint
CREATE TRIGGER local_articles_no_update BEFORE UPDATE ON local_articles
FOR EACH ROW EXECUTE FUNCTION casustafel_refuse('local_articles is append-only');
--> statement-breakpoint
CREATE TRIGGER local_articles_no_delete BEFORE DELETE ON local_articles
FOR EACH ROW EXECUTE FUNCTION casustafel_refuse('local_articles is append-only');
--> statement-breakpoint
CREATE TRIGGER local_articles_no_truncate BEFORE TRUNCATE ON local_articles
FOR EACH STATEMENT EXECUTE FUNCTION casustafel_refuse('local_articles is append-only');
--> statement-breakpoint
-- Stuck flags, taking the lead, breakthrough requests' versions, events and outcomes (SQLite 0011).
CREATE TRIGGER case_stuck_flags_no_update BEFORE UPDATE ON case_stuck_flags
FOR EACH ROW EXECUTE FUNCTION casustafel_refuse('case_stuck_flags is append-only');
--> statement-breakpoint
CREATE TRIGGER case_stuck_flags_no_delete BEFORE DELETE ON case_stuck_flags
FOR EACH ROW EXECUTE FUNCTION casustafel_refuse('case_stuck_flags is append-only');
--> statement-breakpoint
CREATE TRIGGER case_stuck_flags_no_truncate BEFORE TRUNCATE ON case_stuck_flags
FOR EACH STATEMENT EXECUTE FUNCTION casustafel_refuse('case_stuck_flags is append-only');
--> statement-breakpoint
CREATE TRIGGER case_lead_events_no_update BEFORE UPDATE ON case_lead_events
FOR EACH ROW EXECUTE FUNCTION casustafel_refuse('case_lead_events is append-only');
--> statement-breakpoint
CREATE TRIGGER case_lead_events_no_delete BEFORE DELETE ON case_lead_events
FOR EACH ROW EXECUTE FUNCTION casustafel_refuse('case_lead_events is append-only');
--> statement-breakpoint
CREATE TRIGGER case_lead_events_no_truncate BEFORE TRUNCATE ON case_lead_events
FOR EACH STATEMENT EXECUTE FUNCTION casustafel_refuse('case_lead_events is append-only');
--> statement-breakpoint
CREATE TRIGGER breakthrough_versions_no_update BEFORE UPDATE ON breakthrough_versions
FOR EACH ROW EXECUTE FUNCTION casustafel_refuse('breakthrough_versions is append-only');
--> statement-breakpoint
CREATE TRIGGER breakthrough_versions_no_delete BEFORE DELETE ON breakthrough_versions
FOR EACH ROW EXECUTE FUNCTION casustafel_refuse('breakthrough_versions is append-only');
--> statement-breakpoint
CREATE TRIGGER breakthrough_versions_no_truncate BEFORE TRUNCATE ON breakthrough_versions
FOR EACH STATEMENT EXECUTE FUNCTION casustafel_refuse('breakthrough_versions is append-only');
--> statement-breakpoint
CREATE TRIGGER breakthrough_events_no_update BEFORE UPDATE ON breakthrough_events
FOR EACH ROW EXECUTE FUNCTION casustafel_refuse('breakthrough_events is append-only');
--> statement-breakpoint
CREATE TRIGGER breakthrough_events_no_delete BEFORE DELETE ON breakthrough_events
FOR EACH ROW EXECUTE FUNCTION casustafel_refuse('breakthrough_events is append-only');
--> statement-breakpoint
CREATE TRIGGER breakthrough_events_no_truncate BEFORE TRUNCATE ON breakthrough_events
FOR EACH STATEMENT EXECUTE FUNCTION casustafel_refuse('breakthrough_events is append-only');
--> statement-breakpoint
CREATE TRIGGER breakthrough_outcomes_no_update BEFORE UPDATE ON breakthrough_outcomes
FOR EACH ROW EXECUTE FUNCTION casustafel_refuse('breakthrough_outcomes is append-only');
--> statement-breakpoint
CREATE TRIGGER breakthrough_outcomes_no_delete BEFORE DELETE ON breakthrough_outcomes
FOR EACH ROW EXECUTE FUNCTION casustafel_refuse('breakthrough_outcomes is append-only');
--> statement-breakpoint
CREATE TRIGGER breakthrough_outcomes_no_truncate BEFORE TRUNCATE ON breakthrough_outcomes
FOR EACH STATEMENT EXECUTE FUNCTION casustafel_refuse('breakthrough_outcomes is append-only');
--> statement-breakpoint
-- Timer events, decisions noted in a meeting, residents' comments (SQLite 0013).
CREATE TRIGGER conference_timer_events_no_update BEFORE UPDATE ON conference_timer_events
FOR EACH ROW EXECUTE FUNCTION casustafel_refuse('conference_timer_events is append-only');
--> statement-breakpoint
CREATE TRIGGER conference_timer_events_no_delete BEFORE DELETE ON conference_timer_events
FOR EACH ROW EXECUTE FUNCTION casustafel_refuse('conference_timer_events is append-only');
--> statement-breakpoint
CREATE TRIGGER conference_timer_events_no_truncate BEFORE TRUNCATE ON conference_timer_events
FOR EACH STATEMENT EXECUTE FUNCTION casustafel_refuse('conference_timer_events is append-only');
--> statement-breakpoint
CREATE TRIGGER conference_decisions_no_update BEFORE UPDATE ON conference_decisions
FOR EACH ROW EXECUTE FUNCTION casustafel_refuse('conference_decisions is append-only');
--> statement-breakpoint
CREATE TRIGGER conference_decisions_no_delete BEFORE DELETE ON conference_decisions
FOR EACH ROW EXECUTE FUNCTION casustafel_refuse('conference_decisions is append-only');
--> statement-breakpoint
CREATE TRIGGER conference_decisions_no_truncate BEFORE TRUNCATE ON conference_decisions
FOR EACH STATEMENT EXECUTE FUNCTION casustafel_refuse('conference_decisions is append-only');
--> statement-breakpoint
CREATE TRIGGER resident_comments_no_update BEFORE UPDATE ON resident_comments
FOR EACH ROW EXECUTE FUNCTION casustafel_refuse('resident_comments is append-only');
--> statement-breakpoint
CREATE TRIGGER resident_comments_no_delete BEFORE DELETE ON resident_comments
FOR EACH ROW EXECUTE FUNCTION casustafel_refuse('resident_comments is append-only');
--> statement-breakpoint
CREATE TRIGGER resident_comments_no_truncate BEFORE TRUNCATE ON resident_comments
FOR EACH STATEMENT EXECUTE FUNCTION casustafel_refuse('resident_comments is append-only');
--> statement-breakpoint
-- A closed conference is frozen: its row (closing itself sets closed_at, so it passes) ...
CREATE TRIGGER conferences_frozen BEFORE UPDATE ON conferences
FOR EACH ROW WHEN (OLD.closed_at IS NOT NULL) EXECUTE FUNCTION casustafel_refuse('a closed conference is frozen');
--> statement-breakpoint
CREATE TRIGGER conferences_no_delete BEFORE DELETE ON conferences
FOR EACH ROW EXECUTE FUNCTION casustafel_refuse('conferences are kept');
--> statement-breakpoint
CREATE TRIGGER conferences_no_truncate BEFORE TRUNCATE ON conferences
FOR EACH STATEMENT EXECUTE FUNCTION casustafel_refuse('conferences are kept');
--> statement-breakpoint
-- ... and its attendance. A trigger's WHEN cannot read another table here, so a function looks
-- the conference up. FOR SHARE: SQLite runs one writer at a time, PostgreSQL does not; without
-- the lock an attendance row could be written while another transaction closes the conference,
-- both would commit, and the frozen attendance would change after the close. With it, the
-- close waits for this transaction, or this one waits for the close and then sees closed_at.
CREATE FUNCTION casustafel_refuse_if_conference_closed() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  closed text;
BEGIN
  -- As in SQLite: an update is judged by the conference the row belonged to, an insert by its new one.
  SELECT closed_at INTO closed FROM public.conferences
  WHERE id = CASE WHEN TG_OP = 'INSERT' THEN NEW.conference_id ELSE OLD.conference_id END
  FOR SHARE;
  IF closed IS NOT NULL THEN
    RAISE EXCEPTION 'a closed conference is frozen';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER conference_attendance_frozen_update BEFORE UPDATE ON conference_attendance
FOR EACH ROW EXECUTE FUNCTION casustafel_refuse_if_conference_closed();
--> statement-breakpoint
CREATE TRIGGER conference_attendance_frozen_insert BEFORE INSERT ON conference_attendance
FOR EACH ROW EXECUTE FUNCTION casustafel_refuse_if_conference_closed();
--> statement-breakpoint
CREATE TRIGGER conference_attendance_no_delete BEFORE DELETE ON conference_attendance
FOR EACH ROW EXECUTE FUNCTION casustafel_refuse('attendance is kept');
--> statement-breakpoint
CREATE TRIGGER conference_attendance_no_truncate BEFORE TRUNCATE ON conference_attendance
FOR EACH STATEMENT EXECUTE FUNCTION casustafel_refuse('attendance is kept');
--> statement-breakpoint
-- A goal withdrawn by mistake leaves every view and never changes again (SQLite 0021).
CREATE TRIGGER goals_withdrawn_final BEFORE UPDATE ON goals
FOR EACH ROW WHEN (OLD.withdrawn_at IS NOT NULL) EXECUTE FUNCTION casustafel_refuse('a withdrawn goal does not change any more');
