#!/usr/bin/env bash
# Installs Debian's zookeeper (3.8 on Debian 12; it pulls a Java runtime)
# when missing, as root, by apt. The cluster tests start their own
# ZooKeeper from the package's jars in a temporary directory; nothing runs
# as a service. Without root or apt it says so and exits 0: the cluster
# tests then skip, or fail under CI=true.
set -uo pipefail
have() { command -v "$1" >/dev/null; }
installed() { [[ -f /usr/share/java/zookeeper.jar ]] && have java; }
if installed; then exit 0; fi
if [[ $(id -u) -eq 0 ]] && have apt-get; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -q --no-install-recommends zookeeper >/dev/null 2>&1 ||
    { apt-get update -q >/dev/null 2>&1 && apt-get install -y -q --no-install-recommends zookeeper >/dev/null 2>&1; }
  # The package enables a system service on some setups; the tests never use it.
  if have systemctl; then systemctl disable --now zookeeper >/dev/null 2>&1 || true; fi
fi
if ! installed; then
  echo "zookeeper is not installed (scripts/ensure-zookeeper.sh installs Debian's package as root); cluster tests will skip (or fail under CI=true)" >&2
  [[ ${CI:-} == true ]] && exit 1
fi
exit 0
