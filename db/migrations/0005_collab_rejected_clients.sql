CREATE TABLE `collab_rejected_clients` (
	`room` text NOT NULL,
	`client_id` integer NOT NULL,
	`at` text NOT NULL,
	PRIMARY KEY(`room`, `client_id`)
);
