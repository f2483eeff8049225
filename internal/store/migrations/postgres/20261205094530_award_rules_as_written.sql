-- Modify "nominations" table
ALTER TABLE "nominations" ADD COLUMN "judgements" jsonb NULL;
-- Modify "unit_plans" table
ALTER TABLE "unit_plans" ADD COLUMN "implements_conclusion_14" boolean NOT NULL DEFAULT false, ADD COLUMN "implements_plan_124" boolean NOT NULL DEFAULT false, ADD COLUMN "implements_plan_3815" boolean NOT NULL DEFAULT false;
