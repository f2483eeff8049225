package warehouse

import (
	"context"
	"errors"
	"fmt"
	"net"
	"strconv"
	"time"

	"github.com/ClickHouse/clickhouse-go/v2"
	"github.com/ClickHouse/clickhouse-go/v2/lib/driver"
)

// Shard is one shard of a cluster as system.clusters lists it: its
// replicas' native-protocol addresses, replica 1 first.
type Shard struct {
	Num      int
	Replicas []string // host:port
}

// ClusterShards reads the cluster's layout from system.clusters of the node
// conn talks to (the node the warehouse URL names): the ETL loads each
// shard through one of its replicas and leaves the others to replication.
func ClusterShards(ctx context.Context, conn driver.Conn, cluster string) ([]Shard, error) {
	rows, err := conn.Query(ctx, "SELECT shard_num, replica_num, host_address, port FROM system.clusters WHERE cluster = ? ORDER BY shard_num, replica_num", cluster)
	if err != nil {
		return nil, fmt.Errorf("cluster %s: %w", cluster, err)
	}
	defer rows.Close()
	var out []Shard
	for rows.Next() {
		var shard, replica uint32
		var host string
		var port uint16
		if err := rows.Scan(&shard, &replica, &host, &port); err != nil {
			return nil, err
		}
		if len(out) == 0 || out[len(out)-1].Num != int(shard) {
			out = append(out, Shard{Num: int(shard)})
		}
		s := &out[len(out)-1]
		s.Replicas = append(s.Replicas, net.JoinHostPort(host, strconv.Itoa(int(port))))
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("cluster %s: not in system.clusters of the warehouse's node (its remote_servers)", cluster)
	}
	return out, nil
}

// OpenNode connects to another node of the warehouse's cluster with the
// URL's user, password and settings: a cluster's nodes share their users.
func OpenNode(ctx context.Context, url, addr string) (driver.Conn, error) {
	opts, err := clickhouse.ParseDSN(url)
	if err != nil {
		return nil, errors.New("warehouse URL: not a valid URL; percent-encode the characters of the password that URLs reserve (/ @ # ? : % and spaces)")
	}
	opts.Addr = []string{addr}
	opts.Auth.Database = "default"
	if opts.DialTimeout == 0 {
		opts.DialTimeout = 5 * time.Second
	}
	conn, err := clickhouse.Open(opts)
	if err != nil {
		return nil, err
	}
	if err := conn.Ping(ctx); err != nil {
		conn.Close()
		return nil, fmt.Errorf("warehouse node %s unreachable: %w", addr, err)
	}
	return conn, nil
}
