package render

import (
	"slices"
	"strconv"

	"github.com/hcmc-thidua/thidua/internal/domain"
	"github.com/hcmc-thidua/thidua/internal/interim"
)

func ptr(n int) *float64 {
	f := float64(n)
	return &f
}

// yearValues gives each year of the phase its bars, or none when the
// year has no row, so that the chart says "no data" rather than zero.
func yearValues[T any](years []int, rows []T, yearOf func(T) int, bars func(T) []*float64) ([]string, [][]*float64) {
	cats := make([]string, len(years))
	vals := make([][]*float64, len(years))
	for i, y := range years {
		cats[i] = strconv.Itoa(y)
		for _, r := range rows {
			if yearOf(r) == y {
				vals[i] = bars(r)
			}
		}
	}
	return cats, vals
}

func plansChart(rows []interim.PlanRow) *chart {
	c := &chart{ID: "bieu-do-ke-hoach", Stacked: true, Horizontal: true,
		Title:   "Đơn vị đã ban hành và chưa ban hành kế hoạch, theo loại đơn vị",
		Caption: "Số đơn vị đã ban hành và chưa ban hành kế hoạch tổ chức phong trào, theo loại đơn vị; số ở cuối thanh là tổng số đơn vị.",
		XLabel:  "Số đơn vị", YLabel: "Loại đơn vị",
		Series: []string{"Đã ban hành", "Chưa ban hành"}}
	for _, p := range rows {
		c.Categories = append(c.Categories, label(p.UnitType))
		c.Values = append(c.Values, []*float64{ptr(p.Issued), ptr(p.Missing())})
	}
	return c
}

func participationChart(years []int, rows []interim.ParticipationRow) *chart {
	c := &chart{ID: "bieu-do-tham-gia", Percent: true,
		Title:   "Tỷ lệ cá nhân tham gia phong trào theo năm",
		Caption: "Tỷ lệ cá nhân tham gia trên tổng biên chế, theo năm; “—” là năm chưa có số liệu biên chế.",
		XLabel:  "Năm", YLabel: "Tỷ lệ tham gia (%)",
		Series: []string{"Tỷ lệ tham gia"}, NilText: "chưa có số liệu biên chế"}
	c.Categories, c.Values = yearValues(years, rows, func(p interim.ParticipationRow) int { return p.Year },
		func(p interim.ParticipationRow) []*float64 {
			if p.Rate == nil {
				return []*float64{nil}
			}
			r := *p.Rate * 100
			return []*float64{&r}
		})
	return c
}

func ideasChart(years []int, rows []interim.IdeaRow) *chart {
	c := &chart{ID: "bieu-do-y-tuong",
		Title:   "Ý tưởng, sáng kiến theo năm đề xuất và mức độ đạt được",
		Caption: "Số ý tưởng, sáng kiến đề xuất mỗi năm, và trong đó số được phê duyệt, được đánh giá hiệu quả, được áp dụng toàn Thành phố.",
		XLabel:  "Năm đề xuất", YLabel: "Số ý tưởng",
		Series: []string{"Đề xuất", "Được phê duyệt", "Hiệu quả", "Áp dụng toàn Thành phố"}}
	c.Categories, c.Values = yearValues(years, rows, func(r interim.IdeaRow) int { return r.Year },
		func(r interim.IdeaRow) []*float64 {
			return []*float64{ptr(r.Proposed), ptr(r.Approved), ptr(r.Effective), ptr(r.AppliedCityWide)}
		})
	return c
}

func adoptionsChart(years []int, rows []interim.AdoptionRow) *chart {
	c := &chart{ID: "bieu-do-nhan-rong",
		Title:   "Nhân rộng ý tưởng, sáng kiến theo năm",
		Caption: "Số lượt nhân rộng, số ý tưởng được nhân rộng và số ý tưởng được từ hai đơn vị trở lên nhân rộng, theo năm.",
		XLabel:  "Năm", YLabel: "Số lượt, số ý tưởng",
		Series: []string{"Lượt nhân rộng", "Ý tưởng được nhân rộng", "Ý tưởng được từ hai đơn vị trở lên nhân rộng"}}
	c.Categories, c.Values = yearValues(years, rows, func(r interim.AdoptionRow) int { return r.Year },
		func(r interim.AdoptionRow) []*float64 {
			return []*float64{ptr(r.Adoptions), ptr(r.Ideas), ptr(r.Spread)}
		})
	return c
}

// awardsChart stacks a year's awards by level, highest first, over both
// kinds of recipient; the table below splits them by kind.
func awardsChart(years []int, rows []interim.AwardRow) *chart {
	c := &chart{ID: "bieu-do-khen-thuong", Stacked: true,
		Title:   "Khen thưởng theo năm và hình thức khen thưởng",
		Caption: "Số khen thưởng còn hiệu lực mỗi năm (tập thể và cá nhân), chia theo hình thức; số trên đỉnh cột là tổng của năm.",
		XLabel:  "Năm", YLabel: "Số khen thưởng"}
	var levels []domain.AwardLevel
	for _, a := range rows {
		if !slices.Contains(levels, a.Level) {
			levels = append(levels, a.Level)
		}
	}
	slices.SortStableFunc(levels, func(a, b domain.AwardLevel) int { return levelRank(a) - levelRank(b) })
	for _, l := range levels {
		c.Series = append(c.Series, label(l))
	}
	for _, y := range years {
		c.Categories = append(c.Categories, strconv.Itoa(y))
		var row []*float64
		for _, a := range rows {
			if a.Year != y {
				continue
			}
			if row == nil {
				row = make([]*float64, len(levels))
				for j := range row {
					row[j] = ptr(0)
				}
			}
			*row[slices.Index(levels, a.Level)] += float64(a.Awards)
		}
		c.Values = append(c.Values, row)
	}
	return c
}
