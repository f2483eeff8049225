package graph

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"entgo.io/ent/dialect"
	"entgo.io/ent/dialect/sql"
	"github.com/99designs/gqlgen/graphql"

	"github.com/hcmc-thidua/thidua/ent"
	"github.com/hcmc-thidua/thidua/ent/idea"
	"github.com/hcmc-thidua/thidua/ent/person"
	"github.com/hcmc-thidua/thidua/ent/unit"
	"github.com/hcmc-thidua/thidua/internal/domain"
	"github.com/hcmc-thidua/thidua/internal/problem"
	"github.com/hcmc-thidua/thidua/internal/search"
)

// A query is matched word by word with LIKE over search_text: bounded so
// that one request is a bounded number of scans' worth of patterns.
const (
	maxSearchRunes = 200
	maxSearchWords = 10
	// similarWords bounds the words of a draft compared: a long summary
	// would otherwise make one LIKE per word.
	similarWords = 20
)

const rankColumn = "search_rank"

// searchQuery is a query folded: its words, and its phrase (the words
// joined) for the whole-phrase ranks.
type searchQuery struct {
	phrase string
	words  []string
}

func parseSearch(q, arg string) (searchQuery, error) {
	if utf8.RuneCountInString(q) > maxSearchRunes {
		return searchQuery{}, problem.New(problem.Validation, "Nội dung tìm kiếm dài quá %d ký tự.", maxSearchRunes).At(arg)
	}
	words := search.Words(search.Fold(q))
	if len(words) == 0 {
		return searchQuery{}, problem.New(problem.Validation, "Chưa nhập nội dung tìm kiếm.").At(arg)
	}
	if len(words) > maxSearchWords {
		return searchQuery{}, problem.New(problem.Validation, "Nội dung tìm kiếm có quá %d từ.", maxSearchWords).At(arg)
	}
	return searchQuery{phrase: strings.Join(words, " "), words: dedupe(words)}, nil
}

func dedupe(words []string) []string {
	seen := map[string]bool{}
	out := words[:0:0]
	for _, w := range words {
		if !seen[w] {
			seen[w] = true
			out = append(out, w)
		}
	}
	return out
}

// likeEscape makes a folded word a literal inside a LIKE pattern.
var likeEscape = strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace

func likeP(b *sql.Builder, col, pattern string) {
	b.WriteString(col).WriteString(" LIKE ").Arg(pattern).WriteString(` ESCAPE '\'`)
}

// matchAll: every word of the query occurs in search_text.
func (q searchQuery) matchAll(s *sql.Selector) {
	col := s.C("search_text")
	for _, w := range q.words {
		s.Where(sql.P(func(b *sql.Builder) { likeP(b, col, "%"+likeEscape(w)+"%") }))
	}
	if m, ok := ftsMatch(q.words, " AND "); ok {
		ftsNarrow(s, m)
	}
}

// matchAny: some word occurs in search_text.
func (q searchQuery) matchAny(s *sql.Selector) {
	col := s.C("search_text")
	ps := make([]*sql.Predicate, len(q.words))
	for i, w := range q.words {
		ps[i] = sql.P(func(b *sql.Builder) { likeP(b, col, "%"+likeEscape(w)+"%") })
	}
	s.Where(sql.Or(ps...))
	// Any word may be the one that matches: the index can narrow only when
	// it can answer for each of them.
	if m, ok := ftsMatch(q.words, " OR "); ok && len(indexable(q.words)) == len(q.words) {
		ftsNarrow(s, m)
	}
}

// ftsMinRunes: the trigram index knows a word only by its trigrams, so a
// shorter one is left to the LIKEs alone.
const ftsMinRunes = 3

func indexable(words []string) []string {
	var out []string
	for _, w := range words {
		if utf8.RuneCountInString(w) >= ftsMinRunes {
			out = append(out, w)
		}
	}
	return out
}

