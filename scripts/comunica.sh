#!/usr/bin/env bash
# Installs Comunica (npm @comunica/query-sparql 5.4.1) for tests/serve.rs into a cache folder,
# outside the repository, and prints the path of its comunica-sparql command.
#   bash scripts/comunica.sh        (once: about a minute; then instant)
# Comunica 5.4.1 needs undici 8, which needs Node 22; undici is pinned to 7.16.0 (Node >= 20.18),
# whose fetch API Comunica's HTTP actor uses the same way.
# Exit status 2: no npm here, or its registry cannot be reached (the test then skips).
set -euo pipefail
# shellcheck source=scripts/npm_cache.sh
source "$(dirname "$0")/npm_cache.sh"
version=5.4.1
dir="$(npm_cache_dir comunica-$version)"
bin="$dir/node_modules/.bin/comunica-sparql"
if [[ -x "$bin" ]]; then
  echo "$bin"
  exit 0
fi
npm_ready comunica.sh
mkdir -p "$dir"
cat >"$dir/package.json" <<JSON
{"private": true, "dependencies": {"@comunica/query-sparql": "$version"}, "overrides": {"undici": "7.16.0"}}
JSON
(cd "$dir" && npm install --no-audit --no-fund --loglevel=error >&2)
echo "$bin"
