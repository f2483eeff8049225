package nominationflow

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/hcmc-thidua/thidua/ent"
	"github.com/hcmc-thidua/thidua/ent/dossierdocument"
	"github.com/hcmc-thidua/thidua/ent/privacy"
)

// SweepGrace is how old a file must be before the sweep may remove it. An
// upload's file is on disk before its record commits; no request lives
// this long (the server's request and write timeouts are a minute), so a
// file this old that no record references never will be.
const SweepGrace = time.Hour

// SweepOptions tunes a sweep; the zero value removes with SweepGrace.
type SweepOptions struct {
	DryRun bool
	// Force removes even when the store references none of the stored
	// files: that is what a sweep against the wrong store would see.
	Force bool
	Grace time.Duration // 0 means SweepGrace
	Now   time.Time     // zero means time.Now()
}

// SweepResult says what a sweep found and what it removed (or, dry, would).
type SweepResult struct {
	Stored     int      // content-addressed files found
	Referenced int      // of those, referenced by a document
	Young      int      // unreferenced but within the grace period: kept
	Orphans    []string // unreferenced and old: the SHA-256 of each removed
	Temps      []string // stray temporary files removed, by name
	Bytes      int64    // bytes removed
	Others     int      // files the sweep does not know, left alone
}

// ErrNothingReferenced refuses a sweep that would empty the store of files.
var ErrNothingReferenced = errors.New("the store references none of the stored files")

type onDisk struct {
	path    string
	size    int64
	modTime time.Time
}

// Sweep removes the stored files no dossier document references and the
// stray temporary files of uploads that never finished, when older than
// the grace period. Uploads may run meanwhile, in this process or another:
// a file is first moved aside, then removed only if what was moved is old,
// so a file an upload has just (re)written is put back.
func (f Files) Sweep(ctx context.Context, client *ent.Client, opt SweepOptions) (SweepResult, error) {
	if opt.Grace <= 0 {
		opt.Grace = SweepGrace
	}
	if opt.Now.IsZero() {
		opt.Now = time.Now()
	}
	cutoff := opt.Now.Add(-opt.Grace)
	var res SweepResult
	stored, temps, err := f.list(&res)
	if err != nil {
		return res, err
	}
	// Listed first, then the references: a record committed after the
	// listing is of an upload whose file is young, which the grace keeps.
	sums, err := client.DossierDocument.Query().Where(dossierdocument.Sha256NEQ("")).Unique(true).
		Select(dossierdocument.FieldSha256).Strings(privacy.DecisionContext(ctx, privacy.Allow))
	if err != nil {
		return res, err
	}
	referenced := make(map[string]bool, len(sums))
	for _, s := range sums {
		referenced[s] = true
	}
	var orphans []string
	for sum, d := range stored {
		switch {
		case referenced[sum]:
			res.Referenced++
		case d.modTime.After(cutoff):
			res.Young++
		default:
			orphans = append(orphans, sum)
		}
	}
	if len(orphans) > 0 && res.Referenced == 0 && !opt.Force {
		return res, fmt.Errorf("%w (%d of them would be removed): is this the store of %s?", ErrNothingReferenced, len(orphans), f.Dir)
	}
	for _, sum := range orphans {
		removed, err := f.remove(stored[sum], cutoff, opt.DryRun)
		if err != nil {
			return res, err
		}
		if removed {
			res.Orphans = append(res.Orphans, sum)
			res.Bytes += stored[sum].size
		}
	}
	for name, d := range temps {
		if d.modTime.After(cutoff) {
			continue
		}
		if !opt.DryRun {
			if err := os.Remove(d.path); err != nil && !errors.Is(err, fs.ErrNotExist) {
				return res, err
			}
		}
		res.Temps = append(res.Temps, name)
		res.Bytes += d.size
	}
	return res, nil
}

// list finds the content-addressed files (ab/abcd…) and the temporary ones
// (upload-…) in the directory; anything else is counted and left alone.
func (f Files) list(res *SweepResult) (stored, temps map[string]onDisk, err error) {
	stored, temps = map[string]onDisk{}, map[string]onDisk{}
	err = filepath.WalkDir(f.Dir, func(path string, e fs.DirEntry, err error) error {
		if errors.Is(err, fs.ErrNotExist) && path == f.Dir {
			return filepath.SkipDir // nothing uploaded yet
		}
		if err != nil || e.IsDir() {
			return err
		}
		info, err := e.Info()
		if errors.Is(err, fs.ErrNotExist) {
			return nil // removed since the directory was read
		}
		if err != nil {
			return err
		}
		d := onDisk{path: path, size: info.Size(), modTime: info.ModTime()}
		name, dir := e.Name(), filepath.Dir(path)
		switch {
		case dir == filepath.Clean(f.Dir) && strings.HasPrefix(name, tempPrefix) && info.Mode().IsRegular():
			temps[name] = d
		case isSum(name) && filepath.Base(dir) == name[:2] && filepath.Dir(dir) == filepath.Clean(f.Dir) && info.Mode().IsRegular():
			stored[name] = d
		default:
			res.Others++
		}
		return nil
	})
	res.Stored = len(stored)
	return stored, temps, err
}

// remove takes an orphan away: moved aside under a temporary name first,
// and removed only if the file moved is still old. An upload of the same
// content between the listing and now has put a new file there (store
// always moves its file in), which goes back.
func (f Files) remove(d onDisk, cutoff time.Time, dry bool) (bool, error) {
	if dry {
		return true, nil
	}
	b := make([]byte, 8)
	_, _ = rand.Read(b)
	aside := filepath.Join(f.Dir, tempPrefix+"swept-"+hex.EncodeToString(b))
	if err := os.Rename(d.path, aside); errors.Is(err, fs.ErrNotExist) {
		return false, nil // another sweep took it
	} else if err != nil {
		return false, err
	}
	info, err := os.Stat(aside)
	if err != nil {
		return false, err
	}
	if info.ModTime().After(cutoff) {
		// Linked back, not renamed: a newer upload may have recreated it.
		if err := os.Link(aside, d.path); err != nil && !errors.Is(err, fs.ErrExist) {
			return false, err
		}
		return false, os.Remove(aside)
	}
	return true, os.Remove(aside)
}

func isSum(name string) bool {
	if len(name) != 64 {
		return false
	}
	_, err := hex.DecodeString(name)
	return err == nil && strings.ToLower(name) == name
}
