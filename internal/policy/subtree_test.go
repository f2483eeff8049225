package policy_test

import (
	"context"
	"slices"
	"testing"

	"entgo.io/ent/dialect/sql"

	"github.com/hcmc-thidua/thidua/ent/adoption"
	"github.com/hcmc-thidua/thidua/ent/idea"
	"github.com/hcmc-thidua/thidua/ent/membership"
	"github.com/hcmc-thidua/thidua/ent/nomination"
	"github.com/hcmc-thidua/thidua/ent/privacy"
	"github.com/hcmc-thidua/thidua/ent/unit"
	"github.com/hcmc-thidua/thidua/internal/policy"
	"github.com/hcmc-thidua/thidua/internal/seed/seedtest"
	"github.com/hcmc-thidua/thidua/internal/store"
	"github.com/hcmc-thidua/thidua/internal/store/storetest"
)

// InSubtree must keep exactly the rows ent's own HasUnitWith(PathHasPrefix)
// keeps, on both stores: for the city, a district, a ward, a path no unit
// has, and prefixes whose LIKE wildcards must match only themselves.
func TestInSubtreeKeepsWhatHasUnitWithKeeps(t *testing.T) {
	for _, d := range storetest.Dialects {
		t.Run(d, func(t *testing.T) {
			ctx := privacy.DecisionContext(context.Background(), privacy.Allow)
			st, err := store.Open(ctx, seedtest.URL(t, d), store.Options{})
			if err != nil {
				t.Fatal(err)
			}
			defer st.Close()
			ward, err := st.Client.Unit.Query().Where(unit.TypeEQ("WARD")).Order(unit.ByID()).First(ctx)
			if err != nil {
				t.Fatal(err)
			}
			for _, prefix := range []string{"/HCM/", "/HCM/TD/", ward.Path, "/KHONG-CO/", "/HCM/T_/", "/HCM/%/"} {
				c := st.Client
				byEnt, err := c.Idea.Query().Where(idea.HasUnitWith(unit.PathHasPrefix(prefix))).IDs(ctx)
				must(t, err)
				bySub, err := c.Idea.Query().Where(policy.InSubtree(idea.FieldUnitID, prefix)).IDs(ctx)
				must(t, err)
				same(t, prefix, "ideas", byEnt, bySub)

				byEnt, err = c.Membership.Query().Where(membership.HasUnitWith(unit.PathHasPrefix(prefix))).IDs(ctx)
				must(t, err)
				bySub, err = c.Membership.Query().Where(policy.InSubtree(membership.FieldUnitID, prefix)).IDs(ctx)
				must(t, err)
				same(t, prefix, "memberships", byEnt, bySub)

				// A nullable key, and the predicate nested in another's.
				byEnt, err = c.Nomination.Query().Where(nomination.HasRecipientUnitWith(unit.PathHasPrefix(prefix))).IDs(ctx)
				must(t, err)
				bySub, err = c.Nomination.Query().Where(policy.InSubtree(nomination.FieldRecipientUnitID, prefix)).IDs(ctx)
				must(t, err)
				same(t, prefix, "nominations received", byEnt, bySub)

				byEnt, err = c.Adoption.Query().Where(adoption.HasIdeaWith(idea.HasUnitWith(unit.PathHasPrefix(prefix)))).IDs(ctx)
				must(t, err)
				bySub, err = c.Adoption.Query().Where(adoption.HasIdeaWith(policy.InSubtree(idea.FieldUnitID, prefix))).IDs(ctx)
				must(t, err)
				same(t, prefix, "adoptions of the subtree's ideas", byEnt, bySub)

				// Beside other predicates, its argument keeps its place.
				byEnt, err = c.Idea.Query().Where(idea.Year(2024), idea.HasUnitWith(unit.PathHasPrefix(prefix)), idea.StatusNEQ("DRAFT")).IDs(ctx)
				must(t, err)
				bySub, err = c.Idea.Query().Where(idea.Year(2024), policy.InSubtree(idea.FieldUnitID, prefix), idea.StatusNEQ("DRAFT")).IDs(ctx)
				must(t, err)
				same(t, prefix, "ideas of 2024 not drafts", byEnt, bySub)
			}
		})
	}
}

// A path's LIKE wildcards match only themselves: unescaped, "/HCM/T_/"
// would also match Thủ Đức's "/HCM/TD/".
func TestInSubtreeEscapesWildcards(t *testing.T) {
	s := sql.Dialect("postgres").Select("id").From(sql.Table("ideas"))
	policy.InSubtree("unit_id", "/HCM/T_/")(s)
	q, args := s.Query()
	if want := `SELECT "id" FROM "ideas" WHERE "ideas"."unit_id" = ANY(ARRAY(SELECT "units"."id" FROM "units" WHERE "units"."path" LIKE $1))`; q != want {
		t.Errorf("query\n%s\nwant\n%s", q, want)
	}
	if len(args) != 1 || args[0] != `/HCM/T\_/%` {
		t.Errorf("args %q, want the prefix with its wildcard escaped", args)
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func same(t *testing.T, prefix, what string, want, got []int) {
	t.Helper()
	slices.Sort(want)
	slices.Sort(got)
	if !slices.Equal(want, got) {
		t.Errorf("%s under %q: InSubtree keeps %d rows, HasUnitWith %d", what, prefix, len(got), len(want))
	}
}
