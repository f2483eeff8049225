package loadtest

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"
)

// Report is everything the run prints.
type Report struct {
	Clients  int
	Duration time.Duration // measured, from the first client's start to the last one's end
	Scale    string
	Store    string
	Units    int
	Metrics  Snapshot
	Created  int // ideas the clients saw created
	Actions  int // workflow actions the clients saw succeed
	Check    CheckResult
	Live     *LiveResult // nil without subscribers
}

// Failures lists why the run fails; empty when it passes.
func (r Report) Failures() []string {
	var f []string
	if n := r.Metrics.Server5xx(); n > 0 {
		f = append(f, fmt.Sprintf("%d HTTP 5xx answers", n))
	}
	if n := r.Metrics.Status[0]; n > 0 {
		f = append(f, fmt.Sprintf("%d requests without an answer", n))
	}
	if r.Metrics.Unexpected > 0 {
		f = append(f, fmt.Sprintf("%d unexpected failures (anything but a CONFLICT race)", r.Metrics.Unexpected))
	}
	if n := len(r.Check.Problems); n > 0 {
		f = append(f, fmt.Sprintf("%d store inconsistencies", n))
	}
	if r.Created == 0 {
		f = append(f, "no idea was created: the write path was not exercised")
	}
	if l := r.Live; l != nil {
		if l.Missing > 0 || l.Duplicated > 0 {
			f = append(f, fmt.Sprintf("the board's live streams missed %d and repeated %d of the load's events", l.Missing, l.Duplicated))
		}
		if len(l.EndedEarly) > 0 {
			f = append(f, fmt.Sprintf("%d live streams ended before the run did (%s)", len(l.EndedEarly), l.EndedEarly[0]))
		}
	}
	return f
}

// Print writes the report as tables.
func (r Report) Print(w io.Writer) {
	m := r.Metrics
	total := m.Reads.Count + m.Writes.Count
	secs := r.Duration.Seconds()
	fmt.Fprintf(w, "\nload: %d clients × %s on %s (%s), %d units\n\n", r.Clients, r.Duration.Round(time.Millisecond), r.Scale, r.Store, r.Units)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "\trequests\treq/s\tp50\tp90\tp99\tmax\t")
	row := func(name string, l Latencies) {
		fmt.Fprintf(tw, "%s\t%d\t%.1f\t%s\t%s\t%s\t%s\t\n", name, l.Count, float64(l.Count)/secs,
			ms(l.P50), ms(l.P90), ms(l.P99), ms(l.Max))
	}
	row("reads", m.Reads)
	row("writes", m.Writes)
	fmt.Fprintf(tw, "all\t%d\t%.1f\t\t\t\t\t\n", total, float64(total)/secs)
	tw.Flush()

	fmt.Fprintf(w, "\nHTTP status:")
	for _, s := range sortedCounts(m.Status) {
		name := fmt.Sprint(s)
		if s == 0 {
			name = "no answer"
		}
		fmt.Fprintf(w, "  %s × %d", name, m.Status[s])
	}
	fmt.Fprintf(w, "\nGraphQL errors by extensions.code:")
	if len(m.Errors) == 0 {
		fmt.Fprintf(w, "  none")
	}
	for _, c := range sortedCounts(m.Errors) {
		fmt.Fprintf(w, "  %s × %d", c, m.Errors[c])
	}
	fmt.Fprintf(w, "\nworkflow: %d ideas created, %d actions succeeded, %d lost version races (CONFLICT)\n",
		r.Created, r.Actions, m.Errors["CONFLICT"])
	fmt.Fprintf(w, "store check: %d ideas (%d of the load), %d events", r.Check.Ideas, r.Check.LoadIdeas, r.Check.Events)
	if r.Check.Resolved > 0 {
		fmt.Fprintf(w, ", %d writes of unknown outcome found committed", r.Check.Resolved)
	}
	fmt.Fprintln(w)
	if l := r.Live; l != nil {
		fmt.Fprintf(w, "live: %d streams (%d of the board's full feed); %d idea events and %d attention lists delivered; commit to receipt p50 %s, p90 %s, p99 %s, max %s; each board stream got %d of the load's %d events (%d missing, %d repeated over all)\n",
			l.Streams, l.BoardStreams, l.Events, l.Attention, ms(l.Delivery.P50), ms(l.Delivery.P90), ms(l.Delivery.P99), ms(l.Delivery.Max),
			l.Expected-l.Missing/max(1, l.BoardStreams), l.Expected, l.Missing, l.Duplicated)
	}
	for _, e := range m.Examples {
		fmt.Fprintf(w, "  failure: %s\n", e)
	}
	for i, p := range r.Check.Problems {
		if i == 20 {
			fmt.Fprintf(w, "  … and %d more\n", len(r.Check.Problems)-i)
			break
		}
		fmt.Fprintf(w, "  store: %s\n", p)
	}
	if f := r.Failures(); len(f) > 0 {
		fmt.Fprintf(w, "\nFAIL: %s\n", strings.Join(f, "; "))
		return
	}
	fmt.Fprintf(w, "\nok: no 5xx, no lost or duplicated writes, store consistent\n")
}

func ms(d time.Duration) string {
	return fmt.Sprintf("%.1fms", float64(d.Microseconds())/1000)
}
