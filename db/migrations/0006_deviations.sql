CREATE TABLE `deviation_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`deviation_id` text NOT NULL,
	`kind` text NOT NULL,
	`by_user_id` text NOT NULL,
	`mandate` text,
	`at` text NOT NULL,
	`note` text,
	FOREIGN KEY (`deviation_id`) REFERENCES `deviations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `deviation_events_deviation_idx` ON `deviation_events` (`deviation_id`);--> statement-breakpoint
CREATE TABLE `deviations` (
	`id` text PRIMARY KEY NOT NULL,
	`case_id` text NOT NULL,
	`law` text NOT NULL,
	`rule` text NOT NULL,
	`route` text NOT NULL,
	`route_other` text,
	`will_do` text NOT NULL,
	`will_not_do` text NOT NULL,
	`reasoning` text NOT NULL,
	`start_date` text NOT NULL,
	`end_date` text NOT NULL,
	`review_date` text NOT NULL,
	`internal` integer NOT NULL,
	`proposed_by` text NOT NULL,
	`proposed_at` text NOT NULL,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`proposed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `deviations_case_idx` ON `deviations` (`case_id`);--> statement-breakpoint
CREATE TABLE `mandate_rules` (
	`law` text NOT NULL,
	`route` text NOT NULL,
	`level` text NOT NULL,
	`updated_by` text NOT NULL,
	`updated_at` text NOT NULL,
	PRIMARY KEY(`law`, `route`),
	FOREIGN KEY (`updated_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
