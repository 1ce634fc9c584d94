#!/usr/bin/env bash
# Installs jsonld.js (npm jsonld 9.0.0, with rdf-canonize for RDFC-1.0) for tests/exports.rs
# into a cache folder outside the repository, and prints that folder's node_modules.
#   bash scripts/jsonld_js.sh        (once: some seconds; then instant)
# Exit status 2: no node and npm here, or the npm registry cannot be reached (the test then
# fails with this message).
set -euo pipefail
version=9.0.0
dir="${NEWSGRAPH_CACHE:-$HOME/.cache/newsgraph}/npm/jsonld-$version"
if [[ -f "$dir/node_modules/jsonld/package.json" ]]; then
  echo "$dir/node_modules"
  exit 0
fi
if ! command -v npm >/dev/null 2>&1 || ! command -v node >/dev/null 2>&1; then
  echo "jsonld_js.sh: no node and npm here" >&2
  exit 2
fi
if ! npm ping --loglevel=error >/dev/null 2>&1; then
  echo "jsonld_js.sh: the npm registry cannot be reached" >&2
  exit 2
fi
mkdir -p "$dir"
# The versions of every package, jsonld's dependencies too, are pinned by tests/js/package-lock.json.
cp "$(dirname "$0")/../tests/js/package.json" "$(dirname "$0")/../tests/js/package-lock.json" "$dir/"
(cd "$dir" && npm ci --no-audit --no-fund --loglevel=error >&2)
echo "$dir/node_modules"
