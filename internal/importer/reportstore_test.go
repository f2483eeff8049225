package importer

import (
	"errors"
	"testing"
	"time"
)

// TestReportsKeepByInstant: a report is its maker's alone and lives
// ReportTTL from the instant the request's clock gave when it was made,
// whatever the file system's clock says.
func TestReportsKeepByInstant(t *testing.T) {
	s := Reports{Dir: t.TempDir()}
	made := time.Date(2025, 3, 1, 8, 0, 0, 0, time.UTC)
	name, err := s.Save("board-1", []byte("report"), made)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Open("board-1", name, made.Add(ReportTTL-time.Minute)); err != nil {
		t.Errorf("within its day: %v", err)
	}
	for who, at := range map[string]time.Time{"board-1": made.Add(ReportTTL + time.Minute), "board-2": made} {
		if _, err := s.Open(who, name, at); !errors.Is(err, ErrNoReport) {
			t.Errorf("%s at %v: %v", who, at, err)
		}
	}
	later, err := s.Save("board-1", []byte("next"), made.Add(ReportTTL+2*time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Open("board-1", name, made); !errors.Is(err, ErrNoReport) {
		t.Errorf("an old report outlived the sweep: %v", err)
	}
	if _, err := s.Open("board-1", later, made.Add(ReportTTL+2*time.Hour)); err != nil {
		t.Errorf("the new report: %v", err)
	}
}