// ftsMatch is an FTS5 query of the indexable words as phrases (with the
// trigram tokenizer, a phrase is a substring), joined by op.
func ftsMatch(words []string, op string) (string, bool) {
	ws := indexable(words)
	if len(ws) == 0 {
		return "", false
	}
	ps := make([]string, len(ws))
	for i, w := range ws {
		ps[i] = `"` + strings.ReplaceAll(w, `"`, `""`) + `"`
	}
	return strings.Join(ps, op), true
}

// ftsNarrow keeps, on SQLite, the rows the table's FTS5 index (migration
// search_index) finds for m. It narrows and never decides: the LIKEs
// beside it still say what matches, so results are the same with it or
// without it. PostgreSQL's trigram indexes serve the LIKEs themselves.
func ftsNarrow(s *sql.Selector, m string) {
	if s.Dialect() != dialect.SQLite {
		return
	}
	fts := s.Quote(s.TableName() + "_search")
	id := s.C("id")
	s.Where(sql.P(func(b *sql.Builder) {
		b.WriteString(id + " IN (SELECT rowid FROM " + fts + " WHERE " + fts + " MATCH ").Arg(m).WriteString(")")
	}))
}

// position is the dialect's 1-based substring position, 0 when absent.
func position(b *sql.Builder, col, sub string) {
	fn := "instr"
	if b.Dialect() == dialect.Postgres {
		fn = "strpos"
	}
	b.WriteString(fn + "(" + col + " || ' | ', ").Arg(sub).WriteString(")")
}

// inIdeaTitle: sub occurs in the title, search_text's first segment
// (search.IdeaText); the first occurrence is the one that counts, and a
// word in the title occurs there first.
func inIdeaTitle(b *sql.Builder, col, sub string) {
	b.WriteString("(")
	position(b, col, sub)
	b.WriteString(" BETWEEN 1 AND ")
	position(b, col, " | ")
	b.WriteString(")")
}

// ideaRank: 0 for a title starting with the phrase, 100 for a title
// containing it, 200 for the phrase elsewhere, 300 for the words apart;
// plus one for each word not in the title. Lower is better.
func (q searchQuery) ideaRank(col string) sql.Querier {
	return sql.ExprFunc(func(b *sql.Builder) {
		b.WriteString("(CASE WHEN ")
		likeP(b, col, likeEscape(q.phrase)+"%")
		b.WriteString(" THEN 0 WHEN ")
		inIdeaTitle(b, col, q.phrase)
		b.WriteString(" THEN 100 WHEN ")
		likeP(b, col, "%"+likeEscape(q.phrase)+"%")
		b.WriteString(" THEN 200 ELSE 300 END")
		for _, w := range q.words {
			b.WriteString(" + CASE WHEN ")
			inIdeaTitle(b, col, w)
			b.WriteString(" THEN 0 ELSE 1 END")
		}
		b.WriteString(")")
	})
}

// nameRank ranks units and people as ideaRank does their titles; their
// search_text is "code | name", so the name follows the only separator.
func (q searchQuery) nameRank(col string) sql.Querier {
	return sql.ExprFunc(func(b *sql.Builder) {
		p := likeEscape(q.phrase)
		b.WriteString("(CASE WHEN ")
		likeP(b, col, "% | "+p+"%")
		b.WriteString(" OR ")
		likeP(b, col, p+"%")
		b.WriteString(" THEN 0 WHEN ")
		likeP(b, col, "% | %"+p+"%")
		b.WriteString(" THEN 100 WHEN ")
		likeP(b, col, "%"+p+"%")
		b.WriteString(" THEN 200 ELSE 300 END")
		for _, w := range q.words {
			b.WriteString(" + CASE WHEN ")
			likeP(b, col, "% | %"+likeEscape(w)+"%")
			b.WriteString(" THEN 0 ELSE 1 END")
		}
		b.WriteString(")")
	})
}

