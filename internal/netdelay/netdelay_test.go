package netdelay

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"math/rand/v2"
	"net"
	"os"
	"sync"
	"testing"
	"time"
)

// listen starts a server on loopback running handle for each connection.
func listen(t *testing.T, handle func(net.Conn)) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go handle(c)
		}
	}()
	return ln.Addr().String()
}

func echo(c net.Conn) {
	defer c.Close()
	_, _ = io.Copy(c, c)
}

// lines answers every line it reads with "ok\n" by itself, as a store
// answers each statement of a pipeline.
func lines(c net.Conn) {
	defer c.Close()
	r := bufio.NewReader(c)
	for {
		if _, err := r.ReadString('\n'); err != nil {
			return
		}
		if _, err := c.Write([]byte("ok\n")); err != nil {
			return
		}
	}
}

func proxy(t *testing.T, target string, up, down time.Duration) *Proxy {
	t.Helper()
	p, err := Listen(target, up, down)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { p.Close() })
	return p
}

func dial(t *testing.T, addr string) net.Conn {
	t.Helper()
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}

// roundTrip writes msg and reads as many bytes back.
func roundTrip(c net.Conn, msg []byte) error {
	if _, err := c.Write(msg); err != nil {
		return err
	}
	got := make([]byte, len(msg))
	if _, err := io.ReadFull(c, got); err != nil {
		return err
	}
	if !bytes.Equal(got, msg) {
		return errors.New("echoed bytes differ")
	}
	return nil
}

// TestRoundTripPaysTheDelay: a request and its answer take at least both
// directions' delays, and not a great deal more, under a millisecond too
// (where the runtime's own timers would round up to one); each counts as
// one chunk sent.
func TestRoundTripPaysTheDelay(t *testing.T) {
	for _, c := range []struct{ up, down, slack time.Duration }{
		// The slack catches gross faults (a delay paid twice, a wait
		// rounded to whole milliseconds many times over) on a machine
		// busy with other tests; what the proxy adds exactly is a
		// benchmark's figure, not a test's.
		{2 * time.Millisecond, 3 * time.Millisecond, 20 * time.Millisecond},
		{250 * time.Microsecond, 250 * time.Microsecond, 20 * time.Millisecond},
	} {
		p := proxy(t, listen(t, echo), c.up, c.down)
		conn := dial(t, p.Addr())
		var fastest time.Duration
		for i := range 50 {
			start := time.Now()
			if err := roundTrip(conn, []byte("ping")); err != nil {
				t.Fatal(err)
			}
			d := time.Since(start)
			if d < c.up+c.down {
				t.Fatalf("round trip %d took %s, less than the %s delayed", i, d, c.up+c.down)
			}
			if i == 0 || d < fastest {
				fastest = d
			}
		}
		if n := p.Sent(); n != 50 {
			t.Errorf("50 round trips counted as %d", n)
		}
		// The fastest of 50 says what the proxy adds, without the machine's noise.
		if fastest > c.up+c.down+c.slack {
			t.Errorf("the fastest round trip took %s for %s of delay", fastest, c.up+c.down)
		}
		t.Logf("fastest round trip %s for %s of delay", fastest, c.up+c.down)
	}
}

// TestPipelinedWritesPayOnce: 50 requests sent in one write, each answered
// by its own write, cost one round trip's delay, not 50; requests sent
// one after another without waiting for the answers each pay the delay
// from when they were sent, at the same time as the others.
func TestPipelinedWritesPayOnce(t *testing.T) {
	const delay, n = 5 * time.Millisecond, 50
	p := proxy(t, listen(t, lines), delay, delay)
	for _, spread := range []bool{false, true} {
		c := dial(t, p.Addr())
		r := bufio.NewReader(c)
		start := time.Now()
		sent := make(chan time.Duration, 1)
		if spread {
			// Each its own chunk, at least 0.2 ms apart.
			go func() {
				for range n {
					_, _ = c.Write([]byte("SELECT 1\n"))
					time.Sleep(200 * time.Microsecond)
				}
				sent <- time.Since(start)
			}()
		} else {
			if _, err := c.Write(bytes.Repeat([]byte("SELECT 1\n"), n)); err != nil {
				t.Fatal(err)
			}
			sent <- time.Since(start)
		}
		for i := range n {
			if s, err := r.ReadString('\n'); err != nil || s != "ok\n" {
				t.Fatalf("answer %d: %q, %v", i, s, err)
			}
		}
		d := time.Since(start)
		last := <-sent
		if d < 2*delay {
			t.Fatalf("spread %v: %d answers in %s, less than one round trip's delay", spread, n, d)
		}
		// Paying per request would take n round trips' delays (500 ms),
		// or n delays of one way (250 ms) after the first was sent.
		if d > last+25*delay {
			t.Errorf("spread %v: %d pipelined requests took %s, the last sent at %s: the delay is paid per request, not per round trip", spread, n, d, last)
		}
		t.Logf("spread %v: %d pipelined requests in %s, the last sent at %s", spread, n, d, last)
	}
}

