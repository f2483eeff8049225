package graph

import (
	"context"

	"github.com/99designs/gqlgen/graphql"

	"github.com/hcmc-thidua/thidua/internal/importer"
)

// importFile runs an import in the mutation's transaction: the file is
// checked whole before anything is written, so a file with problems
// commits nothing.
func (r *Resolver) importFile(ctx context.Context, kind importer.Kind, file graphql.Upload, dryRun *bool) (*importer.Result, error) {
	res, err := importer.Run(ctx, r.clientFor(ctx), kind, file.Filename, file.File, dryRun != nil && *dryRun)
	if err != nil {
		return nil, err
	}
	return &res, nil
}
