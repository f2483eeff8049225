package etl

import (
	"context"
	"testing"

	"github.com/jackc/pgx/v5"
)

// storeAggregates are analyst questions of docs/warehouse.md asked of the
// PostgreSQL store instead, with the store's own SQL: the baselines of
// the warehouse's answers in BenchmarkWarehouseQueries (as they were,
// without the restated or pseudonymised forms the store cannot give).
var storeAggregates = map[string]string{
	"participation_by_unit_year": `
		SELECT y, code, name, max(ind), max(coll), max(head) FROM (
			SELECT p.year AS y, u.code, u.name, count(DISTINCT p.person_id) FILTER (WHERE p.kind = 'INDIVIDUAL') AS ind,
				count(*) FILTER (WHERE p.kind = 'COLLECTIVE') AS coll, 0 AS head
			FROM participations p JOIN units u ON u.id = p.unit_id GROUP BY p.year, u.code, u.name
			UNION ALL
			SELECT h.year, u.code, u.name, 0, 0, sum(h.headcount) FROM headcounts h JOIN units u ON u.id = h.unit_id
			GROUP BY h.year, u.code, u.name) x
		GROUP BY y, code, name`,
	"individuals_citywide_by_year": `
		SELECT year, count(DISTINCT person_id) FROM participations WHERE kind = 'INDIVIDUAL' GROUP BY year`,
	"ideas_by_status_field_year": `
		SELECT year, field, status, count(*) FROM ideas GROUP BY year, field, status`,
	"adoptions_by_unit_year": `
		SELECT extract(year FROM a.adopted_on), u.code, count(*), count(DISTINCT a.idea_id)
		FROM adoptions a JOIN units u ON u.id = a.unit_id GROUP BY 1, u.code`,
	"awards_by_level_kind_year": `
		SELECT a.year, a.level, a.recipient_kind, count(*) FROM awards a
		WHERE NOT EXISTS (SELECT 1 FROM awards r WHERE r.revokes_id = a.id) GROUP BY a.year, a.level, a.recipient_kind`,
	"awards_by_unit_year": `
		SELECT a.year, u.code, count(*) FROM awards a JOIN units u ON u.id = a.unit_id
		WHERE NOT EXISTS (SELECT 1 FROM awards r WHERE r.revokes_id = a.id) GROUP BY a.year, u.code`,
	"plans_by_unit_type": `
		SELECT u.type, count(*), count(p.issued_on), count(p.launched_on), count(p.sent_on)
		FROM units u LEFT JOIN unit_plans p ON p.unit_id = u.id AND p.phase_id = (SELECT id FROM phases WHERE name = '2022-2025')
		WHERE u.type <> 'CITY' GROUP BY u.type`,
}

// BenchmarkWarehouseQueriesBaseline: the same questions on PostgreSQL, in
// the same run and at the same scales as BenchmarkWarehouseQueries.
func BenchmarkWarehouseQueriesBaseline(b *testing.B) {
	for _, scale := range benchScales() {
		b.Run(scale, func(b *testing.B) {
			e := benchSetup(b, scale)
			ctx := context.Background()
			conn, err := pgx.Connect(ctx, e.url)
			if err != nil {
				b.Fatal(err)
			}
			defer conn.Close(ctx)
			for name, query := range storeAggregates {
				b.Run(name, func(b *testing.B) {
					for b.Loop() {
						rows, err := conn.Query(ctx, query)
						if err != nil {
							b.Fatal(err)
						}
						for rows.Next() {
						}
						if rows.Err() != nil {
							b.Fatal(rows.Err())
						}
						rows.Close()
					}
				})
			}
		})
	}
}
