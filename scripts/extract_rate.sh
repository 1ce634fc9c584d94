#!/usr/bin/env bash
# Articles per second of `newsgraph extract` on one thread (the per-core figure of issue 7),
# whole command, over streams long enough that startup does not count: the five sample
# articles repeated to 15,000 (5.2 KB each, "seed-sized"), the 11 real articles (the sample
# corpus and ../shared/eval/dev) repeated to 9,900, and 9,000 synthetic ones (`newsgraph
# bench` writes them). Several binaries are run in turn, RUNS times, so that they meet the
# same moments of a machine whose speed swings from hour to hour.
#
#   bash scripts/extract_rate.sh [BIN...]     # default: target/release/newsgraph
#
# Environment: RUNS (default 3), THREADS (default 1: RAYON_NUM_THREADS), FLAGS (say --fast:
# the rules alone).
set -euo pipefail
cd "$(dirname "$0")/.."
BINS=("$@")
[ ${#BINS[@]} -eq 0 ] && BINS=("${CARGO_TARGET_DIR:-target}/release/newsgraph")
RUNS=${RUNS:-3}
THREADS=${THREADS:-1}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

python3 scripts/repeat_articles.py "$tmp/seeds.jsonl" 3000 corpus/*/*.txt
python3 scripts/repeat_articles.py "$tmp/real.jsonl" 900 corpus/*/*.txt ../shared/eval/dev/*.txt
"${BINS[0]}" bench --articles 9000 --corpus-only --store-dir "$tmp/synth" >/dev/null 2>&1
mv "$tmp/synth/corpus.jsonl" "$tmp/synthetic.jsonl"

for corpus in seeds real synthetic; do
  file="$tmp/$corpus.jsonl"
  n=$(wc -l < "$file")
  mb=$(python3 -c "import os, sys; print(os.path.getsize(sys.argv[1]) / 1e6)" "$file")
  for bin in "${BINS[@]}"; do : > "$tmp/$(basename "$bin").$corpus"; done
  for _ in $(seq "$RUNS"); do
    for bin in "${BINS[@]}"; do
      s=$(date +%s%N)
      RAYON_NUM_THREADS=$THREADS "$bin" extract ${FLAGS:-} < "$file" > /dev/null
      e=$(date +%s%N)
      echo $(( n * 1000000000 / (e - s) )) >> "$tmp/$(basename "$bin").$corpus"
    done
  done
  for bin in "${BINS[@]}"; do
    python3 - "$bin" "$corpus" "$n" "$mb" "$tmp/$(basename "$bin").$corpus" <<'EOF'
import statistics, sys
bin, corpus, n, mb, path = sys.argv[1], sys.argv[2], int(sys.argv[3]), float(sys.argv[4]), sys.argv[5]
rates = [int(l) for l in open(path)]
med = statistics.median(rates)
print(f"{bin} {corpus} ({n} articles): {min(rates)}-{max(rates)} articles/s, median {med:.0f} ({med * mb / n:.1f} MB/s)")
EOF
  done
done
