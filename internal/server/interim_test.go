package server_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/hcmc-thidua/thidua/ent/privacy"
	"github.com/hcmc-thidua/thidua/etl"
	"github.com/hcmc-thidua/thidua/internal/access"
	"github.com/hcmc-thidua/thidua/internal/domain"
	"github.com/hcmc-thidua/thidua/internal/interim"
	"github.com/hcmc-thidua/thidua/internal/interim/render"
	"github.com/hcmc-thidua/thidua/internal/server"
	"github.com/hcmc-thidua/thidua/internal/warehouse"
	"github.com/hcmc-thidua/thidua/internal/warehouse/chtest"
	"github.com/hcmc-thidua/thidua/internal/warehouse/localch"
)

const interimKey = "server-interim-test-key-server-interim-0000"

var (
	interimOnce sync.Once
	interimE    *env
	interimErr  error
	// interimReports reads interimE's warehouse, for servers of other configs.
	interimReports *interim.Service
)

// interimEnv is a seeded SQLite store loaded into a ClickHouse database by
// a real ETL run, behind a server whose reports read that warehouse.
func interimEnv(t *testing.T) *env {
	t.Helper()
	srv := chtest.Shared(t)
	interimOnce.Do(func() {
		e := newEnv(t, "sqlite")
		db := fmt.Sprintf("thidua_srv_interim_%d", localch.FreePort())
		url := srv.URL(db)
		if _, interimErr = etl.Run(context.Background(), etl.Config{Store: e.url, Warehouse: url, PseudonymKey: interimKey}); interimErr != nil {
			return
		}
		cleanups = append(cleanups, func() { dropWarehouse(srv, db) })
		pseudonyms, err := etl.NewPseudonymizer(interimKey)
		if err != nil {
			interimErr = err
			return
		}
		reports := &interim.Service{Warehouse: &etl.Monitor{URL: url}, Labels: interim.StoreLabels{Client: e.store.Client, Pseudonyms: pseudonyms}}
		interimReports = reports
		srv := httptest.NewServer(server.New(e.store, e.signer, server.Config{Reports: reports}))
		cleanups = append(cleanups, srv.Close)
		interimE = &env{url: e.url, store: e.store, counter: e.counter, signer: e.signer, srv: srv}
	})
	if interimErr != nil {
		t.Fatal(interimErr)
	}
	return interimE
}

func dropWarehouse(srv *chtest.Server, db string) {
	conn, err := srv.Open("default")
	if err != nil {
		return
	}
	defer conn.Close()
	_ = conn.Exec(context.Background(), "DROP DATABASE IF EXISTS `"+db+"`")
}

const interimQuery = `query($phase: String!, $unit: ID) { interimSummary(phase: $phase, unit: $unit) {
	state message phase { name start end } scope { id code path name }
	summary { refreshedAt runID
		overview { units currentUnits plansIssued plansSent ideas ideasEffective adoptions awards individuals
			ideasAwaitingCity ideasHalted pilotsIneffective nominationsInProgress eligibleNotNominated unitYearsWithoutProblem exemplars }
		plans { unitType units issued missing }
		reports { year kind due sent late unsent }
		participation { year individuals headcount rate }
		participationByType { unitType year individuals rate }
		ideas { year proposed approved effective appliedCityWide }
		ideasByField { field proposed }
		ideasByType { unitType year proposed effective }
		awardsByType { unitType year awards onIdeas }
		milestones { step ideas medianDays }
		adoptions { year adoptions spread }
		topIdeas { code title field originName adoptions adopters }
		awards { year level kind awards }
		awardsOnIdeas { year awards onIdeas }
		units { code type units ideas rate reportsUnsent }
		restated { code type units ideas }
		standoutUnits { code effective }
		standoutPeople { key name unitName awards ideas }
		laggingUnits { code noPlan noIdea noReport noProblem }
		followUpIdeas { id code title status reason unitCode unitName year }
		nominations { year level status nominations inProgress }
		eligible { year level kind eligible nominated awarded notNominated }
		problems { year units chosen without }
		exemplars { id kind title unitCode unitName year recognizedOn ideas awards }
	} } }`

type interimAnswer struct {
	InterimSummary struct {
		State   string
		Message string
		Phase   struct{ Name string }
		Scope   struct{ ID, Code, Path string }
		Summary *interimFigures
	}
}

