CREATE TABLE `case_reads` (
	`case_id` text NOT NULL,
	`user_id` text NOT NULL,
	`day` text NOT NULL,
	`kind` text NOT NULL,
	`first_at` text NOT NULL,
	`last_at` text NOT NULL,
	`times` integer NOT NULL,
	PRIMARY KEY(`case_id`, `user_id`, `day`, `kind`),
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
