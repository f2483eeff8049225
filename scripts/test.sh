#!/usr/bin/env bash
# The one test command (make test): checks, then every test with -race on
# SQLite and PostgreSQL. Under CI=true a missing PostgreSQL fails the run.
set -euo pipefail
cd "$(dirname "$0")/.."

export THIDUA_TEST_POSTGRES="${THIDUA_TEST_POSTGRES:-postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable}"
./scripts/ensure-postgres.sh
./scripts/ensure-clickhouse.sh
./scripts/ensure-chromium.sh

echo "== gofmt"
unformatted=$(gofmt -l $(git ls-files '*.go' 2>/dev/null || find . -name '*.go' -not -path './.git/*'))
if [[ -n "$unformatted" ]]; then echo "gofmt would change:"; echo "$unformatted"; exit 1; fi

echo "== go vet"
go vet ./...

echo "== go generate leaves the tree unchanged"
if git rev-parse --git-dir >/dev/null 2>&1; then
  before=$(git status --porcelain)
  go generate ./...
  after=$(git status --porcelain)
  if [[ "$before" != "$after" ]] || ! git diff --quiet -- ent graph gqlgen.yml; then
    git status --porcelain
    git diff --stat -- ent graph
    echo "go generate changed the tree: commit the generated code"; exit 1
  fi
fi

echo "== build without cgo"
CGO_ENABLED=0 go build -o /dev/null ./cmd/thidua

echo "== go test -race"
go test -race -count=1 -timeout 15m ./...

echo "== smoke: the binary seeds, serves and answers"
./scripts/smoke.sh

echo "== load (smoke)"
./scripts/load.sh --clients 8 --duration 5s

echo "== bench (smoke): every benchmark once, at the smallest sizes"
./scripts/bench.sh --smoke >/dev/null

echo "== GraphQL-over-HTTP conformance"
./scripts/conformance.sh
