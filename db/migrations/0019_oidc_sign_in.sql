CREATE TABLE `auth_settings` (
	`id` integer PRIMARY KEY NOT NULL,
	`password_login` text NOT NULL,
	`break_glass_user_id` text,
	`updated_at` text NOT NULL,
	`updated_by` text NOT NULL,
	FOREIGN KEY (`break_glass_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`updated_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `oidc_group_functies` (
	`provider_id` text NOT NULL,
	`group_name` text NOT NULL,
	`functie` text NOT NULL,
	`set_at` text NOT NULL,
	`set_by` text NOT NULL,
	PRIMARY KEY(`provider_id`, `group_name`),
	FOREIGN KEY (`set_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `oidc_identities` (
	`provider_id` text NOT NULL,
	`subject` text NOT NULL,
	`user_id` text NOT NULL,
	`linked_at` text NOT NULL,
	`linked_by` text,
	PRIMARY KEY(`provider_id`, `subject`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`linked_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `oidc_identities_user_idx` ON `oidc_identities` (`user_id`);--> statement-breakpoint
CREATE TABLE `oidc_link_requests` (
	`id` text PRIMARY KEY NOT NULL,
	`provider_id` text NOT NULL,
	`subject` text NOT NULL,
	`kind` text NOT NULL,
	`email` text,
	`name` text,
	`target_user_id` text,
	`created_at` text NOT NULL,
	`last_seen_at` text NOT NULL,
	FOREIGN KEY (`target_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `oidc_link_requests_subject` ON `oidc_link_requests` (`provider_id`,`subject`);--> statement-breakpoint
CREATE TABLE `oidc_providers` (
	`id` text PRIMARY KEY NOT NULL,
	`settings` text NOT NULL,
	`client_secret_sealed` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text NOT NULL,
	FOREIGN KEY (`updated_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `oidc_sessions` (
	`session_id` text PRIMARY KEY NOT NULL,
	`provider_id` text NOT NULL,
	`subject` text NOT NULL,
	`sid` text,
	`acr` text,
	`id_token_sealed` text NOT NULL,
	`refresh_token_sealed` text,
	`checked_at` text NOT NULL,
	FOREIGN KEY (`session_id`) REFERENCES `sessions`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `oidc_sessions_sid_idx` ON `oidc_sessions` (`provider_id`,`sid`);--> statement-breakpoint
CREATE INDEX `oidc_sessions_subject_idx` ON `oidc_sessions` (`provider_id`,`subject`);--> statement-breakpoint
ALTER TABLE `users` ADD `functie_pending` integer DEFAULT false NOT NULL;