// TestBytesArriveIntactAndInOrder: 8 connections at once each send 2 MB in
// writes of random sizes while reading the echo back; every byte comes
// back, in order.
func TestBytesArriveIntactAndInOrder(t *testing.T) {
	p := proxy(t, listen(t, echo), 200*time.Microsecond, 300*time.Microsecond)
	const conns, size = 8, 2 << 20
	var wg sync.WaitGroup
	errs := make([]error, conns)
	for i := range conns {
		wg.Go(func() {
			c, err := net.Dial("tcp", p.Addr())
			if err != nil {
				errs[i] = err
				return
			}
			defer c.Close()
			data := make([]byte, size)
			rng := rand.New(rand.NewPCG(uint64(i), 1))
			for j := range data {
				data[j] = byte(rng.Uint32())
			}
			go func() {
				for rest := data; len(rest) > 0; {
					k := min(len(rest), 1+rng.IntN(100<<10))
					if _, err := c.Write(rest[:k]); err != nil {
						return
					}
					rest = rest[k:]
				}
				_ = c.(*net.TCPConn).CloseWrite()
			}()
			got, err := io.ReadAll(c)
			if err != nil {
				errs[i] = err
				return
			}
			if !bytes.Equal(got, data) {
				errs[i] = errors.New("the echoed bytes differ from those sent")
			}
		})
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Errorf("connection %d: %v", i, err)
		}
	}
}

// TestConnectionsDoNotWaitForEachOther: 20 connections making a round trip
// at once take about one round trip, not 20.
func TestConnectionsDoNotWaitForEachOther(t *testing.T) {
	const delay, conns = 5 * time.Millisecond, 20
	p := proxy(t, listen(t, echo), delay, delay)
	cs := make([]net.Conn, conns)
	for i := range cs {
		cs[i] = dial(t, p.Addr())
		if err := roundTrip(cs[i], []byte("warm")); err != nil { // connected before timing
			t.Fatal(err)
		}
	}
	start := time.Now()
	var wg sync.WaitGroup
	errs := make([]error, conns)
	for i, c := range cs {
		wg.Go(func() { errs[i] = roundTrip(c, []byte("ping")) })
	}
	wg.Wait()
	d := time.Since(start)
	for _, err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	if d > conns*2*delay/2 {
		t.Errorf("%d concurrent round trips took %s: the connections wait for each other", conns, d)
	}
	t.Logf("%d concurrent round trips in %s", conns, d)
}

// TestClosingEitherSideClosesTheOther: a client's close reaches the server
// as EOF and a server's close reaches the client, each after the data
// sent before it.
func TestClosingEitherSideClosesTheOther(t *testing.T) {
	accepted := make(chan net.Conn, 2)
	p := proxy(t, listen(t, func(c net.Conn) { accepted <- c }), time.Millisecond, time.Millisecond)
	within := func(c net.Conn) {
		_ = c.SetReadDeadline(time.Now().Add(5 * time.Second))
	}

	c := dial(t, p.Addr())
	s := <-accepted
	defer s.Close()
	if _, err := c.Write([]byte("bye")); err != nil {
		t.Fatal(err)
	}
	c.Close()
	within(s)
	if got, err := io.ReadAll(s); err != nil || string(got) != "bye" {
		t.Fatalf("the server read %q, %v after the client closed; want bye and EOF", got, err)
	}

	c = dial(t, p.Addr())
	s = <-accepted
	if _, err := s.Write([]byte("bye")); err != nil {
		t.Fatal(err)
	}
	s.Close()
	within(c)
	if got, err := io.ReadAll(c); err != nil || string(got) != "bye" {
		t.Fatalf("the client read %q, %v after the server closed; want bye and EOF", got, err)
	}
}

// TestProxyCloseEndsConnections: closing the proxy ends the connections
// open through it.
func TestProxyCloseEndsConnections(t *testing.T) {
	p := proxy(t, listen(t, echo), 0, 0)
	c := dial(t, p.Addr())
	if err := roundTrip(c, []byte("x")); err != nil {
		t.Fatal(err)
	}
	p.Close()
	_ = c.SetReadDeadline(time.Now().Add(5 * time.Second))
	if _, err := c.Read(make([]byte, 1)); err == nil || errors.Is(err, os.ErrDeadlineExceeded) {
		t.Fatalf("after the proxy closed, a read gave %v; want the connection ended", err)
	}
}

// TestAFastSenderIsHeldBack: a server that never reads makes the proxy stop
// reading its client: the client's writes block after the proxy's chunks
// and the sockets' buffers, not after everything it has.
func TestAFastSenderIsHeldBack(t *testing.T) {
	hold := make(chan struct{})
	t.Cleanup(func() { close(hold) })
	p := proxy(t, listen(t, func(c net.Conn) { <-hold; c.Close() }), 100*time.Microsecond, 0)
	c := dial(t, p.Addr())
	_ = c.SetWriteDeadline(time.Now().Add(time.Second))
	block := make([]byte, 1<<20)
	sent := 0
	for sent < 256<<20 {
		n, err := c.Write(block)
		sent += n
		if err != nil {
			break
		}
	}
	// The proxy's share is maxChunks × chunkSize (512 kB); loopback's
	// sockets may hold several MB each on top.
	if sent >= 64<<20 {
		t.Errorf("the client sent %d MB to a server that reads nothing: the proxy buffers without bound", sent>>20)
	}
	t.Logf("the client sent %.1f MB before its writes blocked", float64(sent)/(1<<20))
}
