-- Disable the enforcement of foreign-keys constraints
PRAGMA foreign_keys = off;
-- Add column "judgements" to table: "nominations"
ALTER TABLE `nominations` ADD COLUMN `judgements` json NULL;
-- Create "new_unit_plans" table
CREATE TABLE `new_unit_plans` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `document_number` text NULL, `issued_on` datetime NULL, `launched_on` datetime NULL, `sent_on` datetime NULL, `linked_to_directive_05` bool NOT NULL DEFAULT (false), `implements_conclusion_14` bool NOT NULL DEFAULT (false), `implements_plan_124` bool NOT NULL DEFAULT (false), `implements_plan_3815` bool NOT NULL DEFAULT (false), `note` text NULL, `phase_id` integer NOT NULL, `unit_id` integer NOT NULL, CONSTRAINT `unit_plans_phases_plans` FOREIGN KEY (`phase_id`) REFERENCES `phases` (`id`) ON DELETE NO ACTION, CONSTRAINT `unit_plans_units_plans` FOREIGN KEY (`unit_id`) REFERENCES `units` (`id`) ON DELETE NO ACTION);
-- Set sequence for "new_unit_plans" table
INSERT INTO sqlite_sequence (name, seq) VALUES ("new_unit_plans", 60129542144);
-- Copy rows from old table "unit_plans" to new temporary table "new_unit_plans"
INSERT INTO `new_unit_plans` (`id`, `created_at`, `updated_at`, `document_number`, `issued_on`, `launched_on`, `sent_on`, `linked_to_directive_05`, `note`, `phase_id`, `unit_id`) SELECT `id`, `created_at`, `updated_at`, `document_number`, `issued_on`, `launched_on`, `sent_on`, `linked_to_directive_05`, `note`, `phase_id`, `unit_id` FROM `unit_plans`;
-- Drop "unit_plans" table after copying rows
DROP TABLE `unit_plans`;
-- Rename temporary table "new_unit_plans" to "unit_plans"
ALTER TABLE `new_unit_plans` RENAME TO `unit_plans`;
-- Create index "unitplan_unit_id_phase_id" to table: "unit_plans"
CREATE UNIQUE INDEX `unitplan_unit_id_phase_id` ON `unit_plans` (`unit_id`, `phase_id`);
-- Enable back the enforcement of foreign-keys constraints
PRAGMA foreign_keys = on;
