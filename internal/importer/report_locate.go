package importer

import (
	"context"
	"slices"
	"strings"
)

// locate completes each problem's place for the report: the sheet, the
// column's letter from the header it names (which the checks know by the
// template's name, whatever synonym the file used) and the cell as typed.
func (t *table) locate(kind Kind, ps []Problem) {
	keyOf := map[string]string{}
	for _, c := range Columns[kind] {
		keyOf[c.Header] = c.Key
	}
	headerOf := map[int]string{}
	for key, i := range t.columns {
		headerOf[i] = header(kind, key)
	}
	for i := range ps {
		p := &ps[i]
		if p.Row > 0 {
			p.Sheet = t.sheet
		}
		if p.Col == 0 && p.Column != "" {
			if j, ok := t.columns[keyOf[p.Column]]; ok {
				p.Col = j + 1
			}
		}
		if p.Col > 0 && p.Column == "" {
			if h, ok := headerOf[p.Col-1]; ok {
				p.Column = h
			} else if p.Col-1 < len(t.headers) {
				p.Column = strings.TrimSpace(t.headers[p.Col-1])
			}
		}
		if p.Value == "" && p.Col > 0 && p.Row > t.headerRow {
			p.Value = t.cellAt(p.Row, p.Col-1)
		}
	}
}

// sortProblems orders problems as an officer goes through the file: the
// file's own first, then by row and column; a row's problems keep the
// order the checks found them in.
func sortProblems(ps []Problem) {
	slices.SortStableFunc(ps, func(a, b Problem) int {
		if a.Row != b.Row {
			return a.Row - b.Row
		}
		return a.Col - b.Col
	})
}

type optionsKey struct{}

func withOptions(ctx context.Context, o Options) context.Context {
	return context.WithValue(ctx, optionsKey{}, o)
}

func optionsFrom(ctx context.Context) Options {
	o, _ := ctx.Value(optionsKey{}).(Options)
	return o
}
