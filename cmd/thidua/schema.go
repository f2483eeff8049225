package main

import (
	"flag"
	"io"

	"github.com/hcmc-thidua/thidua/graph"
)

// schemaCmd prints the served schema's SDL: frontends build their types
// from it, and introspection is off outside development.
func schemaCmd(args []string, out io.Writer) error {
	fs := flag.NewFlagSet("schema", flag.ContinueOnError)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	return graph.WriteSDL(out)
}
