package nominationflow_test

import (
	"context"
	"errors"
	"io/fs"
	"path/filepath"
	"testing"

	"github.com/hcmc-thidua/thidua/ent"
	"github.com/hcmc-thidua/thidua/ent/privacy"
	"github.com/hcmc-thidua/thidua/internal/access"
	"github.com/hcmc-thidua/thidua/internal/domain"
	"github.com/hcmc-thidua/thidua/internal/store"
	"github.com/hcmc-thidua/thidua/internal/store/storetest"
)

// pdf is the smallest file the dossier accepts: its type is sniffed.
var pdf = []byte("%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n")

// fixture is an empty store with the least a dossier needs: the city, two
// districts, and a draft and a submitted nomination of Q1.
type fixture struct {
	client      *ent.Client
	units       map[string]*ent.Unit
	draft, sent int
	filesDir    string
}

func eachDialect(t *testing.T, test func(t *testing.T, f *fixture)) {
	for _, d := range storetest.Dialects {
		t.Run(d, func(t *testing.T) { test(t, open(t, d)) })
	}
}

func open(t *testing.T, dialect string) *fixture {
	t.Helper()
	st, err := store.Open(context.Background(), storetest.URL(t, dialect), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	f := &fixture{client: st.Client, units: map[string]*ent.Unit{}, filesDir: filepath.Join(t.TempDir(), "files")}
	ctx := access.AllowStatusChange(privacy.DecisionContext(as("HCM", access.CityAdmin), privacy.Allow))
	for _, u := range []struct {
		code, parent string
		typ          domain.UnitType
	}{{"HCM", "", domain.UnitTypeCity}, {"Q1", "HCM", domain.UnitTypeDistrict}, {"Q3", "HCM", domain.UnitTypeDistrict}} {
		b := f.client.Unit.Create().SetCode(u.code).SetName("Đơn vị " + u.code).SetType(u.typ)
		if p := f.units[u.parent]; p != nil {
			b.SetParentID(p.ID)
		}
		f.units[u.code] = b.SaveX(ctx)
	}
	f.client.Phase.Create().SetName("2026-2030").SetStartYear(2026).SetEndYear(2030).ExecX(ctx)
	nom := func(s domain.NominationStatus) int {
		q1 := f.units["Q1"].ID
		return f.client.Nomination.Create().SetUnitID(q1).SetRecipientKind(domain.RecipientKindCollective).
			SetRecipientUnitID(q1).SetLevel(domain.AwardLevelUnitHeadCertificate).SetYear(2026).SetStatus(s).SaveX(ctx).ID
	}
	f.draft, f.sent = nom(domain.NominationStatusDraft), nom(domain.NominationStatusSubmitted)
	return f
}

// viewer is a token's holder at a unit of the fixture.
func (f *fixture) viewer(unit string, roles ...access.Role) context.Context {
	u := f.units[unit]
	return access.NewContext(context.Background(), &access.Viewer{Sub: "tester", Roles: roles, UnitCode: u.Code, UnitID: u.ID, UnitPath: u.Path})
}

func as(unit string, roles ...access.Role) context.Context {
	return access.NewContext(context.Background(), &access.Viewer{Sub: "fixture", Roles: roles, UnitCode: unit, UnitPath: "/" + unit + "/"})
}

// filesIn lists every file and directory under dir, relative to it; none
// when dir does not exist.
func filesIn(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(dir, func(path string, e fs.DirEntry, err error) error {
		if err != nil {
			if path == dir && errors.Is(err, fs.ErrNotExist) {
				return filepath.SkipDir
			}
			return err
		}
		if path != dir {
			rel, _ := filepath.Rel(dir, path)
			out = append(out, rel)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}
