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
// connection, so raw statements still get *sql.Rows. The first statement,
// when it is a query, is read from pgx directly; its values reach ent as
// database/sql would hand them over (values.go), which TestScansAsDatabaseSQL
// holds to for every column of every table.
package pgtx
