package netdelay

import (
	"os"
	"time"

	"golang.org/x/sys/unix"
)

// timer waits on a timerfd through the runtime's network poller. Neither
// time.Sleep nor nanosleep will do for waits under a millisecond: when
// every goroutine waits on the network, as a client waiting on its store
// does, the runtime waits in epoll with a timeout in whole milliseconds,
// and a 0.25 ms time.Sleep takes 1.1 ms; nanosleep is exact to 50 µs but
// holds its thread's P for the runtime to take back, and with two Ps 20
// connections' waits came out 7 times longer than one. A timerfd is
// another file becoming readable: the wait parks only its goroutine and
// ends when the kernel's timer fires, as the store's answer would arrive.
type timer struct {
	fd int
	f  *os.File // nil if there is no timerfd: then time.Sleep
}

func newTimer() *timer {
	fd, err := unix.TimerfdCreate(unix.CLOCK_MONOTONIC, unix.TFD_NONBLOCK|unix.TFD_CLOEXEC)
	if err != nil {
		return &timer{}
	}
	// f.Fd() would set the file blocking, out of the poller: fd is kept.
	return &timer{fd: fd, f: os.NewFile(uintptr(fd), "netdelay-timer")}
}

func (t *timer) sleep(d time.Duration) {
	if t.f == nil {
		time.Sleep(d)
		return
	}
	spec := unix.ItimerSpec{Value: unix.NsecToTimespec(int64(d))}
	if err := unix.TimerfdSettime(t.fd, 0, &spec, nil); err != nil {
		time.Sleep(d)
		return
	}
	var expirations [8]byte
	if _, err := t.f.Read(expirations[:]); err != nil {
		time.Sleep(d)
	}
}

func (t *timer) close() {
	if t.f != nil {
		t.f.Close()
	}
}
