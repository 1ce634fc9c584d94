#!/usr/bin/env bash
# Runs fuzz targets in sequence, one job each, and prints each target's execution count.
#   bash fuzz/run.sh [RUNS] [TARGET...]      (default: 10000000 runs of extract, numbers, dates, serve)
#   JOBS=2 bash fuzz/run.sh 10000000 extract (RUNS split over JOBS parallel processes sharing
#                                             the corpus; their logs are fuzz/fuzz-N.log)
# Needs the nightly toolchain and cargo-fuzz (`cargo install cargo-fuzz`). Logs go to
# fuzz/logs/TARGET.log; a crash leaves its input in fuzz/artifacts/TARGET/.
set -euo pipefail
cd "$(dirname "$0")"
runs="${1:-10000000}"
shift || true
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(extract numbers dates serve)
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-../target}"
# -O: optimised; -a: with debug assertions and overflow checks (off by default with -O);
# -s none: no sanitizer (the crate forbids unsafe code; panics and overflows are what we hunt).
cargo +nightly fuzz build -O -a -s none >/dev/null 2>&1
mkdir -p logs
for t in "${targets[@]}"; do
    mkdir -p "corpus/$t" "artifacts/$t"
    max_len=256
    [ "$t" = extract ] && max_len=512
    [ "$t" = serve ] && max_len=4096
    jobs="${JOBS:-1}"
    parallel=()
    [ "$jobs" -gt 1 ] && parallel=(-jobs="$jobs" -workers="$jobs")
    "$CARGO_TARGET_DIR/x86_64-unknown-linux-gnu/release/$t" "corpus/$t" "${parallel[@]}" \
        -runs="$((runs / jobs))" -max_len="$max_len" -timeout=30 -rss_limit_mb=4096 \
        -artifact_prefix="artifacts/$t/" -print_final_stats=1 >"logs/$t.log" 2>&1 \
        && status=ok || status="FAILED (see logs/$t.log)"
    if [ "$jobs" -gt 1 ]; then
        # Each job prints its own "Done N runs" line in fuzz-N.log.
        total=$(cat fuzz-*.log | grep -E '^Done [0-9]+ runs' | awk '{s += $2} END {print s + 0}')
        echo "$t: $status; $total runs over $jobs jobs"
    else
        done_line=$(grep -E '^Done [0-9]+ runs' "logs/$t.log" | tail -1 || true)
        echo "$t: $status; ${done_line:-no Done line}"
    fi
done
