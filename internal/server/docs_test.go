package server_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/hcmc-thidua/thidua/internal/access"
)

// The examples of docs/api.md: an HTML comment naming the token and the
// variables, right before a ```graphql block.
const apiDoc = "../../docs/api.md"

var exampleRe = regexp.MustCompile("(?s)<!--\\s*example:(.*?)-->\\s*\n```graphql\n(.*?)\n```")

// docExample is one runnable example of the API guide.
type docExample struct {
	Index           int // 1-based, in the order of the page
	Name, Unit, Sub string
	Role            access.Role
	Vars            string // JSON, with "@unit:CODE", "@person:CODE", "@idea:CODE" for ids
	Query           string
}

// loadExamples reads every example of the guide; the page must have some,
// and every graphql block of it must be a runnable example.
func loadExamples(t *testing.T) []docExample {
	t.Helper()
	raw, err := os.ReadFile(apiDoc)
	if err != nil {
		t.Fatalf("read the API guide: %v", err)
	}
	doc := string(raw)
	var out []docExample
	names := map[string]bool{}
	for i, m := range exampleRe.FindAllStringSubmatch(doc, -1) {
		ex, err := parseExampleHeader(m[1])
		if err != nil {
			t.Fatalf("example %d: %v", i+1, err)
		}
		if names[ex.Name] {
			t.Fatalf("example %d: name %q used twice", i+1, ex.Name)
		}
		names[ex.Name] = true
		ex.Index, ex.Query = i+1, m[2]
		out = append(out, ex)
	}
	if len(out) == 0 {
		t.Fatalf("%s has no examples (<!-- example: … --> before a ```graphql block)", apiDoc)
	}
	if n := strings.Count(doc, "```graphql"); n != len(out) {
		t.Fatalf("%s has %d graphql blocks but %d examples: every graphql block needs an example comment", apiDoc, n, len(out))
	}
	return out
}

// parseExampleHeader reads `name=N role=R unit=U [sub=S] [vars={…}]`.
func parseExampleHeader(h string) (docExample, error) {
	var ex docExample
	h = strings.TrimSpace(h)
	ex.Vars = "{}"
	if i := strings.Index(h, "vars="); i >= 0 {
		ex.Vars = strings.TrimSpace(h[i+len("vars="):])
		h = h[:i]
		var v map[string]any
		if err := json.Unmarshal([]byte(ex.Vars), &v); err != nil {
			return ex, fmt.Errorf("vars are not a JSON object: %v", err)
		}
	}
	for _, f := range strings.Fields(h) {
		k, v, ok := strings.Cut(f, "=")
		if !ok {
			return ex, fmt.Errorf("%q is not key=value", f)
		}
		switch k {
		case "name":
			ex.Name = v
		case "role":
			r, err := access.ParseRole(v)
			if err != nil {
				return ex, err
			}
			ex.Role = r
		case "unit":
			ex.Unit = v
		case "sub":
			ex.Sub = v
		default:
			return ex, fmt.Errorf("unknown key %q", k)
		}
	}
	switch {
	case ex.Name == "" || ex.Role == "" || ex.Unit == "":
		return ex, fmt.Errorf("name, role and unit are required: %q", h)
	case ex.Role == access.Member && ex.Sub == "":
		return ex, fmt.Errorf("a MEMBER example needs sub=<person code>")
	case ex.Sub == "":
		ex.Sub = "docs-" + strings.ToLower(string(ex.Role))
	}
	return ex, nil
}

// exampleRun is one example's answer, for its expectation.
type exampleRun struct {
	e    *env
	ex   docExample
	tok  string
	vars map[string]any
	data json.RawMessage
}

func (r exampleRun) decode(t *testing.T, v any) {
	t.Helper()
	if err := json.Unmarshal(r.data, v); err != nil {
		t.Fatalf("decode: %v", err)
	}
}

// docExpect is what the guide says an example returns.
type docExpect struct {
	prepare func(t *testing.T, e *env, vars map[string]any) // before the run (unique codes)
	check   func(t *testing.T, r exampleRun)
	// trigger makes, for a subscription, the write it should send.
	trigger func(t *testing.T, e *env, vars map[string]any)
}

type unitRef struct{ Code, Name string }

type edges[T any] struct {
	TotalCount int
	Edges      []struct{ Node T }
}

