package graph

// gqlgen resolves gqlgen.yml's paths from the working directory: run it at
// the module root, after ent's generator (go generate walks ent/ first).
//go:generate sh -c "cd .. && go tool gqlgen generate --config gqlgen.yml"
