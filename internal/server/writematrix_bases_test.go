package server_test

import (
	"strconv"
	"strings"
)

// noIDMutations name no record: creating a person (attached to a unit by
// a membership afterwards), the board's imports and its phases, checked by
// their own tests (TestPhasesAreTheBoards).
var noIDMutations = map[string]bool{"createPerson": true, "importFile": true, "createPhase": true}

// input sets the mutation's one input argument and its query.
func (b *req) input(mutation, typ string, in map[string]any) {
	b.query = `mutation($input: ` + typ + `!) { ` + mutation + `(input: $input) { __typename } }`
	b.args["input"] = in
}

// update sets an update mutation's id and input.
func (b *req) update(mutation, typ, kind string, in map[string]any) {
	b.query = `mutation($id: ID!, $version: Int!, $input: ` + typ + `!) { ` + mutation + `(id: $id, version: $version, input: $input) { __typename } }`
	b.args["id"] = b.ref("id", kind)
	b.args["version"] = 0
	if id, _ := b.args["id"].(string); id != missingID {
		b.args["version"] = b.fx.e.versionOf(b.t, id)
	}
	b.args["input"] = in
}

// bases build, for each mutation, a request a frontend would send, whose
// id fields name the viewer's own records except the one under test.
var bases = map[string]func(b *req){
	"createUnit": func(b *req) {
		in := map[string]any{"code": "N" + itoa(b.fx.next()), "name": "Đơn vị mới", "type": "OTHER",
			"parentID": b.ref("input.parentID", "Unit")}
		b.opt(in, "input.predecessorIDs", "predecessorIDs", "Unit")
		b.opt(in, "input.successorIDs", "successorIDs", "Unit")
		b.input("createUnit", "CreateUnitInput", in)
	},
	"updateUnit": func(b *req) {
		in := map[string]any{"name": "Tên mới"}
		kind := "Unit"
		if b.field.Path != "id" {
			kind = "ChildUnit" // the unit moved or linked: a fresh one under A
		}
		b.opt(in, "input.parentID", "parentID", "Unit")
		for _, k := range []string{"addPredecessorIDs", "removePredecessorIDs", "addSuccessorIDs", "removeSuccessorIDs"} {
			b.opt(in, "input."+k, k, "Unit")
		}
		b.update("updateUnit", "UpdateUnitInput", kind, in)
	},
	"updatePerson": func(b *req) {
		b.update("updatePerson", "UpdatePersonInput", "Person", map[string]any{"email": "nguoi.thu@example.org"})
	},
	"createMembership": func(b *req) {
		b.input("createMembership", "CreateMembershipInput", map[string]any{"category": "CIVIL_SERVANT", "validFrom": "2024-01-01",
			"personID": b.ref("input.personID", "Person"), "unitID": b.ref("input.unitID", "Unit")})
	},
	"updateMembership": func(b *req) {
		in := map[string]any{"positionTitle": "Chuyên viên"}
		b.opt(in, "input.personID", "personID", "Person")
		b.opt(in, "input.unitID", "unitID", "Unit")
		b.update("updateMembership", "UpdateMembershipInput", "Membership", in)
	},
	"createUnitPlan": func(b *req) {
		b.input("createUnitPlan", "CreateUnitPlanInput", map[string]any{"documentNumber": "1/KH",
			"unitID": b.ref("input.unitID", "ChildUnit"), "phaseID": b.ref("input.phaseID", "Phase")})
	},
	"updateUnitPlan": func(b *req) {
		in := map[string]any{"note": "Ghi chú"}
		b.opt(in, "input.unitID", "unitID", "ChildUnit")
		b.opt(in, "input.phaseID", "phaseID", "Phase")
		b.update("updateUnitPlan", "UpdateUnitPlanInput", "UnitPlan", in)
	},
	"createExemplar": func(b *req) {
		in := map[string]any{"kind": "MODEL", "title": "Mô hình thử", "year": 2024, "recognizedOn": "2025-01-10",
			"unitID": b.ref("input.unitID", "Unit")}
		if b.field.Path == "input.personID" {
			in["kind"] = "INDIVIDUAL"
		}
		b.opt(in, "input.personID", "personID", "Person")
		b.opt(in, "input.ideaIDs", "ideaIDs", "EffectiveIdea")
		b.opt(in, "input.awardIDs", "awardIDs", "Award")
		b.input("createExemplar", "CreateExemplarInput", in)
	},
	"updateExemplar": func(b *req) {
		in := map[string]any{"title": "Mô hình đã sửa"}
		b.opt(in, "input.unitID", "unitID", "Unit")
		b.opt(in, "input.personID", "personID", "Person")
		b.opt(in, "input.addIdeaIDs", "addIdeaIDs", "EffectiveIdea")
		b.opt(in, "input.removeIdeaIDs", "removeIdeaIDs", "EffectiveIdea")
		b.opt(in, "input.addAwardIDs", "addAwardIDs", "Award")
		b.opt(in, "input.removeAwardIDs", "removeAwardIDs", "Award")
		b.update("updateExemplar", "UpdateExemplarInput", "Exemplar", in)
	},
	"createChosenProblem": func(b *req) {
		in := map[string]any{"title": "Vấn đề thử", "year": 2026, "unitID": b.ref("input.unitID", "ChildUnit")}
		b.opt(in, "input.ideaID", "ideaID", "Idea")
		b.input("createChosenProblem", "CreateChosenProblemInput", in)
	},
	"updateChosenProblem": func(b *req) {
		in := map[string]any{"title": "Vấn đề đã sửa"}
		b.opt(in, "input.unitID", "unitID", "ChildUnit")
		b.opt(in, "input.ideaID", "ideaID", "Idea")
		b.update("updateChosenProblem", "UpdateChosenProblemInput", "ChosenProblem", in)
	},
	"createUnitReport": func(b *req) {
		b.input("createUnitReport", "CreateUnitReportInput", map[string]any{"kind": "YEARLY", "year": 2024,
			"unitID": b.ref("input.unitID", "ChildUnit"), "phaseID": b.ref("input.phaseID", "Phase")})
	},
	"updateUnitReport": func(b *req) {
		in := map[string]any{"note": "Ghi chú"}
		b.opt(in, "input.unitID", "unitID", "ChildUnit")
		b.opt(in, "input.phaseID", "phaseID", "Phase")
		b.update("updateUnitReport", "UpdateUnitReportInput", "UnitReport", in)
	},
	"createHeadcount": func(b *req) {
		b.input("createHeadcount", "CreateHeadcountInput", map[string]any{"year": 2024, "headcount": 12,
			"unitID": b.ref("input.unitID", "ChildUnit")})
	},
	"updateHeadcount": func(b *req) {
		in := map[string]any{"headcount": 13}
		b.opt(in, "input.unitID", "unitID", "ChildUnit")
		b.update("updateHeadcount", "UpdateHeadcountInput", "Headcount", in)
	},
	"createParticipation": func(b *req) {
		b.input("createParticipation", "CreateParticipationInput", map[string]any{"year": 2024, "kind": "INDIVIDUAL",
			"unitID": b.ref("input.unitID", "Unit"), "personID": b.ref("input.personID", "Person")})
	},
	"createIdea": func(b *req) {
		in := map[string]any{"code": "M" + itoa(b.fx.next()), "title": "Ý tưởng mới", "field": "ADMINISTRATIVE_REFORM",
			"kind": "IDEA", "proposedOn": "2024-05-02", "unitID": b.ref("input.unitID", "Unit")}
		if b.field.Path == "input.proposerIDs" {
			in["proposerIDs"] = b.ref("input.proposerIDs", "Person")
		} else {
			in["proposerIDs"] = []string{itoa(b.fx.people[b.role])}
		}
		b.input("createIdea", "CreateIdeaInput", in)
	},
	"updateIdea": func(b *req) {
		in := map[string]any{"title": "Tên mới của ý tưởng"}
		b.opt(in, "input.unitID", "unitID", "Unit")
		b.opt(in, "input.addProposerIDs", "addProposerIDs", "Person")
		b.opt(in, "input.removeProposerIDs", "removeProposerIDs", "Person")
		b.update("updateIdea", "UpdateIdeaInput", "Idea", in)
	},
	"setLevel4Criteria": func(b *req) {
		b.query = `mutation($input: Level4CriteriaInput!) { setLevel4Criteria(input: $input) { __typename } }`
		b.args["input"] = map[string]any{"unitID": b.ref("input.unitID", "Unit"), "requireRegistration": true, "minEffectiveIdeas": 1}
	},
	"createAdoption": func(b *req) {
		b.input("createAdoption", "CreateAdoptionInput", map[string]any{"adoptedOn": "2024-09-01",
			"ideaID": b.ref("input.ideaID", "EffectiveIdea"), "unitID": b.ref("input.unitID", "Unit")})
	},
	"createNomination": func(b *req) {
		in := map[string]any{"recipientKind": "INDIVIDUAL", "level": "UNIT_HEAD_CERTIFICATE", "year": 2024,
			"unitID": b.ref("input.unitID", "Unit")}
		if b.field.Path == "input.recipientUnitID" {
			in["recipientKind"] = "COLLECTIVE"
			in["recipientUnitID"] = b.ref("input.recipientUnitID", "Unit")
		} else {
			in["recipientPersonID"] = b.ref("input.recipientPersonID", "Person")
		}
		b.opt(in, "input.ideaIDs", "ideaIDs", "EffectiveIdea")
		b.input("createNomination", "CreateNominationInput", in)
	},
	"addDossierDocument": func(b *req) {
		b.input("addDossierDocument", "AddDossierDocumentInput", map[string]any{
			"nominationID": b.ref("input.nominationID", "Nomination"), "kind": "SUBMISSION_LETTER", "title": "Tờ trình", "file": nil})
		b.upload = "variables.input.file"
	},
	"submitNomination": func(b *req) { b.nominationStep("submitNomination", "SubmitNominationInput", nil) },
	"recordCouncilVote": func(b *req) {
		b.nominationStep("recordCouncilVote", "RecordCouncilVoteInput", map[string]any{"councilDate": "2024-11-02",
			"members": 9, "votesFor": 8, "votesAgainst": 1, "votesAbstain": 0})
	},
	"forwardNomination": func(b *req) {
		b.nominationStep("forwardNomination", "ForwardNominationInput", map[string]any{"forwardedOn": "2024-11-20"})
	},
	"decideNomination": func(b *req) {
		b.nominationStep("decideNomination", "DecideNominationInput", map[string]any{"decisionNumber": "9/QĐ-UBND",
			"decisionDate": "2024-12-10", "issuer": "Chủ tịch UBND Thành phố"})
	},
	"withdrawNomination": func(b *req) { b.nominationStep("withdrawNomination", "WithdrawNominationInput", nil) },
	"correctAward": func(b *req) {
		b.input("correctAward", "CorrectAwardInput", map[string]any{"awardID": b.ref("input.awardID", "Award"),
			"decisionNumber": "10/QĐ-UBND", "decisionDate": "2024-12-30", "issuer": "Chủ tịch UBND Thành phố"})
	},
	"issueUnitPlan": func(b *req) {
		b.input("issueUnitPlan", "IssueUnitPlanInput", map[string]any{"unitID": b.ref("input.unitID", "ChildUnit"),
			"phase": b.ref("input.phase", "PhaseName"), "documentNumber": "2/KH", "issuedOn": "2023-06-01"})
	},
	"launchUnitPlan": func(b *req) {
		b.input("launchUnitPlan", "LaunchUnitPlanInput", map[string]any{"id": b.ref("input.id", "UnitPlan"), "launchedOn": "2023-07-01"})
	},
	"sendUnitPlan": func(b *req) {
		b.input("sendUnitPlan", "SendUnitPlanInput", map[string]any{"id": b.ref("input.id", "UnitPlan")})
	},
	"sendUnitReport": func(b *req) {
		b.input("sendUnitReport", "SendUnitReportInput", map[string]any{"id": b.ref("input.id", "UnitReport"),
			"documentNumber": "3/BC"})
	},
	"createIntegrityFlag": func(b *req) {
		b.input("createIntegrityFlag", "CreateIntegrityFlagInput", map[string]any{"unitID": b.ref("input.unitID", "Unit"),
			"personID": b.ref("input.personID", "Person"), "year": 2024, "kind": "DISCIPLINE",
			"decisionNumber": "7/QĐ-KL", "decisionDate": "2024-05-02", "form": "Khiển trách"})
	},
	"updateIntegrityFlag": func(b *req) {
		in := map[string]any{"note": "Đính chính"}
		b.opt(in, "input.unitID", "unitID", "Unit")
		b.opt(in, "input.personID", "personID", "Person")
		b.update("updateIntegrityFlag", "UpdateIntegrityFlagInput", "IntegrityFlag", in)
	},
	"liftIntegrityFlag": func(b *req) {
		b.input("liftIntegrityFlag", "LiftIntegrityFlagInput", map[string]any{"id": b.ref("input.id", "IntegrityFlag"),
			"liftedOn": "2025-05-02", "liftDecisionNumber": "9/QĐ-XKL"})
	},
	"updatePhase": func(b *req) {
		b.update("updatePhase", "UpdatePhaseInput", "Phase", map[string]any{"plansDueOn": "2023-06-30"})
	},
	"callForReports": func(b *req) {
		b.input("callForReports", "CallForReportsInput", map[string]any{"phase": b.ref("input.phase", "PhaseName"),
			"kind": "YEARLY", "year": 2024, "dueOn": "2024-12-15",
			"reach": map[string]any{"subtreeID": b.ref("input.reach.subtreeID", "Unit")}})
	},
	"updateReportCall": func(b *req) {
		b.update("updateReportCall", "UpdateReportCallInput", "ReportCall", map[string]any{"note": "Đính chính"})
	},
	"reorganizeUnits": func(b *req) {
		in := map[string]any{"kind": "MOVE", "effectiveOn": "2025-07-01",
			"units": b.ref("input.units", "ChildUnitCode"), "parentCode": b.ref("input.parentCode", "UnitCode")}
		if _, listed := in["units"].([]string); !listed {
			in["units"] = []string{in["units"].(string)}
		}
		b.opt(in, "input.successorCodes", "successorCodes", "UnitCode")
		b.opt(in, "input.carryTo", "carryTo", "UnitCode")
		b.input("reorganizeUnits", "ReorganizeUnitsInput", in)
	},
}

// nominationStep is a step of a nomination named by its id and version.
func (b *req) nominationStep(mutation, typ string, extra map[string]any) {
	in := map[string]any{"id": b.ref("input.id", "Nomination"), "version": 0}
	for k, v := range extra {
		in[k] = v
	}
	b.input(mutation, typ, in)
}

func init() {
	for a, m := range mutationOf {
		bases[m] = func(b *req) {
			in := inputFor(a, "", 0)
			in["id"] = b.ref("input.id", "Idea")
			b.input(m, strings.ToUpper(m[:1])+m[1:]+"Input", in)
		}
	}
}

func itoa(n int) string { return strconv.Itoa(n) }
