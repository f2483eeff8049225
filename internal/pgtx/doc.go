// Package pgtx gives ent transactions on PostgreSQL that cost fewer round
// trips than database/sql's. With the store on another host every round
// trip is 0.3–1 ms while the transaction holds its row locks, and
// database/sql spends two that carry no work: BEGIN on its own, and each
// write whose result nobody reads.
//
//   - BEGIN is held back until the transaction's first statement and sent
//     with it, as one pipelined batch (a transaction that sends nothing
//     sends no BEGIN and no COMMIT).
//   - A raw write made under Deferred (an audit row: its result is never
//     read, and a failure must abort the transaction, nothing more) is held
//     back too and sent with the next statement, or with COMMIT.
//
// Everything else goes as database/sql sends it, on the transaction's own
// connection, so raw statements still get *sql.Rows. A query that carries
// what was held back is read from pgx directly; its values reach ent as
// database/sql would hand them over (values.go), which TestScansAsDatabaseSQL
// holds to for every column type of the schema, into every destination ent
// and the raw reads use. Where they cannot be the same, the difference is
// chosen to be loud or harmless:
//
//   - a column of a type read in binary whose text pgx does not write as
//     the server does (an array of instants) is refused with an error;
//   - ent's ScanTypeOf, for a column selected beside an entity's, gets no
//     column types and scans into *any: the driver's value (int64, bool,
//     time.Time, []byte for JSON) where database/sql would give the
//     sql.NullX's (the same, but string for JSON, float64 for numeric);
//   - an argument pgx cannot encode, in a batch, makes pgx give up the
//     connection, and the transaction fails whole where database/sql's
//     would have lost the one statement.
//
// A failed batch leaves the transaction as the server would have, had each
// statement gone alone (Tx.settle): nothing runs outside the transaction,
// nothing held is lost, and a held write that fails fails the COMMIT.
package pgtx
