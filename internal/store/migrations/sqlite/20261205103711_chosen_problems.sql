-- Create "chosen_problems" table
CREATE TABLE `chosen_problems` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `year` integer NOT NULL, `title` text NOT NULL, `description` text NULL, `chosen_on` datetime NULL, `idea_id` integer NULL, `unit_id` integer NOT NULL, CONSTRAINT `chosen_problems_ideas_idea` FOREIGN KEY (`idea_id`) REFERENCES `ideas` (`id`) ON DELETE SET NULL, CONSTRAINT `chosen_problems_units_chosen_problems` FOREIGN KEY (`unit_id`) REFERENCES `units` (`id`) ON DELETE NO ACTION);
-- Set sequence for "chosen_problems" table
INSERT INTO sqlite_sequence (name, seq) VALUES ("chosen_problems", 81604378624);
-- Create index "chosenproblem_unit_id_year" to table: "chosen_problems"
CREATE UNIQUE INDEX `chosenproblem_unit_id_year` ON `chosen_problems` (`unit_id`, `year`);
