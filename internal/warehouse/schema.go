// Package warehouse is the ClickHouse side of thidua: the analysts' tables
// (docs/warehouse.md) and their versioned DDL, written for Debian's 18.16
// and current servers alike, on one node or on a cluster (replicated
// local tables behind distributed ones).
package warehouse

// Table is one warehouse table: its columns, engine and keys.
type Table struct {
	Name      string
	Columns   [][2]string // name, type
	Engine    string      // MergeTree or ReplacingMergeTree(version)
	Partition string      // PARTITION BY expression, or ""
	Order     string      // ORDER BY expression
	Comment   string      // the grain, for docs/warehouse.md
}

// unitCols are carried by every fact: the unit as it was when the fact
// happened, and the unit it rolls up to today (a dissolved unit's facts
// roll up through its successors to a unit that exists now).
var unitCols = [][2]string{
	{"unit_id", "UInt64"}, {"unit_code", "String"},
	{"rollup_id", "UInt64"}, {"rollup_code", "String"},
}

func cols(groups ...[][2]string) [][2]string {
	var out [][2]string
	for _, g := range groups {
		out = append(out, g...)
	}
	return out
}

// Version 1 of the warehouse. Every fact table is partitioned by a year
// that never changes for a row (a fact's partition key must not move:
// FINAL never collapses a key across partitions), so a year can be
// staged, checked and replaced whole.
var v1 = []Table{
	{
		Name: "dim_unit", Comment: "a unit over its validity period",
		Columns: [][2]string{
			{"unit_id", "UInt64"}, {"code", "String"}, {"name", "String"}, {"type", "String"},
			{"parent_id", "UInt64"}, {"parent_code", "String"}, {"path", "String"},
			{"valid_from", "Date"}, {"valid_to", "Date"}, {"is_current", "UInt8"},
			{"successor_codes", "Array(String)"},
			{"rollup_id", "UInt64"}, {"rollup_code", "String"}, {"rollup_name", "String"}, {"rollup_type", "String"},
			{"real_name", "UInt8"},
		},
		Engine: "MergeTree", Order: "(unit_id, valid_from)",
	},
	{
		Name: "fact_participation", Comment: "a participant (individual or collective) in a unit and year",
		Columns: cols([][2]string{{"year", "UInt16"}}, unitCols, [][2]string{
			{"kind", "Enum8('INDIVIDUAL' = 1, 'COLLECTIVE' = 2)"}, {"person_key", "String"},
			{"category", "String"}, {"gender", "String"}, {"birth_band", "String"}, {"role", "String"},
			{"registered_on", "Date"},
		}),
		Engine: "MergeTree", Partition: "year", Order: "(unit_id, kind, person_key)",
	},
	{
		Name: "fact_headcount", Comment: "a unit's headcount in a year",
		Columns: cols([][2]string{{"year", "UInt16"}}, unitCols, [][2]string{{"headcount", "UInt32"}}),
		Engine:  "MergeTree", Partition: "year", Order: "(unit_id)",
	},
	{
		Name: "fact_idea", Comment: "an idea: an accumulating snapshot of its lifecycle, in the year it was proposed",
		Columns: cols([][2]string{{"year", "UInt16"}, {"idea_id", "UInt64"}, {"code", "String"}}, unitCols, [][2]string{
			{"field", "String"}, {"kind", "String"}, {"status", "String"}, {"by_collective", "UInt8"},
			{"proposer_keys", "Array(String)"},
			{"proposed_on", "Date"}, {"submitted_on", "Nullable(Date)"}, {"review_started_on", "Nullable(Date)"},
			{"approved_on", "Nullable(Date)"}, {"piloted", "UInt8"}, {"started_on", "Nullable(Date)"},
			{"evaluated_on", "Nullable(Date)"}, {"effective", "Nullable(UInt8)"},
			{"applied_in_unit_on", "Nullable(Date)"}, {"proposed_to_city_on", "Nullable(Date)"},
			{"applied_city_wide_on", "Nullable(Date)"}, {"rated_by_ministries_on", "Nullable(Date)"},
			{"closed_on", "Nullable(Date)"},
		}),
		Engine: "MergeTree", Partition: "year", Order: "(unit_id, idea_id)",
	},
	{
		Name: "fact_idea_adoption", Comment: "a unit adopting an idea, in the year of adoption",
		Columns: cols([][2]string{{"year", "UInt16"}, {"adoption_id", "UInt64"}, {"idea_id", "UInt64"},
			{"idea_code", "String"}, {"idea_year", "UInt16"}, {"field", "String"}}, unitCols, [][2]string{
			{"origin_unit_id", "UInt64"}, {"origin_unit_code", "String"},
			{"origin_rollup_id", "UInt64"}, {"origin_rollup_code", "String"},
			{"adopted_on", "Date"},
		}),
		Engine: "MergeTree", Partition: "year", Order: "(unit_id, idea_id)",
	},
	{
		Name: "fact_award", Comment: "an award, in the year it is for",
		Columns: cols([][2]string{{"year", "UInt16"}, {"award_id", "UInt64"}}, unitCols, [][2]string{
			{"level", "Enum8('LABOR_ORDER_THIRD_CLASS' = 1, 'PRIME_MINISTER_CERTIFICATE' = 2, 'CITY_CHAIRMAN_CERTIFICATE' = 3, 'UNIT_HEAD_CERTIFICATE' = 4)"},
			{"recipient_kind", "Enum8('INDIVIDUAL' = 1, 'COLLECTIVE' = 2)"}, {"person_key", "String"},
			{"decision_number", "String"}, {"decision_date", "Date"}, {"issuer", "String"},
			{"idea_ids", "Array(UInt64)"}, {"revoked", "UInt8"},
		}),
		Engine: "MergeTree", Partition: "year", Order: "(unit_id, award_id)",
	},
	{
		Name: "etl_run", Comment: "an ETL run; the row with the highest version is its latest state",
		Columns: [][2]string{
			{"run_id", "String"}, {"version", "UInt32"}, {"started_at", "DateTime"}, {"finished_at", "DateTime"},
			{"status", "Enum8('RUNNING' = 1, 'SUCCEEDED' = 2, 'FAILED' = 3)"}, {"full", "UInt8"},
			{"snapshot_at", "DateTime"}, {"message", "String"},
		},
		Engine: "ReplacingMergeTree(version)", Order: "run_id",
	},
	{
		Name: "etl_partition", Comment: "what a run did to a table's year",
		Columns: [][2]string{
			{"run_id", "String"}, {"table_name", "String"}, {"year", "UInt16"},
			{"source_count", "UInt64"}, {"loaded_count", "UInt64"}, {"duration_ms", "UInt64"},
			{"status", "Enum8('REPLACED' = 1, 'DROPPED' = 2, 'UNCHANGED' = 3, 'FAILED' = 4)"},
		},
		Engine: "MergeTree", Order: "(run_id, table_name, year)",
	},
}

