#!/usr/bin/env bash
# Installs Debian's chromium when missing, as root, by apt: the interim
# report's browser test drives it headless. Without it the test skips
# (or fails under CI=true).
set -uo pipefail
have() { command -v "$1" >/dev/null; }
if have chromium; then exit 0; fi
if [[ $(id -u) -eq 0 ]] && have apt-get; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -q --no-install-recommends chromium fonts-dejavu-core >/dev/null 2>&1 ||
    { apt-get update -q >/dev/null 2>&1 && apt-get install -y -q --no-install-recommends chromium fonts-dejavu-core >/dev/null 2>&1; }
fi
have chromium || echo "chromium is not installed; the browser test of the interim report will skip (or fail under CI=true)" >&2
exit 0
