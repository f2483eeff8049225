package main

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/hcmc-thidua/thidua/internal/nominationflow"
)

// TestFilesSweep: the command refuses a store that is not migrated and one
// that references none of the files, reports without removing under
// --dry-run, and removes with --force.
func TestFilesSweep(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	db := "sqlite:" + filepath.Join(dir, "thidua.db")
	files := filepath.Join(dir, "files")
	orphan := filepath.Join(files, "ab", "ab"+strings.Repeat("0", 62))
	if err := os.MkdirAll(filepath.Dir(orphan), 0o750); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(orphan, []byte("%PDF-"), 0o600); err != nil {
		t.Fatal(err)
	}
	old := time.Now().Add(-48 * time.Hour)
	if err := os.Chtimes(orphan, old, old); err != nil {
		t.Fatal(err)
	}
	sweep := func(flags ...string) (string, error) {
		var out bytes.Buffer
		err := run(ctx, append([]string{"files", "sweep", "--db", db, "--files-dir", files}, flags...), &out)
		return out.String(), err
	}
	if _, err := sweep(); err == nil {
		t.Fatal("a sweep against a store without tables succeeded")
	}
	if err := run(ctx, []string{"migrate", "--db", db}, &bytes.Buffer{}); err != nil {
		t.Fatal(err)
	}
	if _, err := sweep(); !errors.Is(err, nominationflow.ErrNothingReferenced) {
		t.Fatalf("a store referencing no file: %v", err)
	}
	out, err := sweep("--dry-run", "--force")
	if err != nil || !strings.Contains(out, "would remove "+orphan) {
		t.Fatalf("dry run: %v\n%s", err, out)
	}
	if _, err := os.Stat(orphan); err != nil {
		t.Fatalf("the dry run removed the file: %v", err)
	}
	out, err = sweep("--force")
	if err != nil || !strings.Contains(out, "removed "+orphan) {
		t.Fatalf("forced: %v\n%s", err, out)
	}
	if _, err := os.Stat(orphan); !os.IsNotExist(err) {
		t.Fatalf("the file is still there: %v", err)
	}
}
