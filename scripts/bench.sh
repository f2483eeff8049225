#!/usr/bin/env bash
# make bench: runs every benchmark and prints one table of figures against
# the baselines measured in the same run (a benchmark named XBaseline is
# the baseline of X). Raw output is kept in var/bench.txt.
# The API's search benchmark (internal/apibench) seeds its own city store
# in SQLite besides PostgreSQL's: the FTS5 index is SQLite's alone.
# THIDUA_BENCH_SCALES chooses the ETL's scales: "small city" (default) or
# "small city stress" (stress seeds ~20 M rows first: allow an hour).
set -euo pipefail
cd "$(dirname "$0")/.."
export THIDUA_TEST_POSTGRES="${THIDUA_TEST_POSTGRES:-postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable}"
./scripts/ensure-postgres.sh
./scripts/ensure-clickhouse.sh
# The cluster's benchmarks (etl/bench_cluster_test.go) start a 2 × 2 cluster
# where ZooKeeper is installed; the smoke run leaves them out (make test
# runs the cluster tests themselves).
if [[ "${1:-}" != "--smoke" ]] && ./scripts/ensure-zookeeper.sh; then
  export THIDUA_TEST_CLUSTER=1
fi
# --smoke: every benchmark once at the smallest sizes, for make test: it
# proves they run on a fresh machine, not how fast anything is.
out=var/bench.txt
if [[ "${1:-}" == "--smoke" ]]; then
  export THIDUA_BENCH_SCALES=small THIDUA_BENCH_INTERIM_SCALE=small THIDUA_BENCH_API_SCALE=small THIDUA_BENCH_DIGEST_SCALE=small \
    THIDUA_BENCH_IMPORT_PEOPLE=2000 THIDUA_BENCH_IMPORT_IDEAS=300 BENCHTIME=1x
  out=var/bench-smoke.txt
