-- Add column "phone" to table: "people"
ALTER TABLE `people` ADD COLUMN `phone` text NULL;
