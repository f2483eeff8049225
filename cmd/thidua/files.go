package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"path/filepath"
	"time"

	"github.com/hcmc-thidua/thidua/ent"
	"github.com/hcmc-thidua/thidua/internal/nominationflow"
	"github.com/hcmc-thidua/thidua/internal/store"
)

// filesDirFlag adds --files-dir (THIDUA_FILES_DIR).
func filesDirFlag(fs *flag.FlagSet) *string {
	return fs.String("files-dir", env("THIDUA_FILES_DIR", "var/files"), "where dossier documents are stored (THIDUA_FILES_DIR)")
}

// filesCmd: `thidua files sweep [--dry-run] [--force]`.
func filesCmd(ctx context.Context, args []string, out io.Writer) error {
	if len(args) == 0 || args[0] != "sweep" {
		return errors.New("usage: thidua files sweep [--dry-run] [--force] [--db URL] [--files-dir DIR]")
	}
	fs := flag.NewFlagSet("files sweep", flag.ContinueOnError)
	db := dbFlag(fs)
	dir := filesDirFlag(fs)
	dry := fs.Bool("dry-run", false, "report what would be removed, remove nothing")
	force := fs.Bool("force", false, "remove even when the store references none of the stored files")
	if err := parseFlags(fs, args[1:]); err != nil {
		return err
	}
	// Not migrated: a sweep pointed at a wrong or new store must fail on
	// its missing tables rather than create them and find nothing referenced.
	st, err := store.Open(ctx, *db, store.Options{SkipMigrate: true})
	if err != nil {
		return err
	}
	defer st.Close()
	files := nominationflow.Files{Dir: *dir}
	res, err := files.Sweep(ctx, st.Client, nominationflow.SweepOptions{DryRun: *dry, Force: *force})
	verb := "removed"
	if *dry {
		verb = "would remove"
	}
	for _, sum := range res.Orphans {
		fmt.Fprintf(out, "%s %s\n", verb, files.Path(sum))
	}
	for _, name := range res.Temps {
		fmt.Fprintf(out, "%s %s\n", verb, filepath.Join(*dir, name))
	}
	fmt.Fprintf(out, "%s: %d stored file(s), %d referenced, %d unreferenced but younger than %s (kept), %d other file(s) left alone\n",
		*dir, res.Stored, res.Referenced, res.Young, nominationflow.SweepGrace, res.Others)
	fmt.Fprintf(out, "%s %d unreferenced file(s) and %d stray temporary file(s), %d bytes\n", verb, len(res.Orphans), len(res.Temps), res.Bytes)
	return err
}

// sweepFilesDaily runs the sweep inside `serve`, an hour after the start
// and then every day; replicas sharing the directory may all run it.
func sweepFilesDaily(ctx context.Context, client *ent.Client, files nominationflow.Files) {
	wait := time.Hour
	for {
		select {
		case <-ctx.Done():
			return
		case <-time.After(wait):
		}
		wait = 24 * time.Hour
		res, err := files.Sweep(ctx, client, nominationflow.SweepOptions{})
		if err != nil {
			slog.Error("files sweep", "dir", files.Dir, "err", err)
			continue
		}
		slog.Info("files sweep", "dir", files.Dir, "stored", res.Stored, "referenced", res.Referenced, "young", res.Young,
			"removed", len(res.Orphans), "temps_removed", len(res.Temps), "bytes_removed", res.Bytes)
	}
}
