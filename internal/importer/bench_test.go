package importer

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"maps"
	"os"
	"strconv"
	"sync"
	"testing"
	"time"

	"entgo.io/ent/dialect"
	"github.com/jackc/pgx/v5"
	"github.com/xuri/excelize/v2"

	"github.com/hcmc-thidua/thidua/ent"
	"github.com/hcmc-thidua/thidua/ent/privacy"
	"github.com/hcmc-thidua/thidua/internal/benchmem"
	"github.com/hcmc-thidua/thidua/internal/domain"
	"github.com/hcmc-thidua/thidua/internal/search"
	"github.com/hcmc-thidua/thidua/internal/store"
	"github.com/hcmc-thidua/thidua/internal/store/storetest"
)

// benchPeople is how many people the import benchmark's file lists: a
// city's whole staff by default (THIDUA_BENCH_IMPORT_PEOPLE to change it).
func benchPeople() int {
	if n, err := strconv.Atoi(os.Getenv("THIDUA_BENCH_IMPORT_PEOPLE")); err == nil && n > 0 {
		return n
	}
	return 300_000
}

const benchUnits = 300

// peopleWorkbook is a staff list of n people, one membership each, across
// the benchmark's wards, written as a unit would (XLSX, Vietnamese labels).
func peopleWorkbook(b *testing.B, n int) []byte {
	b.Helper()
	f := excelize.NewFile()
	defer f.Close()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		b.Fatal(err)
	}
	head := make([]any, len(Columns[People]))
	for i, c := range Columns[People] {
		head[i] = c.Header
	}
	if err := sw.SetRow("A1", head); err != nil {
		b.Fatal(err)
	}
	genders := []string{"Nam", "Nữ"}
	cats := []string{"Công chức", "Viên chức", "Người lao động"}
	for i := range n {
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		row := []any{fmt.Sprintf("CB%07d", i+1), "Người Thử Số " + strconv.Itoa(i+1), genders[i%2], strconv.Itoa(1965 + i%40),
			"", fmt.Sprintf("BW-%03d", i%benchUnits), cats[i%3], "", "Chuyên viên", fmt.Sprintf("%02d/%02d/20%02d", 1+i%28, 1+i%12, 10+i%15), ""}
		if err := sw.SetRow(cell, row); err != nil {
			b.Fatal(err)
		}
	}
	if err := sw.Flush(); err != nil {
		b.Fatal(err)
	}
	var out bytes.Buffer
	if err := f.Write(&out); err != nil {
		b.Fatal(err)
	}
	return out.Bytes()
}

// benchStore is a fresh PostgreSQL store with the city and its wards, and
// the counter of the statements sent to it.
func benchStore(b *testing.B) (*store.Store, string, *store.Counter) {
	b.Helper()
	url, drop, err := storetest.CreateDatabase(context.Background(), storetest.PostgresURL(), "thidua_import_bench")
	if err != nil {
		b.Skipf("PostgreSQL not available: %v", err)
	}
	b.Cleanup(drop)
	var counter *store.Counter
	st, err := store.Open(context.Background(), url, store.Options{Wrap: func(d dialect.Driver) dialect.Driver {
		counter = store.NewCounter(d)
		return counter
	}})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st.Close() })
	// One transaction, so one notice to the other processes: a unit at a
	// time queued hundreds, whose sending ran into the timed import.
	sys := privacy.DecisionContext(context.Background(), privacy.Allow)
	tx, err := st.Client.Tx(sys)
	if err != nil {
		b.Fatal(err)
	}
	city := tx.Unit.Create().SetCode("HCM").SetName("Thành phố Hồ Chí Minh").SetType(domain.UnitTypeCity).SaveX(sys)
	for i := range benchUnits {
		tx.Unit.Create().SetCode(fmt.Sprintf("BW-%03d", i)).SetName(fmt.Sprintf("Phường Thử %d", i)).
			SetType(domain.UnitTypeWard).SetParent(city).ExecX(sys)
	}
	if err := tx.Commit(); err != nil {
		b.Fatal(err)
	}
	return st, url, counter
}

