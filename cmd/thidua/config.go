package main

import (
	"flag"
	"os"
	"strconv"
	"strings"

	"github.com/hcmc-thidua/thidua/internal/store"
)

// env returns the environment variable or the default.
func env(name, def string) string {
	if v, ok := os.LookupEnv(name); ok && v != "" {
		return v
	}
	return def
}

// dbFlag adds --db (THIDUA_DB).
func dbFlag(fs *flag.FlagSet) *string {
	return fs.String("db", env("THIDUA_DB", store.DefaultURL), "operational store URL: sqlite:PATH or postgres://… (THIDUA_DB)")
}

// list splits a comma-separated list.
func list(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// multi is a repeatable string flag.
type multi []string

func (m *multi) String() string     { return strings.Join(*m, ",") }
func (m *multi) Set(v string) error { *m = append(*m, list(v)...); return nil }

// envInt returns the environment variable as an integer, or the default.
func envInt(name string, def int64) int64 {
	if v, err := strconv.ParseInt(os.Getenv(name), 10, 64); err == nil {
		return v
	}
	return def
}

// flagSet reports whether the flag was given on the command line.
func flagSet(fs *flag.FlagSet, name string) bool {
	set := false
	fs.Visit(func(f *flag.Flag) { set = set || f.Name == name })
	return set
}
