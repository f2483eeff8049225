package digest_test

import (
	"context"
	"io"
	"mime"
	"mime/quotedprintable"
	"net"
	"net/mail"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-smtp"

	"github.com/hcmc-thidua/thidua/ent"
	"github.com/hcmc-thidua/thidua/ent/privacy"
	"github.com/hcmc-thidua/thidua/internal/access"
	"github.com/hcmc-thidua/thidua/internal/digest"
	"github.com/hcmc-thidua/thidua/internal/domain"
	"github.com/hcmc-thidua/thidua/internal/planning"
	"github.com/hcmc-thidua/thidua/internal/store"
	"github.com/hcmc-thidua/thidua/internal/store/storetest"
)

// mailbox is a real SMTP server (emersion/go-smtp) on a free port, keeping
// what it receives.
type mailbox struct {
	mu   sync.Mutex
	msgs []received
	fail bool
	addr string
}

type received struct {
	from string
	to   []string
	data []byte
}

type session struct {
	box *mailbox
	cur received
}

func (s *session) Reset()        { s.cur = received{} }
func (s *session) Logout() error { return nil }
func (s *session) Mail(from string, _ *smtp.MailOptions) error {
	s.cur.from = from
	return nil
}
func (s *session) Rcpt(to string, _ *smtp.RcptOptions) error {
	s.box.mu.Lock()
	defer s.box.mu.Unlock()
	if s.box.fail {
		return &smtp.SMTPError{Code: 451, Message: "try again later"}
	}
	s.cur.to = append(s.cur.to, to)
	return nil
}
func (s *session) Data(r io.Reader) error {
	b, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	s.cur.data = b
	s.box.mu.Lock()
	s.box.msgs = append(s.box.msgs, s.cur)
	s.box.mu.Unlock()
	return nil
}

func startMailbox(t testing.TB) *mailbox {
	t.Helper()
	box := &mailbox{}
	srv := smtp.NewServer(smtp.BackendFunc(func(*smtp.Conn) (smtp.Session, error) { return &session{box: box}, nil }))
	srv.Domain = "localhost"
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
	box.addr = ln.Addr().String()
	return box
}

func (b *mailbox) refuse(on bool) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.fail = on
}

func decodeQP(t *testing.T, b []byte) string {
	t.Helper()
	out, err := io.ReadAll(quotedprintable.NewReader(strings.NewReader(string(b))))
	if err != nil {
		t.Fatal(err)
	}
	return string(out)
}

func (b *mailbox) all() []received {
	b.mu.Lock()
	defer b.mu.Unlock()
	return append([]received(nil), b.msgs...)
}

