#!/usr/bin/env bash
# The GraphQL-over-HTTP conformance check (graphql-http's audit) against the
# real server: every MUST and SHOULD must pass. Installs its npm packages
# into scripts/conformance/node_modules when missing.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  if [[ "${CI:-}" == "true" ]]; then echo "conformance: node and npm are required under CI" >&2; exit 1; fi
  echo "conformance: skipped, node or npm missing" >&2; exit 0
fi
[[ -d scripts/conformance/node_modules/graphql-http ]] || (cd scripts/conformance && npm install --no-audit --no-fund --silent)
tmp=$(mktemp -d)
trap 'kill $pid 2>/dev/null || true; rm -rf "$tmp"' EXIT
CGO_ENABLED=0 go build -o "$tmp/thidua" ./cmd/thidua
export THIDUA_DB="sqlite:$tmp/thidua.db" THIDUA_JWT_SECRET="conformance-secret-conformance-secret-01"
"$tmp/thidua" seed --scale small >/dev/null
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
# The audit's variables checks query __type, so introspection is on here;
# outside --dev it is off unless asked for.
"$tmp/thidua" serve --addr "127.0.0.1:$port" --files-dir "$tmp/files" --introspection >"$tmp/serve.log" 2>&1 &
pid=$!
for _ in $(seq 1 50); do curl -fs "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.2; done
token=$("$tmp/thidua" token --role LEADER --sub conformance)
out=$(node scripts/conformance/audit.mjs "http://127.0.0.1:$port/graphql" "$token") || true
echo "$out" | tail -n 1
# MAY items are optional; every MUST and SHOULD must be ok.
if grep -E '^(FAIL|WARN) (MUST|SHOULD)' <<<"$out"; then
  echo "conformance: the server misses a MUST or SHOULD of GraphQL over HTTP" >&2
  exit 1
fi
echo "conformance: every MUST and SHOULD passes"
