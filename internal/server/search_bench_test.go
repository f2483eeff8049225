package server_test

import (
	"context"
	"database/sql"
	"slices"
	"strings"
	"testing"

	"github.com/hcmc-thidua/thidua/internal/access"
	"github.com/hcmc-thidua/thidua/internal/domain"
	"github.com/hcmc-thidua/thidua/internal/search"
	"github.com/hcmc-thidua/thidua/internal/store/storetest"
)

const benchSearch = "so hoa ho so"

// BenchmarkSearchIdeas: a page of 50 ideas found by searchIdeas over HTTP,
// as an analyst (every idea readable), on the demo store.
func BenchmarkSearchIdeas(b *testing.B) {
	for _, d := range storetest.Dialects {
		b.Run(d, func(b *testing.B) {
			e := sharedEnv(b, d)
			tok := e.token(b, "analyst", "HCM", access.Analyst)
			vars := map[string]any{"q": benchSearch, "first": 50}
			want := len(scanIdeas(b, loadIdeaTexts(b, e), benchSearch))
			var got struct{ SearchIdeas searchPage }
			e.do(b, tok, searchIdeasQuery, vars).decode(b, &got)
			if got.SearchIdeas.TotalCount != want || want == 0 {
				b.Fatalf("searchIdeas found %d, the scan %d", got.SearchIdeas.TotalCount, want)
			}
			b.ResetTimer()
			for b.Loop() {
				e.do(b, tok, searchIdeasQuery, vars)
			}
		})
	}
}

// BenchmarkSearchIdeasBaseline: the same search as a plain scan in Go,
// every idea's title, summary and field folded on each search, the texts
// already in memory: what the folded column saves.
func BenchmarkSearchIdeasBaseline(b *testing.B) {
	for _, d := range storetest.Dialects {
		b.Run(d, func(b *testing.B) {
			rows := loadIdeaTexts(b, sharedEnv(b, d))
			b.ResetTimer()
			for b.Loop() {
				scanIdeas(b, rows, benchSearch)
			}
			b.ReportMetric(float64(len(rows)), "ideas")
		})
	}
}

type ideaText struct {
	id                    int
	title, summary, field string
}

func loadIdeaTexts(b testing.TB, e *env) []ideaText {
	rs, err := e.store.DB.QueryContext(context.Background(), `SELECT id, title, summary, field FROM ideas`)
	if err != nil {
		b.Fatal(err)
	}
	defer rs.Close()
	var out []ideaText
	for rs.Next() {
		var r ideaText
		var summary sql.NullString
		if err := rs.Scan(&r.id, &r.title, &summary, &r.field); err != nil {
			b.Fatal(err)
		}
		r.summary = summary.String
		out = append(out, r)
	}
	return out
}

// scanIdeas ranks as searchIdeas does, roughly: title matches first, then by id.
func scanIdeas(b testing.TB, rows []ideaText, query string) []int {
	words := search.Words(search.Fold(query))
	type hit struct{ id, rank int }
	var hits []hit
	for _, r := range rows {
		title := search.Fold(r.title)
		all := search.IdeaText(r.title, r.summary, domain.IdeaField(r.field))
		rank, ok := 0, true
		for _, w := range words {
			if !strings.Contains(all, w) {
				ok = false
				break
			}
			if !strings.Contains(title, w) {
				rank++
			}
		}
		if ok {
			hits = append(hits, hit{r.id, rank})
		}
	}
	slices.SortFunc(hits, func(x, y hit) int {
		if x.rank != y.rank {
			return x.rank - y.rank
		}
		return x.id - y.id
	})
	ids := make([]int, len(hits))
	for i, h := range hits {
		ids[i] = h.id
	}
	return ids
}
