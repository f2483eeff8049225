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

	"github.com/hcmc-thidua/thidua/internal/access"
	"github.com/hcmc-thidua/thidua/internal/importer"
	"github.com/hcmc-thidua/thidua/internal/problem"
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
	confirm := fs.Bool("confirm-new-people", false, "confirm every new person whose name and birth year or e-mail match a recorded person under another code")
	report := fs.String("report", "", "write the file with its problem and notice cells highlighted and commented to this .xlsx")
	if len(args) < 2 {
		return errors.New("usage: thidua import phases|units|people|ideas|headcounts|awards|reorganizations|integrity_records FILE.xlsx|FILE.csv [--dry-run] [--confirm-new-people] [--report REPORT.xlsx] [--db URL]\n       thidua import template KIND [--format xlsx|csv] [-o FILE]")
	}
	kind, err := importer.ParseKind(args[0])
	if err != nil {
		return err
	}
	name := args[1]
	if err := parseFlags(fs, args[2:]); err != nil {
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
	res, err := importer.RunWith(ctx, st.Client, kind, filepath.Base(name), f, importer.Options{DryRun: *dry, ConfirmNew: *confirm, Report: *report != ""})
	if p, ok := problem.As(err); ok && p.Code == problem.Validation {
		// A file over a cap: the message is the officer's, the code is not.
		return errors.New(p.Message)
	}
	if err != nil {
		return err
	}
	printImport(out, name, res)
	if *report != "" {
		switch {
		case res.Report == nil && (len(res.Problems) > 0 || len(res.Notices) > 0):
			fmt.Fprintf(out, "tệp bị từ chối cả tệp, không có ô nào để đánh dấu: không ghi %s\n", *report)
		case res.Report == nil:
			fmt.Fprintf(out, "không có lỗi hay lưu ý nào: không ghi %s\n", *report)
		default:
			if err := os.WriteFile(*report, res.Report, 0o600); err != nil {
				return err
			}
			fmt.Fprintf(out, "báo cáo kiểm tra (các ô có lỗi tô đỏ, lưu ý tô vàng): %s\n", *report)
		}
	}
	if !res.OK() {
		return fmt.Errorf("%d lỗi: tệp không được ghi", len(res.Problems))
	}
	return nil
}

func printImport(out io.Writer, name string, res importer.Result) {
	list := func(title string, ps []importer.Problem) {
		if len(ps) == 0 {
			return
		}
		fmt.Fprintf(out, "%s (%d):\n", title, len(ps))
		for _, p := range ps {
			line := "  " + p.Where()
			if p.Value != "" {
				line += " – “" + p.Value + "”"
			}
			fmt.Fprintf(out, "%s: %s\n", line, p.Message)
		}
	}
	list("Lỗi", res.Problems)
	list("Lưu ý", res.Notices)
	if len(res.Problems) > 0 {
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
	if err := parseFlags(fs, args[1:]); err != nil {
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
