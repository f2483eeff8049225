package main

import (
	"flag"
	"os"

	"github.com/hcmc-thidua/thidua/internal/redact"
)

// secretVariables hold secrets whole; urlVariables hold connection URLs
// whose password is the secret.
var (
	secretVariables = []string{"THIDUA_JWT_SECRET", "THIDUA_LINK_SECRET", "THIDUA_METRICS_TOKEN", "THIDUA_PSEUDONYM_KEY"}
	urlVariables    = []string{"THIDUA_DB", "THIDUA_CLICKHOUSE", "THIDUA_SMTP_URL"}
	urlFlags        = []string{"db", "clickhouse"}
)

// registerSecrets tells the masking of every output the secrets this
// process was given, before anything can print them: a password is then
// masked however an error quotes it, even in a URL too malformed to parse.
func registerSecrets() {
	for _, v := range secretVariables {
		redact.Register(os.Getenv(v))
	}
	for _, v := range urlVariables {
		redact.RegisterURL(os.Getenv(v))
	}
}

// parseFlags parses a command's flags. The defaults come from the
// environment, so -h would print THIDUA_DB's and THIDUA_CLICKHOUSE's
// passwords as defaults: they are masked first, and URLs given as flags
// are registered for masking as soon as they are read.
func parseFlags(fs *flag.FlagSet, args []string) error {
	fs.VisitAll(func(f *flag.Flag) { f.DefValue = redact.Text(f.DefValue) })
	err := fs.Parse(args)
	for _, name := range urlFlags {
		if f := fs.Lookup(name); f != nil {
			redact.RegisterURL(f.Value.String())
		}
	}
	return err
}
