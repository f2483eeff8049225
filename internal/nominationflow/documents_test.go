package nominationflow_test

import (
	"bytes"
	"context"
	"io"
	"os"
	"testing"

	"github.com/hcmc-thidua/thidua/internal/access"
	"github.com/hcmc-thidua/thidua/internal/domain"
	"github.com/hcmc-thidua/thidua/internal/nominationflow"
	"github.com/hcmc-thidua/thidua/internal/problem"
)

// watched is an upload body that counts the bytes read from it.
type watched struct {
	r    io.Reader
	read int
}

func (w *watched) Read(p []byte) (int, error) {
	n, err := w.r.Read(p)
	w.read += n
	return n, err
}

// TestRefusedUploadLeavesNoFile: every refusal — the role, another unit's
// nomination, a submitted one, an empty title, the type, the size announced
// or found while reading — leaves the files directory as it was, and those
// decided by who asks or by the record are decided before the body is read.
func TestRefusedUploadLeavesNoFile(t *testing.T) {
	eachDialect(t, func(t *testing.T, f *fixture) {
		files := nominationflow.Files{Dir: f.filesDir, MaxBytes: 1 << 10}
		big := append(bytes.Clone(pdf), bytes.Repeat([]byte{' '}, 2<<10)...)
		officer := f.viewer("Q1", access.UnitAdmin)
		for _, c := range []struct {
			name    string
			ctx     context.Context
			nom     int
			title   string
			body    []byte
			size    int64
			want    problem.Code
			mayRead bool
		}{
			{"a leader, who reads every nomination but writes none", f.viewer("HCM", access.Leader), f.draft, "Tờ trình", pdf, 0, problem.Forbidden, false},
			{"a member of the unit", f.viewer("Q1", access.Member), f.draft, "Tờ trình", pdf, 0, problem.Forbidden, false},
			{"another district's officer", f.viewer("Q3", access.UnitAdmin), f.draft, "Tờ trình", pdf, 0, problem.NotFound, false},
			{"a submitted nomination", officer, f.sent, "Tờ trình", pdf, 0, problem.InvalidTransition, false},
			{"no title", officer, f.draft, "  ", pdf, 0, problem.Validation, false},
			{"too large, as announced", officer, f.draft, "Tờ trình", big, int64(len(big)), problem.Validation, false},
			{"too large, as read", officer, f.draft, "Tờ trình", big, 0, problem.Validation, true},
			{"a shell script", officer, f.draft, "Tờ trình", []byte("#!/bin/sh\necho not a dossier\n"), 0, problem.Validation, true},
		} {
			body := &watched{r: bytes.NewReader(c.body)}
			_, err := files.Add(c.ctx, f.client, nominationflow.Document{NominationID: c.nom, Kind: domain.DocumentKindSubmissionLetter, Title: c.title},
				nominationflow.Upload{File: body, Filename: "to-trinh.pdf", Size: c.size})
			if got := problem.CodeOf(err); got != c.want {
				t.Errorf("%s: %q (%v), want %q", c.name, got, err, c.want)
			}
			if body.read > 0 && !c.mayRead {
				t.Errorf("%s: %d bytes read before the refusal", c.name, body.read)
			}
			if left := filesIn(t, f.filesDir); len(left) > 0 {
				t.Errorf("%s: left %v in the files directory", c.name, left)
			}
		}
		// The same upload by the unit's officer, and by the city's board,
		// is stored once, under its hash.
		for _, ctx := range []context.Context{officer, f.viewer("HCM", access.CityAdmin)} {
			doc, err := files.Add(ctx, f.client, nominationflow.Document{NominationID: f.draft, Kind: domain.DocumentKindSubmissionLetter, Title: "Tờ trình"},
				nominationflow.Upload{File: bytes.NewReader(pdf), Filename: "to-trinh.pdf", Size: int64(len(pdf))})
			if err != nil {
				t.Fatal(err)
			}
			if b, err := os.ReadFile(files.Path(doc.Sha256)); err != nil || !bytes.Equal(b, pdf) {
				t.Fatalf("stored: %q %v", b, err)
			}
		}
		if left := filesIn(t, f.filesDir); len(left) != 2 { // the shard directory and the file
			t.Errorf("files directory after two uploads of one file: %v", left)
		}
	})
}
