package seed

import (
	"bufio"
	"bytes"
	_ "embed"
	"fmt"
	"strings"
	"time"

	"github.com/hcmc-thidua/thidua/internal/domain"
)

//go:embed data/units.tsv
var unitsTSV []byte

// unitRow is one line of data/units.tsv.
type unitRow struct {
	Code, Name  string
	Type        domain.UnitType
	Parent      string
	From, To    *time.Time
	Successors  []string
	Real        bool
	Depth       int
	ID          int     // set once inserted
	Weight      float64 // share of the city's staff
	Members     []int   // indexes into the generator's memberships
	ideaWeightC float64 // cumulative weight for drawing
}

// activeOn reports whether the unit exists on the day.
func (u *unitRow) activeOn(d time.Time) bool {
	return (u.From == nil || !d.Before(*u.From)) && (u.To == nil || d.Before(*u.To))
}

// start is the first day the unit exists within the data.
func (u *unitRow) start() time.Time {
	if u.From != nil && u.From.After(horizon) {
		return *u.From
	}
	return horizon
}

// end is the first day after the unit, or AsOf.
func (u *unitRow) end() time.Time {
	if u.To != nil && u.To.Before(AsOf) {
		return *u.To
	}
	return AsOf
}

// loadUnits parses the embedded structure, parents before children.
func loadUnits() ([]*unitRow, error) {
	sc := bufio.NewScanner(bytes.NewReader(unitsTSV))
	var rows []*unitRow
	byCode := map[string]*unitRow{}
	line := 0
	for sc.Scan() {
		line++
		if line == 1 || strings.TrimSpace(sc.Text()) == "" {
			continue
		}
		f := strings.Split(sc.Text(), "\t")
		if len(f) != 8 {
			return nil, fmt.Errorf("units.tsv:%d: %d fields, want 8", line, len(f))
		}
		t, err := domain.ParseUnitType(f[2])
		if err != nil {
			return nil, fmt.Errorf("units.tsv:%d: %w", line, err)
		}
		r := &unitRow{Code: f[0], Name: f[1], Type: t, Parent: f[3], Real: f[7] == "1"}
		for i, p := range []**time.Time{&r.From, &r.To} {
			if f[4+i] == "" {
				continue
			}
			d, err := time.Parse("2006-01-02", f[4+i])
			if err != nil {
				return nil, fmt.Errorf("units.tsv:%d: %w", line, err)
			}
			*p = &d
		}
		if f[6] != "" {
			r.Successors = strings.Split(f[6], ",")
		}
		if r.Parent != "" {
			p, ok := byCode[r.Parent]
			if !ok {
				return nil, fmt.Errorf("units.tsv:%d: parent %s not above", line, r.Parent)
			}
			r.Depth = p.Depth + 1
		}
		byCode[r.Code] = r
		rows = append(rows, r)
	}
	return rows, sc.Err()
}

// staffWeight is a rough relative size of a unit's workforce by type.
func staffWeight(t domain.UnitType) float64 {
	switch t {
	case domain.UnitTypeArmedForcesUnit:
		return 12000
	case domain.UnitTypeStateEnterprise:
		return 5000
	case domain.UnitTypePublicServiceUnit:
		return 3500
	case domain.UnitTypeDepartment:
		return 1800
	case domain.UnitTypeMunicipalCity:
		return 1500
	case domain.UnitTypeDistrict:
		return 700
	case domain.UnitTypeMassOrganization:
		return 300
	case domain.UnitTypeSpecialZone:
		return 250
	case domain.UnitTypeWard, domain.UnitTypeCommune:
		return 90
	case domain.UnitTypeCity:
		return 0 // the city's own staff sit in its departments
	}
	return 40
}
