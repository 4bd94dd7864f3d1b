ALTER TABLE `goals` ADD `legitimation_waiver` text;--> statement-breakpoint
ALTER TABLE `goals` ADD `withdrawn_at` text;--> statement-breakpoint
ALTER TABLE `goals` ADD `withdrawn_by` text REFERENCES users(id);--> statement-breakpoint
ALTER TABLE `goals` ADD `withdrawn_reason` text;--> statement-breakpoint
CREATE TRIGGER goals_withdrawn_final BEFORE UPDATE ON goals WHEN OLD.withdrawn_at IS NOT NULL
BEGIN
  SELECT RAISE(ABORT, 'a withdrawn goal does not change any more');
END;
