# thidua — the two commands are `make run` and `make test` (see README.md).
SHELL := /usr/bin/env bash
GO    ?= go
BIN   := bin/thidua

.PHONY: build run test test-cluster bench load generate migration lint clean

## build: the thidua binary, pure Go (no cgo), into bin/thidua
build:
	CGO_ENABLED=0 $(GO) build -trimpath -o $(BIN) ./cmd/thidua

## run: the API on the embedded SQLite store with the small demo data (GraphiQL at /), and the
## warehouse in a private clickhouse-server under var/ where one is installed (or can be, as root)
run: build
	@./scripts/ensure-clickhouse.sh
	./$(BIN) serve --dev --local-clickhouse var/clickhouse

## test: formatting, vet, generated code up to date, and every test with -race on SQLite and PostgreSQL
test:
	./scripts/test.sh

## test-cluster: the warehouse on a real ClickHouse cluster: Debian's ZooKeeper and 2 × 2 and 1 × 2
## clickhouse-server nodes on loopback, started by the tests (internal/warehouse/chcluster)
test-cluster:
	@./scripts/ensure-clickhouse.sh
	@./scripts/ensure-zookeeper.sh
	THIDUA_TEST_CLUSTER=1 $(GO) test -count=1 ./internal/warehouse/... ./etl ./internal/interim ./cmd/thidua -run Cluster

## bench: every benchmark, printed as one table of figures against their baselines
bench:
	./scripts/bench.sh

## load: the real binary under concurrent clients on loopback, then the store checked for lost or
## duplicated writes (ARGS="--clients 50 --duration 60s --scale small --db postgres://…")
load:
	./scripts/load.sh $(ARGS)

## generate: ent, entgql and gqlgen code from ent/schema and graph/*.graphqls
generate:
	$(GO) generate ./...

## migration: the next store migration of both dialects from the ent schema (NAME=what_changed)
migration:
	@test -n "$(NAME)" || { echo "usage: make migration NAME=what_changed"; exit 2; }
	$(GO) run ./cmd/migrategen -name $(NAME)

clean:
	rm -rf bin var
