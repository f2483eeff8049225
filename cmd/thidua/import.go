package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/user"
	"path/filepath"
	"strings"
	"text/tabwriter"

	"github.com/hcmc-thidua/thidua/internal/access"
	"github.com/hcmc-thidua/thidua/internal/importer"
	"github.com/hcmc-thidua/thidua/internal/store"
)

// importCmd: `thidua import KIND FILE [--dry-run]`, and
// `thidua import template KIND [--format xlsx|csv] [-o FILE]`.
func importCmd(ctx context.Context, args []string, out io.Writer) error {
	if len(args) > 0 && args[0] == "template" {
		return templateCmd(args[1:], out)
	}
	fs := flag.NewFlagSet("import", flag.ContinueOnError)
	db := dbFlag(fs)
	dry := fs.Bool("dry-run", false, "check the file and report, write nothing")
	if len(args) < 2 {
		return errors.New("usage: thidua import phases|units|people|ideas|headcounts|awards|reorganizations|integrity_records FILE.xlsx|FILE.csv [--dry-run] [--db URL]\n       thidua import template KIND [--format xlsx|csv] [-o FILE]")
	}
	kind, err := importer.ParseKind(args[0])
	if err != nil {
		return err
	}
	name := args[1]
	if err := fs.Parse(args[2:]); err != nil {
		return err
	}
	f, err := os.Open(name)
	if err != nil {
		return err
	}
	defer f.Close()
	st, err := store.Open(ctx, *db, store.Options{})
	if err != nil {
		return err
	}
	defer st.Close()
	// The operator at the terminal acts as the board; the audit log names
	// them by their login.
	who := "cli"
	if u, err := user.Current(); err == nil {
		who = "cli:" + u.Username
	}
	ctx = access.NewContext(ctx, &access.Viewer{Sub: who, Roles: []access.Role{access.CityAdmin}})
	res, err := importer.Run(ctx, st.Client, kind, filepath.Base(name), f, *dry)
	if err != nil {
		return err
	}
	printImport(out, name, res)
	if !res.OK() {
		return fmt.Errorf("%d lỗi: tệp không được ghi", len(res.Problems))
	}
	return nil
}

func printImport(out io.Writer, name string, res importer.Result) {
	if len(res.Problems) > 0 {
		w := tabwriter.NewWriter(out, 0, 4, 2, ' ', 0)
		fmt.Fprintln(w, "dòng\tcột\tlỗi")
		for _, p := range res.Problems {
			fmt.Fprintf(w, "%d\t%s\t%s\n", p.Row, p.Column, p.Message)
		}
		w.Flush()
		return
	}
	verb := "đã ghi"
	if res.DryRun {
		verb = "sẽ ghi (chạy thử, chưa ghi gì)"
	}
	fmt.Fprintf(out, "%s: %d dòng hợp lệ; %s: %d mới, %d cập nhật, %d không đổi\n", name, res.Rows, verb, res.Created, res.Updated, res.Unchanged)
}

func templateCmd(args []string, out io.Writer) error {
	if len(args) < 1 {
		return errors.New("usage: thidua import template KIND [--format xlsx|csv] [-o FILE]")
	}
	kind, err := importer.ParseKind(args[0])
	if err != nil {
		return err
	}
	fs := flag.NewFlagSet("import template", flag.ContinueOnError)
	format := fs.String("format", "xlsx", "xlsx or csv")
	file := fs.String("o", "", "where to write it (default mau-KIND.FORMAT)")
	if err := fs.Parse(args[1:]); err != nil {
		return err
	}
	if *file == "" {
		*file = fmt.Sprintf("mau-%s.%s", strings.ToLower(string(kind)), *format)
	}
	f, err := os.Create(*file)
	if err != nil {
		return err
	}
	if err := importer.Template(f, kind, *format); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	fmt.Fprintf(out, "wrote %s\n", *file)
	return nil
}
