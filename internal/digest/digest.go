// Package digest e-mails each unit head and emulation officer what waits on
// them (the attention list), once a day (Kế hoạch 1821, mục V.4: "theo dõi,
// đôn đốc"). The day's claim is a row in the store, unique by day and
// recipient, so a day's digest goes out once however many replicas run the
// schedule or restart.
package digest

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"strings"
	"time"

	"github.com/hcmc-thidua/thidua/ent"
	"github.com/hcmc-thidua/thidua/ent/digestdelivery"
	"github.com/hcmc-thidua/thidua/ent/membership"
	"github.com/hcmc-thidua/thidua/ent/privacy"
	"github.com/hcmc-thidua/thidua/internal/access"
	"github.com/hcmc-thidua/thidua/internal/attention"
	"github.com/hcmc-thidua/thidua/internal/audit"
	"github.com/hcmc-thidua/thidua/internal/clock"
	"github.com/hcmc-thidua/thidua/internal/domain"
)

// WithinDays is how far ahead a digest lists reports due.
const WithinDays = 7

// Runner sends a day's digests.
type Runner struct {
	Client  *ent.Client
	Mail    Mailer
	Replica string // names the claims this replica makes
	Now     clock.Func
}

// Result counts what a run did.
type Result struct {
	Recipients, Sent, Empty, Claimed, Failed int
}

// recipient is a head or officer with an e-mail, and the viewer they are.
type recipient struct {
	email    string
	personID int
	viewer   *access.Viewer
}

// Run sends today's digest (in Asia/Ho_Chi_Minh) to every unit head and
// emulation officer serving today whose attention list is not empty, and
// who has not had it today. A failed send gives the claim back, so a later
// run that day tries again.
func (r Runner) Run(ctx context.Context) (Result, error) {
	now := time.Now
	if r.Now != nil {
		now = r.Now
	}
	ctx = clock.With(ctx, clock.Func(now))
	sys := audit.Suppress(privacy.DecisionContext(ctx, privacy.Allow))
	today := clock.Today(ctx)
	rs, err := recipients(sys, r.Client, today)
	if err != nil {
		return Result{}, err
	}
	res := Result{Recipients: len(rs)}
	for _, rc := range rs {
		vctx := clock.With(access.NewContext(ctx, rc.viewer), clock.Func(now))
		l, err := attention.For(vctx, r.Client, WithinDays)
		if err != nil {
			return res, fmt.Errorf("digest: attention of %s: %w", rc.viewer.Sub, err)
		}
		if len(l.Items) == 0 {
			res.Empty++
			continue
		}
		claim, err := r.Client.DigestDelivery.Create().SetDay(today).SetRecipient(rc.email).SetPersonID(rc.personID).
			SetClaimedAt(now()).SetClaimedBy(r.Replica).SetItems(len(l.Items)).Save(sys)
		if ent.IsConstraintError(err) {
			res.Claimed++ // another run has it, or sent it already
			continue
		}
		if err != nil {
			return res, err
		}
		msg := Compose(rc.viewer, l, today, now())
		if err := r.Mail.Send(ctx, rc.email, msg); err != nil {
			res.Failed++
			slog.WarnContext(ctx, "digest: sending failed; the claim is given back for a later run today",
				"recipient", rc.viewer.Sub, "err", err)
			if derr := r.Client.DigestDelivery.DeleteOne(claim).Exec(sys); derr != nil {
				return res, errors.Join(err, derr)
			}
			continue
		}
		if err := r.Client.DigestDelivery.UpdateOne(claim).SetSentAt(now()).Exec(sys); err != nil {
			return res, err
		}
		res.Sent++
	}
	return res, nil
}

// recipients are the people serving today as a unit's head (UNIT_HEAD) or
// its emulation officer (UNIT_ADMIN) who have an e-mail: the roles the
// plan's follow-up reaches in the units (reading: the membership's role is
// who they are; deputies and staff get no digest).
func recipients(ctx context.Context, client *ent.Client, today time.Time) ([]recipient, error) {
	ms, err := client.Membership.Query().Where(
		membership.RoleIn(domain.MemberRoleHead, domain.MemberRoleEmulationOfficer),
		membership.ValidFromLTE(today), membership.Or(membership.ValidToIsNil(), membership.ValidToGT(today)),
	).WithPerson().WithUnit().All(ctx)
	if err != nil {
		return nil, err
	}
	byEmail := map[string]*recipient{}
	var out []*recipient
	for _, m := range ms {
		p, u := m.Edges.Person, m.Edges.Unit
		if p == nil || u == nil {
			continue
		}
		email := strings.ToLower(strings.TrimSpace(p.Email))
		if email == "" || !strings.Contains(email, "@") {
			continue
		}
		role := access.UnitAdmin
		if m.Role == domain.MemberRoleHead {
			role = access.UnitHead
		}
		if r, ok := byEmail[email]; ok {
			// One digest a person: a head who is also the officer reads both lists.
			if r.viewer.UnitPath == u.Path && !r.viewer.Has(role) {
				r.viewer.Roles = append(r.viewer.Roles, role)
			}
			continue
		}
		r := &recipient{email: email, personID: p.ID, viewer: &access.Viewer{Sub: p.Code, Roles: []access.Role{role},
			UnitID: u.ID, UnitCode: u.Code, UnitPath: u.Path}}
		byEmail[email] = r
		out = append(out, r)
	}
	res := make([]recipient, len(out))
	for i, r := range out {
		res[i] = *r
	}
	return res, nil
}

// Sent lists a day's deliveries, for operators and tests.
func Sent(ctx context.Context, client *ent.Client, day time.Time) ([]*ent.DigestDelivery, error) {
	return client.DigestDelivery.Query().Where(digestdelivery.Day(day), digestdelivery.SentAtNotNil()).
		All(privacy.DecisionContext(ctx, privacy.Allow))
}

// ParseURL reads THIDUA_SMTP_URL: smtp://[user:password@]host:port?from=address.
func ParseURL(raw string) (SMTP, error) {
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "smtp" && u.Scheme != "smtps") || u.Hostname() == "" {
		return SMTP{}, fmt.Errorf("THIDUA_SMTP_URL: want smtp://[user:password@]host:port?from=address")
	}
	s := SMTP{Addr: u.Host, From: u.Query().Get("from"), ImplicitTLS: u.Scheme == "smtps"}
	if u.Port() == "" {
		s.Addr = u.Hostname() + map[bool]string{true: ":465", false: ":25"}[s.ImplicitTLS]
	}
	if u.User != nil {
		s.User = u.User.Username()
		s.Password, _ = u.User.Password()
	}
	if s.From == "" || !strings.Contains(s.From, "@") {
		return SMTP{}, fmt.Errorf("THIDUA_SMTP_URL: the sender is missing: add ?from=thidua@example.gov.vn")
	}
	return s, nil
}