// interimFigures are the summary's fields the tests read.
type interimFigures struct {
	RefreshedAt string
	Overview    map[string]int
	Plans       []map[string]any
	Ideas       []map[string]any
	TopIdeas    []struct {
		Code, Title string
		Adoptions   int
	}
	Restated       []map[string]any
	StandoutPeople []struct {
		Key, Name, UnitName string
		Awards              int
	}
	LaggingUnits  []map[string]any
	FollowUpIdeas []struct {
		ID, Code, Title, Status, Reason string
	}
	Nominations []struct {
		Nominations int
		InProgress  bool
	}
	Eligible  []struct{ NotNominated int }
	Problems  []struct{ Units, Chosen, Without int }
	Exemplars []struct {
		ID, Kind, Title, RecognizedOn string
	}
}

func askInterim(t *testing.T, e *env, tok string, vars map[string]any) (interimAnswer, response) {
	t.Helper()
	r := e.do(t, tok, interimQuery, vars)
	var a interimAnswer
	if len(r.Errors) == 0 {
		r.decode(t, &a)
	}
	return a, r
}

// TestInterimSummary: the city's summary after an ETL run holds figures,
// the names of the people who stand out and the titles of the top ideas,
// and equals what the warehouse gives interim.Load.
func TestInterimSummary(t *testing.T) {
	e := interimEnv(t)
	leader := e.token(t, "leader", "HCM", access.Leader)
	a, r := askInterim(t, e, leader, map[string]any{"phase": "2022-2025"})
	if len(r.Errors) > 0 {
		t.Fatalf("%+v", r.Errors)
	}
	s := a.InterimSummary
	if s.State != "OK" || s.Summary == nil || s.Scope.Path != "/HCM/" || s.Phase.Name != "2022-2025" {
		t.Fatalf("state %s scope %+v", s.State, s.Scope)
	}
	o := s.Summary.Overview
	if o["ideas"] == 0 || o["units"] == 0 || o["awards"] == 0 || o["individuals"] == 0 {
		t.Errorf("overview %v", o)
	}
	if !strings.HasSuffix(s.Summary.RefreshedAt, "+07:00") {
		t.Errorf("refreshedAt %q: want Asia/Ho_Chi_Minh", s.Summary.RefreshedAt)
	}
	followUp(t, e, leader, s.Summary)
	if len(s.Summary.TopIdeas) == 0 || s.Summary.TopIdeas[0].Title == "" {
		t.Errorf("top ideas without titles: %+v", s.Summary.TopIdeas)
	}
	if len(s.Summary.StandoutPeople) == 0 {
		t.Fatal("no standout people")
	}
	for _, p := range s.Summary.StandoutPeople {
		if p.Name == "" || p.UnitName == "" {
			t.Errorf("standout %s has no name or unit: %+v", p.Key, p)
		}
	}
	// The name belongs to the person whose pseudonym is the key (names
	// repeat; codes do not).
	pseudonyms, _ := etl.NewPseudonymizer(interimKey)
	top := s.Summary.StandoutPeople[0]
	rows, err := e.store.DB.Query(`SELECT code FROM people WHERE full_name = ?`, top.Name)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	found := false
	for rows.Next() {
		var code string
		if err := rows.Scan(&code); err != nil {
			t.Fatal(err)
		}
		found = found || pseudonyms.Person(code) == top.Key
	}
	if !found {
		t.Errorf("the name %q is not the key's person", top.Name)
	}
}

// TestInterimScopeByRole: a unit's head sees the unit's subtree and no
// other; members do not see the summary; leaders see any unit.
func TestInterimScopeByRole(t *testing.T) {
	e := interimEnv(t)
	ctx := privacy.DecisionContext(context.Background(), privacy.Allow)
	districts := e.store.Client.Unit.Query().Where().AllX(ctx)
	var own, other string
	var ownID, otherID int
	for _, u := range districts {
		if u.Type != domain.UnitTypeDistrict {
			continue
		}
		if own == "" {
			own, ownID = u.Code, u.ID
		} else if other == "" {
			other, otherID = u.Code, u.ID
		}
	}
	head := e.token(t, "head", own, access.UnitHead)
	a, r := askInterim(t, e, head, map[string]any{"phase": "2022-2025"})
	if len(r.Errors) > 0 || a.InterimSummary.Scope.Code != own {
		t.Fatalf("head's own scope: %+v %+v", a.InterimSummary.Scope, r.Errors)
	}
	if _, r := askInterim(t, e, head, map[string]any{"phase": "2022-2025", "unit": fmt.Sprint(otherID)}); r.code() != "FORBIDDEN" || !hasVietnamese(r.Errors[0].Message) {
		t.Errorf("head reads another district: %+v", r.Errors)
	}
	member := e.token(t, "member", own, access.Member)
	if _, r := askInterim(t, e, member, map[string]any{"phase": "2022-2025"}); r.code() != "FORBIDDEN" {
		t.Errorf("member: %+v", r.Errors)
	}
	analyst := e.token(t, "analyst", "HCM", access.Analyst)
	if a, r := askInterim(t, e, analyst, map[string]any{"phase": "2022-2025", "unit": fmt.Sprint(ownID)}); len(r.Errors) > 0 || a.InterimSummary.Scope.Code != own {
		t.Errorf("analyst on a district: %+v %+v", a.InterimSummary.Scope, r.Errors)
	}
	for phase, code := range map[string]string{"2022": "VALIDATION", "2030-2035": "NOT_FOUND"} {
		if _, r := askInterim(t, e, analyst, map[string]any{"phase": phase}); r.code() != code || !hasVietnamese(r.Errors[0].Message) {
			t.Errorf("phase %q: want %s, got %+v", phase, code, r.Errors)
		}
	}
	if _, r := askInterim(t, e, "", map[string]any{"phase": "2022-2025"}); r.code() != "UNAUTHENTICATED" {
		t.Errorf("no token: %+v", r.Errors)
	}
}

