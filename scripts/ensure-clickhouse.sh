#!/usr/bin/env bash
# Installs Debian's clickhouse-server (and clickhouse-client, for the
# benchmarks' baseline) when missing, as root, by apt. Tests and make run
# start their own instances from the binary; nothing runs as a service.
set -uo pipefail
have() { command -v "$1" >/dev/null; }
if (have clickhouse-server || have clickhouse) && (have clickhouse-client || have clickhouse); then exit 0; fi
if [[ $(id -u) -eq 0 ]] && have apt-get; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -q clickhouse-server clickhouse-client >/dev/null 2>&1 ||
    { apt-get update -q >/dev/null 2>&1 && apt-get install -y -q clickhouse-server clickhouse-client >/dev/null 2>&1; }
fi
have clickhouse-server || have clickhouse ||
  echo "clickhouse-server is not installed; warehouse tests will skip (or fail under CI=true), make run serves without a warehouse" >&2
exit 0
