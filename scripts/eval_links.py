#!/usr/bin/env python3
"""Measures the Wikidata and GeoNames links (issue 28) on the seeds, ../shared/eval/dev and
../shared/eval/meantime, built together into one store.

    python3 scripts/eval_links.py [--bin target/release/newsgraph] [--sample 100]

Truth, per article:
- countries: the gold places (dev, MEANTIME) that are a country's name or alias in
  countries.tsv, and for the seeds (no gold) the country names and aliases in the text;
  the right link is the country's Wikidata id in links_countries.tsv;
- cities: the gold places that are GeoNames city names (population >= 15,000), and for the
  seeds the names of cities.tsv in the text; the right link is the GeoNames id of the most
  populous city of that name (the lexicons' truth; namesakes are listed for a hand check);
- companies: MEANTIME's gold organisations whose name or an alias is in brands.tsv with one
  Wikidata id; the right link is that id.
A name counts as linked right when the article's graph says some entity is owl:sameAs the
right IRI. Then it prints an even sample of all links made, for checking by hand.
"""
import argparse
import collections
import json
import os
import re
import subprocess
import sys
import tempfile

import rdflib
from rdflib.namespace import OWL

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LEX = os.path.join(ROOT, "ontology", "lexicons")
SHARED = os.path.join(ROOT, "..", "shared")
WD, GN = "http://www.wikidata.org/entity/", "https://sws.geonames.org/"


def rows(name):
    with open(os.path.join(LEX, name), encoding="utf-8") as f:
        return [line.rstrip("\n").split("\t") for line in f if not line.startswith("#") and line.strip()]


def tables():
    country_of = {}
    for name, iso, _dem, _cap, aliases in rows("countries.tsv"):
        for n in [name] + [a for a in aliases.split("|") if a]:
            country_of.setdefault(n, iso)
    wikidata = {r[0]: r[1] for r in rows("links_countries.tsv")}
    cities = collections.defaultdict(list)
    for gid, name, iso, _a1, pop, *_ in rows("links_cities.tsv"):
        cities[name].append((int(pop), gid, iso))
    brands = {n: q for n, q in rows("brands.tsv")}
    seed_cities = {r[0] for r in rows("cities.tsv")}
    # Continents and US states are regions, not the towns that share their names.
    for r in rows("links_regions.tsv"):
        cities.pop(r[0], None)
        seed_cities.discard(r[0])
    return country_of, wikidata, cities, brands, seed_cities


def in_text(text, name):
    return re.search(r"(?<![\w])" + re.escape(name) + r"(?![\w])", text) is not None


def build(binary, tmp):
    store = os.path.join(tmp, "store")
    dev = os.path.join(SHARED, "eval", "dev")
    inputs = [os.path.join(SHARED, "seeds"), os.path.join(SHARED, "eval", "meantime", "texts")]
    inputs += sorted(os.path.join(dev, f) for f in os.listdir(dev) if f.endswith(".txt"))
    subprocess.run([binary, "build", "--quiet", "--store", store] + inputs, check=True)
    nq = os.path.join(tmp, "all.nq")
    subprocess.run([binary, "export", "--store", store, "--format", "nquads", "--output", nq], check=True)
    ds = rdflib.Dataset()
    ds.parse(nq, format="nquads")
    return ds


def doc_of(graph):
    return str(graph).rsplit("/article/", 1)[-1]


