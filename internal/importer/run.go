package importer

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/hcmc-thidua/thidua/ent"
	"github.com/hcmc-thidua/thidua/internal/access"
	"github.com/hcmc-thidua/thidua/internal/audit"
	"github.com/hcmc-thidua/thidua/internal/clock"
	"github.com/hcmc-thidua/thidua/internal/live"
	"github.com/hcmc-thidua/thidua/internal/problem"
)

// kindImport checks a file of one kind against the store and, with write,
// applies it. It writes only when the file had no problem.
type kindImport func(ctx context.Context, client *ent.Client, t *table, res *Result, write bool) error

// Options are an import's choices beyond the file.
type Options struct {
	// DryRun checks the file and reports what would be done, writing nothing.
	DryRun bool
	// ConfirmNew confirms every new person a file adds whose name and birth
	// year or e-mail match a person already recorded under another code
	// (otherwise each such row needs "Có" in its own confirmation column).
	ConfirmNew bool
	// Report asks for Result.Report, the file marked up, when it has any
	// problem or notice.
	Report bool
}

var imports = map[Kind]kindImport{
	Units:            importUnits,
	People:           importPeople,
	Ideas:            importIdeas,
	Headcounts:       importHeadcounts,
	Awards:           importAwards,
	Reorgs:           importReorgs,
	Phases:           importPhases,
	IntegrityRecords: importIntegrity,
}

// Run imports a file (name gives its format: .xlsx or .csv) of a kind.
// With dryRun, or when any row has a problem, nothing is written and the
// result says what is wrong or what would be done. Inside a GraphQL
// mutation it writes in the operation's transaction; otherwise in its own.
// Only the board (CITY_ADMIN) imports.
func Run(ctx context.Context, client *ent.Client, kind Kind, name string, r io.Reader, dryRun bool) (Result, error) {
	return RunWith(ctx, client, kind, name, r, Options{DryRun: dryRun, Report: true})
}

// RunWith is Run with all the options.
func RunWith(ctx context.Context, client *ent.Client, kind Kind, name string, r io.Reader, o Options) (Result, error) {
	ctx = live.Bulk(audit.Bulk(withOptions(ctx, o)))
	res, t, err := runImport(ctx, client, kind, name, r, o.DryRun)
	if t != nil {
		res.Notices = t.notices
		t.locate(kind, res.Problems)
		t.locate(kind, res.Notices)
	}
	sortProblems(res.Problems)
	sortProblems(res.Notices)
	validUTF8(res.Problems)
	validUTF8(res.Notices)
	if err == nil && o.Report && t != nil && (len(res.Problems) > 0 || len(res.Notices) > 0) {
		res.Report, err = annotated(t, kind, res)
	}
	return res, err
}

// validUTF8 mends problems in place. Problems quote the file (headers,
// cells, values); whatever a check lets through, an answer stays valid
// UTF-8, which JSON and the terminal need.
func validUTF8(problems []Problem) {
	for i, p := range problems {
		problems[i].Column, problems[i].Message = strings.ToValidUTF8(p.Column, "\ufffd"), strings.ToValidUTF8(p.Message, "\ufffd")
		problems[i].Value, problems[i].Sheet = strings.ToValidUTF8(p.Value, "\ufffd"), strings.ToValidUTF8(p.Sheet, "\ufffd")
	}
}

func runImport(ctx context.Context, client *ent.Client, kind Kind, name string, r io.Reader, dryRun bool) (Result, *table, error) {
	res := Result{Kind: kind, DryRun: dryRun}
	if !access.FromContext(ctx).Has(access.CityAdmin) {
		return res, nil, problem.New(problem.Forbidden, "Chỉ Ban Thi đua - Khen thưởng (CITY_ADMIN) được nhập dữ liệu từ tệp.")
	}
	imp, ok := imports[kind]
	if !ok {
		return res, nil, problem.New(problem.Validation, "Loại dữ liệu %q không có.", kind)
	}
	t, problems, err := readTable(name, r, Columns[kind])
	var fe *FileError
	if errors.As(err, &fe) {
		res.Problems = []Problem{{Row: 0, Message: fe.Message}}
		return res, nil, nil
	}
	if err != nil {
		return res, nil, err
	}
	res.Problems = problems
	if t == nil {
		return res, nil, nil
	}
	t.today = clock.Today(ctx)
	res.Rows = len(t.rows)
	if len(problems) > 0 {
		return res, t, nil // without the columns, every row would fail
	}
	res.Problems = append(res.Problems, t.rowProblems...)
	if len(t.rows) == 0 {
		res.Problems = []Problem{{Row: t.headerRow + 1, Message: "Tệp không có dòng dữ liệu nào dưới dòng tiêu đề."}}
		return res, t, nil
	}
	if c := ent.FromContext(ctx); c != nil {
		return res, t, inSavepoint(ctx, c, func() (bool, error) {
			err := imp(ctx, c, t, &res, !dryRun)
			return err == nil && !dryRun && res.OK(), err
		})
	}
	tx, err := client.Tx(ctx)
	if err != nil {
		return res, t, err
	}
	if err := imp(ctx, tx.Client(), t, &res, !dryRun); err != nil {
		_ = tx.Rollback()
		return res, t, err
	}
	if dryRun || !res.OK() {
		return res, t, tx.Rollback()
	}
	if err := tx.Commit(); err != nil {
		return res, t, fmt.Errorf("import %s: commit: %w", kind, err)
	}
	return res, t, nil
}

// outcome counts a row as created, updated or unchanged.
func (r *Result) outcome(created, updated bool) {
	switch {
	case created:
		r.Created++
	case updated:
		r.Updated++
	default:
		r.Unchanged++
	}
}

// inSavepoint runs an import inside the caller's transaction (a GraphQL
// mutation's) and undoes what it wrote unless it says to keep it: a file
// with problems answers with its report, and the mutation would otherwise
// commit whatever rows were written before the first problem was found.
func inSavepoint(ctx context.Context, c *ent.Client, run func() (keep bool, err error)) error {
	if _, err := c.ExecContext(ctx, "SAVEPOINT thidua_import"); err != nil {
		return fmt.Errorf("import: savepoint: %w", err)
	}
	keep, err := run()
	if !keep {
		if _, rerr := c.ExecContext(ctx, "ROLLBACK TO SAVEPOINT thidua_import"); rerr != nil && err == nil {
			err = fmt.Errorf("import: rollback to savepoint: %w", rerr)
		}
	}
	if _, rerr := c.ExecContext(ctx, "RELEASE SAVEPOINT thidua_import"); rerr != nil && err == nil {
		err = fmt.Errorf("import: release savepoint: %w", rerr)
	}
	return err
}
