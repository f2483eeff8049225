// Command thidua is the one binary of the system: the API server, the
// store's migrations, the demo data and development tokens.
package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"syscall"

	"github.com/hcmc-thidua/thidua/internal/redact"
	"github.com/hcmc-thidua/thidua/internal/server"
)

const usage = `thidua — the emulation movement's backend (Plan 1821/KH-UBND)

Usage:
  thidua serve   [--db URL] [--addr HOST:PORT] [--dev] [--cors-origins LIST] [--introspection] [--metrics-addr HOST:PORT] [--metrics-operations LIST|FILE]
  thidua migrate [--db URL]
  thidua seed    [--db URL] [--scale small|city|stress] [--seed N]
  thidua etl run [--db URL] [--clickhouse URL] [--full]
  thidua import  units|people|ideas|headcounts|awards|reorganizations FILE.xlsx|FILE.csv [--dry-run] [--db URL]
  thidua import  template KIND [--format xlsx|csv] [-o FILE]
  thidua token   --role ROLE [--role ROLE…] [--unit CODE] [--sub ID] [--ttl 8h]
  thidua files   sweep [--dry-run] [--force] [--db URL] [--files-dir DIR]
  thidua report  --phase 2022-2025 [--final] [--unit CODE] [--format docx|xlsx|proposals|html] -o FILE [--db URL] [--clickhouse URL]
  thidua schema
  thidua warehouse analyst-config --password-sha256 HEX [--network ADDR|CIDR…] [--database thidua]

Every flag has an environment variable (THIDUA_DB, THIDUA_ADDR, THIDUA_JWT_SECRET, …);
run "thidua COMMAND -h" for a command's flags.
`

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	registerSecrets()
	slog.SetDefault(slog.New(server.LogHandler(slog.NewJSONHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelInfo}))))
	if err := run(ctx, os.Args[1:], os.Stdout); err != nil {
		// A server's last line is a log line like its first, for the
		// collector that reads them; a command at a terminal says it
		// plainly. Both without the credentials an URL in it may hold.
		if len(os.Args) > 1 && os.Args[1] == "serve" {
			slog.Error("thidua serve stopped", "error", err.Error())
		} else {
			fmt.Fprintln(os.Stderr, "thidua:", redact.Text(err.Error()))
		}
		os.Exit(1)
	}
}

// run dispatches a command line; tests call it directly.
func run(ctx context.Context, args []string, out io.Writer) error {
	if len(args) == 0 {
		fmt.Fprint(out, usage)
		return fmt.Errorf("a command is required")
	}
	cmd, rest := args[0], args[1:]
	switch cmd {
	case "serve":
		return serve(ctx, rest, out)
	case "migrate":
		return migrate(ctx, rest, out)
	case "seed":
		return seedCmd(ctx, rest, out)
	case "token":
		return token(rest, out)
	case "etl":
		return etlCmd(ctx, rest, out)
	case "import":
		return importCmd(ctx, rest, out)
	case "files":
		return filesCmd(ctx, rest, out)
	case "schema":
		return schemaCmd(rest, out)
	case "report":
		return reportCmd(ctx, rest, out)
	case "warehouse":
		return warehouseCmd(rest, out)
	case "help", "-h", "--help":
		fmt.Fprint(out, usage)
		return nil
	}
	fmt.Fprint(out, usage)
	return fmt.Errorf("unknown command %q", cmd)
}
