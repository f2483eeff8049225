package server_test

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/hcmc-thidua/thidua/internal/access"
	"github.com/hcmc-thidua/thidua/internal/auth"
	"github.com/hcmc-thidua/thidua/internal/server"
)

// TestBadInput: each kind of bad request gets a typed error, a message in
// Vietnamese for the GraphQL layer's own checks, and never a 500.
func TestBadInput(t *testing.T) {
	forEachStore(t, func(t *testing.T, e *env) {
		tok := e.token(t, "board", "HCM", access.CityAdmin)
		for _, tc := range []struct {
			name, query string
			vars        map[string]any
			code        string
			status      int
		}{
			{"malformed id", `{ node(id: "abc") { id } }`, nil, "VALIDATION", 200},
			{"negative id", `query($id: ID!) { node(id: $id) { id } }`, map[string]any{"id": "-5"}, "VALIDATION", 200},
			{"unknown id", `{ node(id: "999999999999999") { id } }`, nil, "NOT_FOUND", 200},
			{"unknown enum literal", `{ units(where: {type: PROVINCE}) { totalCount } }`, nil, "GRAPHQL_VALIDATION_FAILED", 200},
			{"unknown enum variable", `query($t: UnitType) { units(where: {type: $t}) { totalCount } }`, map[string]any{"t": "PROVINCE"}, "GRAPHQL_VALIDATION_FAILED", 200},
			{"page too large", `{ ideas(first: 1001) { totalCount } }`, nil, "VALIDATION", 200},
			{"page too large by variable", `query($n: Int) { units { edges { node { ideas(last: $n) { totalCount } } } } }`, map[string]any{"n": 5000}, "VALIDATION", 200},
			{"nested pages multiply past the row limit", `{ units(first: 1000) { edges { node { ideas(first: 1000) { totalCount } } } } }`, nil, "VALIDATION", 200},
			{"negative page", `{ ideas(first: -1) { totalCount } }`, nil, "VALIDATION", 200},
			{"filter on a missing field", `{ ideas(where: {colour: "đỏ"}) { totalCount } }`, nil, "GRAPHQL_VALIDATION_FAILED", 200},
			{"syntax error", `{ units(first: 5 { totalCount } }`, nil, "GRAPHQL_PARSE_FAILED", 200},
			{"bad date", `mutation { createPerson(input: {code: "CBX1", fullName: "Nguyễn Văn Thử", gender: MALE}) { id } createHeadcount(input: {unitID: "1", year: 1800, headcount: 1}) { id } }`, nil, "VALIDATION", 200},
			// The warehouse holds a headcount as UInt32: 2^40 once became 0
			// there while the ETL reported success (outside review F5).
			{"absurd headcount", `mutation { createHeadcount(input: {unitID: "1", year: 2024, headcount: 1099511627776}) { id } }`, nil, "VALIDATION", 200},
			{"bad code shape", `mutation { createPerson(input: {code: "cb 1", fullName: "Nguyễn Văn Thử", gender: MALE}) { id } }`, nil, "VALIDATION", 200},
		} {
			t.Run(tc.name, func(t *testing.T) {
				res := e.do(t, tok, tc.query, tc.vars)
				if res.code() != tc.code {
					t.Fatalf("code %q, want %q (%+v)", res.code(), tc.code, res.Errors)
				}
				if res.Status != tc.status {
					t.Fatalf("HTTP %d, want %d", res.Status, tc.status)
				}
				if !hasVietnamese(res.Errors[0].Message) {
					t.Errorf("message %q is not Vietnamese", res.Errors[0].Message)
				}
			})
		}
	})
}

// hasVietnamese is a rough check: the message carries Vietnamese letters.
func hasVietnamese(s string) bool {
	return strings.ContainsAny(s, "ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹáàãéèíìóòõúùý")
}

// TestFailedMutationWritesNothing: an operation whose second mutation fails
// leaves no trace of the first, nor of its audit event: the whole operation
// is one transaction.
func TestFailedMutationWritesNothing(t *testing.T) {
	forEachStore(t, func(t *testing.T, e *env) {
		tok := e.token(t, "board", "HCM", access.CityAdmin)
		res := e.do(t, tok, `mutation {
		  createPerson(input: {code: "CBROLLBACK1", fullName: "Trần Thị Thử", gender: FEMALE}) { id }
		  createHeadcount(input: {unitID: "1", year: 2024, headcount: -3}) { id }
		}`, nil)
		if res.code() != "VALIDATION" {
			t.Fatalf("code %q, want VALIDATION", res.code())
		}
		var got struct {
			People      struct{ TotalCount int }
			AuditEvents struct{ TotalCount int }
		}
		e.do(t, tok, `{ people(where: {code: "CBROLLBACK1"}) { totalCount }
		  auditEvents(where: {entityType: "Person", actorSub: "board", operation: CREATE}) { totalCount } }`, nil).decode(t, &got)
		if got.People.TotalCount != 0 || got.AuditEvents.TotalCount != 0 {
			t.Fatalf("half-written: %+v", got)
		}
	})
}

