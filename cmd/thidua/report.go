package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/user"
	"path/filepath"
	"strings"
	"time"

	"github.com/hcmc-thidua/thidua/ent/privacy"
	"github.com/hcmc-thidua/thidua/ent/unit"
	"github.com/hcmc-thidua/thidua/etl"
	"github.com/hcmc-thidua/thidua/internal/access"
	"github.com/hcmc-thidua/thidua/internal/clock"
	"github.com/hcmc-thidua/thidua/internal/interim"
	"github.com/hcmc-thidua/thidua/internal/interim/render"
	"github.com/hcmc-thidua/thidua/internal/problem"
	"github.com/hcmc-thidua/thidua/internal/store"
)

// reportCmd writes a review's files from the warehouse, as GET
// /reports/{interim,final}/… serves them: the report to sign (.docx), the
// list proposed for awards, the workbook or the page. The operator at the
// terminal reads as an analyst does, the whole city.
func reportCmd(ctx context.Context, args []string, out io.Writer) error {
	fs := flag.NewFlagSet("report", flag.ContinueOnError)
	db := dbFlag(fs)
	chURL := fs.String("clickhouse", env("THIDUA_CLICKHOUSE", ""), "warehouse URL, clickhouse://host:9000/thidua (THIDUA_CLICKHOUSE)")
	dev := fs.Bool("dev", false, "development: the public demo pseudonym key when THIDUA_PSEUDONYM_KEY is unset")
	phaseName := fs.String("phase", "", "the phase, 2022-2025")
	final := fs.Bool("final", false, "the final review (tổng kết) rather than the interim one (sơ kết)")
	unitCode := fs.String("unit", "", "a unit's code: the report of its subtree (default: the city)")
	format := fs.String("format", "", "docx, xlsx, proposals (the list proposed for awards, .xlsx) or html; default from -o's extension")
	output := fs.String("o", "", "the file to write")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *phaseName == "" || *output == "" {
		return errors.New("usage: thidua report --phase 2022-2025 [--final] [--unit CODE] [--format docx|xlsx|proposals|html] -o FILE")
	}
	kind := *format
	if kind == "" {
		kind = strings.TrimPrefix(filepath.Ext(*output), ".")
	}
	if kind != "docx" && kind != "xlsx" && kind != "proposals" && kind != "html" {
		return fmt.Errorf("--format %q: want docx, xlsx, proposals or html", kind)
	}
	cfg, err := etlConfig(*db, *chURL, *dev)
	if err != nil {
		return err
	}
	pseudonyms, err := etl.NewPseudonymizer(cfg.PseudonymKey)
	if err != nil {
		return err
	}
	st, err := store.Open(ctx, *db, store.Options{SkipMigrate: true})
	if err != nil {
		return err
	}
	defer st.Close()
	who := "cli"
	if u, err := user.Current(); err == nil {
		who = "cli:" + u.Username
	}
	ctx = access.NewContext(ctx, &access.Viewer{Sub: who, Roles: []access.Role{access.Analyst}})
	var unitID *int
	if *unitCode != "" {
		u, err := st.Client.Unit.Query().Where(unit.Code(*unitCode)).Only(privacy.DecisionContext(ctx, privacy.Allow))
		if err != nil {
			return fmt.Errorf("unit %q: %w", *unitCode, err)
		}
		unitID = &u.ID
	}
	phase, scope, err := interim.Authorize(ctx, st.Client, *phaseName, unitID)
	if p, ok := problem.As(err); ok {
		return errors.New(p.Message)
	}
	if err != nil {
		return err
	}
	started := time.Now()
	service := &interim.Service{Warehouse: &etl.Monitor{URL: cfg.Warehouse}, Labels: interim.StoreLabels{Client: st.Client, Pseudonyms: pseudonyms}}
	rep, err := service.Report(ctx, phase, scope)
	if err != nil {
		return err
	}
	rep.Review = interim.ReviewInterim
	if *final {
		rep.Review = interim.ReviewFinal
	}
	var body bytes.Buffer
	switch kind {
	case "docx":
		var is interim.Issuer
		if is, err = interim.IssuerOf(ctx, st.Client, scope); err == nil {
			err = render.DOCX(&body, rep, render.DocOptions{Issuer: is, Today: clock.Today(ctx)})
		}
	case "xlsx":
		err = render.XLSX(&body, rep)
	case "proposals":
		err = render.ProposalsXLSX(&body, rep)
	case "html":
		err = render.HTML(&body, rep, render.Options{})
	}
	if err != nil {
		return err
	}
	if err := os.WriteFile(*output, body.Bytes(), 0o644); err != nil {
		return err
	}
	fmt.Fprintf(out, "%s %s of %s (%s): %s, %d bytes in %s — %s\n", rep.Review.Title(), phase.Name, scope.Name, scope.Code,
		*output, body.Len(), time.Since(started).Round(time.Millisecond), rep.Message)
	if rep.State != interim.StateOK {
		return fmt.Errorf("the report holds no figures: %s", rep.Message)
	}
	return nil
}
