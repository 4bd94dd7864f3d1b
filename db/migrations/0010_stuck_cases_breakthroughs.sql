CREATE TABLE `breakthrough_amount_limits` (
	`level` text PRIMARY KEY NOT NULL,
	`max_cents` integer,
	`updated_by` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`updated_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `breakthrough_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`request_id` text NOT NULL,
	`kind` text NOT NULL,
	`level` text,
	`assignee_id` text,
	`by_user_id` text NOT NULL,
	`mandate` text,
	`note` text,
	`conditions` text,
	`budget_cents` integer,
	`term_end` text,
	`at` text NOT NULL,
	FOREIGN KEY (`request_id`) REFERENCES `breakthrough_requests`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`assignee_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `breakthrough_events_request_idx` ON `breakthrough_events` (`request_id`,`id`);--> statement-breakpoint
CREATE INDEX `breakthrough_events_assignee_idx` ON `breakthrough_events` (`assignee_id`);--> statement-breakpoint
CREATE TABLE `breakthrough_kind_levels` (
	`kind` text PRIMARY KEY NOT NULL,
	`level` text NOT NULL,
	`updated_by` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`updated_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `breakthrough_outcomes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`request_id` text NOT NULL,
	`achieved` integer NOT NULL,
	`type` text NOT NULL,
	`type_other` text,
	`difference` text NOT NULL,
	`success_story` integer NOT NULL,
	`by_user_id` text NOT NULL,
	`at` text NOT NULL,
	FOREIGN KEY (`request_id`) REFERENCES `breakthrough_requests`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `breakthrough_outcomes_request_idx` ON `breakthrough_outcomes` (`request_id`);--> statement-breakpoint
CREATE TABLE `breakthrough_requests` (
	`id` text PRIMARY KEY NOT NULL,
	`case_id` text NOT NULL,
	`created_by` text NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `breakthrough_requests_case_idx` ON `breakthrough_requests` (`case_id`);--> statement-breakpoint
CREATE TABLE `breakthrough_versions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`request_id` text NOT NULL,
	`version` integer NOT NULL,
	`stuck` text NOT NULL,
	`stuck_since` text NOT NULL,
	`proposal` text NOT NULL,
	`kind` text NOT NULL,
	`blocking` text NOT NULL,
	`costs` text NOT NULL,
	`amount_cents` integer NOT NULL,
	`submitted_by` text NOT NULL,
	`submitted_at` text NOT NULL,
	FOREIGN KEY (`request_id`) REFERENCES `breakthrough_requests`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`submitted_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `breakthrough_versions_request_version` ON `breakthrough_versions` (`request_id`,`version`);--> statement-breakpoint
CREATE TABLE `case_lead_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`case_id` text NOT NULL,
	`kind` text NOT NULL,
	`user_id` text NOT NULL,
	`note` text,
	`at` text NOT NULL,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `case_lead_events_case_idx` ON `case_lead_events` (`case_id`,`id`);--> statement-breakpoint
CREATE TABLE `case_stuck_flags` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`case_id` text NOT NULL,
	`kind` text NOT NULL,
	`reason` text NOT NULL,
	`by_user_id` text NOT NULL,
	`at` text NOT NULL,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `case_stuck_flags_case_idx` ON `case_stuck_flags` (`case_id`,`id`);--> statement-breakpoint
CREATE TABLE `signal_settings` (
	`key` text PRIMARY KEY NOT NULL,
	`value` integer NOT NULL,
	`updated_by` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`updated_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `temporary_access` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`case_id` text NOT NULL,
	`user_id` text NOT NULL,
	`request_id` text NOT NULL,
	`started_at` text NOT NULL,
	`ended_at` text,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`request_id`) REFERENCES `breakthrough_requests`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `temporary_access_user_case_idx` ON `temporary_access` (`user_id`,`case_id`,`ended_at`);--> statement-breakpoint
ALTER TABLE `cases` ADD `cluster` text;