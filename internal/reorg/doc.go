// Package reorg applies a reorganisation of the unit tree to the store: the
// 2025 reform of Ho Chi Minh City dissolved the districts and created new
// wards, and departments merge, split and change names. A reorganisation
// never rewrites history: the old units end on the effective date and name
// their successors (unit_successors), and only what is still running moves
// on — open memberships, ideas and nominations, and the sub-units that go
// on existing. Awards, participation, headcounts, plans, reports,
// adoptions and finished ideas stay with the unit they happened in; the
// warehouse restates them on today's units through the successor links.
//
// Apply is the one entry point. It is for the city's emulation board
// (CITY_ADMIN), checks the whole plan before it writes anything, writes
// through ent so every change is audited under the viewer's name, and runs
// in one transaction: the caller's when it has one, its own otherwise.
package reorg
