-- Create "adoptions" table
CREATE TABLE `adoptions` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `adopted_on` datetime NOT NULL, `decision_number` text NULL, `decision_date` datetime NULL, `scope` text NULL, `note` text NULL, `idea_id` integer NOT NULL, `unit_id` integer NOT NULL, CONSTRAINT `adoptions_ideas_adoptions` FOREIGN KEY (`idea_id`) REFERENCES `ideas` (`id`) ON DELETE NO ACTION, CONSTRAINT `adoptions_units_adoptions` FOREIGN KEY (`unit_id`) REFERENCES `units` (`id`) ON DELETE NO ACTION);
-- Create index "adoption_idea_id_unit_id" to table: "adoptions"
CREATE UNIQUE INDEX `adoption_idea_id_unit_id` ON `adoptions` (`idea_id`, `unit_id`);
-- Create index "adoption_unit_id_adopted_on" to table: "adoptions"
CREATE INDEX `adoption_unit_id_adopted_on` ON `adoptions` (`unit_id`, `adopted_on`);
-- Create "audit_events" table
CREATE TABLE `audit_events` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `occurred_at` datetime NOT NULL, `actor_sub` text NOT NULL, `actor_roles` json NULL, `actor_unit` text NULL, `request_id` text NULL, `operation` text NOT NULL, `entity_type` text NOT NULL, `entity_id` integer NOT NULL, `unit_path` text NULL, `changes` json NULL);
-- Set sequence for "audit_events" table
INSERT INTO sqlite_sequence (name, seq) VALUES ("audit_events", 4294967296);
-- Create index "auditevent_entity_type_entity_id" to table: "audit_events"
CREATE INDEX `auditevent_entity_type_entity_id` ON `audit_events` (`entity_type`, `entity_id`);
-- Create index "auditevent_occurred_at" to table: "audit_events"
CREATE INDEX `auditevent_occurred_at` ON `audit_events` (`occurred_at`);
-- Create index "auditevent_unit_path" to table: "audit_events"
CREATE INDEX `auditevent_unit_path` ON `audit_events` (`unit_path`);
-- Create "awards" table
CREATE TABLE `awards` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `recipient_kind` text NOT NULL, `level` text NOT NULL, `year` integer NOT NULL, `decision_number` text NOT NULL, `decision_date` datetime NOT NULL, `issuer` text NOT NULL, `note` text NULL, `revokes_id` integer NULL, `nomination_id` integer NULL, `recipient_person_id` integer NULL, `unit_id` integer NOT NULL, CONSTRAINT `awards_awards_revoked_by` FOREIGN KEY (`revokes_id`) REFERENCES `awards` (`id`) ON DELETE SET NULL, CONSTRAINT `awards_nominations_award` FOREIGN KEY (`nomination_id`) REFERENCES `nominations` (`id`) ON DELETE SET NULL, CONSTRAINT `awards_people_awards` FOREIGN KEY (`recipient_person_id`) REFERENCES `people` (`id`) ON DELETE SET NULL, CONSTRAINT `awards_units_awards` FOREIGN KEY (`unit_id`) REFERENCES `units` (`id`) ON DELETE NO ACTION);
-- Set sequence for "awards" table
INSERT INTO sqlite_sequence (name, seq) VALUES ("awards", 8589934592);
-- Create index "awards_revokes_id_key" to table: "awards"
CREATE UNIQUE INDEX `awards_revokes_id_key` ON `awards` (`revokes_id`);
-- Create index "awards_nomination_id_key" to table: "awards"
CREATE UNIQUE INDEX `awards_nomination_id_key` ON `awards` (`nomination_id`);
-- Create index "award_unit_id_year" to table: "awards"
CREATE INDEX `award_unit_id_year` ON `awards` (`unit_id`, `year`);
-- Create index "award_year_level" to table: "awards"
CREATE INDEX `award_year_level` ON `awards` (`year`, `level`);
-- Create "dossier_documents" table
CREATE TABLE `dossier_documents` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `kind` text NOT NULL, `title` text NOT NULL, `document_number` text NULL, `issued_on` datetime NULL, `file_name` text NULL, `content_type` text NULL, `size_bytes` integer NOT NULL DEFAULT (0), `sha256` text NULL, `nomination_id` integer NOT NULL, CONSTRAINT `dossier_documents_nominations_documents` FOREIGN KEY (`nomination_id`) REFERENCES `nominations` (`id`) ON DELETE NO ACTION);
-- Set sequence for "dossier_documents" table
INSERT INTO sqlite_sequence (name, seq) VALUES ("dossier_documents", 12884901888);
-- Create "headcounts" table
CREATE TABLE `headcounts` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `year` integer NOT NULL, `headcount` integer NOT NULL, `unit_id` integer NOT NULL, CONSTRAINT `headcounts_units_headcounts` FOREIGN KEY (`unit_id`) REFERENCES `units` (`id`) ON DELETE NO ACTION);
-- Set sequence for "headcounts" table
INSERT INTO sqlite_sequence (name, seq) VALUES ("headcounts", 17179869184);
-- Create index "headcount_unit_id_year" to table: "headcounts"
CREATE UNIQUE INDEX `headcount_unit_id_year` ON `headcounts` (`unit_id`, `year`);
-- Create "ideas" table
CREATE TABLE `ideas` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `code` text NOT NULL, `title` text NOT NULL, `summary` text NULL, `field` text NOT NULL, `kind` text NOT NULL, `status` text NOT NULL DEFAULT ('DRAFT'), `by_collective` bool NOT NULL DEFAULT (false), `scope` text NULL, `proposed_on` datetime NOT NULL, `year` integer NOT NULL, `pilot_scope` text NULL, `pilot_started_on` datetime NULL, `pilot_planned_end` datetime NULL, `version` integer NOT NULL DEFAULT (0), `unit_id` integer NOT NULL, CONSTRAINT `ideas_units_ideas` FOREIGN KEY (`unit_id`) REFERENCES `units` (`id`) ON DELETE NO ACTION);
-- Set sequence for "ideas" table
INSERT INTO sqlite_sequence (name, seq) VALUES ("ideas", 21474836480);
-- Create index "ideas_code_key" to table: "ideas"
CREATE UNIQUE INDEX `ideas_code_key` ON `ideas` (`code`);
-- Create index "idea_unit_id_year" to table: "ideas"
CREATE INDEX `idea_unit_id_year` ON `ideas` (`unit_id`, `year`);
-- Create index "idea_status" to table: "ideas"
CREATE INDEX `idea_status` ON `ideas` (`status`);
-- Create index "idea_field_year" to table: "ideas"
CREATE INDEX `idea_field_year` ON `ideas` (`field`, `year`);
-- Create "idea_events" table
CREATE TABLE `idea_events` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `action` text NOT NULL, `from_status` text NULL, `to_status` text NOT NULL, `seq` integer NOT NULL, `occurred_at` datetime NOT NULL, `actor_sub` text NOT NULL, `decision_number` text NULL, `decision_date` datetime NULL, `authority` text NULL, `note` text NULL, `idea_id` integer NOT NULL, `actor_person_id` integer NULL, CONSTRAINT `idea_events_ideas_events` FOREIGN KEY (`idea_id`) REFERENCES `ideas` (`id`) ON DELETE NO ACTION, CONSTRAINT `idea_events_people_actor_person` FOREIGN KEY (`actor_person_id`) REFERENCES `people` (`id`) ON DELETE SET NULL);
-- Set sequence for "idea_events" table
INSERT INTO sqlite_sequence (name, seq) VALUES ("idea_events", 25769803776);
-- Create index "ideaevent_idea_id_seq" to table: "idea_events"
CREATE UNIQUE INDEX `ideaevent_idea_id_seq` ON `idea_events` (`idea_id`, `seq`);
-- Create index "ideaevent_idea_id_occurred_at" to table: "idea_events"
CREATE INDEX `ideaevent_idea_id_occurred_at` ON `idea_events` (`idea_id`, `occurred_at`);
-- Create "integrity_flags" table
CREATE TABLE `integrity_flags` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `year` integer NOT NULL, `kind` text NOT NULL, `decision_number` text NULL, `note` text NULL, `person_id` integer NULL, `unit_id` integer NOT NULL, CONSTRAINT `integrity_flags_people_integrity_flags` FOREIGN KEY (`person_id`) REFERENCES `people` (`id`) ON DELETE SET NULL, CONSTRAINT `integrity_flags_units_integrity_flags` FOREIGN KEY (`unit_id`) REFERENCES `units` (`id`) ON DELETE NO ACTION);
-- Set sequence for "integrity_flags" table
INSERT INTO sqlite_sequence (name, seq) VALUES ("integrity_flags", 30064771072);
-- Create index "integrityflag_unit_id_year" to table: "integrity_flags"
CREATE INDEX `integrityflag_unit_id_year` ON `integrity_flags` (`unit_id`, `year`);
-- Create index "integrityflag_person_id_year" to table: "integrity_flags"
CREATE INDEX `integrityflag_person_id_year` ON `integrity_flags` (`person_id`, `year`);
-- Create "memberships" table
CREATE TABLE `memberships` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `category` text NOT NULL, `role` text NOT NULL DEFAULT ('STAFF'), `position_title` text NULL, `valid_from` datetime NOT NULL, `valid_to` datetime NULL, `person_id` integer NOT NULL, `unit_id` integer NOT NULL, CONSTRAINT `memberships_people_memberships` FOREIGN KEY (`person_id`) REFERENCES `people` (`id`) ON DELETE NO ACTION, CONSTRAINT `memberships_units_memberships` FOREIGN KEY (`unit_id`) REFERENCES `units` (`id`) ON DELETE NO ACTION);
-- Set sequence for "memberships" table
INSERT INTO sqlite_sequence (name, seq) VALUES ("memberships", 34359738368);
-- Create index "membership_unit_id_role" to table: "memberships"
CREATE INDEX `membership_unit_id_role` ON `memberships` (`unit_id`, `role`);
-- Create index "membership_person_id_valid_from" to table: "memberships"
CREATE INDEX `membership_person_id_valid_from` ON `memberships` (`person_id`, `valid_from`);
-- Create "nominations" table
CREATE TABLE `nominations` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `recipient_kind` text NOT NULL, `level` text NOT NULL, `year` integer NOT NULL, `status` text NOT NULL DEFAULT ('DRAFT'), `note` text NULL, `version` integer NOT NULL DEFAULT (0), `submitted_at` datetime NULL, `override_justification` text NULL, `council_date` datetime NULL, `council_members` integer NULL, `votes_for` integer NULL, `votes_against` integer NULL, `votes_abstain` integer NULL, `forwarded_on` datetime NULL, `forwarded_to` text NULL, `recipient_person_id` integer NULL, `unit_id` integer NOT NULL, `recipient_unit_id` integer NULL, CONSTRAINT `nominations_people_nominations` FOREIGN KEY (`recipient_person_id`) REFERENCES `people` (`id`) ON DELETE SET NULL, CONSTRAINT `nominations_units_nominations` FOREIGN KEY (`unit_id`) REFERENCES `units` (`id`) ON DELETE NO ACTION, CONSTRAINT `nominations_units_received_nominations` FOREIGN KEY (`recipient_unit_id`) REFERENCES `units` (`id`) ON DELETE SET NULL);
-- Set sequence for "nominations" table
INSERT INTO sqlite_sequence (name, seq) VALUES ("nominations", 38654705664);
-- Create index "nomination_unit_id_year" to table: "nominations"
CREATE INDEX `nomination_unit_id_year` ON `nominations` (`unit_id`, `year`);
-- Create index "nomination_year_level" to table: "nominations"
CREATE INDEX `nomination_year_level` ON `nominations` (`year`, `level`);
-- Create "participations" table
CREATE TABLE `participations` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `year` integer NOT NULL, `kind` text NOT NULL, `registered_on` datetime NULL, `person_id` integer NULL, `unit_id` integer NOT NULL, CONSTRAINT `participations_people_participations` FOREIGN KEY (`person_id`) REFERENCES `people` (`id`) ON DELETE SET NULL, CONSTRAINT `participations_units_participations` FOREIGN KEY (`unit_id`) REFERENCES `units` (`id`) ON DELETE NO ACTION);
-- Set sequence for "participations" table
INSERT INTO sqlite_sequence (name, seq) VALUES ("participations", 42949672960);
-- Create index "participation_unit_id_year_kind" to table: "participations"
CREATE INDEX `participation_unit_id_year_kind` ON `participations` (`unit_id`, `year`, `kind`);
-- Create index "participation_person_id_year" to table: "participations"
CREATE INDEX `participation_person_id_year` ON `participations` (`person_id`, `year`);
-- Create "people" table
CREATE TABLE `people` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `code` text NOT NULL, `full_name` text NOT NULL, `gender` text NOT NULL, `birth_year` integer NULL, `email` text NULL);
-- Set sequence for "people" table
INSERT INTO sqlite_sequence (name, seq) VALUES ("people", 68719476736);
-- Create index "people_code_key" to table: "people"
CREATE UNIQUE INDEX `people_code_key` ON `people` (`code`);
-- Create "phases" table
CREATE TABLE `phases` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `name` text NOT NULL, `start_year` integer NOT NULL, `end_year` integer NOT NULL);
-- Set sequence for "phases" table
INSERT INTO sqlite_sequence (name, seq) VALUES ("phases", 51539607552);
-- Create index "phases_name_key" to table: "phases"
CREATE UNIQUE INDEX `phases_name_key` ON `phases` (`name`);
-- Create "units" table
CREATE TABLE `units` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `code` text NOT NULL, `name` text NOT NULL, `type` text NOT NULL, `path` text NOT NULL, `valid_from` datetime NULL, `valid_to` datetime NULL, `level4_criteria` json NULL, `real_name` bool NOT NULL DEFAULT (true), `parent_id` integer NULL, CONSTRAINT `units_units_children` FOREIGN KEY (`parent_id`) REFERENCES `units` (`id`) ON DELETE SET NULL);
-- Set sequence for "units" table
INSERT INTO sqlite_sequence (name, seq) VALUES ("units", 55834574848);
-- Create index "units_code_key" to table: "units"
CREATE UNIQUE INDEX `units_code_key` ON `units` (`code`);
-- Create index "unit_path" to table: "units"
CREATE INDEX `unit_path` ON `units` (`path`);
-- Create index "unit_type" to table: "units"
CREATE INDEX `unit_type` ON `units` (`type`);
-- Create "unit_plans" table
CREATE TABLE `unit_plans` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `document_number` text NULL, `issued_on` datetime NULL, `launched_on` datetime NULL, `sent_on` datetime NULL, `linked_to_directive_05` bool NOT NULL DEFAULT (false), `note` text NULL, `phase_id` integer NOT NULL, `unit_id` integer NOT NULL, CONSTRAINT `unit_plans_phases_plans` FOREIGN KEY (`phase_id`) REFERENCES `phases` (`id`) ON DELETE NO ACTION, CONSTRAINT `unit_plans_units_plans` FOREIGN KEY (`unit_id`) REFERENCES `units` (`id`) ON DELETE NO ACTION);
-- Set sequence for "unit_plans" table
INSERT INTO sqlite_sequence (name, seq) VALUES ("unit_plans", 60129542144);
-- Create index "unitplan_unit_id_phase_id" to table: "unit_plans"
CREATE UNIQUE INDEX `unitplan_unit_id_phase_id` ON `unit_plans` (`unit_id`, `phase_id`);
-- Create "unit_reports" table
CREATE TABLE `unit_reports` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `kind` text NOT NULL, `year` integer NOT NULL, `document_number` text NULL, `due_on` datetime NULL, `sent_on` datetime NULL, `note` text NULL, `phase_id` integer NOT NULL, `unit_id` integer NOT NULL, CONSTRAINT `unit_reports_phases_reports` FOREIGN KEY (`phase_id`) REFERENCES `phases` (`id`) ON DELETE NO ACTION, CONSTRAINT `unit_reports_units_reports` FOREIGN KEY (`unit_id`) REFERENCES `units` (`id`) ON DELETE NO ACTION);
-- Set sequence for "unit_reports" table
INSERT INTO sqlite_sequence (name, seq) VALUES ("unit_reports", 64424509440);
-- Create index "unitreport_unit_id_phase_id_kind_year" to table: "unit_reports"
CREATE UNIQUE INDEX `unitreport_unit_id_phase_id_kind_year` ON `unit_reports` (`unit_id`, `phase_id`, `kind`, `year`);
-- Create "award_ideas" table
CREATE TABLE `award_ideas` (`award_id` integer NOT NULL, `idea_id` integer NOT NULL, PRIMARY KEY (`award_id`, `idea_id`), CONSTRAINT `award_ideas_award_id` FOREIGN KEY (`award_id`) REFERENCES `awards` (`id`) ON DELETE CASCADE, CONSTRAINT `award_ideas_idea_id` FOREIGN KEY (`idea_id`) REFERENCES `ideas` (`id`) ON DELETE CASCADE);
-- Create "idea_proposers" table
CREATE TABLE `idea_proposers` (`idea_id` integer NOT NULL, `person_id` integer NOT NULL, PRIMARY KEY (`idea_id`, `person_id`), CONSTRAINT `idea_proposers_idea_id` FOREIGN KEY (`idea_id`) REFERENCES `ideas` (`id`) ON DELETE CASCADE, CONSTRAINT `idea_proposers_person_id` FOREIGN KEY (`person_id`) REFERENCES `people` (`id`) ON DELETE CASCADE);
-- Create "nomination_ideas" table
CREATE TABLE `nomination_ideas` (`nomination_id` integer NOT NULL, `idea_id` integer NOT NULL, PRIMARY KEY (`nomination_id`, `idea_id`), CONSTRAINT `nomination_ideas_nomination_id` FOREIGN KEY (`nomination_id`) REFERENCES `nominations` (`id`) ON DELETE CASCADE, CONSTRAINT `nomination_ideas_idea_id` FOREIGN KEY (`idea_id`) REFERENCES `ideas` (`id`) ON DELETE CASCADE);
-- Create "unit_successors" table
CREATE TABLE `unit_successors` (`unit_id` integer NOT NULL, `predecessor_id` integer NOT NULL, PRIMARY KEY (`unit_id`, `predecessor_id`), CONSTRAINT `unit_successors_unit_id` FOREIGN KEY (`unit_id`) REFERENCES `units` (`id`) ON DELETE CASCADE, CONSTRAINT `unit_successors_predecessor_id` FOREIGN KEY (`predecessor_id`) REFERENCES `units` (`id`) ON DELETE CASCADE);
