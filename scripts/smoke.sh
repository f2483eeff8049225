#!/usr/bin/env bash
# Smoke run of the real binary: migrate, seed small, serve, mint a token,
# and ask the districts with their parent — what a new developer does first.
set -euo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'kill $pid 2>/dev/null || true; rm -rf "$tmp"' EXIT
CGO_ENABLED=0 go build -o "$tmp/thidua" ./cmd/thidua
export THIDUA_DB="sqlite:$tmp/thidua.db" THIDUA_JWT_SECRET="smoke-secret-smoke-secret-smoke-secret-01"
"$tmp/thidua" migrate
"$tmp/thidua" seed --scale small
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$tmp/thidua" serve --addr "127.0.0.1:$port" >"$tmp/serve.log" 2>&1 &
pid=$!
for _ in $(seq 1 50); do curl -fs "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.2; done
token=$("$tmp/thidua" token --role LEADER --sub smoke)
out=$(curl -fs "http://127.0.0.1:$port/graphql" -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
  -d '{"query":"{ units(first: 5, where: {type: DISTRICT}) { totalCount edges { node { name parent { name } } } } }"}')
echo "$out"
grep -q '"name":"Quận 1"' <<<"$out" || { echo "smoke: districts missing"; cat "$tmp/serve.log"; exit 1; }
kill -TERM $pid; wait $pid || true
echo "smoke: ok"