fi
mkdir -p var
# The city stores the benchmarks copy (internal/seed/seedtest.NewScaled):
# seeded once here by the binary, on PostgreSQL and on SQLite at once,
# instead of once in each of five packages, minutes each. The PostgreSQL
# one is vacuumed and analysed, as autovacuum keeps a store in service.
if [[ "${1:-}" != "--smoke" ]]; then
  prepared=$(mktemp -d)
  city_pg="thidua_bench_city_tpl_$$"
  sqlite_seed=""
  # A background job of a script ignores Ctrl-C: stopped here, or it would
  # seed on for minutes. The benchmarks drop their own copies as they end
  # (a run stopped by go test's timeout can leave one, thidua_bench_city_…).
  drop_prepared() {
    [[ -n "$sqlite_seed" ]] && { kill "$sqlite_seed" 2>/dev/null || true; }
    psql "$THIDUA_TEST_POSTGRES" -qc "DROP DATABASE IF EXISTS $city_pg WITH (FORCE)" >/dev/null 2>&1 || true
    rm -rf "$prepared"
  }
  trap drop_prepared EXIT
  trap 'exit 130' INT TERM
  go build -o "$prepared/thidua" ./cmd/thidua
  pg_base="${THIDUA_TEST_POSTGRES%%\?*}"
  pg_query="${THIDUA_TEST_POSTGRES#"$pg_base"}"
  start=$SECONDS
  if [[ -z "${THIDUA_BENCH_CITY_SQLITE:-}" ]]; then
    "$prepared/thidua" seed --db "sqlite:$prepared/city.db" --scale city >"$prepared/sqlite.log" 2>&1 &
    sqlite_seed=$!
  fi
  if [[ -z "${THIDUA_BENCH_CITY_POSTGRES:-}" ]] &&
    psql "$THIDUA_TEST_POSTGRES" -qc "CREATE DATABASE $city_pg" >/dev/null 2>&1 &&
    "$prepared/thidua" seed --db "${pg_base%/*}/$city_pg$pg_query" --scale city >"$prepared/postgres.log" 2>&1 &&
    psql "${pg_base%/*}/$city_pg$pg_query" -qc "VACUUM ANALYZE" >/dev/null; then
    export THIDUA_BENCH_CITY_POSTGRES="$city_pg"
  fi
  if [[ -n "$sqlite_seed" ]] && wait "$sqlite_seed"; then
    export THIDUA_BENCH_CITY_SQLITE="$prepared/city.db"
  fi
  sqlite_seed=""
  echo "bench: city stores seeded in $((SECONDS - start)) s (PostgreSQL: ${THIDUA_BENCH_CITY_POSTGRES:-none}, SQLite: ${THIDUA_BENCH_CITY_SQLITE:-none})" >&2
  cat "$prepared"/*.log >&2 2>/dev/null || true
fi
status=0
# One package's benchmarks at a time, so that no two contend for the
# machine (go test runs packages in parallel by default); the smoke run
# measures nothing and may overlap them.
parallel=1
[[ "${1:-}" == "--smoke" ]] && parallel=2
# Only the packages that have benchmarks: go test ./... would build and
# link every package's test binary to run none of them in most.
pkgs=$(git ls-files '*_test.go' 2>/dev/null | xargs -r grep -l '^func Benchmark' | xargs -r -n1 dirname | sort -u | sed 's|^|./|' || true)
[[ -n "$pkgs" ]] || pkgs=./...
go test -p "$parallel" -run '^$' -bench . -benchtime "${BENCHTIME:-3x}" -timeout 90m $pkgs >"$out" 2>&1 || status=$?
grep -E '^(Benchmark|ok|FAIL|---)' "$out" >&2 || true
awk '
  /^Benchmark/ {
    name = $1; sub(/-[0-9]+$/, "", name)
    for (i = 3; i < NF; i++) {
      unit = $(i+1)
      if (unit == "rows/s" || unit == "ns/op" && !(name in v)) { v[name] = $i; u[name] = unit }
      if (unit == "peak-heap-MB" || unit == "s/run" || unit == "p50-ms" || unit == "p99-ms" || unit == "req/s" || unit == "stmts/req" || unit == "stmts/row" || unit == "trips/req" || unit == "allocs/req" || unit == "kB/req" || unit ~ /cpu-(s\/run|ms\/req)$/) { x[name, unit] = $i; xs[name] = xs[name] " " unit }
    }
    order[++n] = name
  }
  END {
    printf "\n%-60s %15s %15s %8s\n", "figure", "value", "baseline", "ratio"
    for (k = 1; k <= n; k++) {
      name = order[k]
      if (name ~ /Baseline/) continue
      base = name; sub(/^Benchmark[A-Za-z]+/, "&Baseline", base)
      # A baseline of 0 (a server that did no work in it) has no ratio.
      if (base in v && v[base] != 0) printf "%-60s %12.0f %s %12.0f %s %8.2f\n", name, v[name], u[name], v[base], u[base], v[name] / v[base]
      else if (base in v) printf "%-60s %12.0f %s %12.0f %s %8s\n", name, v[name], u[name], v[base], u[base], "-"
      else printf "%-60s %12.0f %s %15s %8s\n", name, v[name], u[name], "-", "-"
      split(xs[name], units, " ")
      for (j in units) {
        unit = units[j]
        if ((base, unit) in x && x[base, unit] != 0) printf "%-60s %12.2f %s %12.2f %s %8.2f\n", name " " unit, x[name, unit], "", x[base, unit], "", x[name, unit] / x[base, unit]
        else if ((base, unit) in x) printf "%-60s %12.2f %s %12.2f %s %8s\n", name " " unit, x[name, unit], "", x[base, unit], "", "-"
        else printf "%-60s %12.2f %s %15s %8s\n", name " " unit, x[name, unit], "", "-", "-"
      }
    }
  }' "$out"
if [[ $status -ne 0 ]] || grep -q '^FAIL' "$out"; then
  echo "bench: a benchmark failed (see $out)" >&2
  exit 1
fi
