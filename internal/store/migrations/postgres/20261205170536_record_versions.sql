-- Modify "chosen_problems" table
ALTER TABLE "chosen_problems" ADD COLUMN "version" bigint NOT NULL DEFAULT 0;
-- Modify "exemplars" table
ALTER TABLE "exemplars" ADD COLUMN "version" bigint NOT NULL DEFAULT 0;
-- Modify "headcounts" table
ALTER TABLE "headcounts" ADD COLUMN "version" bigint NOT NULL DEFAULT 0;
-- Modify "integrity_flags" table
ALTER TABLE "integrity_flags" ADD COLUMN "version" bigint NOT NULL DEFAULT 0;
-- Modify "memberships" table
ALTER TABLE "memberships" ADD COLUMN "version" bigint NOT NULL DEFAULT 0;
-- Modify "people" table
ALTER TABLE "people" ADD COLUMN "version" bigint NOT NULL DEFAULT 0;
-- Modify "phases" table
ALTER TABLE "phases" ADD COLUMN "version" bigint NOT NULL DEFAULT 0;
-- Modify "report_calls" table
ALTER TABLE "report_calls" ADD COLUMN "version" bigint NOT NULL DEFAULT 0;
-- Modify "unit_plans" table
ALTER TABLE "unit_plans" ADD COLUMN "version" bigint NOT NULL DEFAULT 0;
-- Modify "unit_reports" table
ALTER TABLE "unit_reports" ADD COLUMN "version" bigint NOT NULL DEFAULT 0;
-- Modify "units" table
ALTER TABLE "units" ADD COLUMN "version" bigint NOT NULL DEFAULT 0;
