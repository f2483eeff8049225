#!/usr/bin/env bash
# Installs Debian's nginx-light when missing, as root, by apt: the test of
# docs/operations.md's reverse-proxy example runs it in front of thidua. It
# needs no service: the test starts its own nginx in a temporary directory.
# Without it that test skips (or fails under CI=true).
set -uo pipefail
have() { command -v "$1" >/dev/null || [[ -x /usr/sbin/nginx ]]; }
if have nginx; then exit 0; fi
if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then
  export DEBIAN_FRONTEND=noninteractive
  # The package would start a service on port 80; policy-rc.d forbids it.
  printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d.thidua && chmod +x /usr/sbin/policy-rc.d.thidua
  [[ -e /usr/sbin/policy-rc.d ]] || cp /usr/sbin/policy-rc.d.thidua /usr/sbin/policy-rc.d
  apt-get install -y -q --no-install-recommends nginx-light >/dev/null 2>&1 ||
    { apt-get update -q >/dev/null 2>&1 && apt-get install -y -q --no-install-recommends nginx-light >/dev/null 2>&1; }
  if cmp -s /usr/sbin/policy-rc.d /usr/sbin/policy-rc.d.thidua; then rm -f /usr/sbin/policy-rc.d; fi
  rm -f /usr/sbin/policy-rc.d.thidua
fi
if ! have nginx; then
  echo "nginx is not installed; the reverse-proxy example's test will skip (or fail under CI=true)" >&2
fi
exit 0
