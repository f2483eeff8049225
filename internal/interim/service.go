package interim

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"strconv"
	"sync"

	"github.com/ClickHouse/clickhouse-go/v2"
	"github.com/ClickHouse/clickhouse-go/v2/lib/driver"

	"github.com/hcmc-thidua/thidua/etl"
)

// State says whether a report holds figures, and if not, why: figures of
// zero that are really "no data" would look like facts.
type State string

// The states of a report.
const (
	StateOK             State = "OK"              // figures, as of RefreshedAt
	StateNoData         State = "NO_DATA"         // the warehouse is fresh but holds nothing for the phase and scope
	StateNotConfigured  State = "NOT_CONFIGURED"  // this server has no warehouse
	StateUnreachable    State = "UNREACHABLE"     // the warehouse does not answer
	StateNeverRefreshed State = "NEVER_REFRESHED" // no ETL run has succeeded yet
)

// Messages say each state to a reader, in Vietnamese.
var Messages = map[State]string{
	StateOK:             "Số liệu lấy từ kho dữ liệu báo cáo.",
	StateNoData:         "Chưa có số liệu của giai đoạn này cho phạm vi đã chọn.",
	StateNotConfigured:  "Máy chủ chưa được kết nối với kho dữ liệu báo cáo (ClickHouse), nên chưa có số liệu sơ kết.",
	StateUnreachable:    "Không kết nối được kho dữ liệu báo cáo; số liệu sơ kết tạm thời chưa xem được. Vui lòng thử lại sau.",
	StateNeverRefreshed: "Kho dữ liệu báo cáo chưa được nạp số liệu lần nào; số liệu sơ kết sẽ có sau lần nạp đầu tiên.",
}

// Report is a summary with its state. Summary is set for OK and NO_DATA
// (with its refresh time), nil otherwise.
type Report struct {
	Review  Review // empty is the interim review
	State   State
	Message string
	Phase   Phase
	Scope   Scope
	Summary *Summary
}

// Scope is the part of the city a report covers.
type Scope struct {
	ID               int    // the unit's id
	Path, Code, Name string // "/HCM/", "HCM", "Thành phố Hồ Chí Minh"
}

// Warehouse opens (or hands out) the connection to the warehouse and the
// database the ETL loads.
type Warehouse interface {
	Conn(ctx context.Context) (driver.Conn, string, error)
}

// Labels fills what the warehouse does not hold: idea titles and the
// names of the people who stand out, from the store.
type Labels interface {
	Label(ctx context.Context, s *Summary) error
}

// Service answers reports, caching each summary until the warehouse's
// next refresh: a summary only changes when an ETL run succeeds.
type Service struct {
	Warehouse Warehouse // nil when none is configured
	Labels    Labels    // optional

	mu    sync.Mutex
	cache map[cacheKey]*Summary
}

type cacheKey struct{ run, phase, path string }

// maxCached bounds the cache: a report per unit and phase is a few
// kilobytes, and the cache empties at each refresh.
const maxCached = 512

// Report returns the report of a phase for a scope.
func (s *Service) Report(ctx context.Context, phase Phase, scope Scope) (Report, error) {
	r := Report{Phase: phase, Scope: scope}
	if s == nil || s.Warehouse == nil {
		return r.with(StateNotConfigured), nil
	}
	// No ping first: reading the last refresh is the probe, one round trip.
	conn, db, err := s.Warehouse.Conn(ctx)
	if err != nil {
		slog.WarnContext(ctx, "interim: warehouse unreachable", "err", err)
		return r.with(StateUnreachable), nil
	}
	run, ok, err := etl.LastRefresh(ctx, conn, db)
	var answered *clickhouse.Exception
	switch {
	case errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded):
		return Report{}, err
	case errors.As(err, &answered):
		// The server answered that the tables are not there: never loaded.
		slog.WarnContext(ctx, "interim: reading the last refresh", "err", err)
		return r.with(StateNeverRefreshed), nil
	case err != nil:
		slog.WarnContext(ctx, "interim: warehouse unreachable", "err", err)
		return r.with(StateUnreachable), nil
	}
	if !ok {
		return r.with(StateNeverRefreshed), nil
	}
	key := cacheKey{run.RunID, phase.Name, scope.Path}
	sum := s.cached(key)
	if sum == nil {
		loaded, err := Load(ctx, conn, db, phase, scope.Path, run.Snapshot)
		if err != nil {
			return Report{}, fmt.Errorf("interim summary of %s for %s: %w", phase.Name, scope.Path, err)
		}
		loaded.Stamp(run.RunID, run.Snapshot)
		if s.Labels != nil {
			if err := s.Labels.Label(ctx, &loaded); err != nil {
				return Report{}, err
			}
		}
		sum = &loaded
		s.keep(key, sum)
	}
	r.Summary = sum
	if sum.Empty() {
		return r.with(StateNoData), nil
	}
	return r.with(StateOK), nil
}

func (r Report) with(st State) Report {
	r.State, r.Message = st, Messages[st]
	return r
}

func (s *Service) cached(k cacheKey) *Summary {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.cache[k]
}

func (s *Service) keep(k cacheKey, sum *Summary) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.cache == nil || len(s.cache) >= maxCached {
		s.cache = map[cacheKey]*Summary{}
	}
	for old := range s.cache {
		if old.run != k.run { // a newer refresh: the rest is stale
			clear(s.cache)
			break
		}
	}
	s.cache[k] = sum
}

// MarshalGQL writes the state's code.
func (s State) MarshalGQL(w io.Writer) { _, _ = io.WriteString(w, strconv.Quote(string(s))) }

// UnmarshalGQL reads a state's code.
func (s *State) UnmarshalGQL(v any) error {
	code, _ := v.(string)
	if _, ok := Messages[State(code)]; !ok {
		return fmt.Errorf("InterimState: %v không phải một trạng thái", v)
	}
	*s = State(code)
	return nil
}
