#!/usr/bin/env bash
# Instructions per article of `newsgraph extract` on one thread, counted by valgrind's
# cachegrind: deterministic, so two builds compare on a machine whose wall-clock timings
# swing by a third. The startup (lexicons, regexes) is taken out by running a small and a
# large corpus and dividing the difference by the number of extra articles.
#
#   bash scripts/extract_cost.sh [BIN...]     # default: target/release/newsgraph
#   FLAGS=--fast bash scripts/extract_cost.sh  # extract's options, e.g. the rules only
#
# Corpora: the 11 real articles (the sample corpus and ../shared/eval/dev) repeated 30
# times, and 300 synthetic articles (`newsgraph bench` writes them); 11 and 10 for the
# small runs. Needs valgrind (Debian `valgrind`).
set -euo pipefail
cd "$(dirname "$0")/.."
BINS=("$@")
[ ${#BINS[@]} -eq 0 ] && BINS=("${CARGO_TARGET_DIR:-target}/release/newsgraph")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

real=(corpus/*/*.txt ../shared/eval/dev/*.txt)
python3 scripts/repeat_articles.py "$tmp/real-small.jsonl" 1 "${real[@]}"
python3 scripts/repeat_articles.py "$tmp/real.jsonl" 30 "${real[@]}"
"${BINS[0]}" bench --articles 300 --corpus-only --store-dir "$tmp/synth" >/dev/null 2>&1
mv "$tmp/synth/corpus.jsonl" "$tmp/synthetic.jsonl"
head -10 "$tmp/synthetic.jsonl" > "$tmp/synthetic-small.jsonl"

instructions() {
  RAYON_NUM_THREADS=1 valgrind --tool=cachegrind --cache-sim=no --cachegrind-out-file=/dev/null \
    "$1" extract ${FLAGS:-} < "$2" 2>&1 >/dev/null | awk '/I *refs/ { gsub(",", "", $4); print $4 }'
}

for bin in "${BINS[@]}"; do
  for corpus in real synthetic; do
    small=$(instructions "$bin" "$tmp/$corpus-small.jsonl")
    large=$(instructions "$bin" "$tmp/$corpus.jsonl")
    ns=$(wc -l < "$tmp/$corpus-small.jsonl")
    nl=$(wc -l < "$tmp/$corpus.jsonl")
    per=$(( (large - small) / (nl - ns) ))
    echo "$bin $corpus: $per instructions per article, startup about $(( (small - per * ns) / 1000000 ))M"
  done
done