// Migrations are the warehouse's versions, in order; a version is never
// edited once released, a change is a new version.
var Migrations = []Migration{
	{Version: "0001_init", Tables: v1},
	{Version: "0002_etl_state", Tables: v2},
	{Version: "0003_plans_reports", Tables: v3},
	{Version: "0004_final_reports", Alters: v4},
	{Version: "0005_follow_up", Tables: v5},
	// On a cluster dim_unit is complete on every shard, so analysts read
	// each node's own copy: a Distributed dim_unit showed every unit once
	// per shard, and a fact joined to it was a denied double-distributed
	// JOIN. One node: nothing to do.
	{Version: "0006_dim_unit_every_shard", EveryShard: []string{"dim_unit"}},
	// On a cluster a fact table's Distributed name shards by unit_id, as
	// the ETL does: before, rand() would have scattered a unit's rows over
	// the shards if anything inserted through it.
	{Version: "0007_distributed_by_unit", Reshard: []string{
		"fact_participation", "fact_headcount", "fact_idea", "fact_idea_adoption", "fact_award",
		"fact_nomination", "fact_eligibility", "fact_chosen_problem", "fact_exemplar",
		"fact_unit_plan", "fact_unit_report",
	}},
}

// ShardKey is the column that places a fact row on a shard of a cluster:
// row → shard ShardKey % shards (0-based, in system.clusters' order, equal
// weights), as the Distributed tables' sharding key and the ETL agree.
const ShardKey = "unit_id"

