-- Add column "effectiveness" to table: "idea_events"
ALTER TABLE `idea_events` ADD COLUMN `effectiveness` text NULL;
