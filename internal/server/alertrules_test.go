package server_test

import (
	"os"
	"os/exec"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/prometheus/client_golang/prometheus"
	dto "github.com/prometheus/client_model/go"

	"github.com/hcmc-thidua/thidua/etl"
	"github.com/hcmc-thidua/thidua/internal/access"
	"github.com/hcmc-thidua/thidua/internal/server"
)

const (
	alertRules     = "../../docs/alerts/thidua.rules.yml"
	alertRuleTests = "../../docs/alerts/thidua.rules.test.yml"
)

// TestAlertRulesPromtool: the rules load in Prometheus, and each alert
// fires on the series its unit test gives it and not without
// (scripts/ensure-promtool.sh installs promtool).
func TestAlertRulesPromtool(t *testing.T) {
	promtool, err := exec.LookPath("promtool")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("promtool is required under CI: scripts/ensure-promtool.sh")
		}
		t.Skip("promtool is not installed: scripts/ensure-promtool.sh")
	}
	for _, args := range [][]string{{"check", "rules", alertRules}, {"test", "rules", alertRuleTests}} {
		out, err := exec.Command(promtool, args...).CombinedOutput()
		if err != nil {
			t.Errorf("promtool %s: %v\n%s", strings.Join(args, " "), err, out)
		}
	}
}

// TestAlertRulesUseExportedMetrics: every metric the rules (and their
// annotations) name is one a server exports, so renaming a metric breaks
// this test rather than silently muting an alert.
func TestAlertRulesUseExportedMetrics(t *testing.T) {
	rules, err := os.ReadFile(alertRules)
	if err != nil {
		t.Fatal(err)
	}
	e := sharedEnv(t, "sqlite").serve(t, server.Config{FilesDir: t.TempDir(), Warehouse: &etl.Monitor{}})
	// A histogram by operation has no series before its first operation.
	e.do(t, e.token(t, "board", "HCM", access.CityAdmin), `query AlertRules { __typename }`, nil)
	exported := map[string]bool{}
	for name, f := range scrape(t, e.srv.URL).families {
		exported[name] = true
		if f.GetType() == dto.MetricType_HISTOGRAM {
			for _, suffix := range []string{"_bucket", "_sum", "_count"} {
				exported[name+suffix] = true
			}
		}
	}
	// The Monitor shows some series only after a run; its descriptions
	// name them all.
	descs := make(chan *prometheus.Desc, 32)
	(&etl.Monitor{}).Describe(descs)
	close(descs)
	fqName := regexp.MustCompile(`fqName: "([^"]+)"`)
	for d := range descs {
		if m := fqName.FindStringSubmatch(d.String()); m != nil {
			exported[m[1]] = true
		}
	}
	used := map[string]bool{}
	for _, n := range regexp.MustCompile(`\b(?:thidua|go_sql)_[a-z0-9_]+`).FindAllString(string(rules), -1) {
		used[n] = true
	}
	var missing []string
	for n := range used {
		if !exported[n] {
			missing = append(missing, n)
		}
	}
	sort.Strings(missing)
	if len(missing) > 0 {
		t.Errorf("the rules use metrics no server exports: %v", missing)
	}
	if len(used) < 8 {
		t.Errorf("found only %d metric names in the rules: %v", len(used), used)
	}
}
