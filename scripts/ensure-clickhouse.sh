#!/usr/bin/env bash
# Installs Debian's clickhouse-server when it is missing (as root, by apt).
# Tests start their own instances from the binary; nothing runs as a service.
set -uo pipefail
if command -v clickhouse-server >/dev/null || command -v clickhouse >/dev/null; then exit 0; fi
if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -q clickhouse-server >/dev/null 2>&1 ||
    { apt-get update -q >/dev/null 2>&1 && apt-get install -y -q clickhouse-server >/dev/null 2>&1; }
fi
command -v clickhouse-server >/dev/null || command -v clickhouse >/dev/null ||
  echo "clickhouse-server is not installed; warehouse tests will skip (or fail under CI=true)" >&2
exit 0
