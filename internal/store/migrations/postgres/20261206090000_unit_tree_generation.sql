-- The unit tree's generation (issue 22): one counter, bumped in the same transaction as every
-- statement that inserts, updates, deletes or truncates units, so the API can keep the tokens'
-- units (code → id, path) in memory and know exactly when they may have moved (store.UnitScopes).
-- The trigger also notifies channel thidua_unit_tree with the new generation: PostgreSQL delivers
-- a notification only when its transaction commits, so a replica that hears it reads the committed
-- tree. Written by hand, like etl_changes: ent does not model it and store.Diff leaves tables
-- unknown to ent alone. One bump per statement, not per row: within a transaction every bump is a
-- new version of the one row (see 20261206082000_etl_changes_statement).

CREATE TABLE "unit_tree_generation" ("id" integer NOT NULL PRIMARY KEY CHECK ("id" = 1), "generation" bigint NOT NULL);
INSERT INTO "unit_tree_generation" ("id", "generation") VALUES (1, 1);
CREATE FUNCTION unit_tree_bump() RETURNS trigger LANGUAGE plpgsql AS $$ DECLARE g bigint; BEGIN UPDATE unit_tree_generation SET generation = generation + 1 WHERE id = 1 RETURNING generation INTO g; PERFORM pg_notify('thidua_unit_tree', g::text); RETURN NULL; END $$;
CREATE TRIGGER "units_tree_generation" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "units" FOR EACH STATEMENT EXECUTE FUNCTION unit_tree_bump();
