// Package apibench measures the GraphQL read and write paths over real
// HTTP against hand-written baselines answering the same requests in the
// same process (net/http, pgx, encoding/json): the ideas page, an idea's
// detail, an idea action under concurrency, and the SQL statements each
// request costs. It holds only tests and benchmarks:
//
//	go test ./internal/apibench/                      # the statements test (SQLite, small)
//	go test -run '^$' -bench . ./internal/apibench/   # PostgreSQL, city scale (seeded once, ~3 min)
//
// THIDUA_BENCH_API_SCALE chooses the scale (small for a quick look);
// THIDUA_BENCH_STORE names an already seeded PostgreSQL store to reuse.
// The request benchmarks run twice, on loopback and through a proxy that
// adds THIDUA_BENCH_TRIP (0.5ms; 0 for no second run) to every round trip
// to the store, as a store on another host would (internal/netdelay).
package apibench