func (c edges[T]) nodes() []T {
	out := make([]T, len(c.Edges))
	for i, e := range c.Edges {
		out[i] = e.Node
	}
	return out
}

var docSeq atomic.Int64

// docExpectations are keyed by example name; every key must name an example.
var docExpectations = map[string]docExpect{
	"districts": {check: func(t *testing.T, r exampleRun) {
		var got struct {
			Units edges[struct {
				Code, Name string
				Parent     unitRef
			}]
		}
		r.decode(t, &got)
		if got.Units.TotalCount != 21 || len(got.Units.Edges) != 21 {
			t.Errorf("districts: %d (%d edges), want 21", got.Units.TotalCount, len(got.Units.Edges))
		}
		var names []string
		for _, u := range got.Units.nodes() {
			names = append(names, u.Name)
			if u.Parent.Name != "Thành phố Hồ Chí Minh" {
				t.Errorf("%s: parent %q", u.Code, u.Parent.Name)
			}
		}
		for _, want := range []string{"Quận 1", "Huyện Bình Chánh", "Quận Tân Phú"} {
			if !slices.Contains(names, want) {
				t.Errorf("no %q among %v", want, names)
			}
		}
	}},
	"subtree": {check: func(t *testing.T, r exampleRun) {
		var got struct {
			Units edges[struct{ Code, Name, Type, Path string }]
		}
		r.decode(t, &got)
		path := r.vars["path"].(string)
		root, wards := false, 0
		for _, u := range got.Units.nodes() {
			if !strings.HasPrefix(u.Path, path) {
				t.Errorf("%s (%s) is outside %s", u.Code, u.Path, path)
			}
			root = root || (u.Code == "TD" && u.Name == "Thành phố Thủ Đức")
			if u.Type == "WARD" {
				wards++
			}
		}
		if !root || wards == 0 || got.Units.TotalCount != len(got.Units.Edges) {
			t.Errorf("subtree: root %v, %d wards, %d of %d", root, wards, len(got.Units.Edges), got.Units.TotalCount)
		}
	}},
	"noPlan": {check: func(t *testing.T, r exampleRun) {
		var got struct{ Units edges[unitRef] }
		r.decode(t, &got)
		var codes, names []string
		for _, u := range got.Units.nodes() {
			codes, names = append(codes, u.Code), append(names, u.Name)
		}
		for _, want := range []string{"Quận 1", "Sở Du lịch", "Sở Xây dựng"} {
			if !slices.Contains(names, want) {
				t.Errorf("no %q among %v", want, names)
			}
		}
		var plans struct{ UnitPlans struct{ TotalCount int } }
		r.e.do(t, r.e.token(t, "board", "HCM", access.CityAdmin), `query($codes: [String!], $phase: String!) {
		  unitPlans(first: 0, where: {hasUnitWith: {codeIn: $codes}, hasPhaseWith: {name: $phase}}) { totalCount } }`,
			map[string]any{"codes": codes, "phase": r.vars["phase"]}).decode(t, &plans)
		if plans.UnitPlans.TotalCount != 0 {
			t.Errorf("%d plans of %s for units said to have none", plans.UnitPlans.TotalCount, r.vars["phase"])
		}
	}},
	"ideasByStatus": {check: func(t *testing.T, r exampleRun) {
		var got struct {
			Ideas edges[struct{ Code, Status string }]
		}
		r.decode(t, &got)
		var statuses []string
		for _, s := range r.vars["statuses"].([]any) {
			statuses = append(statuses, s.(string))
		}
		var codes []string
		for _, i := range got.Ideas.nodes() {
			codes = append(codes, i.Code)
			if !slices.Contains(statuses, i.Status) {
				t.Errorf("%s has status %s, not in %v", i.Code, i.Status, statuses)
			}
		}
		if !slices.Contains(codes, "YT-2023-000285") {
			t.Errorf("YT-2023-000285 missing from %v", codes)
		}
	}},
	"ids": {check: func(t *testing.T, r exampleRun) {
		var got map[string]edges[struct{ ID, Code string }]
		r.decode(t, &got)
		seen := map[string]bool{}
		for root, c := range got {
			if len(c.Edges) != 1 || c.Edges[0].Node.ID == "" || seen[c.Edges[0].Node.ID] {
				t.Errorf("%s: %+v", root, c)
				continue
			}
			seen[c.Edges[0].Node.ID] = true
		}
	}},
	"node": {check: func(t *testing.T, r exampleRun) {
		var got struct {
			Node struct {
				Typename   string `json:"__typename"`
				Name       string
				Successors edges[unitRef]
			}
			Nodes []struct {
				Typename string `json:"__typename"`
				Code     string
			}
		}
		r.decode(t, &got)
		var succ []string
		for _, s := range got.Node.Successors.nodes() {
			succ = append(succ, s.Code)
		}
		if got.Node.Typename != "Unit" || got.Node.Name != "Quận 1" || !slices.Contains(succ, "PX-CAU-ONG-LANH") {
			t.Errorf("node: %+v", got.Node)
		}
		if len(got.Nodes) != 2 || got.Nodes[0].Typename != "Unit" || got.Nodes[0].Code != "TD" ||
			got.Nodes[1].Typename != "Person" || got.Nodes[1].Code != "CB0002494" {
			t.Errorf("nodes: %+v", got.Nodes)
		}
	}},
	"ideaEvents": {check: func(t *testing.T, r exampleRun) {
		var got struct {
			Node struct {
				Code, Status string
				Events       edges[struct {
					Action, ToStatus, OccurredAt string
					FromStatus                   *string
				}]
			}
		}
		r.decode(t, &got)
		ev := got.Node.Events.nodes()
		if got.Node.Code != "YT-2023-000285" || got.Node.Status != "RATED_BY_MINISTRIES" || len(ev) < 2 ||
			len(ev) != got.Node.Events.TotalCount {
			t.Fatalf("idea: %+v", got.Node)
		}
		if ev[0].Action != "CREATE" || ev[0].ToStatus != "DRAFT" || ev[0].FromStatus != nil {
			t.Errorf("first event: %+v", ev[0])
		}
		if last := ev[len(ev)-1]; last.Action != "RATE_BY_MINISTRIES" || last.ToStatus != got.Node.Status {
			t.Errorf("last event %+v, idea status %s", last, got.Node.Status)
		}
		for i, e := range ev {
			if !strings.HasSuffix(e.OccurredAt, "+07:00") {
				t.Errorf("occurredAt %q is not in +07:00", e.OccurredAt)
			}
			if i > 0 && (e.FromStatus == nil || *e.FromStatus != ev[i-1].ToStatus || e.OccurredAt < ev[i-1].OccurredAt) {
				t.Errorf("event %d %+v does not follow %+v", i, e, ev[i-1])
			}
		}
	}},
	"paging": {check: func(t *testing.T, r exampleRun) {
		type page struct {
			Ideas struct {
				TotalCount int
				PageInfo   struct {
					HasNextPage bool
					EndCursor   string
				}
				Edges []struct {
					Cursor string
					Node   struct{ Code string }
				}
			}
		}
		var first page
		r.decode(t, &first)
		n := int(r.vars["first"].(float64))
		if len(first.Ideas.Edges) != n || !first.Ideas.PageInfo.HasNextPage || first.Ideas.PageInfo.EndCursor == "" {
			t.Fatalf("first page: %d edges, %+v", len(first.Ideas.Edges), first.Ideas.PageInfo)
		}
		vars := map[string]any{"first": n, "after": first.Ideas.PageInfo.EndCursor}
		var second page
		r.e.do(t, r.tok, r.ex.Query, vars).decode(t, &second)
		last := first.Ideas.Edges[n-1].Node.Code
		if len(second.Ideas.Edges) == 0 || second.Ideas.TotalCount != first.Ideas.TotalCount {
			t.Fatalf("second page: %+v", second.Ideas)
		}
		for _, e := range second.Ideas.Edges {
			if e.Node.Code <= last {
				t.Errorf("second page has %s, not after %s", e.Node.Code, last)
			}
		}
	}},
	"awards": {check: func(t *testing.T, r exampleRun) {
		var got struct {
			Awards edges[struct {
				Level, RecipientKind, DecisionDate string
				Year                               int
				RecipientPerson                    *struct{ Code string }
			}]
		}
		r.decode(t, &got)
		var levels []string
		for _, l := range r.vars["levels"].([]any) {
			levels = append(levels, l.(string))
		}
		year := int(r.vars["year"].(float64))
		prev := ""
		for _, a := range got.Awards.nodes() {
			if !slices.Contains(levels, a.Level) || a.Year != year || a.DecisionDate < prev ||
				(a.RecipientKind == "INDIVIDUAL") != (a.RecipientPerson != nil) {
				t.Errorf("award %+v (levels %v, year %d, after %s)", a, levels, year, prev)
			}
			prev = a.DecisionDate
		}
		if got.Awards.TotalCount != len(got.Awards.Edges) {
			t.Errorf("%d of %d awards", len(got.Awards.Edges), got.Awards.TotalCount)
		}
	}},
	"viewer": {check: func(t *testing.T, r exampleRun) {
		var got struct {
			Viewer struct {
				Sub   string
				Roles []string
				Unit  struct{ Code, Name, Path string }
			}
			MyIdeas edges[struct{ Code string }]
		}
		r.decode(t, &got)
		v := got.Viewer
		if v.Sub != r.ex.Sub || !slices.Equal(v.Roles, []string{string(r.ex.Role)}) || v.Unit.Code != r.ex.Unit ||
			v.Unit.Name != "Phường Cầu Ông Lãnh" || v.Unit.Path != "/HCM/PX-CAU-ONG-LANH/" {
			t.Errorf("viewer: %+v", v)
		}
	}},
	"createIdea": {
		prepare: func(t *testing.T, e *env, vars map[string]any) {
			// A code of its own, so the example runs again and again.
			vars["input"].(map[string]any)["code"] = "YT-DOC-" +
				strings.ToUpper(strconv.FormatInt(time.Now().UnixNano(), 36)) + "-" + strconv.FormatInt(docSeq.Add(1), 10)
		},
		check: func(t *testing.T, r exampleRun) {
			var got struct {
				CreateIdea struct {
					Code, Status, CreatedAt string
					Year                    int
					Unit                    unitRef
					Proposers               edges[struct{ Code string }]
					Events                  edges[struct{ Action, ToStatus, ActorSub string }]
				}
			}
			r.decode(t, &got)
			c := got.CreateIdea
			ev := c.Events.nodes()
			if c.Code != r.vars["input"].(map[string]any)["code"] || c.Status != "DRAFT" || c.Year != 2026 ||
				c.Unit.Code != r.ex.Unit || !strings.HasSuffix(c.CreatedAt, "+07:00") {
				t.Errorf("created: %+v", c)
			}
			if len(ev) != 1 || ev[0].Action != "CREATE" || ev[0].ToStatus != "DRAFT" || ev[0].ActorSub != r.ex.Sub {
				t.Errorf("events: %+v", ev)
			}
			if p := c.Proposers.nodes(); len(p) != 1 || p[0].Code != r.ex.Sub {
				t.Errorf("proposers: %+v", p)
			}
		},
	},
}

