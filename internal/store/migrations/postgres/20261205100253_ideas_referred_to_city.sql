-- Modify "idea_events" table
ALTER TABLE "idea_events" ADD COLUMN "authority_level" character varying NULL;
