// Package graph is thidua's GraphQL API: thin resolvers over the ent client
// (entgql does the reading), hand-written mutations, and the server wiring.
package graph

import "github.com/hcmc-thidua/thidua/ent"

// Resolver is the root resolver.
type Resolver struct{ client *ent.Client }