func init() {
	// Example 13: the ward's head hears a member of the ward propose.
	docExpectations["ideaEventAdded"] = docExpect{
		trigger: func(t *testing.T, e *env, vars map[string]any) {
			board := e.token(t, "board", "HCM", access.CityAdmin)
			code := "YT-LIVE-" + strings.ToUpper(strconv.FormatInt(time.Now().UnixNano(), 36)) + "-" + strconv.FormatInt(docSeq.Add(1), 10)
			e.do(t, board, `mutation($u: ID!, $c: String!) { createIdea(input: {code: $c, title: "Tra cứu hồ sơ trực tuyến",
				field: ADMINISTRATIVE_REFORM, kind: IDEA, proposedOn: "2026-03-15", unitID: $u}) { id } }`,
				map[string]any{"u": vars["unitID"], "c": code}).decode(t, &struct{}{})
			vars["expect"] = code
		},
		check: func(t *testing.T, r exampleRun) {
			var got struct {
				IdeaEventAdded struct {
					Action string
					Idea   struct{ Code string }
				}
			}
			r.decode(t, &got)
			if got.IdeaEventAdded.Action != "CREATE" || got.IdeaEventAdded.Idea.Code != r.vars["expect"] {
				t.Errorf("ideaEventAdded: %+v, want the CREATE of %v", got.IdeaEventAdded, r.vars["expect"])
			}
		},
	}
}

