//go:build !linux

package netdelay

import "time"

// timer is time.Sleep where there is no timerfd: waits under a millisecond
// may come out longer than asked (see timer_linux.go).
type timer struct{}

func newTimer() *timer { return &timer{} }

func (*timer) sleep(d time.Duration) { time.Sleep(d) }

func (*timer) close() {}
