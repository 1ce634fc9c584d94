#!/usr/bin/env bash
# Benchmarks newsgraph on two corpora of each size (1k, 10k and 100k articles by default):
#   synthetic  `newsgraph bench`'s generated news, one article in ten an agency story printed again;
#   real       the real articles in $REAL (the sample, ../shared/eval/dev and the MEANTIME texts
#              where they are beside the repository) repeated under new ids.
# For each, `newsgraph bench` measures extraction, the build and the canned queries; then, in the
# same run and one after the other on the same quads: `oxigraph load` (PyPI oxigraph==0.5.13),
# `newsgraph build`, `newsgraph load` of extract's N-Quads and `newsgraph link` alone, and the
# size of each store (Oxigraph's also after `oxigraph optimize`, its size once RocksDB has
# compacted it). Prints a table; the JSON reports and timings stay in $OUT.
#
#   bash scripts/bench.sh                 # 1000 10000 100000
#   FLAGS=--fast bash scripts/bench.sh 1000 10000      # chosen sizes, rules only
#
# Environment: NEWSGRAPH (the binary; default $CARGO_TARGET_DIR or target, then
# release/newsgraph, built when missing), FLAGS (e.g. --fast), CORPORA ("synthetic real"),
# REAL (paths of real articles), OUT (default out/bench), COMPARE_MAX (largest size compared
# with oxigraph load; default 10000, because the N-Quads of 100k articles take about 30 GB of
# disk), QUERY_RUNS (5). Timings are wall-clock: on a shared machine, repeat and compare like
# with like.
set -euo pipefail
cd "$(dirname "$0")/.."