// TestDocsExamples runs every example of docs/api.md with the token it
// names, on both stores: no errors, some data, and what the guide says.
func TestDocsExamples(t *testing.T) {
	examples := loadExamples(t)
	for name := range docExpectations {
		if !slices.ContainsFunc(examples, func(ex docExample) bool { return ex.Name == name }) {
			t.Errorf("expectation %q names no example of %s", name, apiDoc)
		}
	}
	forEachStore(t, func(t *testing.T, e *env) {
		for _, ex := range examples {
			t.Run(fmt.Sprintf("%02d-%s", ex.Index, ex.Name), func(t *testing.T) { runExample(t, e, ex) })
		}
	})
}

func runExample(t *testing.T, e *env, ex docExample) {
	board := e.token(t, "board", "HCM", access.CityAdmin)
	if ex.Role == access.Member {
		var p struct{ People struct{ TotalCount int } }
		e.do(t, board, `query($sub: String!, $unit: String!) { people(first: 0, where: {code: $sub,
		  hasMembershipsWith: {validToIsNil: true, hasUnitWith: {code: $unit}}}) { totalCount } }`,
			map[string]any{"sub": ex.Sub, "unit": ex.Unit}).decode(t, &p)
		if p.People.TotalCount != 1 {
			t.Fatalf("sub %s is not a current member of %s in the demo data", ex.Sub, ex.Unit)
		}
	}
	var vars map[string]any
	if err := json.Unmarshal([]byte(ex.Vars), &vars); err != nil {
		t.Fatal(err)
	}
	resolveIDs(t, e, board, vars)
	exp := docExpectations[ex.Name]
	if exp.prepare != nil {
		exp.prepare(t, e, vars)
	}
	tok := e.token(t, ex.Sub, ex.Unit, ex.Role)
	if strings.HasPrefix(strings.TrimSpace(ex.Query), "subscription") {
		s := e.subscribe(t, tok, ex.Query, vars)
		if exp.trigger != nil {
			exp.trigger(t, e, vars)
		}
		raw := s.next(t, ex.Name)
		requireSomeData(t, raw)
		if exp.check != nil {
			exp.check(t, exampleRun{e: e, ex: ex, tok: tok, vars: vars, data: raw})
		}
		return
	}
	res := e.do(t, tok, ex.Query, vars)
	if len(res.Errors) > 0 {
		t.Fatalf("example %d (%s): errors %+v", ex.Index, ex.Name, res.Errors)
	}
	requireSomeData(t, res.Data)
	if exp.check != nil {
		exp.check(t, exampleRun{e: e, ex: ex, tok: tok, vars: vars, data: res.Data})
	}
}

