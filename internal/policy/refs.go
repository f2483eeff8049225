package policy

import (
	"context"
	"slices"
	"sort"

	"github.com/hcmc-thidua/thidua/ent"
	"github.com/hcmc-thidua/thidua/ent/award"
	"github.com/hcmc-thidua/thidua/ent/idea"
	"github.com/hcmc-thidua/thidua/ent/membership"
	"github.com/hcmc-thidua/thidua/ent/nomination"
	"github.com/hcmc-thidua/thidua/ent/person"
	"github.com/hcmc-thidua/thidua/ent/phase"
	"github.com/hcmc-thidua/thidua/ent/predicate"
	"github.com/hcmc-thidua/thidua/internal/access"
	"github.com/hcmc-thidua/thidua/internal/problem"
)

// Ref is the rule for naming a record through an edge of a mutation: what
// a scoped writer (UNIT_ADMIN, UNIT_HEAD, MEMBER) may point a record at.
// Checking only the record's own unit let a unit's officer attach another
// unit's person to a membership, a nomination or an award (issue 14).
type Ref int

// The rules. Each edge of the model has one; an edge without one is
// refused to every scoped writer, so a new edge cannot ship unguarded.
const (
	// RefUnit: a unit in the viewer's subtree.
	RefUnit Ref = iota + 1
	// RefPerson: a person with a membership, past or present, in the
	// viewer's subtree, or a person with no membership yet (just created,
	// about to be attached). Moving a person between subtrees is the board's.
	RefPerson
	// RefIdea: an idea the viewer reads: the subtree's own, or one
	// evaluated effective, which every unit may adopt (§II.2.5).
	RefIdea
	// RefOwnIdea: an idea a nomination or an award rests on: the subtree's,
	// or one its people proposed (in a unit they worked in before). Another
	// unit's effective idea is readable, but not an achievement of ours.
	RefOwnIdea
	// RefNomination: a nomination the viewer's subtree proposed.
	RefNomination
	// RefAward: an award of the viewer's subtree.
	RefAward
	// RefPublic: a directory entry every viewer reads (phases).
	RefPublic
	// RefBoard: only CITY_ADMIN changes these links (successor links,
	// which reorganisation writes).
	RefBoard
	// RefNever: links written from the other side only. A unit's children
	// change when a child's parent does, through the hook that keeps the
	// paths of the tree; adding a child from the parent's side would skip it.
	RefNever
)

// References is every edge of every kind the write policy guards, with its
// rule. policy's tests compare it with the edges of the ent schema.
var References = map[string]map[string]Ref{
	"Adoption":        {"idea": RefIdea, "unit": RefUnit},
	"Award":           {"unit": RefUnit, "recipient_person": RefPerson, "nomination": RefNomination, "ideas": RefOwnIdea, "revoked_by": RefAward, "revokes": RefAward, "exemplars": RefNever},
	"DossierDocument": {"nomination": RefNomination},
	"Headcount":       {"unit": RefUnit},
	"Idea":            {"unit": RefUnit, "proposers": RefPerson, "events": RefNever, "adoptions": RefNever, "nominations": RefNever, "awards": RefNever, "exemplars": RefNever},
	"IntegrityFlag":   {"unit": RefUnit, "person": RefPerson},
	"Membership":      {"person": RefPerson, "unit": RefUnit},
	"Nomination":      {"unit": RefUnit, "recipient_person": RefPerson, "recipient_unit": RefUnit, "ideas": RefOwnIdea, "documents": RefNever, "award": RefNever},
	"Participation":   {"unit": RefUnit, "person": RefPerson},
	"Person":          {"memberships": RefNever, "ideas": RefNever, "participations": RefNever, "nominations": RefNever, "awards": RefNever, "integrity_flags": RefNever},
	"Unit": {"parent": RefUnit, "children": RefNever, "successors": RefBoard, "predecessors": RefBoard,
		"memberships": RefNever, "ideas": RefNever, "plans": RefNever, "reports": RefNever, "headcounts": RefNever,
		"participations": RefNever, "adoptions": RefNever, "nominations": RefNever, "received_nominations": RefNever,
		"awards": RefNever, "integrity_flags": RefNever, "report_calls": RefNever, "chosen_problems": RefNever},
	"UnitPlan":      {"unit": RefUnit, "phase": RefPublic},
	"ChosenProblem": {"unit": RefUnit, "idea": RefOwnIdea},
	"Exemplar":      {"unit": RefBoard, "person": RefBoard, "ideas": RefBoard, "awards": RefBoard},
	"UnitReport":    {"unit": RefUnit, "phase": RefPublic, "call": RefNever},
}

