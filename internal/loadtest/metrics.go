package loadtest

import (
	"sort"
	"sync"
	"time"
)

// Kind separates reads from writes in the report: their latencies differ
// by an order of magnitude on SQLite, where writes queue for one writer.
type Kind int

// The kinds of request.
const (
	Read Kind = iota
	Write
)

// Metrics collects every request's outcome; safe for concurrent use.
type Metrics struct {
	mu        sync.Mutex
	latencies [2][]time.Duration
	status    map[int]int    // HTTP status; 0 = no answer (transport error)
	errors    map[string]int // extensions.code of GraphQL errors
	// Unexpected keeps a few examples of failures that are not CONFLICT
	// races, to show in the report.
	Unexpected []string
	unexpected int
}

// NewMetrics returns empty metrics.
func NewMetrics() *Metrics {
	return &Metrics{status: map[int]int{}, errors: map[string]int{}}
}

// Observe records one request.
func (m *Metrics) Observe(k Kind, d time.Duration, status int, codes []string) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.latencies[k] = append(m.latencies[k], d)
	m.status[status]++
	for _, c := range codes {
		m.errors[c]++
	}
}

// Fail records a failure that is not an accepted race.
func (m *Metrics) Fail(example string) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.unexpected++
	if len(m.Unexpected) < 10 {
		m.Unexpected = append(m.Unexpected, example)
	}
}

// Snapshot is the metrics at the end of the run.
type Snapshot struct {
	Reads, Writes Latencies
	Status        map[int]int
	Errors        map[string]int
	Unexpected    int
	Examples      []string
}

// Snapshot summarises what was observed.
func (m *Metrics) Snapshot() Snapshot {
	m.mu.Lock()
	defer m.mu.Unlock()
	s := Snapshot{
		Reads:      Summarize(append([]time.Duration(nil), m.latencies[Read]...)),
		Writes:     Summarize(append([]time.Duration(nil), m.latencies[Write]...)),
		Status:     map[int]int{},
		Errors:     map[string]int{},
		Unexpected: m.unexpected,
		Examples:   append([]string(nil), m.Unexpected...),
	}
	for k, v := range m.status {
		s.Status[k] = v
	}
	for k, v := range m.errors {
		s.Errors[k] = v
	}
	return s
}

// Server5xx counts the answers with a 5xx status.
func (s Snapshot) Server5xx() int {
	n := 0
	for st, c := range s.Status {
		if st >= 500 {
			n += c
		}
	}
	return n
}

func sortedCounts[K int | string](m map[K]int) []K {
	keys := make([]K, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool { return keys[i] < keys[j] })
	return keys
}