// requireSomeData: every root field answered, every root list and
// connection non-empty.
func requireSomeData(t *testing.T, data json.RawMessage) {
	t.Helper()
	var roots map[string]any
	if err := json.Unmarshal(data, &roots); err != nil || len(roots) == 0 {
		t.Fatalf("no data: %s", data)
	}
	for name, v := range roots {
		switch v := v.(type) {
		case nil:
			t.Errorf("%s is null", name)
		case []any:
			if len(v) == 0 || slices.Contains(v, nil) {
				t.Errorf("%s: %v", name, v)
			}
		case map[string]any:
			if es, ok := v["edges"]; ok {
				if l, _ := es.([]any); len(l) == 0 {
					t.Errorf("%s has no edges", name)
				}
			}
		}
	}
}

var placeholderRe = regexp.MustCompile(`^@(unit|person|idea):([A-Z0-9-]+)$`)

// resolveIDs replaces "@unit:CODE", "@person:CODE" and "@idea:CODE" in the
// variables by the record's id, looked up by code as the guide shows.
func resolveIDs(t *testing.T, e *env, board string, v any) any {
	t.Helper()
	switch v := v.(type) {
	case map[string]any:
		for k, x := range v {
			v[k] = resolveIDs(t, e, board, x)
		}
	case []any:
		for i, x := range v {
			v[i] = resolveIDs(t, e, board, x)
		}
	case string:
		m := placeholderRe.FindStringSubmatch(v)
		if m == nil {
			return v
		}
		root := map[string]string{"unit": "units", "person": "people", "idea": "ideas"}[m[1]]
		var got map[string]edges[struct{ ID string }]
		e.do(t, board, fmt.Sprintf(`query($c: String!) { %s(where: {code: $c}) { edges { node { id } } } }`, root),
			map[string]any{"c": m[2]}).decode(t, &got)
		if ids := got[root].nodes(); len(ids) == 1 {
			return ids[0].ID
		}
		t.Fatalf("%s: no single record with that code in the demo data", v)
	}
	return v
}

