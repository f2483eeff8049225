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
	"strconv"
	"strings"
	"time"
)

// ReportTTL is how long a report is kept for download: long enough to fix
// a file the same day, short enough that staff lists do not pile up.
const ReportTTL = 24 * time.Hour

// Reports keeps the reports GraphQL imports made, under the files
// directory every replica shares, for the link in the import's result.
// A report is named by a random id, the hash of the subject who made it
// (only that subject, a board officer, may download it) and the instant
// it was made, from the request's clock: its age is never read from the
// file system's clock.
type Reports struct{ Dir string }

var reportName = regexp.MustCompile(`^([0-9a-f]{32})-([0-9a-f]{16})-([0-9]{1,19})\.xlsx$`)

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
	name := hex.EncodeToString(id[:]) + "-" + ownerHash(sub) + "-" + strconv.FormatInt(now.Unix(), 10) + ".xlsx"
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
	if m == nil || m[2] != ownerHash(sub) || expired(m[3], now, ReportTTL) {
		return "", ErrNoReport
	}
	p := filepath.Join(s.dir(), name)
	if _, err := os.Stat(p); err != nil {
		return "", ErrNoReport
	}
	return p, nil
}

// expired reads a report name's instant (Unix seconds) against now.
func expired(made string, now time.Time, ttl time.Duration) bool {
	sec, err := strconv.ParseInt(made, 10, 64)
	return err != nil || now.Sub(time.Unix(sec, 0)) > ttl
}

func (s Reports) sweep(now time.Time) {
	_ = filepath.WalkDir(s.dir(), func(p string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return nil
		}
		m := reportName.FindStringSubmatch(e.Name())
		switch {
		case m != nil && expired(m[3], now, ReportTTL+time.Hour):
			_ = os.Remove(p)
		case m == nil && strings.HasPrefix(e.Name(), ".tmp-"):
			// A write cut short: no instant in its name, and no reader.
			if info, err := e.Info(); err == nil && time.Since(info.ModTime()) > time.Hour {
				_ = os.Remove(p)
			}
		}
		return nil
	})
}
