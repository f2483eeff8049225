// Package etl loads the operational store into the ClickHouse warehouse:
// extract a consistent snapshot, transform it into facts (pure functions,
// table-tested: this file's neighbours), load a year at a time with a
// count check and a partition swap, and record the run. The transform
// pieces come first; the run itself is the warehouse issue's next step.
package etl
