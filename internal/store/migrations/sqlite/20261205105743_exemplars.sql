-- Create "exemplars" table
CREATE TABLE `exemplars` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `kind` text NOT NULL, `title` text NOT NULL, `description` text NULL, `year` integer NOT NULL, `recognized_on` datetime NOT NULL, `unit_id` integer NOT NULL, `person_id` integer NULL, CONSTRAINT `exemplars_units_unit` FOREIGN KEY (`unit_id`) REFERENCES `units` (`id`) ON DELETE NO ACTION, CONSTRAINT `exemplars_people_person` FOREIGN KEY (`person_id`) REFERENCES `people` (`id`) ON DELETE SET NULL);
-- Set sequence for "exemplars" table
INSERT INTO sqlite_sequence (name, seq) VALUES ("exemplars", 85899345920);
-- Create index "exemplar_year_kind" to table: "exemplars"
CREATE INDEX `exemplar_year_kind` ON `exemplars` (`year`, `kind`);
-- Create "exemplar_ideas" table
CREATE TABLE `exemplar_ideas` (`exemplar_id` integer NOT NULL, `idea_id` integer NOT NULL, PRIMARY KEY (`exemplar_id`, `idea_id`), CONSTRAINT `exemplar_ideas_exemplar_id` FOREIGN KEY (`exemplar_id`) REFERENCES `exemplars` (`id`) ON DELETE CASCADE, CONSTRAINT `exemplar_ideas_idea_id` FOREIGN KEY (`idea_id`) REFERENCES `ideas` (`id`) ON DELETE CASCADE);
-- Create "exemplar_awards" table
CREATE TABLE `exemplar_awards` (`exemplar_id` integer NOT NULL, `award_id` integer NOT NULL, PRIMARY KEY (`exemplar_id`, `award_id`), CONSTRAINT `exemplar_awards_exemplar_id` FOREIGN KEY (`exemplar_id`) REFERENCES `exemplars` (`id`) ON DELETE CASCADE, CONSTRAINT `exemplar_awards_award_id` FOREIGN KEY (`award_id`) REFERENCES `awards` (`id`) ON DELETE CASCADE);
