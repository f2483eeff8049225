// Package policy applies the access rules of internal/access to the data
// layer as ent privacy policies, so no path around the API can skip them.
// Reads by scoped roles are narrowed with a subquery on the unit tree, so a
// scoped read costs no extra statement.
package policy

import (
	"context"

	"entgo.io/ent/dialect/sql"

	"github.com/hcmc-thidua/thidua/ent"
	"github.com/hcmc-thidua/thidua/ent/adoption"
	"github.com/hcmc-thidua/thidua/ent/award"
	"github.com/hcmc-thidua/thidua/ent/dossierdocument"
	"github.com/hcmc-thidua/thidua/ent/headcount"
	"github.com/hcmc-thidua/thidua/ent/idea"
	"github.com/hcmc-thidua/thidua/ent/ideaevent"
	"github.com/hcmc-thidua/thidua/ent/integrityflag"
	"github.com/hcmc-thidua/thidua/ent/membership"
	"github.com/hcmc-thidua/thidua/ent/nomination"
	"github.com/hcmc-thidua/thidua/ent/participation"
	"github.com/hcmc-thidua/thidua/ent/person"
	"github.com/hcmc-thidua/thidua/ent/predicate"
	"github.com/hcmc-thidua/thidua/ent/privacy"
	"github.com/hcmc-thidua/thidua/ent/unitplan"
	"github.com/hcmc-thidua/thidua/ent/unitreport"
	"github.com/hcmc-thidua/thidua/internal/access"
	"github.com/hcmc-thidua/thidua/internal/domain"
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

// scoped builds the read policy of a kind whose rows a scoped viewer sees
// when narrow, given the viewer's subtree, says so.
func scoped[Q any](narrow func(v *access.Viewer, q Q, in subtree)) privacy.QueryPolicy {
	return privacy.QueryPolicy{
		requireViewer,
		allowCityWide,
		privacy.QueryRuleFunc(func(ctx context.Context, q ent.Query) error {
			v := access.FromContext(ctx)
			if !v.Scoped() {
				return problem.Wrap(privacy.Deny, problem.Forbidden, "Vai trò của bạn không được xem dữ liệu này.")
			}
			typed, ok := q.(Q)
			if !ok {
				return problem.New(problem.Internal, "Lỗi phân quyền nội bộ.")
			}
			narrow(v, typed, subtree(v.UnitPath))
			return privacy.Allow
		}),
	}
}

// ReadPerson: people with a membership, past or present, in the subtree.
func ReadPerson() privacy.QueryPolicy {
	return scoped(func(v *access.Viewer, q *ent.PersonQuery, in subtree) {
		q.Where(person.HasMembershipsWith(in.has(membership.FieldUnitID)))
	})
}

// ReadMembership: memberships in the subtree.
func ReadMembership() privacy.QueryPolicy {
	return scoped(func(v *access.Viewer, q *ent.MembershipQuery, in subtree) { q.Where(in.has(membership.FieldUnitID)) })
}

// ReadHeadcount: headcounts of units in the subtree.
func ReadHeadcount() privacy.QueryPolicy {
	return scoped(func(v *access.Viewer, q *ent.HeadcountQuery, in subtree) { q.Where(in.has(headcount.FieldUnitID)) })
}

// ReadUnitPlan: plans of units in the subtree.
func ReadUnitPlan() privacy.QueryPolicy {
	return scoped(func(v *access.Viewer, q *ent.UnitPlanQuery, in subtree) { q.Where(in.has(unitplan.FieldUnitID)) })
}

// ReadUnitReport: reports of units in the subtree.
func ReadUnitReport() privacy.QueryPolicy {
	return scoped(func(v *access.Viewer, q *ent.UnitReportQuery, in subtree) { q.Where(in.has(unitreport.FieldUnitID)) })
}

// ReadParticipation: participation in units of the subtree.
func ReadParticipation() privacy.QueryPolicy {
	return scoped(func(v *access.Viewer, q *ent.ParticipationQuery, in subtree) {
		q.Where(in.has(participation.FieldUnitID))
	})
}

// readableIdea: ideas of units in the subtree, and every idea evaluated
// effective, city-wide: those are the ones other units adopt (§II.2.5).
func readableIdea(in subtree) predicate.Idea {
	return idea.Or(in.has(idea.FieldUnitID), idea.StatusIn(domain.EffectiveStatuses()...))
}

// ReadIdea: see readableIdea.
func ReadIdea() privacy.QueryPolicy {
	return scoped(func(v *access.Viewer, q *ent.IdeaQuery, in subtree) { q.Where(readableIdea(in)) })
}

// ReadIdeaEvent: the history of the ideas the viewer reads.
func ReadIdeaEvent() privacy.QueryPolicy {
	return scoped(func(v *access.Viewer, q *ent.IdeaEventQuery, in subtree) {
		q.Where(ideaevent.HasIdeaWith(readableIdea(in)))
	})
}

// ReadAdoption: adoptions by the subtree, and adoptions of its ideas elsewhere.
func ReadAdoption() privacy.QueryPolicy {
	return scoped(func(v *access.Viewer, q *ent.AdoptionQuery, in subtree) {
		q.Where(adoption.Or(in.has(adoption.FieldUnitID), adoption.HasIdeaWith(in.has(idea.FieldUnitID))))
	})
}

// ReadNomination: nominations the subtree proposed or received.
func ReadNomination() privacy.QueryPolicy {
	return scoped(func(v *access.Viewer, q *ent.NominationQuery, in subtree) {
		q.Where(nominationOf(in))
	})
}

// nominationOf: nominations the subtree proposed or received.
func nominationOf(in subtree) predicate.Nomination {
	return nomination.Or(in.has(nomination.FieldUnitID), in.has(nomination.FieldRecipientUnitID))
}

// ReadDossierDocument: documents of nominations the viewer reads.
func ReadDossierDocument() privacy.QueryPolicy {
	return scoped(func(v *access.Viewer, q *ent.DossierDocumentQuery, in subtree) {
		q.Where(dossierdocument.HasNominationWith(nominationOf(in)))
	})
}

// ReadAward: awards of the subtree's collectives and people.
func ReadAward() privacy.QueryPolicy {
	return scoped(func(v *access.Viewer, q *ent.AwardQuery, in subtree) { q.Where(in.has(award.FieldUnitID)) })
}

// ReadIntegrityFlag: flags in the subtree, for its officers and heads only.
func ReadIntegrityFlag() privacy.QueryPolicy {
	return scoped(func(v *access.Viewer, q *ent.IntegrityFlagQuery, in subtree) {
		q.Where(in.has(integrityflag.FieldUnitID))
		if !v.HasAny(access.UnitAdmin, access.UnitHead) {
			q.Where(func(s *sql.Selector) { s.Where(sql.False()) })
		}
	})
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
