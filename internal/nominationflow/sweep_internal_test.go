package nominationflow

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

// TestRemovePutsBackARewrittenFile: between the sweep's listing (the file
// old) and its removal, an upload of the same content moved a new file in;
// the sweep takes the new one aside, sees it young and puts it back.
func TestRemovePutsBackARewrittenFile(t *testing.T) {
	f := Files{Dir: t.TempDir()}
	sum := "abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789"
	path := f.Path(sum)
	if err := os.MkdirAll(filepath.Dir(path), 0o750); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte("%PDF-"), 0o600); err != nil {
		t.Fatal(err)
	}
	listed := onDisk{path: path, size: 5, modTime: time.Now().Add(-3 * time.Hour)}
	removed, err := f.remove(listed, time.Now().Add(-time.Hour), false)
	if err != nil || removed {
		t.Fatalf("removed %v, %v", removed, err)
	}
	if b, err := os.ReadFile(path); err != nil || string(b) != "%PDF-" {
		t.Fatalf("not put back: %q %v", b, err)
	}
	if left, _ := filepath.Glob(filepath.Join(f.Dir, tempPrefix+"*")); len(left) != 0 {
		t.Errorf("left aside: %v", left)
	}
	removed, err = f.remove(listed, time.Now().Add(time.Minute), false)
	if err != nil || !removed {
		t.Fatalf("an old file: removed %v, %v", removed, err)
	}
	if _, err := os.Stat(path); !os.IsNotExist(err) {
		t.Errorf("still there: %v", err)
	}
}
