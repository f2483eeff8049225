-- Modify "idea_events" table
ALTER TABLE "idea_events" ADD COLUMN "effectiveness" character varying NULL;