// city: a district with a head and an officer (with e-mails), two wards
// whose yearly report is overdue, a ward head without an e-mail, and a
// member (no digest).
func city(t *testing.T, d string) *store.Store {
	t.Helper()
	st, err := store.Open(context.Background(), storetest.URL(t, d), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	ctx := access.NewContext(privacy.DecisionContext(context.Background(), privacy.Allow),
		&access.Viewer{Sub: "board", Roles: []access.Role{access.CityAdmin}, UnitCode: "HCM", UnitPath: "/HCM/"})
	c := st.Client
	day := func(s string) time.Time { d, _ := time.Parse("2006-01-02", s); return d }
	hcm := c.Unit.Create().SetCode("HCM").SetName("Thành phố Hồ Chí Minh").SetType(domain.UnitTypeCity).SaveX(ctx)
	q1 := c.Unit.Create().SetCode("Q1").SetName("Quận 1").SetType(domain.UnitTypeDistrict).SetParent(hcm).SaveX(ctx)
	p1 := c.Unit.Create().SetCode("PBN").SetName("Phường Bến Nghé").SetType(domain.UnitTypeWard).SetParent(q1).SaveX(ctx)
	c.Unit.Create().SetCode("PDK").SetName("Phường Đa Kao").SetType(domain.UnitTypeWard).SetParent(q1).SaveX(ctx)
	c.Phase.Create().SetName("2026-2030").SetStartYear(2026).SetEndYear(2030).ExecX(ctx)
	person := func(code, email string, u *ent.Unit, role domain.MemberRole) {
		p := c.Person.Create().SetCode(code).SetFullName("Người " + code).SetGender(domain.Gender("FEMALE")).SetEmail(email).SaveX(ctx)
		c.Membership.Create().SetPerson(p).SetUnit(u).SetCategory(domain.PersonCategory("CIVIL_SERVANT")).SetRole(role).
			SetValidFrom(day("2026-01-01")).ExecX(ctx)
	}
	person("HEAD-Q1", "truong.q1@example.gov.vn", q1, domain.MemberRoleHead)
	person("TDKT-Q1", "thidua.q1@example.gov.vn", q1, domain.MemberRoleEmulationOfficer)
	person("HEAD-PBN", "", p1, domain.MemberRoleHead)
	person("CV-PBN", "cv.pbn@example.gov.vn", p1, domain.MemberRoleStaff)
	tx, err := c.Tx(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := planning.CallForReports(ctx, tx.Client(), planning.Call{Phase: "2026-2030", Kind: domain.ReportKindYearly,
		Year: 2026, DueOn: day("2026-12-15"), Reach: planning.Reach{UnitType: ptr(domain.UnitTypeWard)}}); err != nil {
		t.Fatal(err)
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	return st
}

func ptr[T any](v T) *T { return &v }

// TestDigestOncePerDay — Kế hoạch 1821, mục V.4 ("theo dõi, đôn đốc"):
// each unit head and emulation officer with something waiting gets one
// e-mail a day, in Vietnamese, from a real SMTP server's point of view; two
// replicas racing on the same day send it once, a restart the same day
// sends nothing more, and a refused send is retried by a later run.
func TestDigestOncePerDay(t *testing.T) {
	for _, d := range storetest.Dialects {
		t.Run(d, func(t *testing.T) {
			st := city(t, d)
			box := startMailbox(t)
			now := func() time.Time { return time.Date(2026, 12, 18, 0, 30, 0, 0, time.UTC) } // 07:30 in HCM
			runner := func(name string) digest.Runner {
				return digest.Runner{Client: st.Client, Replica: name, Now: now,
					Mail: digest.SMTP{Addr: box.addr, From: "thidua@example.gov.vn"}}
			}
			box.refuse(true)
			res, err := runner("a").Run(context.Background())
			if err != nil || res.Failed != 2 || res.Sent != 0 {
				t.Fatalf("with the server refusing: %+v %v", res, err)
			}
			box.refuse(false)
			var wg sync.WaitGroup
			results := make([]digest.Result, 2)
			errs := make([]error, 2)
			for i, name := range []string{"replica-1", "replica-2"} {
				wg.Add(1)
				go func() {
					defer wg.Done()
					results[i], errs[i] = runner(name).Run(context.Background())
				}()
			}
			wg.Wait()
			if errs[0] != nil || errs[1] != nil {
				t.Fatal(errs)
			}
			if sent := results[0].Sent + results[1].Sent; sent != 2 {
				t.Errorf("two replicas sent %d digests (%+v), want one each for the head and the officer of Q1", sent, results)
			}
			if res, err := runner("restarted").Run(context.Background()); err != nil || res.Sent != 0 {
				t.Errorf("a restart the same day: %+v %v", res, err)
			}
			msgs := box.all()
			if len(msgs) != 2 {
				t.Fatalf("%d messages received, want 2", len(msgs))
			}
			to := map[string]bool{}
			for _, m := range msgs {
				to[strings.Join(m.to, ",")] = true
				parsed, err := mail.ReadMessage(strings.NewReader(string(m.data)))
				if err != nil {
					t.Fatal(err)
				}
				subject, err := new(mime.WordDecoder).DecodeHeader(parsed.Header.Get("Subject"))
				if err != nil || subject != "[Thi đua] 2 việc chờ xử lý ngày 18/12/2026" {
					t.Errorf("subject %q (%v)", subject, err)
				}
				body, _ := io.ReadAll(parsed.Body)
				text := decodeQP(t, body)
				for _, want := range []string{"Phường Bến Nghé", "Phường Đa Kao", "Báo cáo năm năm 2026, hạn 15/12/2026", "Kế hoạch 1821/KH-UBND"} {
					if !strings.Contains(text, want) {
						t.Errorf("the digest to %v lacks %q:\n%s", m.to, want, text)
					}
				}
			}
			if !to["truong.q1@example.gov.vn"] || !to["thidua.q1@example.gov.vn"] {
				t.Errorf("recipients %v", to)
			}
			if sent, err := digest.Sent(context.Background(), st.Client, time.Date(2026, 12, 18, 0, 0, 0, 0, time.UTC)); err != nil || len(sent) != 2 {
				t.Errorf("deliveries recorded: %d %v", len(sent), err)
			}
		})
	}
}