SIZES=("$@")
[ ${#SIZES[@]} -eq 0 ] && SIZES=(1000 10000 100000)
OUT=${OUT:-out/bench}
COMPARE_MAX=${COMPARE_MAX:-10000}
QUERY_RUNS=${QUERY_RUNS:-5}
NEWSGRAPH=${NEWSGRAPH:-${CARGO_TARGET_DIR:-target}/release/newsgraph}
CORPORA=${CORPORA:-synthetic real}
FLAGS=${FLAGS:-}
if [ -z "${REAL:-}" ]; then
  REAL=corpus/istanbul-2025-06-02
  [ -d ../shared/eval/dev ] && REAL="$REAL $(echo ../shared/eval/dev/*.txt)"
  [ -d ../shared/eval/meantime/texts ] && REAL="$REAL ../shared/eval/meantime/texts"
fi

if [ ! -x "$NEWSGRAPH" ]; then
  cargo build --release
fi
if ! command -v oxigraph >/dev/null 2>&1; then
  python3 -m pip install --quiet oxigraph==0.5.13
fi
mkdir -p "$OUT"

now() { date +%s.%N; }
secs() { python3 -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.3f}')" "$1" "$2"; }
bytes() { du -sb "$1" | cut -f1; }

for kind in $CORPORA; do
  src=()
  # shellcheck disable=SC2206
  [ "$kind" = real ] && src=(--real $REAL)
  for n in "${SIZES[@]}"; do
    dir="$OUT/$kind-$n" rep="$OUT/$kind-$n"  # the corpus and stores in $dir/, the figures in $rep.*
    rm -rf "$dir"
    echo "== $kind, $n articles: newsgraph bench" >&2
    # shellcheck disable=SC2086
    "$NEWSGRAPH" bench $FLAGS --articles "$n" --json --query-runs "$QUERY_RUNS" --store-dir "$dir" "${src[@]}" > "$rep.json"
    rm -rf "$dir/store"
    : > "$rep.compare"
    [ "$n" -le "$COMPARE_MAX" ] || continue
    echo "== $kind, $n articles: extract, oxigraph load, build, load, link" >&2
    # shellcheck disable=SC2086
    { t0=$(now); RAYON_NUM_THREADS=1 "$NEWSGRAPH" extract $FLAGS < "$dir/corpus.jsonl" > "$dir/corpus.nq"; t1=$(now)
      echo "extract_1thread_s $(secs "$t0" "$t1")"
      t0=$(now); "$NEWSGRAPH" extract $FLAGS < "$dir/corpus.jsonl" > "$dir/corpus.nq"; t1=$(now)
      echo "extract_s $(secs "$t0" "$t1")"
      echo "nquads $(wc -l < "$dir/corpus.nq")"
      t0=$(now); oxigraph load --location "$dir/oxigraph" --file "$dir/corpus.nq" >/dev/null 2>&1; t1=$(now)
      echo "oxigraph_load_s $(secs "$t0" "$t1")"
      echo "oxigraph_bytes $(bytes "$dir/oxigraph")"
      oxigraph optimize --location "$dir/oxigraph" >/dev/null 2>&1
      echo "oxigraph_optimized_bytes $(bytes "$dir/oxigraph")"
      rm -rf "$dir/oxigraph"
      t0=$(now); "$NEWSGRAPH" build $FLAGS --quiet --store "$dir/store" "$dir/corpus.jsonl"; t1=$(now)
      echo "build_s $(secs "$t0" "$t1")"
      echo "store_bytes $(bytes "$dir/store")"
      t0=$(now); "$NEWSGRAPH" link --store "$dir/store" >/dev/null; t1=$(now)
      echo "link_s $(secs "$t0" "$t1")"
      rm -rf "$dir/store"
      t0=$(now); "$NEWSGRAPH" load --store "$dir/store" "$dir/corpus.nq" >/dev/null; t1=$(now)
      echo "load_s $(secs "$t0" "$t1")"
      rm -rf "$dir/store" "$dir/corpus.nq"
    } >> "$rep.compare"
  done
done

python3 - "$OUT" "$CORPORA" "${SIZES[@]}" <<'EOF'
import json, sys
out, corpora, sizes = sys.argv[1], sys.argv[2].split(), sys.argv[3:]
rows = []
ratio = lambda a, b: f"{a:.1f} / {b:.1f} = {a / b:.2f}"
for kind in corpora:
    for n in sizes:
        r = json.load(open(f"{out}/{kind}-{n}.json"))
        c = {k: float(v) for k, v in (l.split() for l in open(f"{out}/{kind}-{n}.compare") if l.strip())}
        slow = max(r["queries"], key=lambda x: x["median_ms"])
        row = {
            "corpus": kind,
            "articles": n,
            "MB": f'{r["text_bytes"] / 1e6:.1f}',
            "extract 1 thread art/s": f'{r["extract"]["articles_per_s"]:.0f}',
            "build s": f'{r["build"]["seconds"]:.1f}',
            "quads/art": f'{r["quads_per_article"]:.0f}',
            "peak RSS MiB": f'{r["peak_rss_mb"]:.0f}',
            "build / oxigraph load (s)": ratio(c["build_s"], c["oxigraph_load_s"]) if c else "–",
            "load / oxigraph load (s)": ratio(c["load_s"], c["oxigraph_load_s"]) if c else "–",
            "link alone s": f'{c["link_s"]:.1f}' if c else "–",
            "store / Oxigraph's, loaded; optimized (MB)": (
                f'{c["store_bytes"] / 1e6:.0f} / {c["oxigraph_bytes"] / 1e6:.0f} = {c["store_bytes"] / c["oxigraph_bytes"]:.2f}; '
                f'/ {c["oxigraph_optimized_bytes"] / 1e6:.0f} = {c["store_bytes"] / c["oxigraph_optimized_bytes"]:.2f}'
                if c else "–"
            ),
            "slowest query (ms)": f'{slow["name"]} {slow["median_ms"]:.0f}',
        }
        rows.append(row)
cols = list(rows[0].keys())
print("| " + " | ".join(cols) + " |")
print("|" + "---|" * len(cols))
for row in rows:
    print("| " + " | ".join(str(row[c]) for c in cols) + " |")
print()
first = f"{out}/{corpora[0]}-{sizes[0]}.json"
names = [x["name"] for x in json.load(open(first))["queries"]]
heads = [f"{k} {n}" for k in corpora for n in sizes]
print("| query (--limit 100, median ms) | " + " | ".join(heads) + " |")
print("|---|" + "---|" * len(heads))
for name in names:
    cells = []
    for k in corpora:
        for n in sizes:
            x = next(x for x in json.load(open(f"{out}/{k}-{n}.json"))["queries"] if x["name"] == name)
            cells.append(f'{x["median_ms"]:.0f}' + (" (stopped)" if x.get("error") else ""))
    print(f"| {name} | " + " | ".join(cells) + " |")
EOF