// similarRank: minus the number of the draft's words an idea contains,
// so that sharing more is better (lower).
func (q searchQuery) similarRank(col string) sql.Querier {
	return sql.ExprFunc(func(b *sql.Builder) {
		b.WriteString("(0")
		for _, w := range q.words {
			b.WriteString(" - CASE WHEN ")
			likeP(b, col, "%"+likeEscape(w)+"%")
			b.WriteString(" THEN 1 ELSE 0 END")
		}
		b.WriteString(")")
	})
}

// ranked selects the rank and orders by it, then by id; after a cursor,
// it keeps the rows past the cursor's row in that order. The cursor holds
// the id alone (a value would be refused as another ordering's, see
// cursorFault); its row's rank is read again, under the same query.
func ranked(rank func(col string) sql.Querier, after *rankAfter) func(*sql.Selector) {
	return func(s *sql.Selector) {
		r := rank(s.C("search_text"))
		s.AppendSelectExprAs(r, rankColumn)
		if after != nil {
			id := s.C("id")
			s.Where(sql.P(func(b *sql.Builder) {
				b.WriteString("(").Join(r).WriteString(" > ").Arg(after.rank).
					WriteString(" OR (").Join(r).WriteString(" = ").Arg(after.rank).
					WriteString(" AND " + id + " > ").Arg(after.id).WriteString("))")
			}))
		}
		s.OrderExpr(sql.Expr(rankColumn), sql.Expr(s.C("id")))
	}
}

type rankAfter struct{ id, rank int }

var errSearchCursor = problem.New(problem.Validation, "Con trỏ (cursor) không thuộc kết quả tìm kiếm này.").At("after")

func rankOf(v ent.Value, err error) (int, error) {
	if err != nil {
		return 0, err
	}
	switch x := v.(type) {
	case int64:
		return int(x), nil
	case int32:
		return int(x), nil
	case int:
		return x, nil
	case float64:
		return int(x), nil
	case []byte:
		return strconv.Atoi(string(x))
	case string:
		return strconv.Atoi(x)
	}
	return 0, fmt.Errorf("search rank of type %T", v)
}

func pageSize(first *int) (int, error) {
	if first == nil {
		return DefaultPageSize, nil
	}
	if *first < 0 || *first > MaxPageSize {
		return 0, problem.New(problem.Validation, "Số bản ghi mỗi trang phải từ 0 đến %d.", MaxPageSize).At("first")
	}
	return *first, nil
}

func pageInfo(n int, more bool, after *ent.Cursor, cursor func(i int) ent.Cursor) ent.PageInfo {
	pi := ent.PageInfo{HasNextPage: more, HasPreviousPage: after != nil}
	if n > 0 {
		start, end := cursor(0), cursor(n-1)
		pi.StartCursor, pi.EndCursor = &start, &end
	}
	return pi
}

func (r *queryResolver) searchIdeas(ctx context.Context, query string, first *int, after *ent.Cursor, unitID *int, status []domain.IdeaStatus) (*ent.IdeaConnection, error) {
	sq, err := parseSearch(query, "query")
	if err != nil {
		return nil, err
	}
	n, err := pageSize(first)
	if err != nil {
		return nil, err
	}
	q := r.clientFor(ctx).Idea.Query().Where(sq.matchAll)
	if unitID != nil {
		q.Where(idea.UnitID(*unitID))
	}
	if len(status) > 0 {
		q.Where(idea.StatusIn(status...))
	}
	return rankedIdeas(ctx, q, sq.ideaRank, n, after)
}

func (r *queryResolver) similarIdeas(ctx context.Context, title string, summary *string, first *int) (*ent.IdeaConnection, error) {
	text := title
	if summary != nil {
		text += " " + *summary
	}
	var words []string
	for _, w := range dedupe(search.Words(search.Fold(text))) {
		if !stopWords[w] && utf8.RuneCountInString(w) > 1 && len(words) < similarWords {
			words = append(words, w)
		}
	}
	if len(words) == 0 {
		return nil, problem.New(problem.Validation, "Tên ý tưởng chưa có từ nào để so sánh.").At("title")
	}
	n, err := pageSize(first)
	if err != nil {
		return nil, err
	}
	sq := searchQuery{phrase: strings.Join(words, " "), words: words}
	return rankedIdeas(ctx, r.clientFor(ctx).Idea.Query().Where(sq.matchAny), sq.similarRank, n, nil)
}

