-- Signed verdicts, conclusions and the wording of local articles are records for objection,
-- appeal and the auditor, and conclusions cite article versions: never changed or removed.
CREATE TRIGGER verdict_signatures_no_update BEFORE UPDATE ON verdict_signatures
BEGIN
  SELECT RAISE(ABORT, 'verdict_signatures is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER verdict_signatures_no_delete BEFORE DELETE ON verdict_signatures
BEGIN
  SELECT RAISE(ABORT, 'verdict_signatures is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER vraagstuk_decisions_no_update BEFORE UPDATE ON vraagstuk_decisions
BEGIN
  SELECT RAISE(ABORT, 'vraagstuk_decisions is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER vraagstuk_decisions_no_delete BEFORE DELETE ON vraagstuk_decisions
BEGIN
  SELECT RAISE(ABORT, 'vraagstuk_decisions is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER local_articles_no_update BEFORE UPDATE ON local_articles
BEGIN
  SELECT RAISE(ABORT, 'local_articles is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER local_articles_no_delete BEFORE DELETE ON local_articles
BEGIN
  SELECT RAISE(ABORT, 'local_articles is append-only');
END;
