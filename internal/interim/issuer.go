package interim

import (
	"context"
	"fmt"
	"strings"
	"time"
	"unicode"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"

	"github.com/hcmc-thidua/thidua/ent"
	"github.com/hcmc-thidua/thidua/ent/privacy"
	"github.com/hcmc-thidua/thidua/ent/unit"
	"github.com/hcmc-thidua/thidua/internal/domain"
)

// Issuer is who issues a review's report for a scope, named as the
// header of an administrative document names it (Nghị định
// 30/2020/NĐ-CP, Phụ lục I, mục II: tên cơ quan, tổ chức ban hành văn
// bản; số, ký hiệu; địa danh; quyền hạn, chức vụ của người ký; nơi nhận).
// It is a draft's: the author may change any of it before signing.
type Issuer struct {
	// Parent is the body directly above the issuer (cơ quan chủ quản),
	// in capitals, a line each; a people's committee has none.
	Parent []string
	// Body is the issuer's name in capitals, a line each.
	Body []string
	// Short is how the text names the issuer: "Ủy ban nhân dân Thành phố".
	Short string
	// Symbol follows the number: "BC-UBND" (báo cáo, of the UBND).
	Symbol string
	// Place is where it is issued: the city for the city and its
	// departments, a district's or a ward's own name for them and theirs.
	Place string
	// Authority and Position sign: "TM. ỦY BAN NHÂN DÂN" and "CHỦ TỊCH";
	// a unit's head signs with Position only.
	Authority, Position string
	// Recipients are the lines of "Nơi nhận", the last being the archive.
	Recipients []string
	// Dissolved is the day the unit ended, when it has: who issues its
	// report is then the author's call.
	Dissolved *time.Time
}

// committees are the unit types governed by a people's committee, which
// issues in its own name.
var committees = map[domain.UnitType]bool{
	domain.UnitTypeCity: true, domain.UnitTypeMunicipalCity: true, domain.UnitTypeDistrict: true,
	domain.UnitTypeWard: true, domain.UnitTypeCommune: true, domain.UnitTypeSpecialZone: true,
}

// IssuerOf names the issuer of a scope's report from the unit and the
// units above it, as they are recorded (a dissolved unit keeps its name).
func IssuerOf(ctx context.Context, client *ent.Client, scope Scope) (Issuer, error) {
	sys := privacy.DecisionContext(ctx, privacy.Allow)
	codes := strings.FieldsFunc(scope.Path, func(r rune) bool { return r == '/' })
	chain, err := client.Unit.Query().Where(unit.CodeIn(codes...)).All(sys)
	if err != nil {
		return Issuer{}, fmt.Errorf("report issuer: %w", err)
	}
	byCode := map[string]*ent.Unit{}
	for _, u := range chain {
		byCode[u.Code] = u
	}
	var ancestors []*ent.Unit // from the city down, the scope's unit last
	for _, c := range codes {
		if u := byCode[c]; u != nil {
			ancestors = append(ancestors, u)
		}
	}
	if len(ancestors) == 0 || ancestors[len(ancestors)-1].ID != scope.ID {
		return Issuer{}, fmt.Errorf("report issuer: the units of %s are not all recorded", scope.Path)
	}
	return issuerOf(ancestors), nil
}

