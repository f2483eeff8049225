-- Modify "people" table
ALTER TABLE "people" ADD COLUMN "phone" character varying NULL;
