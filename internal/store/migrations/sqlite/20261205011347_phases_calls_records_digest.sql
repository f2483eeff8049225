-- Disable the enforcement of foreign-keys constraints
PRAGMA foreign_keys = off;
-- Add column "decision_date" to table: "integrity_flags"
ALTER TABLE `integrity_flags` ADD COLUMN `decision_date` datetime NULL;
-- Add column "form" to table: "integrity_flags"
ALTER TABLE `integrity_flags` ADD COLUMN `form` text NULL;
-- Add column "lifted_on" to table: "integrity_flags"
ALTER TABLE `integrity_flags` ADD COLUMN `lifted_on` datetime NULL;
-- Add column "lift_decision_number" to table: "integrity_flags"
ALTER TABLE `integrity_flags` ADD COLUMN `lift_decision_number` text NULL;
-- Add column "plans_due_on" to table: "phases"
ALTER TABLE `phases` ADD COLUMN `plans_due_on` datetime NULL;
-- Add column "yearly_report_due" to table: "phases"
ALTER TABLE `phases` ADD COLUMN `yearly_report_due` text NULL;
-- Add column "interim_review_due_on" to table: "phases"
ALTER TABLE `phases` ADD COLUMN `interim_review_due_on` datetime NULL;
-- Add column "final_review_due_on" to table: "phases"
ALTER TABLE `phases` ADD COLUMN `final_review_due_on` datetime NULL;
-- Create "report_calls" table
CREATE TABLE `report_calls` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `kind` text NOT NULL, `year` integer NOT NULL, `due_on` datetime NOT NULL, `document_number` text NULL, `reach_unit_type` text NULL, `reach_open_on` datetime NULL, `note` text NULL, `phase_id` integer NOT NULL, `reach_subtree_id` integer NULL, CONSTRAINT `report_calls_phases_report_calls` FOREIGN KEY (`phase_id`) REFERENCES `phases` (`id`) ON DELETE NO ACTION, CONSTRAINT `report_calls_units_report_calls` FOREIGN KEY (`reach_subtree_id`) REFERENCES `units` (`id`) ON DELETE SET NULL);
-- Set sequence for "report_calls" table
INSERT INTO sqlite_sequence (name, seq) VALUES ("report_calls", 77309411328);
-- Create index "reportcall_phase_id_kind_year" to table: "report_calls"
CREATE INDEX `reportcall_phase_id_kind_year` ON `report_calls` (`phase_id`, `kind`, `year`);
-- Create "new_unit_reports" table
CREATE TABLE `new_unit_reports` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `kind` text NOT NULL, `year` integer NOT NULL, `document_number` text NULL, `due_on` datetime NULL, `sent_on` datetime NULL, `note` text NULL, `phase_id` integer NOT NULL, `call_id` integer NULL, `unit_id` integer NOT NULL, CONSTRAINT `unit_reports_phases_reports` FOREIGN KEY (`phase_id`) REFERENCES `phases` (`id`) ON DELETE NO ACTION, CONSTRAINT `unit_reports_report_calls_reports` FOREIGN KEY (`call_id`) REFERENCES `report_calls` (`id`) ON DELETE SET NULL, CONSTRAINT `unit_reports_units_reports` FOREIGN KEY (`unit_id`) REFERENCES `units` (`id`) ON DELETE NO ACTION);
-- Set sequence for "new_unit_reports" table
INSERT INTO sqlite_sequence (name, seq) VALUES ("new_unit_reports", 64424509440);
-- Copy rows from old table "unit_reports" to new temporary table "new_unit_reports"
INSERT INTO `new_unit_reports` (`id`, `created_at`, `updated_at`, `kind`, `year`, `document_number`, `due_on`, `sent_on`, `note`, `phase_id`, `unit_id`) SELECT `id`, `created_at`, `updated_at`, `kind`, `year`, `document_number`, `due_on`, `sent_on`, `note`, `phase_id`, `unit_id` FROM `unit_reports`;
-- Drop "unit_reports" table after copying rows
DROP TABLE `unit_reports`;
-- Rename temporary table "new_unit_reports" to "unit_reports"
ALTER TABLE `new_unit_reports` RENAME TO `unit_reports`;
-- Create index "unitreport_unit_id_phase_id_kind_year" to table: "unit_reports"
CREATE UNIQUE INDEX `unitreport_unit_id_phase_id_kind_year` ON `unit_reports` (`unit_id`, `phase_id`, `kind`, `year`);
-- Create "digest_deliveries" table
CREATE TABLE `digest_deliveries` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `day` datetime NOT NULL, `recipient` text NOT NULL, `person_id` integer NULL, `claimed_at` datetime NOT NULL, `claimed_by` text NOT NULL, `sent_at` datetime NULL, `items` integer NOT NULL DEFAULT (0), `error` text NULL);
-- Set sequence for "digest_deliveries" table
INSERT INTO sqlite_sequence (name, seq) VALUES ("digest_deliveries", 73014444032);
-- Create index "digestdelivery_day_recipient" to table: "digest_deliveries"
CREATE UNIQUE INDEX `digestdelivery_day_recipient` ON `digest_deliveries` (`day`, `recipient`);
-- Enable back the enforcement of foreign-keys constraints
PRAGMA foreign_keys = on;
