//go:build ignore

// entc.go generates the ent client, the entgql GraphQL schema (graph/ent.graphql)
// and the where/order inputs. gqlgen runs after it (see graph/generate.go).
package main

import (
	"log"
	"strings"

	"entgo.io/contrib/entgql"
	"entgo.io/ent/entc"
	"entgo.io/ent/entc/gen"
	"github.com/vektah/gqlparser/v2/ast"
)

// nonNullEdges makes every connection's edges and every edge's node
// non-null: the server never sends a null in either, and a client typed
// from the schema should not have to check.
func nonNullEdges(_ *gen.Graph, s *ast.Schema) error {
	for name, def := range s.Types {
		for _, f := range def.Fields {
			switch {
			case strings.HasSuffix(name, "Connection") && f.Name == "edges" && f.Type.Elem != nil:
				f.Type = ast.NonNullListType(ast.NonNullNamedType(f.Type.Elem.Name(), nil), nil)
			case strings.HasSuffix(name, "Edge") && f.Name == "node":
				f.Type = ast.NonNullNamedType(f.Type.Name(), nil)
			}
		}
	}
	return nil
}

// overrides adds template/*.tmpl after entgql's templates, so that ours
// replace its paginate helper; they use entgql's functions.
func overrides(cfg *gen.Config) error {
	t, err := gen.NewTemplate("overrides").Funcs(entgql.TemplateFuncs).ParseDir("template")
	if err != nil {
		return err
	}
	cfg.Templates = append(cfg.Templates, t)
	return nil
}

func main() {
	ex, err := entgql.NewExtension(
		entgql.WithConfigPath("../gqlgen.yml"),
		entgql.WithSchemaGenerator(),
		entgql.WithSchemaPath("../graph/ent.graphql"),
		entgql.WithWhereInputs(true),
		entgql.WithNodeDescriptor(false),
		entgql.WithSchemaHook(nonNullEdges),
	)
	if err != nil {
		log.Fatalf("entgql extension: %v", err)
	}
	err = entc.Generate("./schema", &gen.Config{
		Features: []gen.Feature{
			gen.FeaturePrivacy,
			gen.FeatureEntQL,
			gen.FeatureGlobalID,
			gen.FeatureVersionedMigration,
			gen.FeatureUpsert,
			gen.FeatureLock,
			gen.FeatureExecQuery,
			gen.FeatureModifier,
		},
	},
		entc.Extensions(ex),
		overrides,
	)
	if err != nil {
		log.Fatalf("entc: %v", err)
	}
}