// BenchmarkImport: the staff list imported into an empty store (every row
// checked, people and memberships created, each creation audited) — rows
// per second, the peak Go heap and the statements sent a row. Its
// baseline, BenchmarkImportBaseline, reads the same workbook and copies
// the same people and memberships into PostgreSQL with COPY, unchecked and
// unaudited: the floor of the work.
func BenchmarkImport(b *testing.B) {
	n := benchPeople()
	file := peopleWorkbook(b, n)
	b.Run(fmt.Sprintf("people-%d", n), func(b *testing.B) {
		var statements int64
		measure(b, n, func(b *testing.B) func() {
			st, _, counter := benchStore(b)
			return func() {
				counter.Reset()
				res, err := Run(board(), st.Client, People, "can-bo.xlsx", bytes.NewReader(file), false)
				if err != nil || !res.OK() || res.Created != n {
					b.Fatalf("%v %s %v", err, counts(res), res.Problems[:min(3, len(res.Problems))])
				}
				statements += counter.Statements()
			}
		})
		b.ReportMetric(float64(statements)/float64(n*b.N), "stmts/row")
	})
}

func BenchmarkImportBaseline(b *testing.B) {
	n := benchPeople()
	file := peopleWorkbook(b, n)
	b.Run(fmt.Sprintf("people-%d", n), func(b *testing.B) {
		measure(b, n, func(b *testing.B) func() {
			st, url, _ := benchStore(b)
			units := map[string]int{}
			for _, u := range st.Client.Unit.Query().AllX(privacy.DecisionContext(context.Background(), privacy.Allow)) {
				units[u.Code] = u.ID
			}
			return func() { copyPeople(b, url, file, units) }
		})
	})
}

// measure runs, once an iteration, the work that prepare readies on a
// fresh store (prepare is not timed), and reports rows per second, the
// peak Go heap and seconds a run.
func measure(b *testing.B, rows int, prepare func(b *testing.B) func()) {
	var spent time.Duration
	var peak float64
	var used benchmem.CPUSpent
	for b.Loop() {
		b.StopTimer()
		work := prepare(b)
		b.StartTimer()
		start, heap, cpu := time.Now(), benchmem.Peak(), benchmem.CPU(map[string]int{"pg": pgServer()})
		work()
		peak = max(peak, heap())
		spent += time.Since(start)
		used = used.Add(cpu())
	}
	b.ReportMetric(float64(rows)*float64(b.N)/spent.Seconds(), "rows/s")
	b.ReportMetric(peak, "peak-heap-MB")
	b.ReportMetric(spent.Seconds()/float64(b.N), "s/run")
	benchmem.ReportCPU(b, used, float64(b.N), "s/run")
}

// pgServer is the benchmarks' PostgreSQL server's process, when it runs
// here, watched for the store's share of the CPU.
var pgServer = sync.OnceValue(func() int { return benchmem.PostgresServer(storetest.PostgresURL()) })

// copyPeople reads the workbook's rows and COPYs them into people and
// memberships in one transaction.
func copyPeople(b *testing.B, url string, file []byte, units map[string]int) {
	ctx := context.Background()
	f, err := excelize.OpenReader(bytes.NewReader(file))
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	rows, err := f.Rows("Sheet1")
	if err != nil {
		b.Fatal(err)
	}
	var people, members [][]any
	now := time.Now()
	gender := map[string]string{"Nam": "MALE", "Nữ": "FEMALE"}
	cat := map[string]string{"Công chức": "CIVIL_SERVANT", "Viên chức": "PUBLIC_EMPLOYEE", "Người lao động": "WORKER"}
	rows.Next() // the header
	for id := 1; rows.Next(); id++ {
		c, err := rows.Columns()
		if err != nil {
			b.Fatal(err)
		}
		year, _ := strconv.Atoi(c[3])
		from, _ := time.Parse("02/01/2006", c[9])
		// The searched text is part of the row the import writes (its
		// trigram index is a cost of the row): the baseline writes it too.
		people = append(people, []any{id, now, now, c[0], c[1], gender[c[2]], year, "", search.Join(c[0], c[1])})
		members = append(members, []any{now, now, cat[c[6]], "STAFF", c[8], from, id, units[c[5]]})
	}
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		b.Fatal(err)
	}
	defer conn.Close(ctx)
	tx, err := conn.Begin(ctx)
	if err != nil {
		b.Fatal(err)
	}
	if _, err := tx.CopyFrom(ctx, pgx.Identifier{"people"}, []string{"id", "created_at", "updated_at", "code", "full_name", "gender", "birth_year", "email", "search_text"},
		pgx.CopyFromRows(people)); err != nil {
		b.Fatal(err)
	}
	if _, err := tx.CopyFrom(ctx, pgx.Identifier{"memberships"}, []string{"created_at", "updated_at", "category", "role", "position_title", "valid_from", "person_id", "unit_id"},
		pgx.CopyFromRows(members)); err != nil {
		b.Fatal(err)
	}
	if err := tx.Commit(ctx); err != nil {
		b.Fatal(err)
	}
}

