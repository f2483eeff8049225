package store

// Trusted reports whether the cache may answer from memory now (on
// PostgreSQL, once its listener has read the generation).
func (c *UnitScopes) Trusted() bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.trustedLocked()
}
