CREATE TABLE `collab_client_owners` (
	`room` text NOT NULL,
	`client_id` integer NOT NULL,
	`session_id` text NOT NULL,
	`at` text NOT NULL,
	PRIMARY KEY(`room`, `client_id`),
	FOREIGN KEY (`session_id`) REFERENCES `sessions`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `collab_client_owners_session_idx` ON `collab_client_owners` (`session_id`);--> statement-breakpoint
CREATE TABLE `collab_diverged_clients` (
	`room` text NOT NULL,
	`session_id` text NOT NULL,
	`client_id` integer NOT NULL,
	`at` text NOT NULL,
	PRIMARY KEY(`room`, `session_id`, `client_id`),
	FOREIGN KEY (`session_id`) REFERENCES `sessions`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `collab_diverged_clients_session_idx` ON `collab_diverged_clients` (`session_id`);