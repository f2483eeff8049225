package graph

import (
	"context"

	"github.com/99designs/gqlgen/graphql"

	"github.com/hcmc-thidua/thidua/internal/access"
	"github.com/hcmc-thidua/thidua/internal/clock"
	"github.com/hcmc-thidua/thidua/internal/importer"
)

// ImportReportPath is where an import's marked-up report is downloaded.
func ImportReportPath(name string) string { return "/import/reports/" + name }

// importFile runs an import in the mutation's transaction: the file is
// checked whole before anything is written, so a file with problems
// commits nothing. Its report is kept for the officer's download.
func (r *Resolver) importFile(ctx context.Context, kind importer.Kind, file graphql.Upload, dryRun, confirmNew *bool) (*importer.Result, error) {
	res, err := importer.RunWith(ctx, r.clientFor(ctx), kind, file.Filename, file.File,
		importer.Options{DryRun: dryRun != nil && *dryRun, ConfirmNew: confirmNew != nil && *confirmNew, Report: true})
	if err != nil {
		return nil, err
	}
	if res.Report != nil && r.files.Dir != "" {
		if res.ReportName, err = (importer.Reports{Dir: r.files.Dir}).Save(access.FromContext(ctx).Sub, res.Report, clock.Now(ctx)); err != nil {
			return nil, err
		}
	}
	return &res, nil
}

// reportURL is a signed link to the import's report, for the officer who
// imported it.
func (r *Resolver) reportURL(ctx context.Context, res *importer.Result) (*string, error) {
	if res.ReportName == "" {
		return nil, nil
	}
	link, err := downloadLink(ctx, ImportReportPath(res.ReportName), nil)
	if err != nil {
		return nil, err
	}
	return &link, nil
}
