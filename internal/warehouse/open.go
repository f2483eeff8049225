package warehouse

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/ClickHouse/clickhouse-go/v2"
	"github.com/ClickHouse/clickhouse-go/v2/lib/driver"
)

// DefaultDatabase is the warehouse's database when the URL names none.
const DefaultDatabase = "thidua"

// Open connects to the warehouse at a URL such as
// clickhouse://user:password@host:9000/thidua over the native protocol,
// and returns the connection and where the warehouse's tables live.
func Open(ctx context.Context, url, cluster string) (driver.Conn, Target, error) {
	if !strings.HasPrefix(url, "clickhouse://") {
		return nil, Target{}, fmt.Errorf("warehouse URL %q: want clickhouse://host:9000/database (the native protocol)", url)
	}
	opts, err := clickhouse.ParseDSN(url)
	if err != nil {
		// Not the parser's message: it quotes the URL, or a piece of the
		// password it took for a port.
		return nil, Target{}, errors.New("warehouse URL: not a valid URL; percent-encode the characters of the password that URLs reserve (/ @ # ? : % and spaces)")
	}
	db := opts.Auth.Database
	if db == "" {
		db = DefaultDatabase
	}
	// Connect to the server's default database: the warehouse's may not exist yet.
	opts.Auth.Database = "default"
	if opts.DialTimeout == 0 {
		opts.DialTimeout = 5 * time.Second
	}
	conn, err := clickhouse.Open(opts)
	if err != nil {
		return nil, Target{}, err
	}
	if err := conn.Ping(ctx); err != nil {
		conn.Close()
		return nil, Target{}, fmt.Errorf("warehouse unreachable: %w", err)
	}
	return conn, Target{Database: db, Cluster: cluster}, nil
}
