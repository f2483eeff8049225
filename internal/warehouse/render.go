package warehouse

import (
	"fmt"
	"strings"
)

// Target says where the DDL goes: a database on one node, or on a cluster.
type Target struct {
	Database string
	Cluster  string // "" for one node
}

func (t Target) onCluster() string {
	if t.Cluster == "" {
		return ""
	}
	return " ON CLUSTER " + quote(t.Cluster)
}

func quote(name string) string { return "`" + strings.ReplaceAll(name, "`", "") + "`" }

// Statements renders the DDL of the tables. On one node a table is a
// (Replacing)MergeTree; on a cluster it is a Replicated(Replacing)MergeTree
// named NAME_local on every node, and NAME is a Distributed table over
// them, so analysts query the same names either way.
func (t Target) Statements(tables []Table) []string {
	var out []string
	for _, tb := range tables {
		local, engine := tb.Name, tb.Engine
		if t.Cluster != "" {
			local = tb.Name + "_local"
			engine = replicated(tb.Engine, t.Database, local)
		}
		var b strings.Builder
		fmt.Fprintf(&b, "CREATE TABLE IF NOT EXISTS %s.%s%s (\n", quote(t.Database), quote(local), t.onCluster())
		for i, c := range tb.Columns {
			sep := ","
			if i == len(tb.Columns)-1 {
				sep = ""
			}
			fmt.Fprintf(&b, "    %s %s%s\n", quote(c[0]), c[1], sep)
		}
		fmt.Fprintf(&b, ") ENGINE = %s", engine)
		if tb.Partition != "" {
			fmt.Fprintf(&b, " PARTITION BY %s", tb.Partition)
		}
		fmt.Fprintf(&b, " ORDER BY %s", tb.Order)
		out = append(out, b.String())
		if t.Cluster != "" {
			out = append(out, t.distributed(tb.Name, tb.shardKey()))
		}
	}
	return out
}

// AlterStatements renders column changes: on a cluster, the replicated
// local tables (ON CLUSTER), then the Distributed tables over them, whose
// structure must match. 18.16 refuses an ALTER … ON CLUSTER of a table that
// is not replicated when the cluster's shards are (internal_replication:
// "Table … isn't replicated, but shard #1 is replicated according to its
// cluster definition"), so the Distributed table, which holds no data of
// its own, is dropped and created again AS the altered local table. The
// ALTER of a Replicated table returns once every active replica has the new
// columns, so each node's CREATE … AS copies the new structure. Interrupted
// between the two, the migration is not recorded and runs whole again.
func (t Target) AlterStatements(alters []Alter) []string {
	var out []string
	for _, a := range alters {
		if t.Cluster == "" {
			out = append(out, fmt.Sprintf("ALTER TABLE %s.%s MODIFY COLUMN %s %s",
				quote(t.Database), quote(a.Table), quote(a.Column), a.Type))
			continue
		}
		out = append(out, fmt.Sprintf("ALTER TABLE %s.%s%s MODIFY COLUMN %s %s",
			quote(t.Database), quote(a.Table+"_local"), t.onCluster(), quote(a.Column), a.Type))
		out = append(out, t.remakeDistributed(a.Table)...)
	}
	return out
}

// EveryShardStatements turns, on a cluster, the Distributed tables of
// tables held whole on every shard into views of each node's NAME_local:
// a query of NAME on any node reads that node's complete copy once, and a
// Distributed fact table joined to it is rewritten, on each shard, into a
// join with the shard's local copy. One node: nothing. Interrupted between
// the DROP and the CREATE, the migration is not recorded and runs again.
func (t Target) EveryShardStatements(names []string) []string {
	if t.Cluster == "" {
		return nil
	}
	var out []string
	for _, n := range names {
		out = append(out,
			fmt.Sprintf("DROP TABLE IF EXISTS %s.%s%s", quote(t.Database), quote(n), t.onCluster()),
			fmt.Sprintf("CREATE VIEW IF NOT EXISTS %s.%s%s AS SELECT * FROM %s.%s",
				quote(t.Database), quote(n), t.onCluster(), quote(t.Database), quote(n+"_local")))
	}
	return out
}

// distributed renders the Distributed table NAME over NAME_local, with
// the sharding key an insert through it would use.
func (t Target) distributed(name, key string) string {
	local := name + "_local"
	return fmt.Sprintf("CREATE TABLE IF NOT EXISTS %s.%s%s AS %s.%s ENGINE = Distributed(%s, %s, %s, %s)",
		quote(t.Database), quote(name), t.onCluster(), quote(t.Database), quote(local),
		quote(t.Cluster), quote(t.Database), quote(local), key)
}

// shardKey is the Distributed sharding key of a table: ShardKey for the
// tables that have it, so that a row inserted through the Distributed
// table lands on the shard the ETL puts it on (unit_id % shards with equal
// weights); rand() for the others, which the ETL never writes through
// their Distributed name.
func (tb Table) shardKey() string {
	for _, c := range tb.Columns {
		if c[0] == ShardKey {
			return ShardKey
		}
	}
	return "rand()"
}

// ReshardStatements re-creates, on a cluster, the Distributed tables of
// the named tables with their sharding key: warehouses made before
// migration 0007 have rand(), which agreed with no shard the ETL chose.
// The Distributed table holds no data of its own, so dropping it loses
// nothing; the Replicated NAME_local under it is untouched. One node:
// nothing.
func (t Target) ReshardStatements(names []string) []string {
	if t.Cluster == "" {
		return nil
	}
	var out []string
	for _, n := range names {
		out = append(out, t.remakeDistributed(n)...)
	}
	return out
}

// remakeDistributed drops and creates again the Distributed table NAME
// with the sharding key of its table as the code describes it today.
func (t Target) remakeDistributed(name string) []string {
	tb, _ := Lookup(name)
	return []string{
		fmt.Sprintf("DROP TABLE IF EXISTS %s.%s%s", quote(t.Database), quote(name), t.onCluster()),
		t.distributed(name, tb.shardKey()),
	}
}

// replicated turns an engine into its replicated form, with the usual
// {shard} and {replica} macros of the cluster's configuration.
func replicated(engine, db, table string) string {
	name, args, _ := strings.Cut(engine, "(")
	path := fmt.Sprintf("'/clickhouse/tables/{shard}/%s/%s', '{replica}'", db, table)
	args = strings.TrimSuffix(args, ")")
	if args != "" {
		path += ", " + args
	}
	return "Replicated" + name + "(" + path + ")"
}

// ledger is where the applied versions are recorded.
func (t Target) ledger() []string {
	return t.Statements([]Table{{
		Name:    "warehouse_migrations",
		Columns: [][2]string{{"version", "String"}, {"applied_at", "DateTime"}},
		Engine:  "MergeTree", Order: "version",
	}})
}