// TestInterimStates: no warehouse, a warehouse never refreshed, one that
// does not answer, and a unit with nothing yet each say so, without figures.
func TestInterimStates(t *testing.T) {
	e := interimEnv(t)
	srv := chtest.Shared(t)
	fresh := srv.Database(t)
	conn, target, err := warehouse.Open(context.Background(), srv.URL(fresh), "")
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := warehouse.Migrate(context.Background(), conn, target); err != nil {
		t.Fatal(err)
	}
	dead := fmt.Sprintf("clickhouse://127.0.0.1:%d/thidua", localch.FreePort())
	leader := e.token(t, "leader", "HCM", access.Leader)
	for want, reports := range map[string]*interim.Service{
		"NOT_CONFIGURED":  nil,
		"NEVER_REFRESHED": {Warehouse: &etl.Monitor{URL: srv.URL(fresh)}},
		"UNREACHABLE":     {Warehouse: &etl.Monitor{URL: dead}},
	} {
		other := e.serve(t, server.Config{Reports: reports})
		a, r := askInterim(t, other, leader, map[string]any{"phase": "2022-2025"})
		if len(r.Errors) > 0 {
			t.Fatalf("%s: %+v", want, r.Errors)
		}
		if s := a.InterimSummary; s.State != want || s.Summary != nil || !hasVietnamese(s.Message) {
			t.Errorf("want %s, got %s %q (summary %v)", want, s.State, s.Message, s.Summary != nil)
		}
	}
	// A unit created after the last refresh has nothing in the warehouse.
	ctx := privacy.DecisionContext(context.Background(), privacy.Allow)
	city := e.store.Client.Unit.Query().Where().FirstX(ctx)
	for city.Type != domain.UnitTypeCity {
		city = city.QueryParent().FirstX(ctx)
	}
	u := e.store.Client.Unit.Create().SetCode("PX-MOI-TEST").SetName("Phường Mới (thử nghiệm)").SetType(domain.UnitTypeWard).
		SetParent(city).SaveX(ctx)
	a, r := askInterim(t, e, leader, map[string]any{"phase": "2022-2025", "unit": fmt.Sprint(u.ID)})
	if len(r.Errors) > 0 || a.InterimSummary.State != "NO_DATA" || !hasVietnamese(a.InterimSummary.Message) {
		t.Errorf("a unit with nothing yet: %+v %+v", a.InterimSummary, r.Errors)
	}
}

