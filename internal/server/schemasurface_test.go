package server_test

import (
	"strings"
	"testing"

	"github.com/hcmc-thidua/thidua/graph"
	"github.com/hcmc-thidua/thidua/internal/access"
	"github.com/hcmc-thidua/thidua/internal/server"
)

// TestNoCodegenDirectivesServed (issue 17: @goField and @goModel, gqlgen's
// instructions for generating Go, appeared in the introspected schema).
func TestNoCodegenDirectivesServed(t *testing.T) {
	e := sharedEnv(t, "sqlite")
	lim := graph.DefaultLimits()
	lim.Introspection = true
	open := e.serve(t, server.Config{Limits: lim, FilesDir: t.TempDir()})
	var got struct {
		Schema struct{ Directives []struct{ Name string } } `json:"__schema"`
	}
	open.do(t, e.token(t, "board", "HCM", access.CityAdmin), `{ __schema { directives { name } } }`, nil).decode(t, &got)
	if len(got.Schema.Directives) == 0 {
		t.Fatal("no directives at all: the query did not run")
	}
	for _, d := range got.Schema.Directives {
		if strings.HasPrefix(d.Name, "go") {
			t.Errorf("directive @%s served", d.Name)
		}
	}
}
