package server

import (
	"net/http"
	"strings"
	"testing"
)

// TestClientAddr: X-Forwarded-For is believed only from a trusted proxy,
// read from the right past every trusted hop; what the client wrote to
// the left of its own address proves nothing.
func TestClientAddr(t *testing.T) {
	trusted, err := ParseTrustedProxies("10.0.0.0/8, 192.168.1.5, ::1")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name, peer string
		xff        []string
		want       string
	}{
		{"no proxy", "203.0.113.9:5000", nil, "203.0.113.9"},
		{"an untrusted peer's header is ignored", "203.0.113.9:5000", []string{"1.2.3.4"}, "203.0.113.9"},
		{"one trusted proxy", "10.1.2.3:5000", []string{"198.51.100.7"}, "198.51.100.7"},
		{"a forged hop left of the client", "10.1.2.3:5000", []string{"6.6.6.6, 198.51.100.7"}, "198.51.100.7"},
		{"two trusted proxies", "192.168.1.5:1", []string{"198.51.100.7, 10.9.9.9"}, "198.51.100.7"},
		{"headers repeated", "10.1.2.3:5000", []string{"6.6.6.6", "198.51.100.7, 10.0.0.1"}, "198.51.100.7"},
		{"a port and IPv6 brackets", "[::1]:80", []string{"[2001:db8::1]:4711"}, "2001:db8::1"},
		{"an address with a port", "10.1.2.3:5000", []string{"198.51.100.7:4711"}, "198.51.100.7"},
		{"garbage stops at the last vouched hop", "10.1.2.3:5000", []string{"198.51.100.7, <script>"}, "10.1.2.3"},
		{"only trusted hops", "10.1.2.3:5000", []string{"10.0.0.7"}, "10.0.0.7"},
		{"an empty header", "10.1.2.3:5000", []string{""}, "10.1.2.3"},
		{"an IPv6 zone is no address", "10.1.2.3:5000", []string{`fe80::1%eth0"injected_ADMIN`}, "10.1.2.3"},
		{"IPv4-mapped peer", "[::ffff:10.1.2.3]:5000", []string{"198.51.100.7"}, "198.51.100.7"},
	} {
		r := &http.Request{RemoteAddr: c.peer, Header: http.Header{}}
		for _, h := range c.xff {
			r.Header.Add("X-Forwarded-For", h)
		}
		if got := trustedProxies(trusted).clientAddr(r); got != c.want {
			t.Errorf("%s: %q, want %q", c.name, got, c.want)
		}
	}
	for _, bad := range []string{"10.0.0.0/33", "proxy.local", "10.0.0.1/8/1"} {
		if _, err := ParseTrustedProxies(bad); err == nil {
			t.Errorf("ParseTrustedProxies(%q) accepted", bad)
		}
	}
}

// TestForwardedHopsBounded: a megabyte of commas is read from its end,
// maxForwardedHops hops at most.
func TestForwardedHopsBounded(t *testing.T) {
	huge := strings.Repeat("1.1.1.1,", 1<<17) + "198.51.100.7"
	allocs := testing.AllocsPerRun(10, func() { _ = forwardedHops([]string{huge}) })
	if got := forwardedHops([]string{huge}); len(got) != maxForwardedHops || got[len(got)-1] != "198.51.100.7" {
		t.Fatalf("%d hops, last %q", len(got), got[len(got)-1])
	}
	if allocs > 10 {
		t.Errorf("%.0f allocations for a crafted header", allocs)
	}
}

func TestClientRequestID(t *testing.T) {
	for _, c := range []struct {
		in, want string
		cut      bool
	}{
		{"3f2c-ab.01:x/y", "3f2c-ab.01:x/y", false},
		{"a\nb c\"d", "abcd", false},
		{strings.Repeat("a", 64), strings.Repeat("a", 64), false},
		{strings.Repeat("a", 65), strings.Repeat("a", 64), true},
	} {
		if got, cut := clientRequestID(c.in); got != c.want || cut != c.cut {
			t.Errorf("clientRequestID(%q) = %q %v", c.in, got, cut)
		}
	}
}
