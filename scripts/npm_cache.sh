# Sourced by the scripts that install an npm tool for the tests into a cache folder outside the
# repository (jsonld_js.sh, comunica.sh).
#   npm_cache_dir NAME-VERSION   prints the folder
#   npm_ready WHO                exits 2, naming WHO, where there is no node and npm or the
#                                registry cannot be reached
npm_cache_dir() {
  echo "${NEWSGRAPH_CACHE:-$HOME/.cache/newsgraph}/npm/$1"
}

npm_ready() {
  if ! command -v npm >/dev/null 2>&1 || ! command -v node >/dev/null 2>&1; then
    echo "$1: no node and npm here" >&2
    exit 2
  fi
  if ! npm ping --loglevel=error >/dev/null 2>&1; then
    echo "$1: the npm registry cannot be reached" >&2
    exit 2
  fi
}
