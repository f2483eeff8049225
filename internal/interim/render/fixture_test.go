package render

import (
	"time"

	"github.com/hcmc-thidua/thidua/internal/interim"
)

func f(v float64) *float64 { return &v }

var phase = interim.Phase{Name: "2022-2025", Start: 2022, End: 2025}

// sample is a city's summary of a phase not yet over: 2025 has no row
// yet, 2023 has no headcount, and no award has been decided. Names are
// made up.
func sample() interim.Summary {
	return interim.Summary{
		Phase: phase, Scope: "/HCM/",
		RefreshedAt: time.Date(2026, 11, 25, 19, 0, 0, 0, time.UTC), // 02:00 on the 26th in Hồ Chí Minh City
		RunID:       "run-1",
		Overview: interim.Overview{Units: 312, CurrentUnits: 168, PlansIssued: 290, PlansSent: 281, ReportsDue: 900,
			ReportsSent: 850, ReportsLate: 40, Individuals: 12345, Ideas: 420, IdeasEffective: 120, IdeasCityWide: 18,
			Adoptions: 75, IdeasSpread: 9},
		Plans: []interim.PlanRow{
			{UnitType: "DEPARTMENT", Units: 40, Issued: 38, Launched: 37, Sent: 36, Directive: 30},
			{UnitType: "DISTRICT", Units: 22, Issued: 22, Launched: 22, Sent: 21, Directive: 20},
			{UnitType: "WARD", Units: 250, Issued: 230, Launched: 200, Sent: 224, Directive: 150},
		},
		Reports: []interim.ReportRow{
			{Year: 2022, Kind: "YEARLY", Due: 300, Sent: 290, Late: 12, Unsent: 10},
			{Year: 2023, Kind: "YEARLY", Due: 300, Sent: 280, Late: 20, Unsent: 20},
			{Year: 2024, Kind: "YEARLY", Due: 300, Sent: 280, Late: 8, Unsent: 20},
		},
		Participation: []interim.ParticipationRow{
			{Year: 2022, Individuals: 4567, Collectives: 120, Headcount: 10000, Rate: f(0.4567)},
			{Year: 2023, Individuals: 5100, Collectives: 130},
			{Year: 2024, Individuals: 6200, Collectives: 150, Headcount: 12400, Rate: f(0.5)},
		},
		ParticipationByType: []interim.ParticipationRow{
			{Year: 2022, UnitType: "DEPARTMENT", Individuals: 2000, Collectives: 40, Headcount: 4000, Rate: f(0.5)},
			{Year: 2024, UnitType: "DEPARTMENT", Individuals: 2500, Collectives: 40, Headcount: 4000, Rate: f(0.625)},
			{Year: 2024, UnitType: "WARD", Individuals: 3700, Collectives: 110},
		},
		Ideas: []interim.IdeaRow{
			{Year: 2022, Proposed: 100, Approved: 60, Piloted: 30, Effective: 25, AppliedInUnit: 20, AppliedCityWide: 5, RatedByMinistries: 1},
			{Year: 2023, Proposed: 150, Approved: 90, Piloted: 50, Effective: 45, AppliedInUnit: 40, AppliedCityWide: 8},
			{Year: 2024, Proposed: 170, Approved: 80, Piloted: 40, Effective: 50, AppliedInUnit: 30, AppliedCityWide: 5},
		},
		IdeasByField: []interim.IdeaRow{
			{Field: "ADMINISTRATIVE_REFORM", Proposed: 300, Approved: 180, Effective: 90},
			{Field: "NEW_FIELD", Proposed: 120, Approved: 50, Effective: 30},
		},
		Milestones: []interim.Milestone{
			{Step: "APPROVED", Ideas: 230, MedianDays: f(12.5)},
			{Step: "STARTED", Ideas: 120, MedianDays: f(40)},
			{Step: "EVALUATED", Ideas: 120, MedianDays: f(1234)},
			{Step: "APPLIED_IN_UNIT", Ideas: 90, MedianDays: f(200)},
			{Step: "APPLIED_CITY_WIDE", Ideas: 18, MedianDays: f(365)},
			{Step: "RATED_BY_MINISTRIES", Ideas: 0},
		},
		Adoptions: []interim.AdoptionRow{
			{Year: 2023, Adoptions: 30, Ideas: 12, Spread: 4},
			{Year: 2024, Adoptions: 45, Ideas: 20, Spread: 5},
		},
		TopIdeas: []interim.TopIdea{
			{Code: "YT-2023-001", Field: "ADMINISTRATIVE_REFORM", Title: "Một cửa liên thông trực tuyến", OriginCode: "SNV", OriginName: "Sở Thử nghiệm", Adoptions: 14, Adopters: 12},
			{Code: "YT-2022-017", Field: "BUSINESS_SUPPORT", OriginCode: "Q1", Adoptions: 9, Adopters: 9},
		},
		Units: []interim.UnitRow{
			{Code: "Q1", Name: "Quận Thử nghiệm", Type: "DISTRICT", Units: 1, PlansIssued: 1, ReportsDue: 3, ReportsSent: 3, Participations: 900, Headcount: 1800, Rate: f(0.5), Ideas: 12},
			{Code: "X1", Name: `Phường <script>alert("x")</script>`, Type: "WARD", Current: true, Units: 1, ReportsDue: 3, ReportsSent: 1},
		},
		Restated: []interim.UnitRow{
			{Code: "X1", Name: `Phường <script>alert("x")</script>`, Type: "WARD", Current: true, Units: 2, PlansIssued: 1, ReportsDue: 6, ReportsSent: 4, Participations: 900, Headcount: 1800, Rate: f(0.5), Ideas: 12},
		},
		StandoutUnits: []interim.UnitRow{
			{Code: "SNV", Name: "Sở Thử nghiệm", Type: "DEPARTMENT", Current: true, Units: 1, Ideas: 40, Effective: 20, AppliedCityWide: 6, Adoptions: 14},
		},
		StandoutPeople: []interim.Person{
			{Key: "0123456789abcdef0123", Name: "Cá nhân thử nghiệm", UnitName: "Sở Thử nghiệm", Ideas: 5},
			{Key: "fedcba98765432100000", Ideas: 3},
		},
		LaggingUnits: []interim.Lagging{
			{Code: "X1", Name: `Phường <script>alert("x")</script>`, Type: "WARD", NoPlan: false, NoIdea: true, NoReport: true, NoProblem: true},
		},
		FollowUpIdeas: []interim.FollowUpIdea{
			{ID: 7, Code: "YT-2023-007", Title: `Liên thông <b>hồ sơ</b>`, Status: "REFERRED_TO_CITY", Reason: interim.AwaitingCity, UnitCode: "X1", UnitName: "Phường Thử nghiệm", Year: 2023},
			{ID: 9, Code: "YT-2024-009", Status: "HALTED_FOR_CORRECTION", Reason: interim.Halted, UnitCode: "Q1", UnitName: "Quận Thử nghiệm", Year: 2024},
		},
		Nominations: []interim.NominationRow{
			{Year: 2024, Level: "CITY_CHAIRMAN_CERTIFICATE", Status: "SUBMITTED", Nominations: 3},
			{Year: 2024, Level: "CITY_CHAIRMAN_CERTIFICATE", Status: "AWARDED", Nominations: 5},
		},
		Eligible: []interim.EligibleRow{{Year: 2024, Level: "UNIT_HEAD_CERTIFICATE", Kind: "INDIVIDUAL", Eligible: 12, Nominated: 4, Awarded: 3, NotNominated: 6}},
		Problems: []interim.ProblemRow{{Year: 2023, Units: 3, Chosen: 1}, {Year: 2024, Units: 3, Chosen: 3}},
		Exemplars: []interim.Exemplar{{ID: 3, Kind: "MODEL", Title: "Mô hình thử nghiệm", UnitCode: "SNV", UnitName: "Sở Thử nghiệm", Year: 2024,
			RecognizedOn: time.Date(2024, 11, 20, 0, 0, 0, 0, time.UTC), Ideas: 1, Awards: 2}},
	}
}

