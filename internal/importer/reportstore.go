package importer

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"time"
)

// ReportTTL is how long a report is kept for download: long enough to fix
// a file the same day, short enough that staff lists do not pile up.
const ReportTTL = 24 * time.Hour

// Reports keeps the reports GraphQL imports made, under the files
// directory every replica shares, for the link in the import's result.
// A report is named by a random id and the hash of the subject who made
// it: only that subject (a board officer) may download it.
type Reports struct{ Dir string }

var reportName = regexp.MustCompile(`^([0-9a-f]{32})-([0-9a-f]{16})\.xlsx$`)

func (s Reports) dir() string { return filepath.Join(s.Dir, "import-reports") }

func ownerHash(sub string) string {
	h := sha256.Sum256([]byte("thidua import report\x00" + sub))
	return hex.EncodeToString(h[:8])
}

// Save writes a report for sub and returns its file name. Reports past
// their TTL are removed on the way.
func (s Reports) Save(sub string, data []byte, now time.Time) (string, error) {
	if err := os.MkdirAll(s.dir(), 0o750); err != nil {
		return "", err
	}
	s.sweep(now)
	var id [16]byte
	if _, err := rand.Read(id[:]); err != nil {
		return "", err
	}
	name := hex.EncodeToString(id[:]) + "-" + ownerHash(sub) + ".xlsx"
	tmp, err := os.CreateTemp(s.dir(), ".tmp-*")
	if err != nil {
		return "", err
	}
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		os.Remove(tmp.Name())
		return "", err
	}
	if err := tmp.Close(); err != nil {
		os.Remove(tmp.Name())
		return "", err
	}
	return name, os.Rename(tmp.Name(), filepath.Join(s.dir(), name))
}

// ErrNoReport: no such report for this subject, or it has expired.
var ErrNoReport = errors.New("importer: no such report")

// Open is the path of a report, when name is one of sub's and still kept.
func (s Reports) Open(sub, name string, now time.Time) (string, error) {
	m := reportName.FindStringSubmatch(name)
	if m == nil || m[2] != ownerHash(sub) {
		return "", ErrNoReport
	}
	p := filepath.Join(s.dir(), name)
	st, err := os.Stat(p)
	if err != nil || now.Sub(st.ModTime()) > ReportTTL {
		return "", ErrNoReport
	}
	return p, nil
}

func (s Reports) sweep(now time.Time) {
	_ = filepath.WalkDir(s.dir(), func(p string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return nil
		}
		if info, err := e.Info(); err == nil && now.Sub(info.ModTime()) > ReportTTL+time.Hour &&
			(reportName.MatchString(e.Name()) || strings.HasPrefix(e.Name(), ".tmp-")) {
			_ = os.Remove(p)
		}
		return nil
	})
}
