// Package netdelay is a TCP proxy that holds back each direction's data for
// a fixed time, so that a store on loopback costs what one on another host
// does per round trip (internal/apibench measures the API through it).
//
// The delay is paid per round trip, not per statement: every chunk read is
// due a fixed time after it arrived, and chunks already in flight wait
// together, as on a wire, so a pipelined batch pays once. Each connection
// has its own goroutines: one connection's wait never holds up another's.
// Memory is bounded: a direction holds at most maxChunks reads of
// chunkSize, after which the proxy stops reading and TCP pushes back on
// the sender.
package netdelay

import (
	"errors"
	"io"
	"net"
	"sync"
	"sync/atomic"
	"time"
)

const (
	chunkSize = 16 << 10
	maxChunks = 32
)

// Proxy forwards the connections it accepts to one address.
type Proxy struct {
	ln       net.Listener
	target   string
	up, down time.Duration
	sent     atomic.Int64 // chunks forwarded to target

	mu     sync.Mutex
	conns  map[net.Conn]struct{}
	closed bool
	wg     sync.WaitGroup
}

// Listen starts a proxy on 127.0.0.1 at a free port forwarding to target
// (host:port): data from its clients reaches target up later, target's
// answers reach the clients down later. A request and its answer thus
// cost up+down more than they would straight to target.
func Listen(target string, up, down time.Duration) (*Proxy, error) {
	if up < 0 || down < 0 {
		return nil, errors.New("netdelay: a negative delay")
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	p := &Proxy{ln: ln, target: target, up: up, down: down, conns: map[net.Conn]struct{}{}}
	p.wg.Add(1)
	go p.accept()
	return p, nil
}

// Addr is the proxy's host:port.
func (p *Proxy) Addr() string { return p.ln.Addr().String() }

// Sent is how many chunks the proxy has read from its clients and sent on:
// the requests' round trips, but for a request read in two parts or two
// connections' requests counted apart though they waited together.
func (p *Proxy) Sent() int64 { return p.sent.Load() }

// Close stops accepting, closes every connection on both sides and waits
// for the proxy's goroutines.
func (p *Proxy) Close() error {
	p.mu.Lock()
	p.closed = true
	for c := range p.conns {
		c.Close()
	}
	p.mu.Unlock()
	err := p.ln.Close()
	p.wg.Wait()
	return err
}

func (p *Proxy) accept() {
	defer p.wg.Done()
	for {
		c, err := p.ln.Accept()
		if err != nil {
			return
		}
		p.wg.Add(1)
		go p.serve(c)
	}
}

// track records c so that Close can end it; false once the proxy is closed.
func (p *Proxy) track(c net.Conn) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.closed {
		return false
	}
	p.conns[c] = struct{}{}
	return true
}

func (p *Proxy) untrack(cs ...net.Conn) {
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, c := range cs {
		delete(p.conns, c)
	}
}

func (p *Proxy) serve(client net.Conn) {
	defer p.wg.Done()
	server, err := net.Dial("tcp", p.target)
	if err != nil {
		client.Close()
		return
	}
	if !p.track(client) || !p.track(server) {
		client.Close()
		server.Close()
		return
	}
	// Disabling Nagle on both legs (Go's default, said again) keeps a small
	// message from waiting for the previous one's ACK on top of the delay.
	for _, c := range []net.Conn{client, server} {
		if t, ok := c.(*net.TCPConn); ok {
			_ = t.SetNoDelay(true)
		}
	}
	var once sync.Once
	kill := func() {
		once.Do(func() {
			client.Close()
			server.Close()
		})
	}
	var wg sync.WaitGroup
	wg.Go(func() { pipe(server, client, p.up, kill, &p.sent) })
	wg.Go(func() { pipe(client, server, p.down, kill, nil) })
	wg.Wait()
	kill()
	p.untrack(client, server)
}

type chunk struct {
	buf []byte
	n   int
	due time.Time
}

// pipe copies src to dst, each read written delay after it was read, in
// order. An orderly end (EOF) is passed on as a half close, so that a
// client's close reaches the server as it would without the proxy; any
// other failure ends both connections.
func pipe(dst, src net.Conn, delay time.Duration, kill func(), chunks *atomic.Int64) {
	queue := make(chan chunk, maxChunks)
	free := make(chan []byte, maxChunks)
	var readErr error
	go func() {
		defer close(queue)
		// Buffers are made as needed: a connection taking turns with its
		// store needs two (one read while one waits), and the proxy shares
		// the heap of the process it measures.
		made := 0
		for {
			var buf []byte
			select {
			case buf = <-free:
			default:
				if made < maxChunks {
					buf = make([]byte, chunkSize)
					made++
				} else {
					buf = <-free
				}
			}
			n, err := src.Read(buf)
			if n > 0 {
				if chunks != nil {
					chunks.Add(1)
				}
				queue <- chunk{buf, n, time.Now().Add(delay)}
			} else {
				free <- buf
			}
			if err != nil {
				readErr = err
				return
			}
		}
	}()
	t := newTimer()
	defer t.close()
	failed := false
	for c := range queue {
		if !failed {
			if d := time.Until(c.due); d > 0 {
				t.sleep(d)
			}
			if _, err := dst.Write(c.buf[:c.n]); err != nil {
				failed = true
				kill() // unblocks the reader, whose chunks are then dropped
			}
		}
		free <- c.buf
	}
	// The reader has closed queue, so readErr is its last word.
	if failed || !errors.Is(readErr, io.EOF) {
		kill()
		return
	}
	if t, ok := dst.(*net.TCPConn); ok {
		if err := t.CloseWrite(); err != nil {
			kill()
		}
	} else {
		kill()
	}
}