// withAwards is the sample after the first awards were decided.
func withAwards(s interim.Summary) interim.Summary {
	s.Awards = []interim.AwardRow{
		{Year: 2023, Level: "UNIT_HEAD_CERTIFICATE", Kind: "INDIVIDUAL", Awards: 30},
		{Year: 2023, Level: "CITY_CHAIRMAN_CERTIFICATE", Kind: "COLLECTIVE", Awards: 4},
		{Year: 2023, Level: "CITY_CHAIRMAN_CERTIFICATE", Kind: "INDIVIDUAL", Awards: 10},
		{Year: 2024, Level: "PRIME_MINISTER_CERTIFICATE", Kind: "COLLECTIVE", Awards: 1},
		{Year: 2024, Level: "UNIT_HEAD_CERTIFICATE", Kind: "INDIVIDUAL", Awards: 25},
	}
	s.AwardsOnIdeas = []interim.AwardsOnIdeasRow{{Year: 2023, Awards: 44, OnIdeas: 20}, {Year: 2024, Awards: 26, OnIdeas: 13}}
	s.Overview.Awards, s.Overview.AwardsOnIdeas = 70, 33
	return s
}

func report(s interim.Summary) interim.Report {
	return interim.Report{State: interim.StateOK, Message: interim.Messages[interim.StateOK], Phase: phase,
		Scope: interim.Scope{Path: "/HCM/", Code: "HCM", Name: "Thành phố Hồ Chí Minh"}, Summary: &s}
}