// TestDocsErrors checks what the guide says about errors and limits.
func TestDocsErrors(t *testing.T) {
	forEachStore(t, func(t *testing.T, e *env) {
		board := e.token(t, "board", "HCM", access.CityAdmin)
		ideaID := resolveIDs(t, e, board, "@idea:YT-2022-000490").(string) // rejected, in Thủ Đức
		tdID := resolveIDs(t, e, board, "@unit:TD").(string)
		q1Admin := e.token(t, "officer", "Q1", access.UnitAdmin)
		analyst := e.token(t, "analyst", "HCM", access.Analyst)
		create := `mutation($input: CreateIdeaInput!) { createIdea(input: $input) { id } }`
		idea := func(code, proposedOn string) map[string]any {
			return map[string]any{"input": map[string]any{"code": code, "title": "Thử", "field": "OTHER",
				"kind": "IDEA", "proposedOn": proposedOn, "unitID": tdID}}
		}
		cases := []struct {
			name, tok, query string
			vars             map[string]any
			status           int
			code             string
		}{
			{"no token", "", `{ viewer { sub } }`, nil, http.StatusUnauthorized, "UNAUTHENTICATED"},
			{"page over 1000", analyst, `{ ideas(first: 1001) { totalCount } }`, nil, 200, "VALIDATION"},
			{"page variable missing", analyst, `query($n: Int) { ideas(first: $n) { totalCount } }`, nil, 200, "VALIDATION"},
			{"node out of scope", q1Admin, `query($id: ID!) { node(id: $id) { id } }`, map[string]any{"id": ideaID}, 200, "NOT_FOUND"},
			{"write outside subtree", e.token(t, "CB0002494", "PX-CAU-ONG-LANH", access.Member), create,
				idea("YT-DOC-FORBIDDEN", "2026-03-15"), 200, "FORBIDDEN"},
			{"duplicate code", board, create, idea("YT-2023-000285", "2026-03-15"), 200, "CONFLICT"},
			{"bad date", board, create, idea("YT-DOC-BAD-DATE", "15/03/2026"), 200, "VALIDATION"},
			{"parse", analyst, `{ units(first: 10 { totalCount } }`, nil, http.StatusOK, "GRAPHQL_PARSE_FAILED"},
			{"schema", analyst, `{ units(fist: 10) { totalCount } }`, nil, http.StatusOK, "GRAPHQL_VALIDATION_FAILED"},
		}
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				res := e.do(t, c.tok, c.query, c.vars)
				if res.Status != c.status || res.code() != c.code {
					t.Fatalf("HTTP %d code %q, want %d %s (%+v)", res.Status, res.code(), c.status, c.code, res.Errors)
				}
				if !hasVietnamese(res.Errors[0].Message) {
					t.Errorf("message not in Vietnamese: %q", res.Errors[0].Message)
				}
				if c.name == "page over 1000" && res.Errors[0].Extensions["max"] != float64(1000) {
					t.Errorf("extensions: %v", res.Errors[0].Extensions)
				}
			})
		}

		t.Run("lists omit out of scope", func(t *testing.T) {
			var got struct{ Ideas struct{ TotalCount int } }
			e.do(t, q1Admin, `{ ideas(where: {code: "YT-2022-000490"}) { totalCount } }`, nil).decode(t, &got)
			if got.Ideas.TotalCount != 0 {
				t.Errorf("Q1's officer sees %d ideas of Thủ Đức", got.Ideas.TotalCount)
			}
		})
		t.Run("default page 50", func(t *testing.T) {
			var got struct {
				Ideas struct {
					TotalCount int
					Edges      []struct{ Node struct{ ID string } }
				}
			}
			e.do(t, analyst, `{ ideas { totalCount edges { node { id } } } }`, nil).decode(t, &got)
			if got.Ideas.TotalCount <= 50 || len(got.Ideas.Edges) != 50 {
				t.Errorf("%d edges of %d, want 50", len(got.Ideas.Edges), got.Ideas.TotalCount)
			}
		})
	})
}
