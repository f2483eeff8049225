// Package policy applies the access rules of internal/access to the data
// layer as ent privacy policies, so no path around the API can skip them.
// Reads by scoped roles are narrowed with a subquery on the unit tree, so a
// scoped read costs no extra statement.
package policy

import (
	"context"

	"entgo.io/ent/dialect/sql"

	"github.com/hcmc-thidua/thidua/ent"
	"github.com/hcmc-thidua/thidua/ent/privacy"
	"github.com/hcmc-thidua/thidua/internal/access"
	"github.com/hcmc-thidua/thidua/internal/problem"
)

// errNoViewer is returned for data asked for without a valid token.
var errNoViewer = problem.Wrap(privacy.Deny, problem.Unauthenticated, "Cần đăng nhập (thiếu hoặc sai mã xác thực).")

// requireViewer denies any read or write without a viewer; the server's own
// work (seeding, migrations, the ETL) runs with an explicit allow decision.
var requireViewer = privacy.ContextQueryMutationRule(func(ctx context.Context) error {
	if access.FromContext(ctx) == nil {
		return errNoViewer
	}
	return privacy.Skip
})

// allowCityWide lets CITY_ADMIN, LEADER and ANALYST read every row.
var allowCityWide = privacy.QueryRuleFunc(func(ctx context.Context, _ ent.Query) error {
	if access.FromContext(ctx).ReadsCityWide() {
		return privacy.Allow
	}
	return privacy.Skip
})

// Public is the read policy of the unit directory and the phases: any
// signed-in viewer reads them, because every form needs them.
func Public() privacy.QueryPolicy {
	return privacy.QueryPolicy{requireViewer, privacy.AlwaysAllowRule()}
}

// SystemRead is the read policy of the server's own bookkeeping (the
// digest's deliveries): no viewer reads it; the server's jobs read under an
// explicit allow decision, which bypasses this policy.
func SystemRead() privacy.QueryPolicy {
	return privacy.QueryPolicy{privacy.QueryRuleFunc(func(context.Context, ent.Query) error {
		return problem.Wrap(privacy.Deny, problem.Forbidden, "Dữ liệu này không được xem qua API.")
	})}
}

// scoped builds the read policy of a kind whose rows a scoped viewer sees
// by the kind's rule in scopedRules; apply narrows the typed query by it.
func scoped[Q any](kind string, apply func(q Q, readable func(*sql.Selector))) privacy.QueryPolicy {
	return privacy.QueryPolicy{
		requireViewer,
		allowCityWide,
		privacy.QueryRuleFunc(func(ctx context.Context, q ent.Query) error {
			v := access.FromContext(ctx)
			if !v.Scoped() {
				return problem.Wrap(privacy.Deny, problem.Forbidden, "Vai trò của bạn không được xem dữ liệu này.")
			}
			typed, ok := q.(Q)
			readable, err := Readable(v, kind)
			if !ok || err != nil || readable == nil {
				return problem.New(problem.Internal, "Lỗi phân quyền nội bộ.")
			}
			apply(typed, readable)
			return privacy.Allow
		}),
	}
}

// ReadPerson: see scopedRules.
func ReadPerson() privacy.QueryPolicy {
	return scoped("Person", func(q *ent.PersonQuery, p func(*sql.Selector)) { q.Where(p) })
}

// ReadMembership: see scopedRules.
func ReadMembership() privacy.QueryPolicy {
	return scoped("Membership", func(q *ent.MembershipQuery, p func(*sql.Selector)) { q.Where(p) })
}

// ReadHeadcount: see scopedRules.
func ReadHeadcount() privacy.QueryPolicy {
	return scoped("Headcount", func(q *ent.HeadcountQuery, p func(*sql.Selector)) { q.Where(p) })
}

// ReadUnitPlan: see scopedRules.
func ReadUnitPlan() privacy.QueryPolicy {
	return scoped("UnitPlan", func(q *ent.UnitPlanQuery, p func(*sql.Selector)) { q.Where(p) })
}

// ReadChosenProblem: see scopedRules.
func ReadChosenProblem() privacy.QueryPolicy {
	return scoped("ChosenProblem", func(q *ent.ChosenProblemQuery, p func(*sql.Selector)) { q.Where(p) })
}

// ReadUnitReport: see scopedRules.
func ReadUnitReport() privacy.QueryPolicy {
	return scoped("UnitReport", func(q *ent.UnitReportQuery, p func(*sql.Selector)) { q.Where(p) })
}

// ReadParticipation: see scopedRules.
func ReadParticipation() privacy.QueryPolicy {
	return scoped("Participation", func(q *ent.ParticipationQuery, p func(*sql.Selector)) { q.Where(p) })
}

// ReadIdea: see scopedRules.
func ReadIdea() privacy.QueryPolicy {
	return scoped("Idea", func(q *ent.IdeaQuery, p func(*sql.Selector)) { q.Where(p) })
}

// ReadIdeaEvent: see scopedRules.
func ReadIdeaEvent() privacy.QueryPolicy {
	return scoped("IdeaEvent", func(q *ent.IdeaEventQuery, p func(*sql.Selector)) { q.Where(p) })
}

// ReadAdoption: see scopedRules.
func ReadAdoption() privacy.QueryPolicy {
	return scoped("Adoption", func(q *ent.AdoptionQuery, p func(*sql.Selector)) { q.Where(p) })
}

// ReadNomination: see scopedRules.
func ReadNomination() privacy.QueryPolicy {
	return scoped("Nomination", func(q *ent.NominationQuery, p func(*sql.Selector)) { q.Where(p) })
}

// ReadDossierDocument: see scopedRules.
func ReadDossierDocument() privacy.QueryPolicy {
	return scoped("DossierDocument", func(q *ent.DossierDocumentQuery, p func(*sql.Selector)) { q.Where(p) })
}

// ReadAward: see scopedRules.
func ReadAward() privacy.QueryPolicy {
	return scoped("Award", func(q *ent.AwardQuery, p func(*sql.Selector)) { q.Where(p) })
}

// ReadIntegrityFlag: the board reads every discipline and integrity
// record, a unit head those of its subtree; every other viewer, city-wide
// ones included, reads none — an empty answer, not a refusal, so that not
// even a record's existence shows (issue 15).
func ReadIntegrityFlag() privacy.QueryPolicy {
	return privacy.QueryPolicy{
		requireViewer,
		privacy.QueryRuleFunc(func(ctx context.Context, q ent.Query) error {
			readable, err := Readable(access.FromContext(ctx), "IntegrityFlag")
			typed, ok := q.(*ent.IntegrityFlagQuery)
			if err != nil || !ok {
				return problem.New(problem.Internal, "Lỗi phân quyền nội bộ.")
			}
			if readable != nil {
				typed.Where(readable)
			}
			return privacy.Allow
		}),
	}
}

// ReadAuditEvent: the audit log is the board's (CITY_ADMIN) alone.
func ReadAuditEvent() privacy.QueryPolicy {
	return privacy.QueryPolicy{
		requireViewer,
		privacy.QueryRuleFunc(func(ctx context.Context, _ ent.Query) error {
			if access.FromContext(ctx).Has(access.CityAdmin) {
				return privacy.Allow
			}
			return problem.Wrap(privacy.Deny, problem.Forbidden, "Chỉ Ban Thi đua – Khen thưởng được xem nhật ký thay đổi.")
		}),
	}
}
