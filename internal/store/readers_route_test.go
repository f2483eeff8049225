package store

import "testing"

func TestOnlyReadsGoToTheReaders(t *testing.T) {
	for q, want := range map[string]bool{
		`SELECT "units"."id" FROM "units" WHERE "units"."code" = ? LIMIT 2`: true,
		"  select 1": true,
		`WITH "src_query" AS (SELECT "t1"."idea_id", "people"."id" FROM "people") SELECT * FROM "limited_query"`: true,
		`(SELECT 1) UNION (SELECT 2)`:                                   true,
		`INSERT INTO "phases" ("name") VALUES (?) RETURNING "id"`:       false,
		`UPDATE "ideas" SET "status" = ? WHERE "id" = ? RETURNING "id"`: false,
		`DELETE FROM "unit_successors" WHERE "unit_id" = ?`:             false,
		`WITH x AS (SELECT 1) INSERT INTO "t" ("a") SELECT * FROM x`:    false,
		`with x as (select 1) delete from t`:                            false,
		`PRAGMA wal_checkpoint`:                                         false,
	} {
		if got := reads(q); got != want {
			t.Errorf("reads(%q) = %v, want %v", q, got, want)
		}
	}
}
