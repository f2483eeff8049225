#!/usr/bin/env bash
# The one test command (make test): checks, then every test with -race on
# SQLite and PostgreSQL. Under CI=true a missing PostgreSQL fails the run.
set -euo pipefail
cd "$(dirname "$0")/.."

# Each stage names itself with the seconds spent so far, so a slow CI run shows where it went.
stage() { echo "$1 (at ${SECONDS}s)"; }

export THIDUA_TEST_POSTGRES="${THIDUA_TEST_POSTGRES:-postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable}"
./scripts/ensure-postgres.sh
./scripts/ensure-clickhouse.sh
./scripts/ensure-chromium.sh
./scripts/ensure-libreoffice.sh

stage "== gofmt"
unformatted=$(gofmt -l $(git ls-files '*.go' 2>/dev/null || find . -name '*.go' -not -path './.git/*'))
if [[ -n "$unformatted" ]]; then echo "gofmt would change:"; echo "$unformatted"; exit 1; fi

stage "== go vet"
go vet ./...

stage "== go generate leaves the tree unchanged"
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

stage "== build without cgo"
CGO_ENABLED=0 go build -o /dev/null ./cmd/thidua

stage "== go test -race"
go test -race -count=1 -timeout 15m ./...

stage "== smoke: the binary seeds, serves and answers"
./scripts/smoke.sh

stage "== load (smoke)"
./scripts/load.sh --clients 8 --duration 5s

stage "== bench (smoke): every benchmark once, at the smallest sizes"
./scripts/bench.sh --smoke >/dev/null

stage "== GraphQL-over-HTTP conformance"
./scripts/conformance.sh

stage "== frontend toolchain: docs/api.md's operations through graphql-codegen and relay-compiler"
./scripts/frontend-check.sh
echo "== done in ${SECONDS}s"
