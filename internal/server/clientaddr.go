package server

import (
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"strings"
)

// maxForwardedHops bounds how much of X-Forwarded-For is read: a client
// may send a header of any length, and the answer lies in its last hops.
const maxForwardedHops = 16

// trustedProxies are the addresses whose X-Forwarded-For is believed.
type trustedProxies []netip.Prefix

// ParseTrustedProxies reads THIDUA_TRUSTED_PROXIES: addresses or CIDR
// ranges, comma-separated.
func ParseTrustedProxies(s string) ([]netip.Prefix, error) {
	var out []netip.Prefix
	for _, f := range strings.Split(s, ",") {
		f = strings.TrimSpace(f)
		if f == "" {
			continue
		}
		if !strings.Contains(f, "/") {
			a, err := netip.ParseAddr(f)
			if err != nil {
				return nil, fmt.Errorf("THIDUA_TRUSTED_PROXIES: %q is neither an address nor a CIDR range", f)
			}
			out = append(out, netip.PrefixFrom(a.Unmap(), a.Unmap().BitLen()))
			continue
		}
		p, err := netip.ParsePrefix(f)
		if err != nil {
			return nil, fmt.Errorf("THIDUA_TRUSTED_PROXIES: %q is neither an address nor a CIDR range", f)
		}
		out = append(out, p.Masked())
	}
	return out, nil
}

func (t trustedProxies) trusts(a netip.Addr) bool {
	a = a.Unmap()
	for _, p := range t {
		if p.Contains(a) {
			return true
		}
	}
	return false
}

// clientAddr is the address of the request's client: the connection's
// peer, unless the peer is a trusted proxy; then X-Forwarded-For is read
// from the right, past every trusted proxy, and the first address that is
// not one is the client. Hops left of it were written by the client
// itself and prove nothing. A malformed hop ends the walk at the last
// address a trusted proxy vouched for.
func (t trustedProxies) clientAddr(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		host = r.RemoteAddr
	}
	peer, err := netip.ParseAddr(host)
	if err != nil {
		return clipText(host, 64)
	}
	peer = peer.Unmap()
	if len(t) == 0 || !t.trusts(peer) {
		return peer.String()
	}
	hops := forwardedHops(r.Header.Values("X-Forwarded-For"))
	client := peer
	for i := len(hops) - 1; i >= 0; i-- {
		a, err := netip.ParseAddr(hops[i])
		// A zone ("fe80::1%eth0") is text of the sender's choosing: an
		// address a proxy vouches for has none.
		if err != nil || a.Zone() != "" {
			break
		}
		client = a.Unmap()
		if !t.trusts(client) {
			break
		}
	}
	return client.String()
}

// forwardedHops lists the last maxForwardedHops addresses of the
// X-Forwarded-For headers, in order, with ports and IPv6 brackets removed.
func forwardedHops(headers []string) []string {
	var hops []string
	// From the end, without splitting the whole header: a crafted one of
	// a megabyte of commas costs no more than its last hops.
	for i := len(headers) - 1; i >= 0 && len(hops) < maxForwardedHops; i-- {
		h := headers[i]
		for len(hops) < maxForwardedHops {
			cut := strings.LastIndexByte(h, ',')
			hops = append(hops, hopAddr(strings.TrimSpace(h[cut+1:])))
			if cut < 0 {
				break
			}
			h = h[:cut]
		}
	}
	for i, j := 0, len(hops)-1; i < j; i, j = i+1, j-1 {
		hops[i], hops[j] = hops[j], hops[i]
	}
	return hops
}

func hopAddr(s string) string {
	if strings.HasPrefix(s, "[") {
		if end := strings.IndexByte(s, ']'); end > 0 {
			return s[1:end]
		}
	}
	if strings.Count(s, ":") == 1 {
		if h, _, err := net.SplitHostPort(s); err == nil {
			return h
		}
	}
	return s
}