// edgeMutation is what every generated mutation offers about its edges.
type edgeMutation interface {
	ent.Mutation
	AddedEdges() []string
	AddedIDs(name string) []ent.Value
	RemovedIDs(name string) []ent.Value
	RemovedEdges() []string
	ClearedEdges() []string
}

// checkRefs checks every record the mutation links to or unlinks from:
// unlinking names a record too, and another unit's person is not the
// officer's to take off an idea. The units it names are returned, to be
// checked with the record's own in one statement.
func checkRefs(ctx context.Context, client *ent.Client, v *access.Viewer, kind string, m ent.Mutation) ([]int, error) {
	em, ok := m.(edgeMutation)
	if !ok {
		return nil, forbidden("Lỗi phân quyền nội bộ: không đọc được liên kết của dữ liệu.")
	}
	rules := References[kind]
	for _, e := range em.ClearedEdges() {
		switch rules[e] {
		case RefNever:
			return nil, refusedEdge(e)
		case RefBoard:
			return nil, errBoardLinks
		}
	}
	named := map[string][]int{}
	for _, e := range em.AddedEdges() {
		named[e] = append(named[e], intIDs(em.AddedIDs(e))...)
	}
	for _, e := range em.RemovedEdges() {
		named[e] = append(named[e], intIDs(em.RemovedIDs(e))...)
	}
	edges := make([]string, 0, len(named))
	for e := range named {
		edges = append(edges, e)
	}
	sort.Strings(edges) // one order of statements, whatever the map's
	var units []int
	for _, e := range edges {
		ids := slices.Compact(slices.Sorted(slices.Values(named[e])))
		if len(ids) == 0 {
			continue
		}
		in := subtree(v.UnitPath)
		var err error
		switch rules[e] {
		case RefUnit:
			units = append(units, ids...)
		case RefPerson:
			err = countIn(ctx, len(ids), client.Person.Query().Where(person.IDIn(ids...), personInScope(in)).Count,
				"Không tìm thấy người này trong đơn vị của bạn.")
		case RefIdea:
			err = countIn(ctx, len(ids), client.Idea.Query().Where(idea.IDIn(ids...), readableIdea(in)).Count,
				"Không tìm thấy ý tưởng.")
		case RefOwnIdea:
			err = countIn(ctx, len(ids), client.Idea.Query().Where(idea.IDIn(ids...), idea.Or(in.has(idea.FieldUnitID),
				idea.HasProposersWith(person.HasMembershipsWith(in.has(membership.FieldUnitID))))).Count,
				"Không tìm thấy ý tưởng của đơn vị bạn.")
		case RefNomination:
			err = countIn(ctx, len(ids), client.Nomination.Query().Where(nomination.IDIn(ids...), in.has(nomination.FieldUnitID)).Count,
				"Không tìm thấy hồ sơ đề nghị khen thưởng của đơn vị bạn.")
		case RefAward:
			err = countIn(ctx, len(ids), client.Award.Query().Where(award.IDIn(ids...), in.has(award.FieldUnitID)).Count,
				"Không tìm thấy khen thưởng của đơn vị bạn.")
		case RefPublic:
			err = countIn(ctx, len(ids), client.Phase.Query().Where(phase.IDIn(ids...)).Count, "Không tìm thấy giai đoạn.")
		case RefBoard:
			err = errBoardLinks
		default:
			err = refusedEdge(e)
		}
		if err != nil {
			return nil, err
		}
	}
	return units, nil
}

var errBoardLinks = forbidden("Chỉ Ban Thi đua – Khen thưởng được thay đổi liên kết kế thừa giữa các đơn vị (qua sắp xếp đơn vị).")

// personInScope: see RefPerson.
func personInScope(in subtree) predicate.Person {
	return person.Or(person.HasMembershipsWith(in.has(membership.FieldUnitID)), person.Not(person.HasMemberships()))
}

func refusedEdge(e string) error {
	if e == "children" {
		return problem.New(problem.Validation, "Để chuyển đơn vị, hãy đặt đơn vị cấp trên (parentID) của đơn vị cấp dưới.")
	}
	return forbidden("Không được thay đổi liên kết “%s” từ phía này.", e)
}

func intIDs(vals []ent.Value) []int {
	out := make([]int, 0, len(vals))
	for _, v := range vals {
		if id, ok := v.(int); ok {
			out = append(out, id)
		}
	}
	return out
}

// countIn answers NOT_FOUND unless count finds every one of n records:
// a record out of the viewer's reach is answered as one that does not
// exist, so the answer tells nothing of another unit's data.
func countIn(ctx context.Context, n int, count func(context.Context) (int, error), msg string) error {
	got, err := count(ctx)
	if err != nil {
		return err
	}
	if got != n {
		return problem.New(problem.NotFound, "%s", msg)
	}
	return nil
}
