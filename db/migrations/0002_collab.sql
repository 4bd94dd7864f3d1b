CREATE TABLE `collab_snapshots` (
	`room` text PRIMARY KEY NOT NULL,
	`state` blob NOT NULL,
	`up_to_id` integer NOT NULL,
	`at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `collab_updates` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`room` text NOT NULL,
	`user_id` text NOT NULL,
	`at` text NOT NULL,
	`size` integer NOT NULL,
	`update` blob,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `collab_updates_room_idx` ON `collab_updates` (`room`,`id`);--> statement-breakpoint
CREATE TABLE `plan_versions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`case_id` text NOT NULL,
	`number` integer NOT NULL,
	`adopted_at` text NOT NULL,
	`adopted_by` text NOT NULL,
	`note` text,
	`state` blob NOT NULL,
	`content` text NOT NULL,
	`text` text NOT NULL,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`adopted_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `plan_versions_case_number` ON `plan_versions` (`case_id`,`number`);