#!/usr/bin/env bash
# Builds the sample corpus into out/store, exports out/graph.ttl and out/graph.jsonld,
# and prints who led each delegation.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
cargo build --release --quiet
bin="${CARGO_TARGET_DIR:-target}/release/newsgraph"
"$bin" build --store out/store corpus/istanbul-2025-06-02
"$bin" export --store out/store --format turtle -o out/graph.ttl
"$bin" export --store out/store --format jsonld -o out/graph.jsonld
"$bin" query delegations --store out/store
