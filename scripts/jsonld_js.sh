#!/usr/bin/env bash
# Installs jsonld.js (npm jsonld 9.0.0, with rdf-canonize for RDFC-1.0) for tests/exports.rs
# into a cache folder outside the repository, and prints that folder's node_modules.
#   bash scripts/jsonld_js.sh        (once: some seconds; then instant)
# Exit status 2: no node and npm here, or the npm registry cannot be reached (the test then
# fails with this message).
set -euo pipefail
# shellcheck source=scripts/npm_cache.sh
source "$(dirname "$0")/npm_cache.sh"
version=9.0.0
dir="$(npm_cache_dir jsonld-$version)"
if [[ -f "$dir/node_modules/jsonld/package.json" ]]; then
  echo "$dir/node_modules"
  exit 0
fi
npm_ready jsonld_js.sh
mkdir -p "$dir"
# The versions of every package, jsonld's dependencies too, are pinned by tests/js/package-lock.json.
cp "$(dirname "$0")/../tests/js/package.json" "$(dirname "$0")/../tests/js/package-lock.json" "$dir/"
(cd "$dir" && npm ci --no-audit --no-fund --loglevel=error >&2)
echo "$dir/node_modules"
