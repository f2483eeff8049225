package server_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/hcmc-thidua/thidua/ent"
	"github.com/hcmc-thidua/thidua/ent/privacy"
	"github.com/hcmc-thidua/thidua/internal/access"
	"github.com/hcmc-thidua/thidua/internal/auth"
	"github.com/hcmc-thidua/thidua/internal/domain"
	"github.com/hcmc-thidua/thidua/internal/server"
	"github.com/hcmc-thidua/thidua/internal/store"
	"github.com/hcmc-thidua/thidua/internal/store/storetest"
)

// matrixFixture is a store that starts empty: the board builds the unit
// tree and the viewers' people over GraphQL, as a deployment's first day
// would; each cell's records are then written directly, for speed.
type matrixFixture struct {
	e       *env
	sys     context.Context
	client  *ent.Client
	units   map[scope]int
	codes   map[scope]string
	phaseID int
	people  map[access.Role]int // each role's own person, a member of A
	tokens  map[access.Role]string
	seq     int
}

func newMatrixFixture(t *testing.T, d string) *matrixFixture {
	t.Helper()
	st, err := store.Open(context.Background(), storetest.URL(t, d), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	signer, err := auth.NewHS256(testSecret)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(server.New(st, signer, server.Config{FilesDir: t.TempDir()}))
	t.Cleanup(func() { srv.Close(); st.Close() })
	e := &env{url: srv.URL, store: st, signer: signer, srv: srv}
	fx := &matrixFixture{e: e, client: st.Client, units: map[scope]int{}, codes: map[scope]string{},
		people: map[access.Role]int{}, tokens: map[access.Role]string{}}
	fx.sys = access.NewContext(privacy.DecisionContext(context.Background(), privacy.Allow),
		&access.Viewer{Sub: "system:test", Roles: []access.Role{access.CityAdmin}, UnitCode: "HCM", UnitPath: "/HCM/"})
	// The board's first token names no unit: on an empty store there is none.
	board := e.token(t, "board", "", access.CityAdmin)
	create := func(s scope, code, typ string, parent scope) {
		in := map[string]any{"code": code, "name": "Đơn vị " + code, "type": typ}
		if parent != "" {
			in["parentID"] = strconv.Itoa(fx.units[parent])
		}
		var got struct{ CreateUnit struct{ ID string } }
		e.do(t, board, `mutation($in: CreateUnitInput!) { createUnit(input: $in) { id } }`, map[string]any{"in": in}).decode(t, &got)
		fx.units[s], fx.codes[s] = atoi(t, got.CreateUnit.ID), code
	}
	create(scopeRoot, "HCM", "CITY", "")
	create(scopeOwn, "A", "DEPARTMENT", scopeRoot)
	create(scopeSubtree, "A1", "PUBLIC_SERVICE_UNIT", scopeOwn)
	create(scopeOther, "B", "DEPARTMENT", scopeRoot)
	fx.tokens[access.CityAdmin] = e.token(t, "board", "HCM", access.CityAdmin)
	for _, r := range access.Roles {
		code := "V-" + strings.ReplaceAll(string(r), "_", "-")
		var p struct{ CreatePerson struct{ ID string } }
		e.do(t, board, `mutation($in: CreatePersonInput!) { createPerson(input: $in) { id } }`, map[string]any{"in": map[string]any{
			"code": code, "fullName": "Người thử " + string(r), "gender": "FEMALE"}}).decode(t, &p)
		fx.people[r] = atoi(t, p.CreatePerson.ID)
		e.do(t, board, `mutation($in: CreateMembershipInput!) { createMembership(input: $in) { id } }`, map[string]any{"in": map[string]any{
			"personID": p.CreatePerson.ID, "unitID": strconv.Itoa(fx.units[scopeOwn]), "category": "CIVIL_SERVANT",
			"validFrom": "2022-01-01"}}).decode(t, &struct{}{})
		if r != access.CityAdmin {
			fx.tokens[r] = e.token(t, code, "A", r)
		}
	}
	var ph struct{ CreatePhase struct{ ID string } }
	e.do(t, fx.tokens[access.CityAdmin], `mutation($in: CreatePhaseInput!) { createPhase(input: $in) { id } }`, map[string]any{"in": map[string]any{
		"name": "2022-2025", "startYear": 2022, "endYear": 2025, "plansDueOn": "2023-06-30"}}).decode(t, &ph)
	fx.phaseID = atoi(t, ph.CreatePhase.ID)
	return fx
}

func (fx *matrixFixture) next() int { fx.seq++; return fx.seq }

// must stops the test on a fixture that cannot be written: a bug of the
// matrix itself, not of the code under test.
func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

// make writes a record of the kind in the unit and returns what a request
// names it by.
func (fx *matrixFixture) make(t *testing.T, kind string, s scope, role access.Role) string {
	t.Helper()
	c, ctx, u := fx.client, fx.sys, fx.units[s]
	n := fx.next()
	day := time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC)
	person := func() int {
		p := must(c.Person.Create().SetCode(fmt.Sprintf("P%d", n)).SetFullName("Người thử").SetGender(domain.Gender("MALE")).Save(ctx))
		must(c.Membership.Create().SetPersonID(p.ID).SetUnitID(u).SetCategory(domain.PersonCategory("CIVIL_SERVANT")).
			SetValidFrom(time.Date(2022, 1, 1, 0, 0, 0, 0, time.UTC)).Save(ctx))
		return p.ID
	}
	child := func() int {
		return must(c.Unit.Create().SetCode(fmt.Sprintf("U%d", n)).SetName("Đơn vị con").SetType(domain.UnitType("OTHER")).
			SetParentID(u).Save(ctx)).ID
	}
	newIdea := func() *ent.Idea {
		q := c.Idea.Create().SetCode(fmt.Sprintf("I%d", n)).SetTitle("Ý tưởng thử").SetField(domain.IdeaField("ADMINISTRATIVE_REFORM")).
			SetKind(domain.IdeaKind("IDEA")).SetProposedOn(day).SetUnitID(u)
		if s == scopeOwn || s == scopeSubtree {
			q.AddProposerIDs(fx.people[role])
		}
		return must(q.Save(ctx))
	}
	var id int
	switch kind {
	case "Unit":
		id = u
	case "UnitCode":
		return fx.codes[s]
	case "ChildUnit":
		id = child()
	case "ChildUnitCode":
		child()
		return fmt.Sprintf("U%d", n)
	case "Phase":
		id = fx.phaseID
	case "PhaseName":
		return "2022-2025"
	case "Person":
		id = person()
	case "Membership":
		p := must(c.Person.Create().SetCode(fmt.Sprintf("P%d", n)).SetFullName("Người thử").SetGender(domain.Gender("MALE")).Save(ctx))
		id = must(c.Membership.Create().SetPersonID(p.ID).SetUnitID(u).SetCategory(domain.PersonCategory("CIVIL_SERVANT")).
			SetValidFrom(day).Save(ctx)).ID
	case "Idea":
		id = newIdea().ID
	case "EffectiveIdea":
		i := newIdea()
		must(c.Idea.UpdateOne(i).SetStatus(domain.IdeaStatusEvaluatedEffective).Save(access.AllowStatusChange(ctx)))
		id = i.ID
	case "Nomination":
		id = must(c.Nomination.Create().SetUnitID(u).SetRecipientKind(domain.RecipientKindIndividual).
			SetRecipientPersonID(person()).SetLevel(domain.AwardLevelUnitHeadCertificate).SetYear(2024).Save(ctx)).ID
	case "Award":
		id = must(c.Award.Create().SetUnitID(u).SetRecipientKind(domain.RecipientKindIndividual).SetRecipientPersonID(person()).
			SetLevel(domain.AwardLevelUnitHeadCertificate).SetYear(2024).SetDecisionNumber(fmt.Sprintf("%d/QĐ-T", n)).
			SetDecisionDate(day).SetIssuer("Thủ trưởng đơn vị").Save(ctx)).ID
	case "UnitPlan":
		id = must(c.UnitPlan.Create().SetUnitID(child()).SetPhaseID(fx.phaseID).SetDocumentNumber("1/KH").SetIssuedOn(day).Save(ctx)).ID
	case "Exemplar":
		id = must(c.Exemplar.Create().SetKind(domain.ExemplarKindModel).SetTitle("Mô hình thử").SetYear(2024).
			SetUnitID(u).SetRecognizedOn(day).Save(ctx)).ID
	case "ChosenProblem":
		id = must(c.ChosenProblem.Create().SetUnitID(child()).SetYear(2026).SetTitle("Vấn đề thử").Save(ctx)).ID
	case "UnitReport":
		id = must(c.UnitReport.Create().SetUnitID(child()).SetPhaseID(fx.phaseID).SetKind(domain.ReportKind("YEARLY")).SetYear(2024).Save(ctx)).ID
	case "IntegrityFlag":
		id = must(c.IntegrityFlag.Create().SetUnitID(u).SetPersonID(person()).SetYear(2024).SetKind(domain.FlagKindDiscipline).
			SetDecisionNumber(fmt.Sprintf("%d/QĐ-KL", n)).SetDecisionDate(day).Save(ctx)).ID
	case "ReportCall":
		id = must(c.ReportCall.Create().SetPhaseID(fx.phaseID).SetKind(domain.ReportKindYearly).SetYear(2024).
			SetDueOn(day).SetReachSubtreeID(u).Save(ctx)).ID
	case "Headcount":
		id = must(c.Headcount.Create().SetUnitID(child()).SetYear(2024).SetHeadcount(10).Save(ctx)).ID
	default:
		t.Fatalf("the matrix cannot make a %s", kind)
	}
	return strconv.Itoa(id)
}