// TestInterimReportFiles: the page and the workbook need the API's
// authorisation; the page loads nothing from elsewhere; the workbook
// holds every section.
func TestInterimReportFiles(t *testing.T) {
	e := interimEnv(t)
	leader := e.token(t, "leader", "HCM", access.Leader)
	get := func(path, tok string) (*http.Response, []byte) { return e.get(t, path, tok) }
	res, page := get("/reports/interim/2022-2025", leader)
	if res.StatusCode != 200 || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/html") {
		t.Fatalf("page: %d %s %s", res.StatusCode, res.Header.Get("Content-Type"), page)
	}
	if !strings.Contains(res.Header.Get("Content-Security-Policy"), "default-src 'none'") || res.Header.Get("Cache-Control") != "private, no-store" {
		t.Errorf("page headers: %v", res.Header)
	}
	for _, want := range []string{"<svg", "<table", "Sơ kết", "2022"} {
		if !strings.Contains(string(page), want) {
			t.Errorf("page lacks %q", want)
		}
	}
	for _, banned := range []string{"http://", "https://", "<script"} {
		if i := strings.Index(string(page), banned); i >= 0 && !strings.Contains(string(page[max(0, i-40):i]), "xmlns") {
			t.Errorf("page holds %q: %s", banned, page[max(0, i-60):min(len(page), i+60)])
		}
	}
	res, book := get("/reports/interim/2022-2025.xlsx", leader)
	if res.StatusCode != 200 || !strings.Contains(res.Header.Get("Content-Disposition"), "so-ket-2022-2025-HCM.xlsx") {
		t.Fatalf("workbook: %d %v", res.StatusCode, res.Header)
	}
	f, err := excelize.OpenReader(strings.NewReader(string(book)))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sheets := f.GetSheetList()
	for _, want := range render.Sheets {
		rows, err := f.GetRows(want)
		if err != nil || len(rows) < 2 {
			t.Errorf("sheet %q: %d rows, %v (sheets %v)", want, len(rows), err, sheets)
		}
	}
	for path, want := range map[string]int{
		"/reports/interim/2022-2025":        http.StatusUnauthorized,
		"/reports/interim/2022.xlsx":        http.StatusBadRequest,
		"/reports/interim/2022-2025?unit=x": http.StatusBadRequest,
	} {
		tok := leader
		if want == http.StatusUnauthorized {
			tok = ""
		}
		if res, body := get(path, tok); res.StatusCode != want || !hasVietnamese(string(body)) {
			t.Errorf("%s: %d %s, want %d", path, res.StatusCode, body, want)
		}
	}
	member := e.token(t, "member", "HCM", access.Member)
	if res, _ := get("/reports/interim/2022-2025.xlsx", member); res.StatusCode != http.StatusForbidden {
		t.Errorf("member's workbook: %d", res.StatusCode)
	}
}

// followUp: what the review follows up agrees with itself and with the
// store: the overview counts what the lists hold, the titles come from
// the store, and an id leads to the record through node(id).
func followUp(t *testing.T, e *env, tok string, s *interimFigures) {
	t.Helper()
	o := s.Overview
	reasons := map[string]int{}
	for _, f := range s.FollowUpIdeas {
		reasons[f.Reason]++
		if f.Title == "" {
			t.Errorf("follow-up idea %s has no title", f.Code)
		}
	}
	if len(s.FollowUpIdeas) < 200 && (reasons["AWAITING_CITY"] != o["ideasAwaitingCity"] || reasons["HALTED"] != o["ideasHalted"] ||
		reasons["PILOT_INEFFECTIVE"] != o["pilotsIneffective"]) {
		t.Errorf("follow-up list %v, overview %v", reasons, o)
	}
	var awaiting int
	if err := e.store.DB.QueryRow(`SELECT count(*) FROM ideas WHERE status IN ('REFERRED_TO_CITY', 'PROPOSED_TO_CITY') AND year BETWEEN 2022 AND 2025`).Scan(&awaiting); err != nil {
		t.Fatal(err)
	}
	if awaiting == 0 || awaiting != o["ideasAwaitingCity"] {
		t.Errorf("ideas awaiting the city: store %d, summary %d", awaiting, o["ideasAwaitingCity"])
	}
	progress, notNominated, without := 0, 0, 0
	for _, n := range s.Nominations {
		if n.InProgress {
			progress += n.Nominations
		}
	}
	for _, x := range s.Eligible {
		notNominated += x.NotNominated
	}
	for _, p := range s.Problems {
		if p.Without != p.Units-p.Chosen {
			t.Errorf("problems row %+v", p)
		}
		without += p.Without
	}
	if progress != o["nominationsInProgress"] || notNominated != o["eligibleNotNominated"] || without != o["unitYearsWithoutProblem"] ||
		len(s.Exemplars) != o["exemplars"] {
		t.Errorf("overview %v against rows: in progress %d, not nominated %d, without problem %d, exemplars %d",
			o, progress, notNominated, without, len(s.Exemplars))
	}
	if len(s.Exemplars) == 0 || notNominated == 0 {
		t.Errorf("the demo city has no exemplar (%d) or nobody eligible and not nominated (%d)", len(s.Exemplars), notNominated)
	}
	for _, x := range s.Exemplars {
		if x.Title == "" || len(x.RecognizedOn) != 10 {
			t.Errorf("exemplar %+v", x)
		}
	}
	if len(s.FollowUpIdeas) > 0 {
		f := s.FollowUpIdeas[0]
		r := e.do(t, tok, `query($id: ID!) { node(id: $id) { ... on Idea { code status } } }`, map[string]any{"id": f.ID})
		var a struct{ Node struct{ Code, Status string } }
		r.decode(t, &a)
		if a.Node.Code != f.Code || a.Node.Status != f.Status {
			t.Errorf("node(%s) = %+v, want %s %s", f.ID, a.Node, f.Code, f.Status)
		}
	}
}
