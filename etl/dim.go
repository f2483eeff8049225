package etl

import (
	"context"
	"fmt"
	"strings"

	"github.com/ClickHouse/clickhouse-go/v2/lib/driver"
)

// dim_unit is small and has no year: it is rebuilt whole beside the live
// table and swapped in by one RENAME, so analysts see the old or the new
// table, never a half.
const (
	dimSuffixNew = "_next"
	dimSuffixOld = "_prev"
)

func loadDim(ctx context.Context, conn driver.Conn, db, name string, columns []string, rows [][]any, point func(string)) error {
	live := fmt.Sprintf("`%s`.`%s`", db, name)
	next := fmt.Sprintf("`%s`.`%s`", db, name+dimSuffixNew)
	prev := fmt.Sprintf("`%s`.`%s`", db, name+dimSuffixOld)
	for _, t := range []string{next, prev} {
		if err := conn.Exec(ctx, "DROP TABLE IF EXISTS "+t); err != nil {
			return err
		}
	}
	if err := conn.Exec(ctx, fmt.Sprintf("CREATE TABLE %s AS %s", next, live)); err != nil {
		return err
	}
	b, err := conn.PrepareBatch(ctx, fmt.Sprintf("INSERT INTO %s (%s)", next, strings.Join(columns, ", ")))
	if err != nil {
		return err
	}
	for _, r := range rows {
		if err := b.Append(r...); err != nil {
			_ = b.Abort()
			return fmt.Errorf("%s: %w", name, err)
		}
	}
	if err := b.Send(); err != nil {
		return err
	}
	var n uint64
	if err := conn.QueryRow(ctx, "SELECT count() FROM "+next).Scan(&n); err != nil {
		return err
	}
	if n != uint64(len(rows)) {
		return fmt.Errorf("%s: staged %d rows of %d; the table is left as it was", name, n, len(rows))
	}
	point("dim_staged")
	if err := conn.Exec(ctx, fmt.Sprintf("RENAME TABLE %s TO %s, %s TO %s", live, prev, next, live)); err != nil {
		return err
	}
	point("dim_swapped")
	return conn.Exec(ctx, "DROP TABLE IF EXISTS "+prev)
}
