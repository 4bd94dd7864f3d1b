-- Decision kinds in one language: a deviation's decisions are stored in the Dutch words of the
-- decision letters, like those of breakthroughs and vraagstukken. The log stays append-only: its
-- update trigger is lifted for this one rewrite of the kind column and put back at once.
DROP TRIGGER deviation_events_no_update;
--> statement-breakpoint
UPDATE deviation_events SET kind = CASE kind WHEN 'approved' THEN 'goedgekeurd' WHEN 'rejected' THEN 'afgewezen' WHEN 'revoked' THEN 'ingetrokken' ELSE kind END;
--> statement-breakpoint
CREATE TRIGGER deviation_events_no_update BEFORE UPDATE ON deviation_events
BEGIN
  SELECT RAISE(ABORT, 'deviation_events is append-only');
END;
