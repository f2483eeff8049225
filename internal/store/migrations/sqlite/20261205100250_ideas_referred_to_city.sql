-- Add column "authority_level" to table: "idea_events"
ALTER TABLE `idea_events` ADD COLUMN `authority_level` text NULL;
