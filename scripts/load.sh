#!/usr/bin/env bash
# make load: builds the real binary and runs the load test against it on
# loopback (cmd/thidua-load): a fresh seeded store, `thidua serve`, N
# concurrent clients for D seconds, a report, then checks of the store.
# Flags pass through: --clients 50 --duration 60s --scale small|city
# --db postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable --quiet
set -euo pipefail
cd "$(dirname "$0")/.."
CGO_ENABLED=0 go build -o bin/thidua ./cmd/thidua
CGO_ENABLED=0 go build -o bin/thidua-load ./cmd/thidua-load
exec ./bin/thidua-load --bin bin/thidua "$@"
