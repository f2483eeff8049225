package importer

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"io"

	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// readCSV streams a CSV file to add, a record at a time: UTF-8 with or
// without a byte-order mark, or UTF-16 with one (what Excel's "Unicode
// text" writes), decoded; separated by commas, semicolons (Excel's CSV
// where the decimal mark is a comma) or tabs, whichever the header row
// has most of. Text that is not UTF-8 is refused by checkRecord, never
// passed on.
func readCSV(r io.Reader, add func(n int, rec []string) error) error {
	in := bufio.NewReaderSize(&capped{r: r, left: maxInflatedBytes}, 64<<10)
	var text io.Reader = in
	switch bom, _ := in.Peek(3); {
	case bytes.HasPrefix(bom, []byte("\xef\xbb\xbf")):
		_, _ = in.Discard(3)
	case bytes.HasPrefix(bom, []byte("\xff\xfe")) || bytes.HasPrefix(bom, []byte("\xfe\xff")):
		// The decoder reads the mark for the byte order and drops it.
		text = transform.NewReader(in, unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM).NewDecoder())
	}
	lines := bufio.NewReaderSize(text, 64<<10)
	cr := csv.NewReader(lines)
	cr.FieldsPerRecord = -1
	cr.Comma = separator(lines)
	for n := 1; ; n++ {
		rec, err := cr.Read()
		if err == io.EOF {
			return nil
		}
		if errors.Is(err, errCSVTooLarge) {
			return refuse("Tệp CSV lớn hơn %s MB; hãy chia thành nhiều tệp nhỏ hơn.", mb(maxInflatedBytes))
		}
		if err != nil {
			return fileProblem("Tệp CSV sai định dạng: %v", err)
		}
		if err := add(n, rec); err != nil {
			return err
		}
	}
}

// separator is the one of ',', ';' and '\t' that the first line holds
// most of; ',' when none.
func separator(r *bufio.Reader) rune {
	head, _ := r.Peek(r.Size())
	first, _, _ := bytes.Cut(head, []byte("\n"))
	best, most := ',', bytes.Count(first, []byte(","))
	for _, c := range []rune{';', '\t'} {
		if n := bytes.Count(first, []byte(string(c))); n > most {
			best, most = c, n
		}
	}
	return best
}

var errCSVTooLarge = errors.New("csv: larger than maxInflatedBytes")

// capped reads at most left bytes and then fails, where io.LimitReader
// would end the file early and a truncated file would import.
type capped struct {
	r    io.Reader
	left int64
}

func (c *capped) Read(p []byte) (int, error) {
	if c.left <= 0 {
		// One byte more tells a file of exactly the cap from a larger one.
		var one [1]byte
		if n, _ := io.ReadFull(c.r, one[:]); n == 0 {
			return 0, io.EOF
		}
		return 0, errCSVTooLarge
	}
	if int64(len(p)) > c.left {
		p = p[:c.left]
	}
	n, err := c.r.Read(p)
	c.left -= int64(n)
	return n, err
}
