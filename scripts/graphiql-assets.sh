#!/usr/bin/env bash
# Reproduces internal/server/graphiql/assets from the npm registry: the
# GraphiQL UMD bundle and stylesheet and the React UMD builds it runs on,
# at the versions pinned below. They are committed so that GraphiQL works
# on an intranet with no CDN; this script is only for checking or
# changing them (then update PINS' hashes and internal/server/graphiql's
# README). Needs npm; touches nothing outside the assets folder.
set -euo pipefail
cd "$(dirname "$0")/.."
out=internal/server/graphiql/assets

# package@version  file in the package  name here  sha256 (base64, as in SRI)
# The hashes are those gqlgen's playground pinned for the same files on
# its CDN, so the bytes served are the ones GraphiQL was served as before.
PINS=(
  "graphiql@4.1.2 graphiql.min.js graphiql.min.js hnImuor1znlJkD/FOTL3jayfS/xsyNoP04abi8bFJWs="
  "graphiql@4.1.2 graphiql.min.css graphiql.min.css MEh+B2NdMSpj9kexQNN3QKc8UzMrCXW/Sx/phcpuyIU="
  "graphiql@4.1.2 LICENSE LICENSE.graphiql -"
  "react@18.2.0 umd/react.production.min.js react.production.min.js S0lp+k7zWUMk2ixteM6HZvu8L9Eh//OVrt+ZfbCpmgY="
  "react@18.2.0 LICENSE LICENSE.react -"
  "react-dom@18.2.0 umd/react-dom.production.min.js react-dom.production.min.js IXWO0ITNDjfnNXIu5POVfqlgYoop36bDzhodR6LW5Pc="
)

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for pkg in $(printf '%s\n' "${PINS[@]}" | cut -d' ' -f1 | sort -u); do
  # npm pack checks the tarball against the registry's integrity.
  tgz=$(cd "$tmp" && npm pack --silent "$pkg")
  mkdir -p "$tmp/$pkg"
  tar -xzf "$tmp/$tgz" -C "$tmp/$pkg"
done
for pin in "${PINS[@]}"; do
  read -r pkg file name want <<<"$pin"
  src="$tmp/$pkg/package/$file"
  if [[ $want != - ]]; then
    got=$(openssl dgst -sha256 -binary "$src" | base64)
    [[ $got == "$want" ]] || { echo "$pkg/$file: sha256-$got, pinned sha256-$want" >&2; exit 1; }
  fi
  cp "$src" "$out/$name"
  echo "$out/$name  ← $pkg/$file"
done
