package nominationflow_test

import (
	"bytes"
	"context"
	"testing"
	"time"

	"github.com/hcmc-thidua/thidua/internal/access"
	"github.com/hcmc-thidua/thidua/internal/domain"
	"github.com/hcmc-thidua/thidua/internal/nominationflow"
	"github.com/hcmc-thidua/thidua/internal/problem"
)

// TestNoDocumentJoinsASubmittedDossier: an upload that starts while the
// nomination's submission is being committed waits for it and is refused,
// instead of reading the draft as it was and adding a document to a
// dossier already submitted.
func TestNoDocumentJoinsASubmittedDossier(t *testing.T) {
	eachDialect(t, func(t *testing.T, f *fixture) {
		ctx := context.Background()
		files := nominationflow.Files{Dir: f.filesDir}
		board := f.viewer("HCM", access.CityAdmin)
		submitting, err := f.client.Tx(ctx)
		if err != nil {
			t.Fatal(err)
		}
		why := "Hồ sơ thử nghiệm, Ban Thi đua – Khen thưởng cho trình đặc cách."
		if _, err := nominationflow.Submit(board, submitting.Client(), f.draft, 0, &why); err != nil {
			t.Fatal(err)
		}
		uploaded := make(chan error, 1)
		go func() {
			uploading, err := f.client.Tx(ctx)
			if err != nil {
				uploaded <- err
				return
			}
			_, err = files.Add(f.viewer("Q1", access.UnitAdmin), uploading.Client(),
				nominationflow.Document{NominationID: f.draft, Kind: domain.DocumentKindOther, Title: "Bổ sung"},
				nominationflow.Upload{File: bytes.NewReader(pdf), Filename: "bo-sung.pdf"})
			if err != nil {
				_ = uploading.Rollback()
			} else {
				err = uploading.Commit()
			}
			uploaded <- err
		}()
		select {
		case err := <-uploaded:
			t.Fatalf("the upload finished while the submission was uncommitted: %v", err)
		case <-time.After(300 * time.Millisecond):
		}
		if err := submitting.Commit(); err != nil {
			t.Fatal(err)
		}
		if err := <-uploaded; problem.CodeOf(err) != problem.InvalidTransition {
			t.Fatalf("the upload after the submission: %v, want INVALID_TRANSITION", err)
		}
	})
}
