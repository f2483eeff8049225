-- The ETL's change counters per year (20261206051500_etl_changes) counted with statement triggers
-- over transition tables instead of row triggers: a row trigger bumps the same counter row (table,
-- year) once per row, and within one transaction each bump is a new version of that row that no
-- pruning may remove until the transaction ends, so each next bump walks a longer chain: a bulk
-- INSERT of a year's rows took quadratic time (seeding `city` went from 5.6 min to past 12 min). Now
-- one bump per statement and year, by the number of rows. Same counters, same meaning; SQLite keeps
-- its row triggers (it updates a row in place).
CREATE FUNCTION etl_changes_rows() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN IF TG_OP IN ('UPDATE', 'DELETE') THEN INSERT INTO etl_changes (source, year, changes, stamp) SELECT TG_TABLE_NAME, y, count(*), md5(random()::text) FROM (SELECT coalesce(CAST(substring(to_jsonb(o)->>TG_ARGV[0] FROM '^[0-9]+') AS integer), 0) AS y FROM etl_old o) s GROUP BY y ON CONFLICT (source, year) DO UPDATE SET changes = etl_changes.changes + EXCLUDED.changes, stamp = EXCLUDED.stamp; END IF; IF TG_OP IN ('INSERT', 'UPDATE') THEN INSERT INTO etl_changes (source, year, changes, stamp) SELECT TG_TABLE_NAME, y, count(*), md5(random()::text) FROM (SELECT coalesce(CAST(substring(to_jsonb(n)->>TG_ARGV[0] FROM '^[0-9]+') AS integer), 0) AS y FROM etl_new n) s GROUP BY y ON CONFLICT (source, year) DO UPDATE SET changes = etl_changes.changes + EXCLUDED.changes, stamp = EXCLUDED.stamp; END IF; RETURN NULL; END $$;
DROP TRIGGER "participations_etl_changes" ON "participations";
CREATE TRIGGER "participations_etl_insert" AFTER INSERT ON "participations" REFERENCING NEW TABLE AS etl_new FOR EACH STATEMENT EXECUTE FUNCTION etl_changes_rows('year');
CREATE TRIGGER "participations_etl_update" AFTER UPDATE ON "participations" REFERENCING OLD TABLE AS etl_old NEW TABLE AS etl_new FOR EACH STATEMENT EXECUTE FUNCTION etl_changes_rows('year');
CREATE TRIGGER "participations_etl_delete" AFTER DELETE ON "participations" REFERENCING OLD TABLE AS etl_old FOR EACH STATEMENT EXECUTE FUNCTION etl_changes_rows('year');
DROP TRIGGER "headcounts_etl_changes" ON "headcounts";
CREATE TRIGGER "headcounts_etl_insert" AFTER INSERT ON "headcounts" REFERENCING NEW TABLE AS etl_new FOR EACH STATEMENT EXECUTE FUNCTION etl_changes_rows('year');
CREATE TRIGGER "headcounts_etl_update" AFTER UPDATE ON "headcounts" REFERENCING OLD TABLE AS etl_old NEW TABLE AS etl_new FOR EACH STATEMENT EXECUTE FUNCTION etl_changes_rows('year');
CREATE TRIGGER "headcounts_etl_delete" AFTER DELETE ON "headcounts" REFERENCING OLD TABLE AS etl_old FOR EACH STATEMENT EXECUTE FUNCTION etl_changes_rows('year');
DROP TRIGGER "ideas_etl_changes" ON "ideas";
CREATE TRIGGER "ideas_etl_insert" AFTER INSERT ON "ideas" REFERENCING NEW TABLE AS etl_new FOR EACH STATEMENT EXECUTE FUNCTION etl_changes_rows('year');
CREATE TRIGGER "ideas_etl_update" AFTER UPDATE ON "ideas" REFERENCING OLD TABLE AS etl_old NEW TABLE AS etl_new FOR EACH STATEMENT EXECUTE FUNCTION etl_changes_rows('year');
CREATE TRIGGER "ideas_etl_delete" AFTER DELETE ON "ideas" REFERENCING OLD TABLE AS etl_old FOR EACH STATEMENT EXECUTE FUNCTION etl_changes_rows('year');
DROP TRIGGER "adoptions_etl_changes" ON "adoptions";
CREATE TRIGGER "adoptions_etl_insert" AFTER INSERT ON "adoptions" REFERENCING NEW TABLE AS etl_new FOR EACH STATEMENT EXECUTE FUNCTION etl_changes_rows('adopted_on');
CREATE TRIGGER "adoptions_etl_update" AFTER UPDATE ON "adoptions" REFERENCING OLD TABLE AS etl_old NEW TABLE AS etl_new FOR EACH STATEMENT EXECUTE FUNCTION etl_changes_rows('adopted_on');
CREATE TRIGGER "adoptions_etl_delete" AFTER DELETE ON "adoptions" REFERENCING OLD TABLE AS etl_old FOR EACH STATEMENT EXECUTE FUNCTION etl_changes_rows('adopted_on');
DROP TRIGGER "awards_etl_changes" ON "awards";
CREATE TRIGGER "awards_etl_insert" AFTER INSERT ON "awards" REFERENCING NEW TABLE AS etl_new FOR EACH STATEMENT EXECUTE FUNCTION etl_changes_rows('year');
CREATE TRIGGER "awards_etl_update" AFTER UPDATE ON "awards" REFERENCING OLD TABLE AS etl_old NEW TABLE AS etl_new FOR EACH STATEMENT EXECUTE FUNCTION etl_changes_rows('year');
CREATE TRIGGER "awards_etl_delete" AFTER DELETE ON "awards" REFERENCING OLD TABLE AS etl_old FOR EACH STATEMENT EXECUTE FUNCTION etl_changes_rows('year');
DROP TRIGGER "unit_reports_etl_changes" ON "unit_reports";
CREATE TRIGGER "unit_reports_etl_insert" AFTER INSERT ON "unit_reports" REFERENCING NEW TABLE AS etl_new FOR EACH STATEMENT EXECUTE FUNCTION etl_changes_rows('year');
CREATE TRIGGER "unit_reports_etl_update" AFTER UPDATE ON "unit_reports" REFERENCING OLD TABLE AS etl_old NEW TABLE AS etl_new FOR EACH STATEMENT EXECUTE FUNCTION etl_changes_rows('year');
CREATE TRIGGER "unit_reports_etl_delete" AFTER DELETE ON "unit_reports" REFERENCING OLD TABLE AS etl_old FOR EACH STATEMENT EXECUTE FUNCTION etl_changes_rows('year');
DROP FUNCTION etl_changes_row();
