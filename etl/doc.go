// Package etl loads the operational store into the ClickHouse warehouse
// (docs/warehouse.md for analysts, docs/operations.md for operators).
//
// A run (Run) takes a lock in the store, one consistent snapshot of it,
// and brings the warehouse to that snapshot: dim_unit is rebuilt and
// swapped by RENAME; each fact table whose sources moved since the last
// successful run (the store's change counters, kept by triggers: see
// readChanges) is read in one pass, a year at a time, and a year whose
// digest differs from the last load is staged, checked against the
// store's count and swapped in by REPLACE PARTITION. The run ledger
// (etl_run, etl_partition) and the digests (etl_state) live in the
// warehouse. The transform is plain functions over rows (facts.go,
// units.go, rollup.go, pseudonym.go); the schedule of `thidua serve` is
// schedule.go.
package etl
