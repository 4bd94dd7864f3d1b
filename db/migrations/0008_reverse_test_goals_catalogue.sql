CREATE TABLE `goal_actions` (
	`id` text PRIMARY KEY NOT NULL,
	`goal_id` text NOT NULL,
	`text` text NOT NULL,
	`owner_user_id` text,
	`owner_household` text,
	`due_date` text,
	`done_at` text,
	`created_by` text NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`goal_id`) REFERENCES `goals`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`owner_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `goal_actions_goal_idx` ON `goal_actions` (`goal_id`);--> statement-breakpoint
CREATE TABLE `goal_legitimations` (
	`goal_id` text NOT NULL,
	`law` text NOT NULL,
	`text` text NOT NULL,
	PRIMARY KEY(`goal_id`, `law`),
	FOREIGN KEY (`goal_id`) REFERENCES `goals`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `goals` (
	`id` text PRIMARY KEY NOT NULL,
	`case_id` text NOT NULL,
	`text` text NOT NULL,
	`life_domain` text NOT NULL,
	`vraagstuk_id` text,
	`owner_user_id` text,
	`owner_household` text,
	`due_date` text,
	`status` text NOT NULL,
	`household_agreed_on` text,
	`household_agreed_recorded_by` text,
	`created_by` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_by` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`vraagstuk_id`) REFERENCES `vraagstukken`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`owner_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`household_agreed_recorded_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`updated_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `goals_case_idx` ON `goals` (`case_id`);--> statement-breakpoint
CREATE INDEX `goals_due_idx` ON `goals` (`status`,`due_date`);--> statement-breakpoint
CREATE TABLE `law_responsibilities` (
	`law` text PRIMARY KEY NOT NULL,
	`case_role` text,
	`updated_by` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`updated_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `local_articles` (
	`id` text PRIMARY KEY NOT NULL,
	`law` text NOT NULL,
	`kind` text NOT NULL,
	`source` text NOT NULL,
	`ref` text NOT NULL,
	`title` text NOT NULL,
	`body` text NOT NULL,
	`valid_from` text NOT NULL,
	`valid_until` text,
	`replaces_id` text,
	`created_by` text NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `local_articles_law_idx` ON `local_articles` (`law`);--> statement-breakpoint
CREATE TABLE `verdict_signatures` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`vraagstuk_id` text NOT NULL,
	`law` text NOT NULL,
	`verdict` text NOT NULL,
	`reasoning` text NOT NULL,
	`solution` text NOT NULL,
	`by_user_id` text NOT NULL,
	`by_name` text NOT NULL,
	`by_case_role` text NOT NULL,
	`at` text NOT NULL,
	FOREIGN KEY (`vraagstuk_id`) REFERENCES `vraagstukken`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `verdict_signatures_vraagstuk_idx` ON `verdict_signatures` (`vraagstuk_id`);--> statement-breakpoint
CREATE TABLE `vraagstuk_decisions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`vraagstuk_id` text NOT NULL,
	`kind` text NOT NULL,
	`outcome` text,
	`motivation` text NOT NULL,
	`review_date` text,
	`basis` text NOT NULL,
	`by_user_id` text NOT NULL,
	`by_name` text NOT NULL,
	`by_case_role` text NOT NULL,
	`at` text NOT NULL,
	FOREIGN KEY (`vraagstuk_id`) REFERENCES `vraagstukken`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `vraagstuk_decisions_vraagstuk_idx` ON `vraagstuk_decisions` (`vraagstuk_id`);--> statement-breakpoint
CREATE TABLE `vraagstuk_deviations` (
	`vraagstuk_id` text NOT NULL,
	`deviation_id` text NOT NULL,
	`linked_by` text NOT NULL,
	`linked_at` text NOT NULL,
	PRIMARY KEY(`vraagstuk_id`, `deviation_id`),
	FOREIGN KEY (`vraagstuk_id`) REFERENCES `vraagstukken`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`deviation_id`) REFERENCES `deviations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`linked_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `vraagstukken` (
	`id` text PRIMARY KEY NOT NULL,
	`case_id` text NOT NULL,
	`title` text NOT NULL,
	`created_by` text NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `vraagstukken_case_idx` ON `vraagstukken` (`case_id`);