// req is one cell's request being built by a mutation's base.
type req struct {
	t        *testing.T
	fx       *matrixFixture
	field    idField
	scope    scope
	role     access.Role
	consumed bool
	query    string
	args     map[string]any // the mutation's arguments, as variables
	upload   string         // the variable path of a file, for multipart
	named    string         // the id of the cell's record, when the field is an ID
}

// ref names a record of the kind for path: the cell's record where path is
// the field under test, else one of the viewer's own unit.
func (b *req) ref(path, kind string) any {
	if path == b.field.Path {
		b.consumed = true
		v := missingID
		if b.scope != scopeMissing {
			v = b.fx.make(b.t, kind, b.scope, b.role)
		}
		b.named = v
		if b.field.List {
			return []string{v}
		}
		return v
	}
	return b.fx.make(b.t, kind, scopeOwn, b.role)
}

// opt is ref for an optional field: set only when under test.
func (b *req) opt(in map[string]any, path, key, kind string) {
	if path == b.field.Path {
		in[key] = b.ref(path, kind)
	}
}

// run sends the cell's request with the role's token and reports what
// happened, with the audit rows it added.
func (fx *matrixFixture) run(t *testing.T, f idField, role access.Role, s scope) outcome {
	t.Helper()
	b := &req{t: t, fx: fx, field: f, scope: s, role: role, args: map[string]any{}}
	bases[f.Mutation](b)
	if !b.consumed {
		t.Fatalf("the base request of %s never sets %s: teach it the field", f.Mutation, f.Path)
	}
	tok := fx.tokens[role]
	before := sqlCount(t, fx.e, "SELECT COUNT(*) FROM audit_events")
	var res response
	if b.upload != "" {
		res = fx.e.multipart(t, tok, map[string]any{"query": b.query, "variables": b.args}, b.upload, "tai-lieu.pdf", pdf)
	} else {
		res = fx.e.do(t, tok, b.query, b.args)
	}
	o := outcome{code: res.code(), audited: sqlCount(t, fx.e, "SELECT COUNT(*) FROM audit_events") - before}
	if o.refused() && s != scopeMissing && !codeFields[f.Path[strings.LastIndex(f.Path, ".")+1:]] {
		o.hidden = !fx.reads(t, tok, b.named)
	}
	if len(res.Errors) > 0 {
		o.message = res.Errors[0].Message
	} else if len(res.Data) == 0 || string(res.Data) == "null" {
		o.code = "NO_DATA"
	}
	return o
}

// missingID names no record: the matrix's answer for it is what a viewer
// must get for every record it cannot read.
const missingID = "2147480000"

// reads reports whether the token's viewer reads the record behind a
// global id (node answers it), as the record's own read policy decides.
func (fx *matrixFixture) reads(t *testing.T, tok, id string) bool {
	t.Helper()
	var got struct{ Node *struct{ ID string } }
	res := fx.e.do(t, tok, `query($id: ID!) { node(id: $id) { id } }`, map[string]any{"id": id})
	if len(res.Data) > 0 {
		_ = json.Unmarshal(res.Data, &got)
	}
	return got.Node != nil
}