// stopWords are Vietnamese function words, folded: shared by most
// drafts, they say nothing about being alike.
var stopWords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields("và của các cho trong được những một là có với theo tại để từ đến về trên người việc này đã sẽ") {
		m[search.Fold(w)] = true
	}
	return m
}()

// searchRows are what rankedPage needs of one kind's search query.
type searchRows[T any] struct {
	count     func(context.Context) (int, error)
	rankOfRow func(ctx context.Context, id int, m func(*sql.Selector)) (ent.Value, error)
	rows      func(ctx context.Context, limit int, m func(*sql.Selector)) ([]T, error)
}

// rankedPage reads one page of a ranked search, whatever the kind: the
// matches' count, then the rows after the cursor's row in rank order (its
// rank read again under the same query), and whether more follow.
func rankedPage[T any](ctx context.Context, q searchRows[T], rank func(string) sql.Querier, n int, after *ent.Cursor) (rows []T, total int, more bool, err error) {
	if total, err = q.count(ctx); err != nil {
		return nil, 0, false, err
	}
	var ra *rankAfter
	if after != nil {
		v, err := q.rankOfRow(ctx, after.ID, ranked(rank, nil))
		if ent.IsNotFound(err) {
			return nil, 0, false, errSearchCursor
		}
		rk, err := rankOf(v, err)
		if err != nil {
			return nil, 0, false, err
		}
		ra = &rankAfter{id: after.ID, rank: rk}
	}
	if rows, err = q.rows(ctx, n+1, ranked(rank, ra)); err != nil {
		return nil, 0, false, err
	}
	if more = len(rows) > n; more {
		rows = rows[:n]
	}
	return rows, total, more, nil
}

// nodeContext is ctx as ent's CollectFields needs it to read the selections
// of a connection's nodes: CollectFields reads below the current field,
// which for a search is the connection, two levels above its nodes. It
// walks edges then node by alias, as the generated Paginate does. ok is
// false outside a GraphQL request or when no node is asked for.
func nodeContext(ctx context.Context) (context.Context, bool) {
	fc := graphql.GetFieldContext(ctx)
	if fc == nil {
		return ctx, false
	}
	oc := graphql.GetOperationContext(ctx)
	field := fc.Field
walk:
	for _, name := range []string{"edges", "node"} {
		for _, f := range graphql.CollectFields(oc, field.Selections, nil) {
			if f.Alias == name {
				field = f
				continue walk
			}
		}
		return ctx, false
	}
	return graphql.WithFieldContext(ctx, &graphql.FieldContext{Parent: fc, Field: field}), true
}

// collect makes a page's query load the edges its nodes are asked for
// with one statement per edge, not one per node (N + 1).
func collect[Q any](ctx context.Context, q Q, fields func(context.Context, ...string) (Q, error), kind string) (Q, error) {
	nctx, ok := nodeContext(ctx)
	if !ok {
		return q, nil
	}
	return fields(nctx, kind, "Node")
}

func rankedIdeas(ctx context.Context, q *ent.IdeaQuery, rank func(string) sql.Querier, n int, after *ent.Cursor) (*ent.IdeaConnection, error) {
	nodes, total, more, err := rankedPage(ctx, searchRows[*ent.Idea]{
		count: q.Clone().Count,
		rankOfRow: func(ctx context.Context, id int, m func(*sql.Selector)) (ent.Value, error) {
			row, err := q.Clone().Where(idea.ID(id)).Modify(m).Only(ctx)
			if err != nil {
				return nil, err
			}
			return row.Value(rankColumn)
		},
		rows: func(ctx context.Context, limit int, m func(*sql.Selector)) ([]*ent.Idea, error) {
			q, err := collect(ctx, q, q.CollectFields, "Idea")
			if err != nil {
				return nil, err
			}
			return q.Limit(limit).Modify(m).All(ctx)
		},
	}, rank, n, after)
	if err != nil {
		return nil, err
	}
	c := &ent.IdeaConnection{TotalCount: total, Edges: make([]*ent.IdeaEdge, len(nodes))}
	for i, nd := range nodes {
		c.Edges[i] = &ent.IdeaEdge{Node: nd, Cursor: ent.Cursor{ID: nd.ID}}
	}
	c.PageInfo = pageInfo(len(nodes), more, after, func(i int) ent.Cursor { return c.Edges[i].Cursor })
	return c, nil
}

