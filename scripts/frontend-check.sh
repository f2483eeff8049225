#!/usr/bin/env bash
# The frontend toolchain check: docs/api.md's operations compiled against the
# served schema (`thidua schema`) by graphql-codegen (typescript +
# typescript-operations) and relay-compiler, then run by hash on a server
# whose persisted-query allowlist is Relay's output, then on one holding
# graphql-codegen's client-preset persisted documents. Any error fails. Installs
# its pinned npm packages into scripts/frontend/node_modules (npm ci) when the
# lock file changed. FRONTEND_KEEP=1 keeps the generated files to look at.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  if [[ "${CI:-}" == "true" ]]; then echo "frontend: node and npm are required under CI" >&2; exit 1; fi
  echo "frontend: skipped, node or npm missing" >&2; exit 0
fi
# npm ci empties node_modules first, so the stamp is written after it and a
# changed lock file reinstalls.
stamp=scripts/frontend/node_modules/.thidua-lock
if ! cmp -s scripts/frontend/package-lock.json "$stamp"; then
  (cd scripts/frontend && npm ci --no-audit --no-fund --loglevel=error)
  cp scripts/frontend/package-lock.json "$stamp"
fi

tmp=$(mktemp -d)
if [[ -n "${FRONTEND_KEEP:-}" ]]; then echo "frontend: keeping $tmp"; fi
pid=
trap '[[ -n "$pid" ]] && kill "$pid" 2>/dev/null; [[ -n "${FRONTEND_KEEP:-}" ]] || rm -rf "$tmp"' EXIT
CGO_ENABLED=0 go build -o "$tmp/thidua" ./cmd/thidua
"$tmp/thidua" schema >"$tmp/schema.graphql"
node scripts/frontend/check.mjs docs/api.md "$tmp/schema.graphql" "$tmp/work"

export THIDUA_DB="sqlite:$tmp/thidua.db" THIDUA_JWT_SECRET="frontend-check-secret-frontend-check-01"
"$tmp/thidua" seed --scale small >/dev/null
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
url="http://127.0.0.1:$port/graphql"
# start ARGS… serves the seeded store on $port until stop.
start() {
  "$tmp/thidua" serve --addr "127.0.0.1:$port" --files-dir "$tmp/files" "$@" >>"$tmp/serve.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 50); do curl -fs "http://127.0.0.1:$port/healthz" >/dev/null && return; sleep 0.2; done
  cat "$tmp/serve.log" >&2; echo "frontend: the server did not start" >&2; exit 1
}
stop() { kill "$pid"; wait "$pid" 2>/dev/null || true; pid=; }

start --introspection
node scripts/frontend/served.mjs schema "$url" "$("$tmp/thidua" token --role CITY_ADMIN --unit HCM --sub frontend)" \
  "$tmp/schema.graphql" "$tmp/work"
stop

start --persisted-queries "$tmp/work/persisted.json"
node scripts/frontend/served.mjs persisted "$url" "$tmp/thidua" "$tmp/work"
stop

# graphql-codegen's client preset persists its own print of each document;
# a fresh store, since the guide's createIdea runs again.
rm -f "$tmp/thidua.db"*
"$tmp/thidua" seed --scale small >/dev/null
start --persisted-queries "$tmp/work/gql/persisted-documents.json"
node scripts/frontend/served.mjs persisted "$url" "$tmp/thidua" "$tmp/work" "$tmp/work/gql/persisted-documents.json" graphql-codegen
stop
echo "frontend: graphql-codegen and relay-compiler accept every operation of docs/api.md, and the server runs both tools' persisted documents"
