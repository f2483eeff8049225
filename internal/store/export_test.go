package store

import "time"

// Trusted reports whether the cache may answer from memory now (on
// PostgreSQL, once its listener has read the generation).
func (c *UnitScopes) Trusted() bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.trustedLocked()
}

// SetClock replaces the cache's clock, to age its last confirmation.
func (c *UnitScopes) SetClock(now func() time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = now
}