func issuerOf(chain []*ent.Unit) Issuer {
	u := chain[len(chain)-1]
	var parent *ent.Unit
	if len(chain) > 1 {
		parent = chain[len(chain)-2]
	}
	place := "Thành phố Hồ Chí Minh"
	for _, a := range chain[1:] {
		if committees[a.Type] {
			place = placeName(a.Name)
		}
	}
	if u.Type == domain.UnitTypeCity {
		return Issuer{
			Body: []string{"ỦY BAN NHÂN DÂN", upper(u.Name)}, Short: "Ủy ban nhân dân Thành phố",
			Symbol: "BC-UBND", Place: place, Authority: "TM. ỦY BAN NHÂN DÂN", Position: "CHỦ TỊCH",
			Recipients: []string{"Ban Thi đua – Khen thưởng Trung ương", "Thường trực Thành ủy",
				"Thường trực Hội đồng nhân dân Thành phố", "TTUB: CT, các PCT", "Thành viên Hội đồng Thi đua – Khen thưởng Thành phố",
				"Các sở, ban, ngành Thành phố", "Ủy ban nhân dân các phường, xã, đặc khu", "Ban Thi đua – Khen thưởng (Sở Nội vụ)",
				"Lưu: VT"},
		}
	}
	to := []string{"Ủy ban nhân dân Thành phố", "Ban Thi đua – Khen thưởng (Sở Nội vụ)"}
	if parent != nil && parent.Type != domain.UnitTypeCity {
		to = append([]string{committeeName(parent)}, to...)
	}
	var is Issuer
	if committees[u.Type] {
		is = Issuer{
			Body: []string{"ỦY BAN NHÂN DÂN", upper(u.Name)}, Short: committeeName(u),
			Symbol: "BC-UBND", Place: place, Authority: "TM. ỦY BAN NHÂN DÂN", Position: "CHỦ TỊCH",
			Recipients: append(to, "Lưu: VT"),
		}
	} else {
		is = Issuer{Body: []string{upper(u.Name)}, Short: u.Name, Symbol: "BC-" + initials(u.Name), Place: place,
			Position: "THỦ TRƯỞNG CƠ QUAN, ĐƠN VỊ", Recipients: append(to, "Lưu: VT")}
		if u.Type == domain.UnitTypeDepartment {
			is.Position = "GIÁM ĐỐC"
		}
		if parent != nil {
			is.Parent = []string{upper(parent.Name)}
			if committees[parent.Type] {
				// Two lines, as offices set it: the name does not fit one.
				is.Parent = []string{"ỦY BAN NHÂN DÂN", upper(parent.Name)}
			}
		}
	}
	if u.ValidTo != nil {
		d := *u.ValidTo
		is.Dissolved = &d
	}
	return is
}

// adminTypes are the words that begin an administrative unit's name.
var adminTypes = []string{"Thành phố", "Thị trấn", "Đặc khu", "Phường", "Quận", "Huyện", "Thị xã", "Xã"}

// placeName is an administrative unit's name as a document's place line
// writes it: its proper name ("Sài Gòn"), except a name that is a number,
// kept whole ("Quận 1", "Phường 22") — Nghị định 30/2020/NĐ-CP, Phụ lục I,
// mục II.5.a. A unit named after a person or an event keeps its whole
// name too; the data cannot tell those apart, so the author corrects it.
func placeName(name string) string {
	for _, t := range adminTypes {
		if rest, ok := strings.CutPrefix(name, t+" "); ok && rest != "" {
			if r := []rune(rest)[0]; unicode.IsDigit(r) || t == "Thành phố" && rest == "Hồ Chí Minh" {
				return name
			}
			return rest
		}
	}
	return name
}

// committeeName is how a unit is named as a body in running text: a
// district or ward by its people's committee, the kind of unit in lower
// case ("Ủy ban nhân dân phường Sài Gòn"); the city is "Thành phố", as the
// city's documents write it.
func committeeName(u *ent.Unit) string {
	if !committees[u.Type] {
		return u.Name
	}
	if u.Type == domain.UnitTypeCity {
		return "Ủy ban nhân dân Thành phố"
	}
	for _, t := range adminTypes {
		// A number is no name: "Quận 1" keeps its capital.
		if rest, ok := strings.CutPrefix(u.Name, t+" "); ok && rest != "" && !unicode.IsDigit([]rune(rest)[0]) {
			return "Ủy ban nhân dân " + strings.ToLower(t) + " " + rest
		}
	}
	return "Ủy ban nhân dân " + u.Name
}

func upper(s string) string { return norm.NFC.String(strings.ToUpper(s)) }

// initials abbreviates a name for a document's symbol, as offices do:
// "Sở Giao thông vận tải" is SGTVT. Marks are dropped but Đ stays.
func initials(name string) string {
	strip := transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
	var b strings.Builder
	for _, w := range strings.Fields(name) {
		r := []rune(strings.ToUpper(w))[0]
		if !unicode.IsLetter(r) {
			continue
		}
		s, _, _ := transform.String(strip, string(r))
		b.WriteString(s)
	}
	if b.Len() == 0 {
		return "DV"
	}
	return b.String()
}