// benchIdeas is how many ideas the ideas benchmark's file lists
// (THIDUA_BENCH_IMPORT_IDEAS to change it).
func benchIdeas() int {
	if n, err := strconv.Atoi(os.Getenv("THIDUA_BENCH_IMPORT_IDEAS")); err == nil && n > 0 {
		return n
	}
	return 10_000
}

// ideasWorkbook is a file of n historical ideas across the benchmark's
// wards, a fifth at each of five stages (draft, rejected, piloted and
// evaluated, applied city-wide, rated by ministries): 6 events each on average.
func ideasWorkbook(b *testing.B, n, people int) []byte {
	b.Helper()
	var rows [][]string
	for i := range n {
		cells := map[string]string{"code": fmt.Sprintf("YT-%06d", i+1), "title": "Ý tưởng thử số " + strconv.Itoa(i+1),
			"field": "Cải cách hành chính", "kind": "Sáng kiến", "unit": fmt.Sprintf("BW-%03d", i%benchUnits),
			"proposed_on": "02/01/2024", "proposers": fmt.Sprintf("CB%07d", 1+i%people)}
		review := map[string]string{"submitted_on": "05/01/2024", "review_on": "10/01/2024"}
		approve := map[string]string{"approved_on": "01/02/2024", "decision": fmt.Sprintf("%d/QĐ-UBND", i+1),
			"authority": "Ủy ban nhân dân phường", "started_on": "01/03/2024", "evaluated_on": "01/09/2024", "evaluation": "Hiệu quả"}
		city := map[string]string{"approval": "Triển khai", "applied_on": "15/09/2024", "city_proposed_on": "01/10/2024", "city_wide_on": "01/12/2024"}
		switch i % 5 {
		case 1:
			maps.Copy(cells, review)
			cells["rejected_on"] = "01/02/2024"
			cells["note"] = "Chưa khả thi trong điều kiện hiện nay"
		case 2:
			maps.Copy(cells, review)
			maps.Copy(cells, approve)
			maps.Copy(cells, map[string]string{"approval": "Thí điểm", "pilot_scope": "Bộ phận một cửa", "pilot_end": "31/08/2024"})
		case 3, 4:
			maps.Copy(cells, review)
			maps.Copy(cells, approve)
			maps.Copy(cells, city)
			if i%5 == 4 {
				cells["ministries_on"] = "01/03/2025"
			}
		}
		rows = append(rows, ideaLine(cells))
	}
	var out bytes.Buffer
	w := csv.NewWriter(&out)
	head := make([]string, len(Columns[Ideas]))
	for i, c := range Columns[Ideas] {
		head[i] = c.Header
	}
	if err := w.Write(head); err != nil {
		b.Fatal(err)
	}
	if err := w.WriteAll(rows); err != nil {
		b.Fatal(err)
	}
	return out.Bytes()
}

// BenchmarkImportIdeas: a file of historical ideas imported into a store
// with their units and proposers: every chain checked through the
// lifecycle's rules, ideas, proposers, events and their audit rows written.
func BenchmarkImportIdeas(b *testing.B) {
	n, people := benchIdeas(), 1000
	file := ideasWorkbook(b, n, people)
	b.Run(fmt.Sprintf("ideas-%d", n), func(b *testing.B) {
		measure(b, n, func(b *testing.B) func() {
			st, _, _ := benchStore(b)
			sys := privacy.DecisionContext(context.Background(), privacy.Allow)
			for i := 0; i < people; i += batch {
				var creates []*ent.PersonCreate
				for j := i; j < min(i+batch, people); j++ {
					creates = append(creates, st.Client.Person.Create().SetCode(fmt.Sprintf("CB%07d", j+1)).
						SetFullName("Người Thử Số "+strconv.Itoa(j+1)).SetGender(domain.GenderFemale))
				}
				st.Client.Person.CreateBulk(creates...).ExecX(sys)
			}
			return func() {
				res, err := Run(board(), st.Client, Ideas, "y-tuong.csv", bytes.NewReader(file), false)
				if err != nil || !res.OK() || res.Created != n {
					b.Fatalf("%v %s %v", err, counts(res), res.Problems[:min(3, len(res.Problems))])
				}
			}
		})
	})
}
