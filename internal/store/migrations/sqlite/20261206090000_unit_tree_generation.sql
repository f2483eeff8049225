-- The unit tree's generation (issue 22): one counter, bumped in the same transaction as every
-- insert, update and delete of a unit, so the API can keep the tokens' units (code → id, path) in
-- memory and know exactly when they may have moved (store.UnitScopes). Written by hand, like
-- etl_changes: ent does not model it and store.Diff leaves tables unknown to ent alone. SQLite has
-- row triggers only: a statement that touches n units bumps it n times, which is as good (only
-- "did it move" matters). A later migration that rebuilds `units` drops these triggers and must
-- create them again (TestUnitTreeGenerationTriggers fails otherwise).

CREATE TABLE `unit_tree_generation` (`id` integer NOT NULL PRIMARY KEY CHECK (`id` = 1), `generation` integer NOT NULL);
INSERT INTO `unit_tree_generation` (`id`, `generation`) VALUES (1, 1);
CREATE TRIGGER `units_tree_insert` AFTER INSERT ON `units` BEGIN UPDATE `unit_tree_generation` SET `generation` = `generation` + 1 WHERE `id` = 1; END;
CREATE TRIGGER `units_tree_update` AFTER UPDATE ON `units` BEGIN UPDATE `unit_tree_generation` SET `generation` = `generation` + 1 WHERE `id` = 1; END;
CREATE TRIGGER `units_tree_delete` AFTER DELETE ON `units` BEGIN UPDATE `unit_tree_generation` SET `generation` = `generation` + 1 WHERE `id` = 1; END;
