package graph

// gqlgen resolves gqlgen.yml's paths from the working directory: run it at
// the module root, after ent's generator (go generate walks ent/ first).
// graph/generator runs gqlgen and renders the executor with its own
// object template (see there).
//go:generate sh -c "cd .. && go run ./graph/generator"