def articles():
    """(doc id, text, gold or None) of every article built."""
    out = []
    for f in sorted(os.listdir(os.path.join(SHARED, "seeds"))):
        text = open(os.path.join(SHARED, "seeds", f), encoding="utf-8").read()
        # Credit lines ("Writing by …; Additional reporting by … in Ankara") are metadata.
        text = "\n".join(line for line in text.splitlines() if not re.match(r"\s*(Writing|Reporting|Additional reporting|Editing) by", line))
        out.append((f.removesuffix(".txt"), text, None))
    dev = os.path.join(SHARED, "eval", "dev")
    for f in sorted(os.listdir(dev)):
        if f.endswith(".txt"):
            gold = json.load(open(os.path.join(dev, f.replace(".txt", ".gold.json")), encoding="utf-8"))
            out.append((f.removesuffix(".txt"), open(os.path.join(dev, f), encoding="utf-8").read(), gold))
    mt = os.path.join(SHARED, "eval", "meantime")
    for f in sorted(os.listdir(os.path.join(mt, "texts"))):
        gold = json.load(open(os.path.join(mt, "gold", f.replace(".txt", ".json")), encoding="utf-8"))
        out.append((f.removesuffix(".txt"), open(os.path.join(mt, "texts", f), encoding="utf-8").read(), gold))
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default=os.path.join(os.environ.get("CARGO_TARGET_DIR", os.path.join(ROOT, "target")), "release", "newsgraph"))
    ap.add_argument("--sample", type=int, default=100)
    args = ap.parse_args()
    country_of, wikidata, cities, brands, seed_cities = tables()
    with tempfile.TemporaryDirectory() as tmp:
        ds = build(args.bin, tmp)
    linked = collections.defaultdict(set)  # doc -> link targets
    links = []  # (doc, entity, target)
    names = {}
    for s, p, o, g in ds.quads((None, None, None, None)):
        if p == OWL.sameAs and (str(o).startswith(WD) or str(o).startswith(GN)):
            linked[doc_of(g)].add(str(o))
            links.append((doc_of(g), str(s), str(o)))
        if str(p) == "http://schema.org/name":
            names[str(s)] = str(o)
    score = {"countries": [0, 0], "cities": [0, 0], "companies": [0, 0]}
    misses = collections.defaultdict(list)
    namesakes = []
    for doc, text, gold in articles():
        got = linked.get(doc, set())
        if gold is None:
            place_names = [n for n in country_of if in_text(text, n)] + [n for n in seed_cities if in_text(text, n)]
        else:
            place_names = [n for p in gold.get("places", []) for n in [p["name"]] + p.get("aliases", [])]
        countries = {country_of[n] for n in place_names if n in country_of}
        for iso in countries:
            q = wikidata.get(iso)
            score["countries"][1] += 1
            score["countries"][0] += WD + q in got if q else 0
            if not q or WD + q not in got:
                misses["countries"].append((doc, iso))
        city_names = {n for n in place_names if n in cities and n not in country_of}
        for n in city_names:
            pop, gid, iso = max(cities[n])
            if len(cities[n]) > 1:
                namesakes.append((doc, n, sorted(cities[n], reverse=True)[:3], [t for t in got if t.startswith(GN)]))
            score["cities"][1] += 1
            ok = f"{GN}{gid}/" in got
            score["cities"][0] += ok
            if not ok:
                misses["cities"].append((doc, n, gid))
        if gold is not None and "annotated" in gold:
            companies = {}
            for o in gold.get("organizations", []):
                for n in [o["name"]] + o.get("aliases", []):
                    if n in brands and "|" not in brands[n]:
                        companies[o["name"]] = brands[n]
            for name, q in companies.items():
                score["companies"][1] += 1
                score["companies"][0] += WD + q in got
                if WD + q not in got:
                    misses["companies"].append((doc, name, q))
    for k, (right, total) in score.items():
        print(f"{k}: {right}/{total} linked right ({100 * right / max(total, 1):.1f}%)")
    for k, m in misses.items():
        print(f"missed {k}: {m}")
    print("namesakes (truth = most populous; check by hand):")
    for n in namesakes:
        print("  ", n)
    links.sort()
    step = max(1, len(links) // max(args.sample, 1))
    print(f"{len(links)} links made; every {step}th for the hand check:")
    for doc, e, t in links[::step][: args.sample]:
        print(f"  {doc}\t{e.rsplit('/id/', 1)[-1]}\t{names.get(e, '')}\t{t}")


if __name__ == "__main__":
    sys.exit(main())
