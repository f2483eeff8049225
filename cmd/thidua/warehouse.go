package main

import (
	"errors"
	"flag"
	"fmt"
	"io"

	"github.com/hcmc-thidua/thidua/internal/warehouse"
)

// warehouseCmd holds the warehouse's operator tools. analyst-config prints
// the analysts' read-only account as a users.d file: ClickHouse 18.16 has
// no CREATE USER, so the account is configuration the operator installs,
// and printing it from the code keeps it equal to what the tests run.
func warehouseCmd(args []string, out io.Writer) error {
	if len(args) == 0 || args[0] != "analyst-config" {
		return errors.New("usage: thidua warehouse analyst-config --password-sha256 HEX [--network ADDR|CIDR…] [--database thidua] [--user analyst]")
	}
	fs := flag.NewFlagSet("warehouse analyst-config", flag.ContinueOnError)
	a := warehouse.AnalystDefaults()
	hash := fs.String("password-sha256", "", "hex SHA-256 of the analysts' password: echo -n \"$PW\" | sha256sum")
	fs.StringVar(&a.Database, "database", a.Database, "the warehouse's database, the only one (with system) the account may read")
	fs.StringVar(&a.User, "user", a.User, "the account's name")
	var nets multi
	fs.Var(&nets, "network", "address or CIDR range the account may connect from (repeatable; default 127.0.0.1 and ::1)")
	fs.IntVar(&a.MaxExecutionSeconds, "max-execution-time", a.MaxExecutionSeconds, "seconds a query may run")
	fs.Uint64Var(&a.MaxMemoryUsage, "max-memory-usage", a.MaxMemoryUsage, "bytes a query may use")
	if err := parseFlags(fs, args[1:]); err != nil {
		return err
	}
	if *hash == "" {
		return errors.New("--password-sha256 is required (the password itself never goes on a command line)")
	}
	a.PasswordSHA256 = *hash
	if len(nets) > 0 {
		a.Networks = nets
	}
	x, err := a.XML()
	if err != nil {
		return err
	}
	_, err = fmt.Fprint(out, x)
	return err
}
