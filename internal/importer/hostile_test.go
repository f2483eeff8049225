package importer

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"hash/crc32"
	"testing"

	"github.com/xuri/excelize/v2"
)

// The files of issue 14 that took the importer's memory or disk: built
// here so that the tests and the benchmarks attack with the same bytes.

// farColumnWorkbook is the people template's header, then rows each
// holding one cell in column col. At col "XFD", Excel's last, it is about
// 15 KB for 4,000 rows; read as dense rows it is 16,384 strings a row.
func farColumnWorkbook(tb testing.TB, rows int, col string) []byte {
	tb.Helper()
	f := excelize.NewFile()
	defer f.Close()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		tb.Fatal(err)
	}
	head := make([]any, len(Columns[People]))
	for i, c := range Columns[People] {
		head[i] = c.Header
	}
	if err := sw.SetRow("A1", head); err != nil {
		tb.Fatal(err)
	}
	for i := range rows {
		cell, _ := excelize.JoinCellName(col, i+2)
		if err := sw.SetRow(cell, []any{"x"}); err != nil {
			tb.Fatal(err)
		}
	}
	if err := sw.Flush(); err != nil {
		tb.Fatal(err)
	}
	var out bytes.Buffer
	if err := f.Write(&out); err != nil {
		tb.Fatal(err)
	}
	return out.Bytes()
}

// zipBomb is the people template with its data sheet replaced by one that
// inflates to mib MiB (blanks between the sheet's tags) from about a KB
// per MiB: one deflated MiB of blanks repeated, which a deflate stream
// allows because each copy refers only to itself.
func zipBomb(tb testing.TB, mib int) []byte {
	tb.Helper()
	return withSheet(tb, func(zw *zip.Writer) {
		head := []byte(sheetHead)
		tail := []byte(sheetTail)
		blanks := bytes.Repeat([]byte(" "), 1<<20)
		body := deflated(tb, blanks, false)
		var stream bytes.Buffer
		stream.Write(deflated(tb, head, false))
		crc := crc32.ChecksumIEEE(head)
		for range mib {
			stream.Write(body)
			crc = crc32.Update(crc, crc32.IEEETable, blanks)
		}
		stream.Write(deflated(tb, tail, true))
		crc = crc32.Update(crc, crc32.IEEETable, tail)
		w, err := zw.CreateRaw(&zip.FileHeader{Name: sheetPartName, Method: zip.Deflate, CRC32: crc,
			CompressedSize64: uint64(stream.Len()), UncompressedSize64: uint64(len(head)+len(tail)) + uint64(mib)<<20})
		if err != nil {
			tb.Fatal(err)
		}
		if _, err := w.Write(stream.Bytes()); err != nil {
			tb.Fatal(err)
		}
	})
}

const (
	sheetPartName = "xl/worksheets/sheet1.xml"
	sheetHead     = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` +
		`<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`
	sheetTail = `</sheetData></worksheet>`
)

// sheetWorkbook is the people template with its data sheet's rows
// replaced by the XML given, deflated as usual.
func sheetWorkbook(tb testing.TB, rows string) []byte {
	tb.Helper()
	return withSheet(tb, func(zw *zip.Writer) {
		w, err := zw.Create(sheetPartName)
		if err != nil {
			tb.Fatal(err)
		}
		if _, err := w.Write([]byte(sheetHead + rows + sheetTail)); err != nil {
			tb.Fatal(err)
		}
	})
}

// withSheet is the people template with every part but its data sheet,
// which write adds.
func withSheet(tb testing.TB, write func(zw *zip.Writer)) []byte {
	tb.Helper()
	var tmpl bytes.Buffer
	if err := Template(&tmpl, People, "xlsx"); err != nil {
		tb.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(tmpl.Bytes()), int64(tmpl.Len()))
	if err != nil {
		tb.Fatal(err)
	}
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, f := range zr.File {
		if f.Name == sheetPartName {
			continue
		}
		if err := zw.Copy(f); err != nil {
			tb.Fatal(err)
		}
	}
	write(zw)
	if err := zw.Close(); err != nil {
		tb.Fatal(err)
	}
	return out.Bytes()
}

// deflated is data as a deflate stream of its own: ended by a sync flush,
// byte-aligned and not final, so that streams can follow it; or final.
func deflated(tb testing.TB, data []byte, final bool) []byte {
	var b bytes.Buffer
	w, err := flate.NewWriter(&b, flate.BestCompression)
	if err != nil {
		tb.Fatal(err)
	}
	if _, err := w.Write(data); err != nil {
		tb.Fatal(err)
	}
	if final {
		err = w.Close()
	} else {
		err = w.Flush()
	}
	if err != nil {
		tb.Fatal(err)
	}
	return b.Bytes()
}
