#!/usr/bin/env bash
# Makes the local base image the image test builds on, and prints its name. No registry is
# reachable here, so the base is Debian bookworm from debootstrap plus this machine's Node
# (binary, npm and headers), tini, the toolchain better-sqlite3 compiles with, and the machine's CA
# bundle (the registry is reached through a TLS-inspecting proxy here; Node is pointed at the
# bundle as on the host, so `npm ci` inside the build trusts what the host trusts; node-gyp is
# pointed at the copied headers, as npm is on the host: nodejs.org is not reachable). It lives in
# buildah's vfs storage and $FERRY_CI_CACHE (default /var/tmp/ferry-ci), never in the repository;
# made once, reused until the machine's Node changes.
set -euo pipefail
CACHE="${FERRY_CI_CACHE:-/var/tmp/ferry-ci}"
B=(buildah --storage-driver vfs)
cabundle=/etc/ssl/certs/ca-certificates.crt
# Named by the Node, the CA bundle and this script: any of them changing makes a new base.
name="localhost/ferry-base:node$(node -p process.versions.node)-$(cat "$cabundle" "$0" | sha256sum | cut -c1-8)"
if "${B[@]}" inspect --type image "$name" >/dev/null 2>&1; then
  echo "$name"
  exit 0
fi
rootfs="$CACHE/rootfs-bookworm"
if [ ! -e "$rootfs/.complete" ]; then
  rm -rf "$rootfs"
  mkdir -p "$CACHE"
  debootstrap --variant=minbase --include=ca-certificates,tini,libstdc++6,python3,make,g++ \
    bookworm "$rootfs" http://deb.debian.org/debian >&2
  rm -rf "$rootfs"/var/lib/apt/lists/* "$rootfs"/var/cache/apt/archives/*.deb
  touch "$rootfs/.complete"
fi
ctr=$("${B[@]}" from scratch)
trap '"${B[@]}" rm "$ctr" >/dev/null 2>&1 || true' EXIT
mnt=$("${B[@]}" mount "$ctr")
cp -a "$rootfs"/. "$mnt"/
rm -f "$mnt/.complete"
install -m 755 "$(command -v node)" "$mnt/usr/bin/node"
mkdir -p "$mnt/usr/lib/node_modules" "$mnt/usr/include"
cp -a /usr/lib/node_modules/npm "$mnt/usr/lib/node_modules/"
cp -a /usr/include/node "$mnt/usr/include/"
ln -sf ../lib/node_modules/npm/bin/npm-cli.js "$mnt/usr/bin/npm"
ln -sf ../lib/node_modules/npm/bin/npx-cli.js "$mnt/usr/bin/npx"
cp "$cabundle" "$mnt$cabundle"
"${B[@]}" umount "$ctr" >/dev/null
"${B[@]}" config --env PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
  --env NODE_EXTRA_CA_CERTS="$cabundle" --env npm_config_nodedir=/usr --cmd node "$ctr"
"${B[@]}" commit --quiet "$ctr" "$name" >/dev/null
echo "$name"
