// Command generator runs gqlgen on gqlgen.yml, then renders the executor
// (graph/generated) again from gqlgen's own templates with object.gotpl
// and type.gotpl replaced by this directory's copies, which resolve loaded
// ent edges in line, make an object's deferred group only when a field is
// deferred, and marshal lists in order until an element waits
// (graph/inorder; docs/performance.md, "Less work per field"), and
// marshal a plain scalar field without gqlgen's per-field machinery
// (plainField). gqlgen has
// no option for any of them: its templates are embedded, so the others are
// read from the module directory of the gqlgen go.mod names. Run at the
// module root (go generate ./graph does).
package main

import (
	"bytes"
	"crypto/sha256"
	_ "embed"
	"encoding/hex"
	"fmt"
	"go/types"
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing/fstest"
	"text/template"

	"github.com/99designs/gqlgen/api"
	"github.com/99designs/gqlgen/codegen"
	"github.com/99designs/gqlgen/codegen/config"
	"github.com/99designs/gqlgen/codegen/templates"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/hcmc-thidua/thidua/graph/guarded"
)

// ours are this directory's copies of gqlgen's templates, each with the
// digest of the original it was made from (gqlgen v0.17.98). Another digest
// means gqlgen changed the original: carry the changes marked "thidua:"
// over to it, then update the digest.
var ours = map[string]struct {
	text     []byte
	upstream string
}{
	"object.gotpl": {objectTemplate, "0d247faea1bc26bf856c6b89a7adb556f4c471a903b6cecd654194140534c120"},
	"type.gotpl":   {typeTemplate, "c18dbf7d3c51be519eaf5db43280409c27abc367a68ca9c642b71120b02e477b"},
	"field.gotpl":  {fieldTemplate, "5d798a6fb94c8fbaa0b6a4ab04becac8d837fdaaabdf7e7668989ad394ccd837"},
}

var (
	//go:embed object.gotpl
	objectTemplate []byte
	//go:embed type.gotpl
	typeTemplate []byte
	//go:embed field.gotpl
	fieldTemplate []byte
)

// executorTemplates are the files gqlgen renders a single-file executor
// from (codegen/generate.go, singleFileTemplateFS).
var executorTemplates = []string{
	"api!.gotpl", "internal!.gotpl", "args.gotpl", "field.gotpl", "input.gotpl",
	"interface.gotpl", "object.gotpl", "type.gotpl", "generated!.gotpl", "directives_.gotpl",
}

func main() {
	if err := run(); err != nil {
		log.Fatal(err)
	}
}

func run() error {
	cfg, err := config.LoadConfig("gqlgen.yml")
	if err != nil {
		return err
	}
	keep := &keepData{}
	if err := api.Generate(cfg, api.AddPlugin(keep)); err != nil {
		return err
	}
	if cfg.Exec.Layout != config.ExecLayoutSingleFile {
		return fmt.Errorf("gqlgen.yml: exec.layout %q: the generator renders a single-file executor only", cfg.Exec.Layout)
	}
	tpls, err := executorFS()
	if err != nil {
		return err
	}
	data := keep.data
	return templates.Render(templates.Options{
		PackageName:     data.Config.Exec.Package,
		Filename:        data.Config.Exec.Filename,
		Data:            data,
		RegionTags:      true,
		GeneratedHeader: true,
		Packages:        data.Config.Packages,
		TemplateFS:      tpls,
		PruneOptions:    data.Config.GetPruneOptions(),
		Funcs:           template.FuncMap{"edgeLoaded": hasEdgeLoaded, "plainField": plainField},
	})
}

// keepData is a gqlgen plugin that keeps the data gqlgen renders from.
type keepData struct{ data *codegen.Data }

func (*keepData) Name() string { return "thidua-executor" }

func (k *keepData) GenerateCode(data *codegen.Data) error {
	k.data = data
	return nil
}

// executorFS is gqlgen's executor templates from its module directory,
// those in ours replaced by our copies.
func executorFS() (fstest.MapFS, error) {
	out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "github.com/99designs/gqlgen").Output()
	if err != nil {
		return nil, fmt.Errorf("go list gqlgen's module: %w", err)
	}
	dir := filepath.Join(strings.TrimSpace(string(out)), "codegen")
	// A gqlgen that renders its executor from other files than these
	// would be rendered wrong here: refuse rather than guess.
	found, err := filepath.Glob(filepath.Join(dir, "*.gotpl"))
	if err != nil {
		return nil, err
	}
	for i := range found {
		found[i] = filepath.Base(found[i])
	}
	if !sameSet(found, executorTemplates) {
		return nil, fmt.Errorf("%s holds %v, not the executor templates graph/generator knows (%v): compare with codegen/generate.go's singleFileTemplateFS", dir, found, executorTemplates)
	}
	fs := fstest.MapFS{}
	for _, name := range executorTemplates {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			return nil, err
		}
		if our, ok := ours[name]; ok {
			sum := sha256.Sum256(b)
			if got := hex.EncodeToString(sum[:]); got != our.upstream {
				return nil, fmt.Errorf("%s changed upstream (sha256 %s): carry graph/generator/%s's changes over to it", filepath.Join(dir, name), got, name)
			}
			b = our.text
		}
		fs[name] = &fstest.MapFile{Data: bytes.Clone(b)}
	}
	return fs, nil
}

// hasEdgeLoaded reports whether the object's Go type has the EdgeLoaded
// method ent/template/edgeloaded.tmpl generates for ent's GraphQL types.
func hasEdgeLoaded(o *codegen.Object) bool {
	if o.Type == nil {
		return false
	}
	t := o.Type
	if _, ok := t.(*types.Pointer); !ok {
		t = types.NewPointer(t)
	}
	sel := types.NewMethodSet(t).Lookup(nil, "EdgeLoaded")
	if sel == nil {
		return false
	}
	sig, ok := sel.Obj().Type().(*types.Signature)
	return ok && sig.Params().Len() == 2 && sig.Results().Len() == 1
}

func sameSet(a, b []string) bool {
	a, b = slices.Clone(a), slices.Clone(b)
	slices.Sort(a)
	slices.Sort(b)
	return slices.Equal(a, b)
}

// plainField reports whether the field is a scalar or an enum read straight
// from a struct field of a non-root object, with no arguments and no
// directives, and whose value cannot be a null the schema refuses (not a
// non-null pointer). Its answer is then the struct field, marshalled: our
// scalars' and enums' marshallers always write a value, and a nil of a
// nullable field is null. gqlgen wraps every field in a field context, a
// round of the field middleware and a panic handler; for such a field they
// change nothing and cost allocations on every field of every answer.
// The API's one field middleware (graph/fieldguards.go) acts only on fields
// with arguments, on root fields and on nullable Strings, which this
// leaves on gqlgen's path; graph/guarded states that rule and
// TestPlainFieldsUnguarded (graph) holds the middleware to it.
func plainField(d *codegen.Data, o *codegen.Object, f *codegen.Field) bool {
	t := f.TypeReference
	switch {
	case o.Stream, f.IsResolver, !f.IsVariable(), f.HasHaser, f.IsBatch(),
		f.HasDirectives(), len(d.AllDirectives.LocationDirectives("FIELD")) > 0,
		t == nil, t.Definition == nil, t.IsSlice():
		return false
	case t.Definition.Kind != ast.Scalar && t.Definition.Kind != ast.Enum:
		return false
	case t.GQL.NonNull && t.IsPtr():
		return false
	}
	// Root fields and fields with arguments are the middleware's.
	return !guarded.Field(o.Name, t.GQL, len(f.Args) > 0)
}