func (r *queryResolver) searchUnits(ctx context.Context, query string, first *int, after *ent.Cursor) (*ent.UnitConnection, error) {
	sq, err := parseSearch(query, "query")
	if err != nil {
		return nil, err
	}
	n, err := pageSize(first)
	if err != nil {
		return nil, err
	}
	q := r.clientFor(ctx).Unit.Query().Where(sq.matchAll)
	nodes, total, more, err := rankedPage(ctx, searchRows[*ent.Unit]{
		count: q.Clone().Count,
		rankOfRow: func(ctx context.Context, id int, m func(*sql.Selector)) (ent.Value, error) {
			row, err := q.Clone().Where(unit.ID(id)).Modify(m).Only(ctx)
			if err != nil {
				return nil, err
			}
			return row.Value(rankColumn)
		},
		rows: func(ctx context.Context, limit int, m func(*sql.Selector)) ([]*ent.Unit, error) {
			q, err := collect(ctx, q, q.CollectFields, "Unit")
			if err != nil {
				return nil, err
			}
			return q.Limit(limit).Modify(m).All(ctx)
		},
	}, sq.nameRank, n, after)
	if err != nil {
		return nil, err
	}
	c := &ent.UnitConnection{TotalCount: total, Edges: make([]*ent.UnitEdge, len(nodes))}
	for i, nd := range nodes {
		c.Edges[i] = &ent.UnitEdge{Node: nd, Cursor: ent.Cursor{ID: nd.ID}}
	}
	c.PageInfo = pageInfo(len(nodes), more, after, func(i int) ent.Cursor { return c.Edges[i].Cursor })
	return c, nil
}

func (r *queryResolver) searchPeople(ctx context.Context, query string, first *int, after *ent.Cursor) (*ent.PersonConnection, error) {
	sq, err := parseSearch(query, "query")
	if err != nil {
		return nil, err
	}
	n, err := pageSize(first)
	if err != nil {
		return nil, err
	}
	q := r.clientFor(ctx).Person.Query().Where(sq.matchAll)
	nodes, total, more, err := rankedPage(ctx, searchRows[*ent.Person]{
		count: q.Clone().Count,
		rankOfRow: func(ctx context.Context, id int, m func(*sql.Selector)) (ent.Value, error) {
			row, err := q.Clone().Where(person.ID(id)).Modify(m).Only(ctx)
			if err != nil {
				return nil, err
			}
			return row.Value(rankColumn)
		},
		rows: func(ctx context.Context, limit int, m func(*sql.Selector)) ([]*ent.Person, error) {
			q, err := collect(ctx, q, q.CollectFields, "Person")
			if err != nil {
				return nil, err
			}
			return q.Limit(limit).Modify(m).All(ctx)
		},
	}, sq.nameRank, n, after)
	if err != nil {
		return nil, err
	}
	c := &ent.PersonConnection{TotalCount: total, Edges: make([]*ent.PersonEdge, len(nodes))}
	for i, nd := range nodes {
		c.Edges[i] = &ent.PersonEdge{Node: nd, Cursor: ent.Cursor{ID: nd.ID}}
	}
	c.PageInfo = pageInfo(len(nodes), more, after, func(i int) ent.Cursor { return c.Edges[i].Cursor })
	return c, nil
}
