#!/usr/bin/env bash
# Installs the pinned npm packages of the test identity provider
# (scripts/oidc-provider: panva's oidc-provider, run by
# internal/auth/oidcprovider_test.go) into scripts/oidc-provider/node_modules
# with npm ci, when the lock file changed. Without node and npm it says so
# and succeeds, unless CI=true, where the provider test must run.
set -euo pipefail
cd "$(dirname "$0")/oidc-provider"
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  if [[ "${CI:-}" == "true" ]]; then echo "oidc-provider: node and npm are required under CI" >&2; exit 1; fi
  echo "oidc-provider: skipped, node or npm missing" >&2; exit 0
fi
# npm ci empties node_modules first, so the stamp is written after it and a
# changed lock file reinstalls.
stamp=node_modules/.thidua-lock
if ! cmp -s package-lock.json "$stamp"; then
  npm ci --no-audit --no-fund --loglevel=error
  cp package-lock.json "$stamp"
fi
