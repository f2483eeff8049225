-- Add column "search_text" to table: "ideas"
ALTER TABLE `ideas` ADD COLUMN `search_text` text NULL;
-- Add column "search_text" to table: "people"
ALTER TABLE `people` ADD COLUMN `search_text` text NULL;
-- Add column "search_text" to table: "units"
ALTER TABLE `units` ADD COLUMN `search_text` text NULL;
