package server_test

import (
	"bytes"
	"os"
	"testing"

	"github.com/hcmc-thidua/thidua/internal/access"
	"github.com/hcmc-thidua/thidua/internal/nominationflow"
	"github.com/hcmc-thidua/thidua/internal/server"
)

// TestRefusedUploadsLeaveTheFilesDirectoryEmpty: over HTTP, uploads
// refused for the role, the unit or the size leave nothing in the files
// directory; the unit officer's upload is stored.
func TestRefusedUploadsLeaveTheFilesDirectoryEmpty(t *testing.T) {
	forEachStore(t, func(t *testing.T, base *env) {
		dir := t.TempDir()
		e := base.serve(t, server.Config{FilesDir: dir})
		const unitCode = "PX-BAN-CO"
		board := e.token(t, "board", "HCM", access.CityAdmin)
		uid := mustUnit(t, e, unitCode)
		var created struct{ CreateNomination nominationState }
		e.do(t, board, `mutation($in: CreateNominationInput!) { createNomination(input: $in) { `+nominationFields+` } }`,
			map[string]any{"in": map[string]any{"unitID": uid, "recipientKind": "COLLECTIVE", "recipientUnitID": uid,
				"level": "UNIT_HEAD_CERTIFICATE", "year": 2026}}).decode(t, &created)
		n := created.CreateNomination.ID
		huge := append(bytes.Clone(pdf), make([]byte, nominationflow.DefaultMaxBytes)...)
		for _, c := range []struct {
			name, tok string
			file      []byte
			want      string
		}{
			{"a leader", e.token(t, "leader", "HCM", access.Leader), pdf, "FORBIDDEN"},
			{"another unit's officer", e.token(t, "officer", "QGV", access.UnitAdmin), pdf, "NOT_FOUND"},
			{"a file over 20 MiB", e.token(t, "officer", unitCode, access.UnitAdmin), huge, "VALIDATION"},
		} {
			if res := e.upload(t, c.tok, n, "OTHER", c.file); res.code() != c.want {
				t.Errorf("%s: %q (status %d) %+v, want %s", c.name, res.code(), res.Status, res.Errors, c.want)
			}
			if left, _ := os.ReadDir(dir); len(left) > 0 {
				t.Fatalf("%s: the files directory holds %v", c.name, left)
			}
		}
		var got struct{ AddDossierDocument struct{ Sha256 string } }
		e.upload(t, e.token(t, "officer", unitCode, access.UnitAdmin), n, "OTHER", pdf).decode(t, &got)
		if b, err := os.ReadFile(nominationflow.Files{Dir: dir}.Path(got.AddDossierDocument.Sha256)); err != nil || !bytes.Equal(b, pdf) {
			t.Fatalf("the officer's upload: %q %v", b, err)
		}
	})
}