const (
	awardLevel    = "Enum8('LABOR_ORDER_THIRD_CLASS' = 1, 'PRIME_MINISTER_CERTIFICATE' = 2, 'CITY_CHAIRMAN_CERTIFICATE' = 3, 'UNIT_HEAD_CERTIFICATE' = 4)"
	recipientKind = "Enum8('INDIVIDUAL' = 1, 'COLLECTIVE' = 2)"
)

// Version 5: what the reviews follow up (Kế hoạch 1821 §III.3, §II.1.1,
// §II.2.2): nominations and their stage, who the criteria make eligible
// (and whether anyone nominated them), each unit's chosen problem of the
// year, and the board's register of exemplary models and people.
var v5 = []Table{
	{
		Name: "fact_nomination", Comment: "a nomination for an award, in the year it is for, at its current stage",
		Columns: cols([][2]string{{"year", "UInt16"}, {"nomination_id", "UInt64"}}, unitCols, [][2]string{
			{"recipient_kind", recipientKind}, {"person_key", "String"},
			{"recipient_unit_id", "UInt64"}, {"recipient_unit_code", "String"},
			{"level", awardLevel}, {"status", "String"},
			{"submitted_on", "Nullable(Date)"}, {"council_on", "Nullable(Date)"}, {"forwarded_on", "Nullable(Date)"},
			{"award_id", "UInt64"},
		}),
		Engine: "MergeTree", Partition: "year", Order: "(unit_id, nomination_id)",
	},
	{
		Name: "fact_eligibility", Comment: "a recipient the award criteria make eligible in a year, at the highest level it may be nominated for",
		Columns: cols([][2]string{{"year", "UInt16"}}, unitCols, [][2]string{
			{"recipient_kind", recipientKind}, {"person_key", "String"},
			{"level", awardLevel}, {"nominated", "UInt8"}, {"awarded", "UInt8"},
		}),
		Engine: "MergeTree", Partition: "year", Order: "(unit_id, recipient_kind, person_key)",
	},
	{
		Name: "fact_chosen_problem", Comment: "the one problem a unit chose to pilot in a year",
		Columns: cols([][2]string{{"year", "UInt16"}, {"problem_id", "UInt64"}}, unitCols, [][2]string{
			{"chosen_on", "Nullable(Date)"}, {"idea_id", "UInt64"},
		}),
		Engine: "MergeTree", Partition: "year", Order: "(unit_id, problem_id)",
	},
	{
		Name: "fact_exemplar", Comment: "an exemplary model, collective or person on the board's register, in the year recognised",
		Columns: cols([][2]string{{"year", "UInt16"}, {"exemplar_id", "UInt64"}}, unitCols, [][2]string{
			{"kind", "Enum8('MODEL' = 1, 'COLLECTIVE' = 2, 'INDIVIDUAL' = 3)"}, {"person_key", "String"},
			{"recognized_on", "Date"}, {"idea_ids", "Array(UInt64)"}, {"award_ids", "Array(UInt64)"},
		}),
		Engine: "MergeTree", Partition: "year", Order: "(unit_id, exemplar_id)",
	},
}

// reportKind is the kind of a unit report; values are only ever added, at
// the end, so older rows keep their codes.
const reportKind = "Enum8('YEARLY' = 1, 'INTERIM' = 2, 'FINAL' = 3)"

