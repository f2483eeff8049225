-- Trigram full-text indexes of the folded search text (issue 17): SQLite's LIKE '%word%' scans the
-- table; an FTS5 table with the trigram tokenizer finds the rows holding a word of three letters or
-- more. External content (the text stays in its table), kept by triggers; search.go narrows the
-- LIKEs to the rows it names and still applies them. A migration that rebuilds one of these tables
-- drops its triggers: it must create them again (TestSearchIndexInSync fails otherwise).
CREATE VIRTUAL TABLE `ideas_search` USING fts5(search_text, content='ideas', content_rowid='id', tokenize='trigram');
INSERT INTO `ideas_search`(`ideas_search`) VALUES('rebuild');
CREATE TRIGGER `ideas_search_insert` AFTER INSERT ON `ideas` BEGIN INSERT INTO `ideas_search`(rowid, search_text) VALUES (new.id, new.search_text); END;
CREATE TRIGGER `ideas_search_delete` AFTER DELETE ON `ideas` BEGIN INSERT INTO `ideas_search`(`ideas_search`, rowid, search_text) VALUES ('delete', old.id, old.search_text); END;
CREATE TRIGGER `ideas_search_update` AFTER UPDATE OF search_text ON `ideas` BEGIN INSERT INTO `ideas_search`(`ideas_search`, rowid, search_text) VALUES ('delete', old.id, old.search_text); INSERT INTO `ideas_search`(rowid, search_text) VALUES (new.id, new.search_text); END;
CREATE VIRTUAL TABLE `units_search` USING fts5(search_text, content='units', content_rowid='id', tokenize='trigram');
INSERT INTO `units_search`(`units_search`) VALUES('rebuild');
CREATE TRIGGER `units_search_insert` AFTER INSERT ON `units` BEGIN INSERT INTO `units_search`(rowid, search_text) VALUES (new.id, new.search_text); END;
CREATE TRIGGER `units_search_delete` AFTER DELETE ON `units` BEGIN INSERT INTO `units_search`(`units_search`, rowid, search_text) VALUES ('delete', old.id, old.search_text); END;
CREATE TRIGGER `units_search_update` AFTER UPDATE OF search_text ON `units` BEGIN INSERT INTO `units_search`(`units_search`, rowid, search_text) VALUES ('delete', old.id, old.search_text); INSERT INTO `units_search`(rowid, search_text) VALUES (new.id, new.search_text); END;
CREATE VIRTUAL TABLE `people_search` USING fts5(search_text, content='people', content_rowid='id', tokenize='trigram');
INSERT INTO `people_search`(`people_search`) VALUES('rebuild');
CREATE TRIGGER `people_search_insert` AFTER INSERT ON `people` BEGIN INSERT INTO `people_search`(rowid, search_text) VALUES (new.id, new.search_text); END;
CREATE TRIGGER `people_search_delete` AFTER DELETE ON `people` BEGIN INSERT INTO `people_search`(`people_search`, rowid, search_text) VALUES ('delete', old.id, old.search_text); END;
CREATE TRIGGER `people_search_update` AFTER UPDATE OF search_text ON `people` BEGIN INSERT INTO `people_search`(`people_search`, rowid, search_text) VALUES ('delete', old.id, old.search_text); INSERT INTO `people_search`(rowid, search_text) VALUES (new.id, new.search_text); END;
