#!/usr/bin/env bash
# Installs Debian's prometheus package when promtool is missing, as root, by
# apt: the alert rules' test (internal/server/alertrules_test.go) runs
# `promtool check rules` and `promtool test rules` on docs/alerts. Only the
# tool is wanted; the package's service must not start, so a policy-rc.d
# that refuses every start is put in place for the install when there is
# none. Without promtool that test skips (or fails under CI=true).
set -uo pipefail
have() { command -v "$1" >/dev/null; }
if have promtool; then exit 0; fi
if [[ $(id -u) -eq 0 ]] && have apt-get; then
  export DEBIAN_FRONTEND=noninteractive
  policy=/usr/sbin/policy-rc.d
  ours=
  if [[ ! -e $policy ]]; then
    printf '#!/bin/sh\nexit 101\n' >"$policy" && chmod 755 "$policy" && ours=1
  fi
  apt-get install -y -q --no-install-recommends prometheus >/dev/null 2>&1 ||
    { apt-get update -q >/dev/null 2>&1 && apt-get install -y -q --no-install-recommends prometheus >/dev/null 2>&1; }
  [[ -n $ours ]] && rm -f "$policy"
fi
have promtool ||
  echo "promtool is not installed (Debian package prometheus); the alert rules' test will skip (or fail under CI=true)" >&2
exit 0