// TestStatusOnlyThroughEvents: a new idea starts as a draft with its
// creation as first event, and its status is not an input.
func TestStatusOnlyThroughEvents(t *testing.T) {
	forEachStore(t, func(t *testing.T, e *env) {
		tok := e.token(t, "officer", ownUnit, access.UnitAdmin)
		unit := unitID(t, e, e.token(t, "board", "HCM", access.CityAdmin), ownUnit)
		var got struct {
			CreateIdea struct {
				Status string
				Year   int
				Events struct {
					Edges []struct {
						Node struct{ Action, ToStatus, ActorSub string }
					}
				}
			}
		}
		e.do(t, tok, `mutation($u: ID!, $code: String!) { createIdea(input: {code: $code, title: "Số hóa sổ hộ tịch",
		    field: ADMINISTRATIVE_REFORM, kind: IDEA, unitID: $u, proposedOn: "2026-03-02"}) {
		    status year events { edges { node { action toStatus actorSub } } } } }`,
			map[string]any{"u": unit, "code": "YT-TEST-" + strings.ToUpper(e.store.Dialect)}).decode(t, &got)
		c := got.CreateIdea
		if c.Status != "DRAFT" || c.Year != 2026 || len(c.Events.Edges) != 1 ||
			c.Events.Edges[0].Node.Action != "CREATE" || c.Events.Edges[0].Node.ActorSub != "officer" {
			t.Fatalf("created idea: %+v", c)
		}
		res := e.do(t, tok, `mutation($id: ID!) { updateIdea(id: $id, version: 0, input: {status: APPLIED_CITY_WIDE}) { id } }`,
			map[string]any{"id": "1"})
		if res.code() != "GRAPHQL_VALIDATION_FAILED" {
			t.Fatalf("status as input: code %q", res.code())
		}
	})
}

// TestAuthentication: a missing, forged, expired or wrongly signed token,
// or one naming an unknown unit, gets 401 with UNAUTHENTICATED.
func TestAuthentication(t *testing.T) {
	e := sharedEnv(t, "sqlite")
	other, _ := auth.NewHS256("another-secret-another-secret-another-secret")
	forged, _ := other.Mint(auth.Identity{Sub: "x", Roles: []access.Role{access.CityAdmin}}, time.Hour)
	expired, _ := e.signer.Mint(auth.Identity{Sub: "x", Roles: []access.Role{access.CityAdmin}}, -time.Hour)
	for name, tok := range map[string]string{
		"missing":      "",
		"garbage":      "not.a.jwt",
		"forged":       forged,
		"expired":      expired,
		"alg none":     "eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0.eyJzdWIiOiJ4Iiwicm9sZXMiOlsiQ0lUWV9BRE1JTiJdLCJpc3MiOiJ0aGlkdWEifQ.",
		"unknown unit": e.token(t, "x", "NO-SUCH-UNIT", access.UnitAdmin),
	} {
		t.Run(name, func(t *testing.T) {
			res := e.do(t, tok, `{ viewer { sub } }`, nil)
			if res.Status != http.StatusUnauthorized || res.code() != "UNAUTHENTICATED" {
				t.Fatalf("HTTP %d code %q, want 401 UNAUTHENTICATED", res.Status, res.code())
			}
		})
	}
}

// TestStoreUnreachable: with the store gone, requests get 503 and
// STORE_UNAVAILABLE, not a stack trace.
func TestStoreUnreachable(t *testing.T) {
	e := newEnv(t, "sqlite")
	tok := e.token(t, "board", "HCM", access.CityAdmin)
	e.store.Close() // the writer and, on a SQLite file, its readers
	res := e.do(t, tok, `{ units(first: 1) { totalCount } }`, nil)
	if res.Status != http.StatusServiceUnavailable || res.code() != "STORE_UNAVAILABLE" {
		t.Fatalf("HTTP %d code %q (%+v)", res.Status, res.code(), res.Errors)
	}
	_ = context.Background
	_ = server.Config{}
}
