#!/usr/bin/env bash
# Runs every test: Rust unit and integration tests (in release, so the scorer can reuse the
# same binary), including the checks against rdflib, pyld, pySHACL, rapper and serdi.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --python
cargo test --release --workspace "$@"
