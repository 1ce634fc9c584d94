#!/usr/bin/env bash
# Benchmarks newsgraph on synthetic corpora (`newsgraph bench`) of 1k, 10k and 100k
# articles, and compares `newsgraph build` with `oxigraph load` (PyPI oxigraph==0.5.13) of
# the same quads from `newsgraph extract`, back to back in the same run. Prints a table;
# the JSON reports and timings stay in $OUT.
#
#   bash scripts/bench.sh                 # 1000 10000 100000
#   bash scripts/bench.sh 1000 10000      # chosen sizes
#
# Environment: NEWSGRAPH (the binary; default $CARGO_TARGET_DIR or target, then
# release/newsgraph, built when missing),
# OUT (default out/bench), COMPARE_MAX (largest size compared with oxigraph load; default
# 10000, because the N-Quads of 100k articles take about 30 GB of disk), QUERY_RUNS (5).
# Timings are wall-clock: on a shared machine, repeat and compare like with like.
set -euo pipefail
cd "$(dirname "$0")/.."

SIZES=("$@")
[ ${#SIZES[@]} -eq 0 ] && SIZES=(1000 10000 100000)
OUT=${OUT:-out/bench}
COMPARE_MAX=${COMPARE_MAX:-10000}
QUERY_RUNS=${QUERY_RUNS:-5}
NEWSGRAPH=${NEWSGRAPH:-${CARGO_TARGET_DIR:-target}/release/newsgraph}

if [ ! -x "$NEWSGRAPH" ]; then
  cargo build --release
fi
if ! command -v oxigraph >/dev/null 2>&1; then
  python3 -m pip install --quiet oxigraph==0.5.13
fi
mkdir -p "$OUT"

now() { date +%s.%N; }
secs() { python3 -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.3f}')" "$1" "$2"; }

for n in "${SIZES[@]}"; do
  dir="$OUT/$n"
  rm -rf "$dir"
  echo "== $n articles: newsgraph bench" >&2
  "$NEWSGRAPH" bench --articles "$n" --json --query-runs "$QUERY_RUNS" --store-dir "$dir" > "$OUT/$n.json"
  rm -rf "$dir/store"
  : > "$OUT/$n.compare"
  if [ "$n" -le "$COMPARE_MAX" ]; then
    echo "== $n articles: extract (1 thread, all threads), oxigraph load, newsgraph build" >&2
    t0=$(now); RAYON_NUM_THREADS=1 "$NEWSGRAPH" extract < "$dir/corpus.jsonl" > "$dir/corpus.nq"; t1=$(now)
    echo "extract_1thread_s $(secs "$t0" "$t1")" >> "$OUT/$n.compare"
    t0=$(now); "$NEWSGRAPH" extract < "$dir/corpus.jsonl" > "$dir/corpus.nq"; t1=$(now)
    echo "extract_s $(secs "$t0" "$t1")" >> "$OUT/$n.compare"
    echo "nquads_bytes $(stat -c %s "$dir/corpus.nq")" >> "$OUT/$n.compare"
    t0=$(now); oxigraph load --location "$dir/oxigraph" --file "$dir/corpus.nq" >/dev/null 2>&1; t1=$(now)
    echo "oxigraph_load_s $(secs "$t0" "$t1")" >> "$OUT/$n.compare"
    rm -rf "$dir/oxigraph" "$dir/corpus.nq"
    t0=$(now); "$NEWSGRAPH" build --quiet --store "$dir/store" "$dir/corpus.jsonl"; t1=$(now)
    echo "build_s $(secs "$t0" "$t1")" >> "$OUT/$n.compare"
    rm -rf "$dir/store"
  fi
done

python3 - "$OUT" "${SIZES[@]}" <<'EOF'
import json, sys
out, sizes = sys.argv[1], sys.argv[2:]
rows = []
for n in sizes:
    r = json.load(open(f"{out}/{n}.json"))
    c = dict(l.split() for l in open(f"{out}/{n}.compare") if l.strip())
    q = {x["name"]: x for x in r["queries"]}
    slow = max(r["queries"], key=lambda x: x["median_ms"])
    row = {
        "articles": n,
        "extract 1 thread (art/s, MB/s)": f'{r["extract"]["articles_per_s"]:.0f}, {r["extract"]["mb_per_s"]:.2f}',
        "`extract` CLI art/s (1 thread / all)": (f'{int(n) / float(c["extract_1thread_s"]):.0f} / {int(n) / float(c["extract_s"]):.0f}' if c else "–"),
        "build art/s": f'{r["build"]["articles_per_s"]:.0f}',
        "build s": f'{r["build"]["seconds"]:.1f}',
        "quads/art": f'{r["quads_per_article"]:.0f}',
        "quads/s": f'{r["build"]["quads_per_s"]:.0f}',
        "peak RSS MiB": f'{r["peak_rss_mb"]:.0f}',
        "store MB": f'{r["store_bytes"] / 1e6:.0f}',
        "build / oxigraph load": (f'{float(c["build_s"]):.1f} s / {float(c["oxigraph_load_s"]):.1f} s = {float(c["build_s"]) / float(c["oxigraph_load_s"]):.2f}' if c else "–"),
        "slowest query (ms)": f'{slow["name"]} {slow["median_ms"]:.0f}',
    }
    rows.append(row)
cols = list(rows[0].keys())
print("| " + " | ".join(cols) + " |")
print("|" + "---|" * len(cols))
for row in rows:
    print("| " + " | ".join(str(row[c]) for c in cols) + " |")
print()
names = [x["name"] for x in json.load(open(f"{out}/{sizes[0]}.json"))["queries"]]
print("| query (--limit 100, median ms) | " + " | ".join(sizes) + " |")
print("|---|" + "---|" * len(sizes))
for name in names:
    cells = []
    for n in sizes:
        x = next(x for x in json.load(open(f"{out}/{n}.json"))["queries"] if x["name"] == name)
        cells.append(f'{x["median_ms"]:.0f}' + (" (stopped)" if x.get("error") else ""))
    print(f"| {name} | " + " | ".join(cells) + " |")
EOF
