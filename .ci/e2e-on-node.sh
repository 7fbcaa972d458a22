#!/usr/bin/env bash
# Runs the end-to-end order scenario (src/flows/order-intake/intake.e2e.test.ts, on SQLite and
# PostgreSQL) on another Node: BIN_DIR (its `node`) and NODEDIR (its headers). The repository's
# node_modules hold better-sqlite3 built for the machine's Node, so the scenario runs in a copy of
# the tree under $FERRY_CI_CACHE whose better-sqlite3 is built against that Node's own headers:
# ADDON, the optional third argument (default: $FERRY_CI_CACHE/better-sqlite3-V-nodeV.node), when
# it exists (the packed-tarball test on that Node leaves its build there), else compiled now and
# kept there.
set -euo pipefail
bin="$1"
nodedir="$2"
CACHE="${FERRY_CI_CACHE:-/var/tmp/ferry-ci}"
version=$("$bin/node" -p process.versions.node)
bs3=$(node -p "require('./node_modules/better-sqlite3/package.json').version")
tree="$CACHE/tree-node$version"
built="${3:-$CACHE/better-sqlite3-$bs3-node$version.node}"
mkdir -p "$tree"
rsync -a --delete --exclude /.git --exclude /dist --exclude '/*.db*' ./ "$tree/"
cd "$tree"
if [ -f "$built" ]; then
  cp "$built" node_modules/better-sqlite3/build/Release/better_sqlite3.node
else
  PATH="$bin:$PATH" npm_config_nodedir="$nodedir" npm rebuild better-sqlite3 >&2
  cp node_modules/better-sqlite3/build/Release/better_sqlite3.node "$built"
fi
PATH="$bin:$PATH" node scripts/test.mjs src/flows/order-intake/intake.e2e.test.ts
