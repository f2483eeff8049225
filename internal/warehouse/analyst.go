package warehouse

import (
	"bytes"
	"fmt"
	"net"
	"regexp"
	"text/template"
)

// Analyst describes the read-only account analysts and BI tools use. It is
// shipped as a users.d file, not created by SQL: 18.16 has no access
// control statements (CREATE USER came in 20.x), and a users.d file is
// read by 18.16 and current servers alike. deploy/clickhouse/users.d/
// thidua-analyst.xml is AnalystDefaults() rendered with the placeholder
// hash; `thidua warehouse analyst-config` renders it with the real one.
type Analyst struct {
	User           string   // the account's name
	PasswordSHA256 string   // hex SHA-256 of the password: echo -n "$PW" | sha256sum
	Database       string   // the only database besides system it may read
	Networks       []string // addresses or CIDR ranges it may connect from
	// Limits of the profile. Under readonly=2 an analyst may change them
	// per query (see the guide); the quota below bounds what they cannot.
	MaxExecutionSeconds int
	MaxMemoryUsage      uint64
	MaxResultRows       uint64
	MaxResultBytes      uint64
	// QuotaExecutionSeconds is the query time the user may spend per hour,
	// all queries together: a quota setting cannot be changed by a query.
	QuotaExecutionSeconds int
}

// PasswordPlaceholder stands for the hash in the shipped file: it is not
// 64 hex digits, so a server refuses the file until the operator puts the
// real hash in, rather than let in an account without a password.
const PasswordPlaceholder = "REPLACE_WITH_SHA256_HEX_OF_THE_PASSWORD"

// AnalystDefaults is the account the guide documents.
func AnalystDefaults() Analyst {
	return Analyst{
		User:                  "analyst",
		PasswordSHA256:        PasswordPlaceholder,
		Database:              DefaultDatabase,
		Networks:              []string{"127.0.0.1", "::1"},
		MaxExecutionSeconds:   60,
		MaxMemoryUsage:        4_000_000_000,
		MaxResultRows:         1_000_000,
		MaxResultBytes:        1_000_000_000,
		QuotaExecutionSeconds: 1800,
	}
}

var (
	hexSHA256 = regexp.MustCompile(`^[0-9a-f]{64}$`)
	chName    = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)
)

// Check refuses what would make a broken or unsafe file: a hash that is not
// a SHA-256 (unless the placeholder), names XML or ClickHouse would take
// otherwise, networks that are not addresses or ranges.
func (a Analyst) Check() error {
	if a.PasswordSHA256 != PasswordPlaceholder && !hexSHA256.MatchString(a.PasswordSHA256) {
		return fmt.Errorf("password hash: want 64 lower-case hex digits, as `echo -n \"$PW\" | sha256sum` prints")
	}
	if !chName.MatchString(a.User) || !chName.MatchString(a.Database) {
		return fmt.Errorf("user %q or database %q: letters, digits and _ only", a.User, a.Database)
	}
	if len(a.Networks) == 0 {
		return fmt.Errorf("no networks: the account could connect from nowhere")
	}
	for _, n := range a.Networks {
		if net.ParseIP(n) == nil {
			if _, _, err := net.ParseCIDR(n); err != nil {
				return fmt.Errorf("network %q: want an address or a CIDR range", n)
			}
		}
	}
	if a.MaxExecutionSeconds <= 0 || a.MaxMemoryUsage == 0 || a.MaxResultRows == 0 || a.MaxResultBytes == 0 || a.QuotaExecutionSeconds <= 0 {
		return fmt.Errorf("every limit must be positive (0 means unlimited to ClickHouse)")
	}
	return nil
}

// XML renders the users.d file.
func (a Analyst) XML() (string, error) {
	if err := a.Check(); err != nil {
		return "", err
	}
	var b bytes.Buffer
	if err := analystTemplate.Execute(&b, a); err != nil {
		return "", err
	}
	return b.String(), nil
}

var analystTemplate = template.Must(template.New("analyst").Parse(`<?xml version="1.0"?>
<!--
  thidua: the analysts' read-only account (docs/warehouse.md, "Access for analysts").
  Made by the command "thidua warehouse analyst-config" from the password's SHA-256 (see the guide).
  Install as /etc/clickhouse-server/users.d/thidua-analyst.xml, owned by root, mode 0640, group clickhouse.
  The server reads users.d/ at start and when the file changes (no restart).
  <yandex> is the root 18.16 needs; current releases accept it as well as <clickhouse>.
-->
<yandex>
    <profiles>
        <thidua_analyst>
            <!-- 2: no writes, no DDL, no SET readonly; other settings may be
                 set per query, which BI tools over HTTP do (1 would refuse them). -->
            <readonly>2</readonly>
            <max_execution_time>{{.MaxExecutionSeconds}}</max_execution_time>
            <timeout_overflow_mode>throw</timeout_overflow_mode>
            <max_memory_usage>{{.MaxMemoryUsage}}</max_memory_usage>
            <!-- throw, not break: a figure cut short must not look complete. -->
            <max_result_rows>{{.MaxResultRows}}</max_result_rows>
            <max_result_bytes>{{.MaxResultBytes}}</max_result_bytes>
            <result_overflow_mode>throw</result_overflow_mode>
            <!-- On a cluster, IN/JOIN over Distributed tables become GLOBAL
                 instead of failing with "Double-distributed IN/JOIN subqueries is denied". -->
            <distributed_product_mode>global</distributed_product_mode>
        </thidua_analyst>
    </profiles>
    <users>
        <{{.User}}>
            <password_sha256_hex>{{.PasswordSHA256}}</password_sha256_hex>
            <!-- Where analysts and the BI server connect from: list them, never ::/0. -->
            <networks>
{{- range .Networks}}
                <ip>{{.}}</ip>
{{- end}}
            </networks>
            <profile>thidua_analyst</profile>
            <quota>thidua_analyst</quota>
            <!-- The warehouse only; system stays readable to every user on 18.16. -->
            <allow_databases>
                <database>{{.Database}}</database>
            </allow_databases>
        </{{.User}}>
    </users>
    <quotas>
        <thidua_analyst>
            <!-- Per user and hour; unlike the profile's limits, a query cannot lift these. -->
            <interval>
                <duration>3600</duration>
                <queries>0</queries>
                <errors>0</errors>
                <result_rows>0</result_rows>
                <read_rows>0</read_rows>
                <execution_time>{{.QuotaExecutionSeconds}}</execution_time>
            </interval>
        </thidua_analyst>
    </quotas>
</yandex>
`))