// Version 4: the final review's report (tổng kết), kind FINAL. Adding an
// enum value at the end is a metadata-only change on 18.16 and current
// servers, allowed even for a sorting-key column.
var v4 = []Alter{{Table: "fact_unit_report", Column: "kind", Type: reportKind}}

// Version 3: the units' plans and reports, for the interim summary's
// questions (who issued, launched and sent a plan; who reported, and late).
var v3 = []Table{
	{
		Name: "fact_unit_plan", Comment: "a unit's plan for a phase, in the phase's first year",
		Columns: cols([][2]string{{"year", "UInt16"}, {"phase", "String"}}, unitCols, [][2]string{
			{"document_number", "String"}, {"issued_on", "Nullable(Date)"}, {"launched_on", "Nullable(Date)"},
			{"sent_on", "Nullable(Date)"}, {"linked_to_directive_05", "UInt8"},
		}),
		Engine: "MergeTree", Partition: "year", Order: "(unit_id)",
	},
	{
		Name: "fact_unit_report", Comment: "a unit's yearly, interim (sơ kết) or final (tổng kết) report, in the year it covers",
		// The kind as version 3 created it; version 4 adds FINAL.
		Columns: cols([][2]string{{"year", "UInt16"}, {"phase", "String"}, {"kind", "Enum8('YEARLY' = 1, 'INTERIM' = 2)"}}, unitCols, [][2]string{
			{"document_number", "String"}, {"due_on", "Nullable(Date)"}, {"sent_on", "Nullable(Date)"},
		}),
		Engine: "MergeTree", Partition: "year", Order: "(unit_id, kind)",
	},
}

// Version 2: what the ETL last loaded into each table's year (a digest of
// the rows) and the store's state it last read, so that a run rebuilds
// only the years that changed. The latest version of a key stands.
var v2 = []Table{{
	Name: "etl_state", Comment: "the ETL's memory: a digest of what each table's year holds",
	Columns: [][2]string{
		{"scope", "String"}, {"year", "UInt16"}, {"fingerprint", "String"}, {"rows", "UInt64"},
		{"run_id", "String"}, {"version", "UInt64"},
	},
	Engine: "ReplacingMergeTree(version)", Order: "(scope, year)",
}}

// Lookup finds a table of the current schema by name, with the column
// types of the latest alterations.
func Lookup(name string) (Table, bool) {
	var found Table
	ok := false
	for _, m := range Migrations {
		for _, t := range m.Tables {
			if t.Name == name {
				found, ok = t, true
				found.Columns = append([][2]string(nil), t.Columns...)
			}
		}
		for _, a := range m.Alters {
			if a.Table != name || !ok {
				continue
			}
			for i, c := range found.Columns {
				if c[0] == a.Column {
					found.Columns[i][1] = a.Type
				}
			}
		}
	}
	return found, ok
}

// ColumnNames are a table's column names, in order.
func (t Table) ColumnNames() []string {
	out := make([]string, len(t.Columns))
	for i, c := range t.Columns {
		out[i] = c[0]
	}
	return out
}

// SchemaVersion is the latest version: a run's digests include it, so a
// new version rebuilds what it changed.
func SchemaVersion() string { return Migrations[len(Migrations)-1].Version }

// Migration is one version of the warehouse schema.
type Migration struct {
	Version string
	Tables  []Table
	Alters  []Alter
	// EveryShard names tables the ETL loads whole on every shard of a
	// cluster: their analysts' name becomes a view of the node's
	// NAME_local instead of a Distributed table (see EveryShardStatements).
	EveryShard []string
	// Reshard names tables whose Distributed table is made again with its
	// sharding key (see ReshardStatements).
	Reshard []string
}

// Alter changes the type of an existing column. MODIFY COLUMN to the type
// a column already has does nothing, so an interrupted migration is
// completed by the next call like the CREATE … IF NOT EXISTS ones.
type Alter struct {
	Table, Column, Type string
}
