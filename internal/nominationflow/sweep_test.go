package nominationflow_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/hcmc-thidua/thidua/ent"
	"github.com/hcmc-thidua/thidua/internal/access"
	"github.com/hcmc-thidua/thidua/internal/domain"
	"github.com/hcmc-thidua/thidua/internal/nominationflow"
)

// hours ago, as a file's mtime.
func aged(t *testing.T, path string, d time.Duration) {
	t.Helper()
	at := time.Now().Add(-d)
	if err := os.Chtimes(path, at, at); err != nil {
		t.Fatal(err)
	}
}

// put writes content at its address, as an upload whose record never
// committed left it, aged by d.
func put(t *testing.T, files nominationflow.Files, content []byte, d time.Duration) string {
	t.Helper()
	s := sha256.Sum256(content)
	sum := hex.EncodeToString(s[:])
	path := files.Path(sum)
	if err := os.MkdirAll(filepath.Dir(path), 0o750); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, content, 0o600); err != nil {
		t.Fatal(err)
	}
	aged(t, path, d)
	return sum
}

func exists(path string) bool { _, err := os.Stat(path); return err == nil }

// upload adds a document through the client (a transaction's, or the store's).
func (f *fixture) upload(t *testing.T, files nominationflow.Files, client *ent.Client, content []byte) *ent.DossierDocument {
	t.Helper()
	doc, err := files.Add(f.viewer("Q1", access.UnitAdmin), client,
		nominationflow.Document{NominationID: f.draft, Kind: domain.DocumentKindOther, Title: "Tài liệu khác"},
		nominationflow.Upload{File: bytes.NewReader(content), Filename: "tai-lieu.pdf"})
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

func pdfNo(i int) []byte { return append(bytes.Clone(pdf), byte('0'+i)) }

// TestSweepRemovesOnlyOldOrphans: from an empty store, the sweep keeps
// what documents reference however old, and unreferenced files and
// temporary files younger than the grace period; it removes the old
// orphans and stray temporary files, and leaves files it does not know.
// A dry run removes nothing and reports the same.
func TestSweepRemovesOnlyOldOrphans(t *testing.T) {
	eachDialect(t, func(t *testing.T, f *fixture) {
		ctx := context.Background()
		files := nominationflow.Files{Dir: f.filesDir}
		res, err := files.Sweep(ctx, f.client, nominationflow.SweepOptions{})
		if err != nil || res.Stored != 0 || len(res.Orphans) != 0 {
			t.Fatalf("a sweep before any upload: %+v %v", res, err)
		}
		kept := f.upload(t, files, f.client, pdfNo(1)).Sha256
		aged(t, files.Path(kept), 48*time.Hour)
		orphan := put(t, files, pdfNo(2), 2*time.Hour)
		young := put(t, files, pdfNo(3), 10*time.Minute)
		temp, fresh, other := filepath.Join(f.filesDir, "upload-123"), filepath.Join(f.filesDir, "upload-456"), filepath.Join(f.filesDir, "README")
		for _, p := range []string{temp, fresh, other} {
			if err := os.WriteFile(p, []byte("x"), 0o600); err != nil {
				t.Fatal(err)
			}
		}
		aged(t, temp, 2*time.Hour)
		aged(t, other, 100*time.Hour)
		want := nominationflow.SweepResult{Stored: 3, Referenced: 1, Young: 1, Orphans: []string{orphan}, Temps: []string{"upload-123"},
			Bytes: int64(len(pdfNo(2)) + 1), Others: 1}
		dry, err := files.Sweep(ctx, f.client, nominationflow.SweepOptions{DryRun: true})
		if err != nil || !equal(dry, want) {
			t.Fatalf("dry run: %+v %v, want %+v", dry, err, want)
		}
		if !exists(files.Path(orphan)) || !exists(temp) {
			t.Fatal("the dry run removed files")
		}
		res, err = files.Sweep(ctx, f.client, nominationflow.SweepOptions{})
		if err != nil || !equal(res, want) {
			t.Fatalf("sweep: %+v %v, want %+v", res, err, want)
		}
		for _, p := range []string{files.Path(orphan), temp} {
			if exists(p) {
				t.Errorf("%s not removed", p)
			}
		}
		for _, p := range []string{files.Path(kept), files.Path(young), fresh, other} {
			if !exists(p) {
				t.Errorf("%s removed", p)
			}
		}
		again, err := files.Sweep(ctx, f.client, nominationflow.SweepOptions{})
		if err != nil || len(again.Orphans)+len(again.Temps) != 0 {
			t.Errorf("a second sweep: %+v %v", again, err)
		}
	})
}

func equal(a, b nominationflow.SweepResult) bool {
	return a.Stored == b.Stored && a.Referenced == b.Referenced && a.Young == b.Young && slices.Equal(a.Orphans, b.Orphans) &&
		slices.Equal(a.Temps, b.Temps) && a.Bytes == b.Bytes && a.Others == b.Others
}

// TestSweepSparesUploadsInFlight: a sweep that runs while uploads' transactions
// are open leaves their files, although no committed record references them
// yet — also the one whose content an old orphan already held, which the
// sweep would otherwise have removed under the upload. Once one commits, its
// file is referenced; the one rolled back is removed once old.
func TestSweepSparesUploadsInFlight(t *testing.T) {
	eachDialect(t, func(t *testing.T, f *fixture) {
		ctx := context.Background()
		files := nominationflow.Files{Dir: f.filesDir}
		f.upload(t, files, f.client, pdfNo(1))
		stale := put(t, files, pdfNo(2), 3*time.Hour)
		committing, err := f.client.Tx(ctx)
		if err != nil {
			t.Fatal(err)
		}
		same := f.upload(t, files, committing.Client(), pdfNo(2))
		other := f.upload(t, files, committing.Client(), pdfNo(3))
		if same.Sha256 != stale {
			t.Fatalf("hash: %s, want %s", same.Sha256, stale)
		}
		res, err := files.Sweep(ctx, f.client, nominationflow.SweepOptions{})
		if err != nil || len(res.Orphans) != 0 || res.Young != 2 {
			t.Fatalf("sweep during the transaction: %+v %v", res, err)
		}
		if err := committing.Commit(); err != nil {
			t.Fatal(err)
		}
		rolledBack, err := f.client.Tx(ctx)
		if err != nil {
			t.Fatal(err)
		}
		lost := f.upload(t, files, rolledBack.Client(), pdfNo(4)).Sha256
		if err := rolledBack.Rollback(); err != nil {
			t.Fatal(err)
		}
		res, err = files.Sweep(ctx, f.client, nominationflow.SweepOptions{Now: time.Now().Add(2 * time.Hour)})
		if err != nil || !slices.Equal(res.Orphans, []string{lost}) || res.Referenced != 3 {
			t.Fatalf("sweep after commit and rollback: %+v %v", res, err)
		}
		for _, sum := range []string{same.Sha256, other.Sha256} {
			if !exists(files.Path(sum)) {
				t.Errorf("the committed upload's file %s is gone", sum)
			}
		}
	})
}

// TestSweepRefusesAStoreWithoutDocuments: pointed at a store that
// references none of the files (a wrong THIDUA_DB), the sweep removes
// nothing unless forced.
func TestSweepRefusesAStoreWithoutDocuments(t *testing.T) {
	f := open(t, "sqlite")
	files := nominationflow.Files{Dir: f.filesDir}
	sum := put(t, files, pdfNo(1), 48*time.Hour)
	_, err := files.Sweep(context.Background(), f.client, nominationflow.SweepOptions{})
	if !errors.Is(err, nominationflow.ErrNothingReferenced) || !exists(files.Path(sum)) {
		t.Fatalf("unforced: %v, file kept %v", err, exists(files.Path(sum)))
	}
	res, err := files.Sweep(context.Background(), f.client, nominationflow.SweepOptions{Force: true})
	if err != nil || !slices.Equal(res.Orphans, []string{sum}) || exists(files.Path(sum)) {
		t.Fatalf("forced: %+v %v", res, err)
	}
}
