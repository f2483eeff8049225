package live

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/hcmc-thidua/thidua/ent/migrate"
)

// TestNoticeFits: the largest notice a commit is split into stays under
// PostgreSQL's 8,000-byte payload limit: idsPerNotice ids of 12 digits (a
// global id of the 30th type's range) with every kind the store has.
func TestNoticeFits(t *testing.T) {
	ids := make([]int, idsPerNotice)
	for i := range ids {
		ids[i] = 999_999_999_999 - i
	}
	var kinds []string
	for _, tb := range migrate.Tables {
		kinds = append(kinds, tb.Name+"_as_a_kind")
	}
	payload, err := json.Marshal(notice{Origin: strings.Repeat("o", 64), Kinds: kinds, Events: ids, Lost: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(payload) >= 8000 {
		t.Fatalf("a full notice is %d bytes; PostgreSQL takes fewer than 8,000", len(payload))
	}
}
