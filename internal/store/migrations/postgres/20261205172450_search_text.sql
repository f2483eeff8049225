-- Modify "ideas" table
ALTER TABLE "ideas" ADD COLUMN "search_text" text NULL;
-- Modify "people" table
ALTER TABLE "people" ADD COLUMN "search_text" text NULL;
-- Modify "units" table
ALTER TABLE "units" ADD COLUMN "search_text" text NULL;
