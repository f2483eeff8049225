-- Disable the enforcement of foreign-keys constraints
PRAGMA foreign_keys = off;
-- Create "new_headcounts" table
CREATE TABLE `new_headcounts` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `year` integer NOT NULL, `headcount` integer NOT NULL, `version` integer NOT NULL DEFAULT (0), `unit_id` integer NOT NULL, CONSTRAINT `headcounts_units_headcounts` FOREIGN KEY (`unit_id`) REFERENCES `units` (`id`) ON DELETE NO ACTION);
-- Set sequence for "new_headcounts" table
INSERT INTO sqlite_sequence (name, seq) VALUES ("new_headcounts", 17179869184);
-- Copy rows from old table "headcounts" to new temporary table "new_headcounts"
INSERT INTO `new_headcounts` (`id`, `created_at`, `updated_at`, `year`, `headcount`, `unit_id`) SELECT `id`, `created_at`, `updated_at`, `year`, `headcount`, `unit_id` FROM `headcounts`;
-- Drop "headcounts" table after copying rows
DROP TABLE `headcounts`;
-- Rename temporary table "new_headcounts" to "headcounts"
ALTER TABLE `new_headcounts` RENAME TO `headcounts`;
-- Create index "headcount_unit_id_year" to table: "headcounts"
CREATE UNIQUE INDEX `headcount_unit_id_year` ON `headcounts` (`unit_id`, `year`);
-- Create "new_integrity_flags" table
CREATE TABLE `new_integrity_flags` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `year` integer NOT NULL, `kind` text NOT NULL, `decision_number` text NULL, `decision_date` datetime NULL, `form` text NULL, `lifted_on` datetime NULL, `lift_decision_number` text NULL, `note` text NULL, `version` integer NOT NULL DEFAULT (0), `person_id` integer NULL, `unit_id` integer NOT NULL, CONSTRAINT `integrity_flags_people_integrity_flags` FOREIGN KEY (`person_id`) REFERENCES `people` (`id`) ON DELETE SET NULL, CONSTRAINT `integrity_flags_units_integrity_flags` FOREIGN KEY (`unit_id`) REFERENCES `units` (`id`) ON DELETE NO ACTION);
-- Set sequence for "new_integrity_flags" table
INSERT INTO sqlite_sequence (name, seq) VALUES ("new_integrity_flags", 30064771072);
-- Copy rows from old table "integrity_flags" to new temporary table "new_integrity_flags"
INSERT INTO `new_integrity_flags` (`id`, `created_at`, `updated_at`, `year`, `kind`, `decision_number`, `decision_date`, `form`, `lifted_on`, `lift_decision_number`, `note`, `person_id`, `unit_id`) SELECT `id`, `created_at`, `updated_at`, `year`, `kind`, `decision_number`, `decision_date`, `form`, `lifted_on`, `lift_decision_number`, `note`, `person_id`, `unit_id` FROM `integrity_flags`;
-- Drop "integrity_flags" table after copying rows
DROP TABLE `integrity_flags`;
-- Rename temporary table "new_integrity_flags" to "integrity_flags"
ALTER TABLE `new_integrity_flags` RENAME TO `integrity_flags`;
-- Create index "integrityflag_unit_id_year" to table: "integrity_flags"
CREATE INDEX `integrityflag_unit_id_year` ON `integrity_flags` (`unit_id`, `year`);
-- Create index "integrityflag_person_id_year" to table: "integrity_flags"
CREATE INDEX `integrityflag_person_id_year` ON `integrity_flags` (`person_id`, `year`);
-- Create "new_memberships" table
CREATE TABLE `new_memberships` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `category` text NOT NULL, `role` text NOT NULL DEFAULT ('STAFF'), `position_title` text NULL, `valid_from` datetime NOT NULL, `valid_to` datetime NULL, `version` integer NOT NULL DEFAULT (0), `person_id` integer NOT NULL, `unit_id` integer NOT NULL, CONSTRAINT `memberships_people_memberships` FOREIGN KEY (`person_id`) REFERENCES `people` (`id`) ON DELETE NO ACTION, CONSTRAINT `memberships_units_memberships` FOREIGN KEY (`unit_id`) REFERENCES `units` (`id`) ON DELETE NO ACTION);
-- Set sequence for "new_memberships" table
INSERT INTO sqlite_sequence (name, seq) VALUES ("new_memberships", 34359738368);
-- Copy rows from old table "memberships" to new temporary table "new_memberships"
INSERT INTO `new_memberships` (`id`, `created_at`, `updated_at`, `category`, `role`, `position_title`, `valid_from`, `valid_to`, `person_id`, `unit_id`) SELECT `id`, `created_at`, `updated_at`, `category`, `role`, `position_title`, `valid_from`, `valid_to`, `person_id`, `unit_id` FROM `memberships`;
-- Drop "memberships" table after copying rows
DROP TABLE `memberships`;
-- Rename temporary table "new_memberships" to "memberships"
ALTER TABLE `new_memberships` RENAME TO `memberships`;
-- Create index "membership_unit_id_role" to table: "memberships"
CREATE INDEX `membership_unit_id_role` ON `memberships` (`unit_id`, `role`);
-- Create index "membership_person_id_valid_from" to table: "memberships"
CREATE INDEX `membership_person_id_valid_from` ON `memberships` (`person_id`, `valid_from`);
-- Create "new_people" table
CREATE TABLE `new_people` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `code` text NOT NULL, `full_name` text NOT NULL, `gender` text NOT NULL, `birth_year` integer NULL, `email` text NULL, `version` integer NOT NULL DEFAULT (0));
-- Set sequence for "new_people" table
INSERT INTO sqlite_sequence (name, seq) VALUES ("new_people", 68719476736);
-- Copy rows from old table "people" to new temporary table "new_people"
INSERT INTO `new_people` (`id`, `created_at`, `updated_at`, `code`, `full_name`, `gender`, `birth_year`, `email`) SELECT `id`, `created_at`, `updated_at`, `code`, `full_name`, `gender`, `birth_year`, `email` FROM `people`;
-- Drop "people" table after copying rows
DROP TABLE `people`;
-- Rename temporary table "new_people" to "people"
ALTER TABLE `new_people` RENAME TO `people`;
-- Create index "people_code_key" to table: "people"
CREATE UNIQUE INDEX `people_code_key` ON `people` (`code`);
-- Create "new_phases" table
CREATE TABLE `new_phases` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `name` text NOT NULL, `start_year` integer NOT NULL, `end_year` integer NOT NULL, `plans_due_on` datetime NULL, `yearly_report_due` text NULL, `interim_review_due_on` datetime NULL, `final_review_due_on` datetime NULL, `version` integer NOT NULL DEFAULT (0));
-- Set sequence for "new_phases" table
INSERT INTO sqlite_sequence (name, seq) VALUES ("new_phases", 51539607552);
-- Copy rows from old table "phases" to new temporary table "new_phases"
INSERT INTO `new_phases` (`id`, `created_at`, `updated_at`, `name`, `start_year`, `end_year`, `plans_due_on`, `yearly_report_due`, `interim_review_due_on`, `final_review_due_on`) SELECT `id`, `created_at`, `updated_at`, `name`, `start_year`, `end_year`, `plans_due_on`, `yearly_report_due`, `interim_review_due_on`, `final_review_due_on` FROM `phases`;
-- Drop "phases" table after copying rows
DROP TABLE `phases`;
-- Rename temporary table "new_phases" to "phases"
ALTER TABLE `new_phases` RENAME TO `phases`;
-- Create index "phases_name_key" to table: "phases"
CREATE UNIQUE INDEX `phases_name_key` ON `phases` (`name`);
-- Create "new_units" table
CREATE TABLE `new_units` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `code` text NOT NULL, `name` text NOT NULL, `type` text NOT NULL, `path` text NOT NULL, `valid_from` datetime NULL, `valid_to` datetime NULL, `level4_criteria` json NULL, `real_name` bool NOT NULL DEFAULT (true), `version` integer NOT NULL DEFAULT (0), `parent_id` integer NULL, CONSTRAINT `units_units_children` FOREIGN KEY (`parent_id`) REFERENCES `units` (`id`) ON DELETE SET NULL);
-- Set sequence for "new_units" table
INSERT INTO sqlite_sequence (name, seq) VALUES ("new_units", 55834574848);
-- Copy rows from old table "units" to new temporary table "new_units"
INSERT INTO `new_units` (`id`, `created_at`, `updated_at`, `code`, `name`, `type`, `path`, `valid_from`, `valid_to`, `level4_criteria`, `real_name`, `parent_id`) SELECT `id`, `created_at`, `updated_at`, `code`, `name`, `type`, `path`, `valid_from`, `valid_to`, `level4_criteria`, `real_name`, `parent_id` FROM `units`;
-- Drop "units" table after copying rows
DROP TABLE `units`;
-- Rename temporary table "new_units" to "units"
ALTER TABLE `new_units` RENAME TO `units`;
-- Create index "units_code_key" to table: "units"
CREATE UNIQUE INDEX `units_code_key` ON `units` (`code`);
-- Create index "unit_path" to table: "units"
CREATE INDEX `unit_path` ON `units` (`path`);
-- Create index "unit_type" to table: "units"
CREATE INDEX `unit_type` ON `units` (`type`);
-- Create "new_report_calls" table
CREATE TABLE `new_report_calls` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `kind` text NOT NULL, `year` integer NOT NULL, `due_on` datetime NOT NULL, `document_number` text NULL, `reach_unit_type` text NULL, `reach_open_on` datetime NULL, `note` text NULL, `version` integer NOT NULL DEFAULT (0), `phase_id` integer NOT NULL, `reach_subtree_id` integer NULL, CONSTRAINT `report_calls_phases_report_calls` FOREIGN KEY (`phase_id`) REFERENCES `phases` (`id`) ON DELETE NO ACTION, CONSTRAINT `report_calls_units_report_calls` FOREIGN KEY (`reach_subtree_id`) REFERENCES `units` (`id`) ON DELETE SET NULL);
-- Set sequence for "new_report_calls" table
INSERT INTO sqlite_sequence (name, seq) VALUES ("new_report_calls", 77309411328);
-- Copy rows from old table "report_calls" to new temporary table "new_report_calls"
INSERT INTO `new_report_calls` (`id`, `created_at`, `updated_at`, `kind`, `year`, `due_on`, `document_number`, `reach_unit_type`, `reach_open_on`, `note`, `phase_id`, `reach_subtree_id`) SELECT `id`, `created_at`, `updated_at`, `kind`, `year`, `due_on`, `document_number`, `reach_unit_type`, `reach_open_on`, `note`, `phase_id`, `reach_subtree_id` FROM `report_calls`;
-- Drop "report_calls" table after copying rows
DROP TABLE `report_calls`;
-- Rename temporary table "new_report_calls" to "report_calls"
ALTER TABLE `new_report_calls` RENAME TO `report_calls`;
-- Create index "reportcall_phase_id_kind_year" to table: "report_calls"
CREATE INDEX `reportcall_phase_id_kind_year` ON `report_calls` (`phase_id`, `kind`, `year`);
-- Create "new_unit_reports" table
CREATE TABLE `new_unit_reports` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `kind` text NOT NULL, `year` integer NOT NULL, `document_number` text NULL, `due_on` datetime NULL, `sent_on` datetime NULL, `note` text NULL, `version` integer NOT NULL DEFAULT (0), `phase_id` integer NOT NULL, `call_id` integer NULL, `unit_id` integer NOT NULL, CONSTRAINT `unit_reports_phases_reports` FOREIGN KEY (`phase_id`) REFERENCES `phases` (`id`) ON DELETE NO ACTION, CONSTRAINT `unit_reports_report_calls_reports` FOREIGN KEY (`call_id`) REFERENCES `report_calls` (`id`) ON DELETE SET NULL, CONSTRAINT `unit_reports_units_reports` FOREIGN KEY (`unit_id`) REFERENCES `units` (`id`) ON DELETE NO ACTION);
-- Set sequence for "new_unit_reports" table
INSERT INTO sqlite_sequence (name, seq) VALUES ("new_unit_reports", 64424509440);
-- Copy rows from old table "unit_reports" to new temporary table "new_unit_reports"
INSERT INTO `new_unit_reports` (`id`, `created_at`, `updated_at`, `kind`, `year`, `document_number`, `due_on`, `sent_on`, `note`, `phase_id`, `call_id`, `unit_id`) SELECT `id`, `created_at`, `updated_at`, `kind`, `year`, `document_number`, `due_on`, `sent_on`, `note`, `phase_id`, `call_id`, `unit_id` FROM `unit_reports`;
-- Drop "unit_reports" table after copying rows
DROP TABLE `unit_reports`;
-- Rename temporary table "new_unit_reports" to "unit_reports"
ALTER TABLE `new_unit_reports` RENAME TO `unit_reports`;
-- Create index "unitreport_unit_id_phase_id_kind_year" to table: "unit_reports"
CREATE UNIQUE INDEX `unitreport_unit_id_phase_id_kind_year` ON `unit_reports` (`unit_id`, `phase_id`, `kind`, `year`);
-- Create "new_unit_plans" table
CREATE TABLE `new_unit_plans` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `document_number` text NULL, `issued_on` datetime NULL, `launched_on` datetime NULL, `sent_on` datetime NULL, `linked_to_directive_05` bool NOT NULL DEFAULT (false), `implements_conclusion_14` bool NOT NULL DEFAULT (false), `implements_plan_124` bool NOT NULL DEFAULT (false), `implements_plan_3815` bool NOT NULL DEFAULT (false), `note` text NULL, `version` integer NOT NULL DEFAULT (0), `phase_id` integer NOT NULL, `unit_id` integer NOT NULL, CONSTRAINT `unit_plans_phases_plans` FOREIGN KEY (`phase_id`) REFERENCES `phases` (`id`) ON DELETE NO ACTION, CONSTRAINT `unit_plans_units_plans` FOREIGN KEY (`unit_id`) REFERENCES `units` (`id`) ON DELETE NO ACTION);
-- Set sequence for "new_unit_plans" table
INSERT INTO sqlite_sequence (name, seq) VALUES ("new_unit_plans", 60129542144);
-- Copy rows from old table "unit_plans" to new temporary table "new_unit_plans"
INSERT INTO `new_unit_plans` (`id`, `created_at`, `updated_at`, `document_number`, `issued_on`, `launched_on`, `sent_on`, `linked_to_directive_05`, `implements_conclusion_14`, `implements_plan_124`, `implements_plan_3815`, `note`, `phase_id`, `unit_id`) SELECT `id`, `created_at`, `updated_at`, `document_number`, `issued_on`, `launched_on`, `sent_on`, `linked_to_directive_05`, `implements_conclusion_14`, `implements_plan_124`, `implements_plan_3815`, `note`, `phase_id`, `unit_id` FROM `unit_plans`;
-- Drop "unit_plans" table after copying rows
DROP TABLE `unit_plans`;
-- Rename temporary table "new_unit_plans" to "unit_plans"
ALTER TABLE `new_unit_plans` RENAME TO `unit_plans`;
-- Create index "unitplan_unit_id_phase_id" to table: "unit_plans"
CREATE UNIQUE INDEX `unitplan_unit_id_phase_id` ON `unit_plans` (`unit_id`, `phase_id`);
-- Create "new_chosen_problems" table
CREATE TABLE `new_chosen_problems` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `year` integer NOT NULL, `title` text NOT NULL, `description` text NULL, `chosen_on` datetime NULL, `version` integer NOT NULL DEFAULT (0), `idea_id` integer NULL, `unit_id` integer NOT NULL, CONSTRAINT `chosen_problems_ideas_idea` FOREIGN KEY (`idea_id`) REFERENCES `ideas` (`id`) ON DELETE SET NULL, CONSTRAINT `chosen_problems_units_chosen_problems` FOREIGN KEY (`unit_id`) REFERENCES `units` (`id`) ON DELETE NO ACTION);
-- Set sequence for "new_chosen_problems" table
INSERT INTO sqlite_sequence (name, seq) VALUES ("new_chosen_problems", 81604378624);
-- Copy rows from old table "chosen_problems" to new temporary table "new_chosen_problems"
INSERT INTO `new_chosen_problems` (`id`, `created_at`, `updated_at`, `year`, `title`, `description`, `chosen_on`, `idea_id`, `unit_id`) SELECT `id`, `created_at`, `updated_at`, `year`, `title`, `description`, `chosen_on`, `idea_id`, `unit_id` FROM `chosen_problems`;
-- Drop "chosen_problems" table after copying rows
DROP TABLE `chosen_problems`;
-- Rename temporary table "new_chosen_problems" to "chosen_problems"
ALTER TABLE `new_chosen_problems` RENAME TO `chosen_problems`;
-- Create index "chosenproblem_unit_id_year" to table: "chosen_problems"
CREATE UNIQUE INDEX `chosenproblem_unit_id_year` ON `chosen_problems` (`unit_id`, `year`);
-- Create "new_exemplars" table
CREATE TABLE `new_exemplars` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `kind` text NOT NULL, `title` text NOT NULL, `description` text NULL, `year` integer NOT NULL, `recognized_on` datetime NOT NULL, `version` integer NOT NULL DEFAULT (0), `unit_id` integer NOT NULL, `person_id` integer NULL, CONSTRAINT `exemplars_units_unit` FOREIGN KEY (`unit_id`) REFERENCES `units` (`id`) ON DELETE NO ACTION, CONSTRAINT `exemplars_people_person` FOREIGN KEY (`person_id`) REFERENCES `people` (`id`) ON DELETE SET NULL);
-- Set sequence for "new_exemplars" table
INSERT INTO sqlite_sequence (name, seq) VALUES ("new_exemplars", 85899345920);
-- Copy rows from old table "exemplars" to new temporary table "new_exemplars"
INSERT INTO `new_exemplars` (`id`, `created_at`, `updated_at`, `kind`, `title`, `description`, `year`, `recognized_on`, `unit_id`, `person_id`) SELECT `id`, `created_at`, `updated_at`, `kind`, `title`, `description`, `year`, `recognized_on`, `unit_id`, `person_id` FROM `exemplars`;
-- Drop "exemplars" table after copying rows
DROP TABLE `exemplars`;
-- Rename temporary table "new_exemplars" to "exemplars"
ALTER TABLE `new_exemplars` RENAME TO `exemplars`;
-- Create index "exemplar_year_kind" to table: "exemplars"
CREATE INDEX `exemplar_year_kind` ON `exemplars` (`year`, `kind`);
-- Enable back the enforcement of foreign-keys constraints
PRAGMA foreign_keys = on;
