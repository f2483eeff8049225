-- Change counters for the ETL (issue 21): an UPDATE or DELETE made behind the application's back
-- (a DBA's fix, leaving updated_at alone) must still make the next ETL run reload what it touched.
-- Every table the ETL reads bumps etl_changes(source, year) on each insert, update and delete:
-- year is the year the facts partition that table's rows by (the row's own year column; for
-- adoptions the year of adopted_on, a date), both the old row's and the new row's; 0 for a
-- table whose rows reach a fact's year only through a join. stamp is random at every bump, so a
-- store restored from an older dump and then edited as many times cannot come back to the same
-- counters. etl_store_epoch names the store: a copy restored elsewhere keeps it, but a store
-- created anew does not. Written by hand (ent does not model them; store.Diff ignores them).
-- A SQLite migration that rebuilds one of these tables drops its triggers and must create them
-- again (TestChangeTriggers fails otherwise).

CREATE TABLE "etl_changes" ("source" text NOT NULL, "year" integer NOT NULL, "changes" bigint NOT NULL, "stamp" text NOT NULL, PRIMARY KEY ("source", "year"));
CREATE TABLE "etl_store_epoch" ("epoch" text NOT NULL PRIMARY KEY);
INSERT INTO "etl_store_epoch" ("epoch") VALUES (md5(random()::text || clock_timestamp()::text));
-- Row triggers for the tables partitioned by a column of their own (TG_ARGV[0] names it; a date's
-- text starts with its year); statement triggers, one bump per statement, for the others. Row
-- triggers do not fire on TRUNCATE: a truncate bumps year 0, which makes every year be read.
CREATE FUNCTION etl_changes_row() RETURNS trigger LANGUAGE plpgsql AS $$ DECLARE y integer; BEGIN IF TG_OP IN ('UPDATE', 'DELETE') THEN y := coalesce(CAST(substring(to_jsonb(OLD)->>TG_ARGV[0] FROM '^[0-9]+') AS integer), 0); INSERT INTO etl_changes (source, year, changes, stamp) VALUES (TG_TABLE_NAME, y, 1, md5(random()::text)) ON CONFLICT (source, year) DO UPDATE SET changes = etl_changes.changes + 1, stamp = EXCLUDED.stamp; END IF; IF TG_OP IN ('INSERT', 'UPDATE') THEN y := coalesce(CAST(substring(to_jsonb(NEW)->>TG_ARGV[0] FROM '^[0-9]+') AS integer), 0); INSERT INTO etl_changes (source, year, changes, stamp) VALUES (TG_TABLE_NAME, y, 1, md5(random()::text)) ON CONFLICT (source, year) DO UPDATE SET changes = etl_changes.changes + 1, stamp = EXCLUDED.stamp; END IF; RETURN NULL; END $$;
CREATE FUNCTION etl_changes_statement() RETURNS trigger LANGUAGE plpgsql AS $$ DECLARE y integer := 0; BEGIN INSERT INTO etl_changes (source, year, changes, stamp) VALUES (TG_TABLE_NAME, y, 1, md5(random()::text)) ON CONFLICT (source, year) DO UPDATE SET changes = etl_changes.changes + 1, stamp = EXCLUDED.stamp; RETURN NULL; END $$;
CREATE TRIGGER "units_etl_changes" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "units" FOR EACH STATEMENT EXECUTE FUNCTION etl_changes_statement();
CREATE TRIGGER "unit_successors_etl_changes" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "unit_successors" FOR EACH STATEMENT EXECUTE FUNCTION etl_changes_statement();
CREATE TRIGGER "people_etl_changes" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "people" FOR EACH STATEMENT EXECUTE FUNCTION etl_changes_statement();
CREATE TRIGGER "memberships_etl_changes" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "memberships" FOR EACH STATEMENT EXECUTE FUNCTION etl_changes_statement();
CREATE TRIGGER "participations_etl_changes" AFTER INSERT OR UPDATE OR DELETE ON "participations" FOR EACH ROW EXECUTE FUNCTION etl_changes_row('year');
CREATE TRIGGER "participations_etl_truncate" AFTER TRUNCATE ON "participations" FOR EACH STATEMENT EXECUTE FUNCTION etl_changes_statement();
CREATE TRIGGER "headcounts_etl_changes" AFTER INSERT OR UPDATE OR DELETE ON "headcounts" FOR EACH ROW EXECUTE FUNCTION etl_changes_row('year');
CREATE TRIGGER "headcounts_etl_truncate" AFTER TRUNCATE ON "headcounts" FOR EACH STATEMENT EXECUTE FUNCTION etl_changes_statement();
CREATE TRIGGER "ideas_etl_changes" AFTER INSERT OR UPDATE OR DELETE ON "ideas" FOR EACH ROW EXECUTE FUNCTION etl_changes_row('year');
CREATE TRIGGER "ideas_etl_truncate" AFTER TRUNCATE ON "ideas" FOR EACH STATEMENT EXECUTE FUNCTION etl_changes_statement();
CREATE TRIGGER "idea_events_etl_changes" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "idea_events" FOR EACH STATEMENT EXECUTE FUNCTION etl_changes_statement();
CREATE TRIGGER "idea_proposers_etl_changes" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "idea_proposers" FOR EACH STATEMENT EXECUTE FUNCTION etl_changes_statement();
CREATE TRIGGER "adoptions_etl_changes" AFTER INSERT OR UPDATE OR DELETE ON "adoptions" FOR EACH ROW EXECUTE FUNCTION etl_changes_row('adopted_on');
CREATE TRIGGER "adoptions_etl_truncate" AFTER TRUNCATE ON "adoptions" FOR EACH STATEMENT EXECUTE FUNCTION etl_changes_statement();
CREATE TRIGGER "awards_etl_changes" AFTER INSERT OR UPDATE OR DELETE ON "awards" FOR EACH ROW EXECUTE FUNCTION etl_changes_row('year');
CREATE TRIGGER "awards_etl_truncate" AFTER TRUNCATE ON "awards" FOR EACH STATEMENT EXECUTE FUNCTION etl_changes_statement();
CREATE TRIGGER "unit_plans_etl_changes" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "unit_plans" FOR EACH STATEMENT EXECUTE FUNCTION etl_changes_statement();
CREATE TRIGGER "unit_reports_etl_changes" AFTER INSERT OR UPDATE OR DELETE ON "unit_reports" FOR EACH ROW EXECUTE FUNCTION etl_changes_row('year');
CREATE TRIGGER "unit_reports_etl_truncate" AFTER TRUNCATE ON "unit_reports" FOR EACH STATEMENT EXECUTE FUNCTION etl_changes_statement();
CREATE TRIGGER "phases_etl_changes" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "phases" FOR EACH STATEMENT EXECUTE FUNCTION etl_changes_statement();
CREATE TRIGGER "award_ideas_etl_changes" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "award_ideas" FOR EACH STATEMENT EXECUTE FUNCTION etl_changes_statement();
CREATE TRIGGER "nominations_etl_changes" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "nominations" FOR EACH STATEMENT EXECUTE FUNCTION etl_changes_statement();
CREATE TRIGGER "integrity_flags_etl_changes" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "integrity_flags" FOR EACH STATEMENT EXECUTE FUNCTION etl_changes_statement();
CREATE TRIGGER "chosen_problems_etl_changes" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "chosen_problems" FOR EACH STATEMENT EXECUTE FUNCTION etl_changes_statement();
CREATE TRIGGER "exemplars_etl_changes" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "exemplars" FOR EACH STATEMENT EXECUTE FUNCTION etl_changes_statement();
CREATE TRIGGER "exemplar_ideas_etl_changes" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "exemplar_ideas" FOR EACH STATEMENT EXECUTE FUNCTION etl_changes_statement();
CREATE TRIGGER "exemplar_awards_etl_changes" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "exemplar_awards" FOR EACH STATEMENT EXECUTE FUNCTION etl_changes_statement();
