package importer

import (
	"strconv"

	"github.com/hcmc-thidua/thidua/internal/problem"
)

// The caps on a file, each checked before the reading it guards: a small
// file must not cost the server more than an honest file of its rows
// (issue 14: 15 KB of cells at column XFD took a gigabyte, a 1 MB zip
// bomb a thousand MiB of temporary files). docs/import.md lists them.
const (
	// maxRows: the largest list a unit keeps, the city's staff, is about
	// 300,000 rows; the rest is room for people with several periods.
	maxRows = 500_000
	// maxColumns: the widest template has 26 columns; the rest is room
	// for a unit's own notes beside them, which are not read.
	maxColumns = 64
	// maxCellChars is Excel's own limit on a cell, so an honest workbook
	// never exceeds it; the longest column read (a summary) is 20,000.
	maxCellChars = 32_767
	// maxFileBytes bounds an XLSX as sent, which is read whole (the zip's
	// directory is at its end); the 300,000-row staff list is 16 MB.
	maxFileBytes = 64 << 20
	// maxInflatedBytes bounds an XLSX's parts once inflated, and a CSV:
	// the 300,000-row staff list inflates to 184 MiB (Excel's own files,
	// with shared strings, to about half as much).
	maxInflatedBytes = 256 << 20
	// maxInflateRatio: spreadsheet XML deflates about 10 to 1; a zip bomb
	// about 1,000 to 1. Apache POI refuses above 100 to 1 as well.
	maxInflateRatio = 100
	// ratioGrace: parts smaller than this inflated cannot hurt, whatever
	// their ratio (a sheet of a few styled rows compresses very well).
	ratioGrace = 1 << 20
	// maxParts: a workbook has a dozen parts, a few hundred with images.
	maxParts = 1000
	// maxTokenBytes bounds the longest stretch of a part's XML that the
	// XML decoder hands over as one token (a cell's text, a tag, a
	// comment), since it allocates the token whole: a cell's 32,767
	// characters take at most a few hundred KB even escaped.
	maxTokenBytes = 1 << 20
)

// refuse is a file over a cap. It is an error rather than a problem in
// the result: the file is not a table to report on row by row.
func refuse(format string, args ...any) error {
	return problem.New(problem.Validation, format, args...)
}

// viNumber writes n as Vietnamese does, with dots between thousands.
func viNumber[T ~int | ~int64 | ~uint64](n T) string {
	s := strconv.FormatInt(int64(n), 10)
	out := make([]byte, 0, len(s)+len(s)/3)
	for i := range len(s) {
		if i > 0 && (len(s)-i)%3 == 0 && s[i-1] != '-' {
			out = append(out, '.')
		}
		out = append(out, s[i])
	}
	return string(out)
}

// mb is a size in whole MB, rounded down: messages say "more than".
func mb[T ~int | ~int64 | ~uint64](n T) string { return viNumber(int64(n) >> 20) }
