#!/usr/bin/env bash
# Starts the machine's PostgreSQL when it is installed but stopped; tests
# create and drop their own databases on it.
set -uo pipefail
url="${THIDUA_TEST_POSTGRES:-postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable}"
if command -v pg_isready >/dev/null && pg_isready -d "$url" -q; then exit 0; fi
if command -v pg_ctlcluster >/dev/null && [[ -d /etc/postgresql ]]; then
  for v in $(ls /etc/postgresql); do pg_ctlcluster --skip-systemctl-redirect "$v" main start 2>/dev/null || true; done
  for _ in $(seq 1 20); do pg_isready -d "$url" -q && exit 0; sleep 0.5; done
fi
echo "PostgreSQL is not reachable at $url; its tests will skip (or fail under CI=true)" >&2
exit 0
