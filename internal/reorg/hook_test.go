package reorg_test

import (
	"testing"
)

// TestMoveThroughEnt pins down what reorg relies on and does not own:
// giving a unit another parent through ent rewrites the paths of its whole
// subtree (the path hook, ent/schema/unit_path.go), on both dialects.
func TestMoveThroughEnt(t *testing.T) {
	t.Parallel()
	eachDialect(t, func(t *testing.T, f *fixture) {
		if err := f.st.Client.Unit.UpdateOneID(f.units["P-BEN-NGHE"]).SetParentID(f.units["Q3"]).Exec(as(board)); err != nil {
			t.Fatalf("moving a unit with a sub-unit: %v", err)
		}
		if p := f.unit(t, "KP-BN-1").Path; p != "/HCM/Q3/P-BEN-NGHE/KP-BN-1/" {
			t.Errorf("sub-unit path %s", p)
		}
	})
}
