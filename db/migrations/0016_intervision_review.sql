CREATE TABLE `story_drafts` (
	`id` text PRIMARY KEY NOT NULL,
	`session_id` text NOT NULL,
	`kind` text NOT NULL,
	`laws` text NOT NULL,
	`breakthrough_type` text,
	`review` text NOT NULL,
	`created_by` text NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`session_id`) REFERENCES `intervision_sessions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `story_drafts_creator_idx` ON `story_drafts` (`created_by`,`session_id`);--> statement-breakpoint
ALTER TABLE `intervision_sessions` ADD `released_at` text;--> statement-breakpoint
ALTER TABLE `intervision_sessions` ADD `released_by` text REFERENCES users(id);--> statement-breakpoint
ALTER TABLE `intervision_sessions` ADD `review` text;--> statement-breakpoint
ALTER TABLE `intervision_sessions` ADD `known` text;--> statement-breakpoint
-- Sessions made before the review existed were visible to their participants at once: they count as released.
UPDATE `intervision_sessions` SET `released_at` = `created_at`, `released_by` = `created_by` WHERE `released_at` IS NULL;
