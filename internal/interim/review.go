package interim

import (
	"fmt"
	"io"
	"strconv"
)

// Review is which review a summary is read for: the interim review (sơ
// kết) while a phase runs, or the final review (tổng kết) at its end. The
// figures are the phase's either way (Kế hoạch 1821, mục V.1: "tổ chức sơ
// kết … năm 2025 và tổng kết … năm 2030"); the title, the file names and the
// kind of the units' reports the review rests on differ.
type Review string

// The reviews.
const (
	ReviewInterim Review = "INTERIM"
	ReviewFinal   Review = "FINAL"
)

// Title is the review's name in Vietnamese, as a report's title begins.
func (r Review) Title() string {
	if r == ReviewFinal {
		return "Tổng kết"
	}
	return "Sơ kết"
}

// Slug names the review's files: "so-ket", "tong-ket".
func (r Review) Slug() string {
	if r == ReviewFinal {
		return "tong-ket"
	}
	return "so-ket"
}

// MarshalGQL writes the code.
func (r Review) MarshalGQL(w io.Writer) {
	if r == "" {
		r = ReviewInterim
	}
	_, _ = io.WriteString(w, strconv.Quote(string(r)))
}

// UnmarshalGQL reads a code.
func (r *Review) UnmarshalGQL(v any) error {
	s, _ := v.(string)
	switch Review(s) {
	case ReviewInterim, ReviewFinal:
		*r = Review(s)
		return nil
	}
	return fmt.Errorf("%q is not a review (INTERIM, FINAL)", s)
}
