#!/usr/bin/env python3
"""Writes brands.tsv: companies, brands and operators with their Wikidata ids, from the npm
package name-suggestion-index (BSD-3-Clause), for the entity fusion's organisation evidence.

Latin-script names only. A one-word name is dropped where it is also an ordinary English word
(words.tsv), a common given name (given_names.tsv), a country, demonym or capital
(countries.tsv) or a city (cities.tsv): "Target", "Next" or "Orange" alone say nothing.

    python3 ontology/lexicons/build_brands.py     (build.py runs it too)
"""
from __future__ import annotations

import json
import os
import shutil
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from build import HERE, is_latin_text, npm_fetch, write_tsv  # noqa: E402

NPM_NSI = ("name-suggestion-index", "8.0.20260918")
NAME_TAGS = ("brand", "brand:en", "operator", "operator:en", "network", "network:en", "name:en", "name")
ID_TAGS = ("brand:wikidata", "operator:wikidata", "network:wikidata")


def column(fname: str, i: int = 0, split: bool = False) -> set[str]:
    out = set()
    with open(os.path.join(HERE, fname), encoding="utf-8") as f:
        for line in f:
            if line.startswith("#"):
                continue
            cells = line.rstrip("\n").split("\t")
            if i < len(cells):
                out |= set(cells[i].split("|")) if split else {cells[i]}
    return out


def main() -> None:
    words = column("words.tsv")
    given = column("given_names.tsv")
    places = column("cities.tsv") | column("countries.tsv") | column("countries.tsv", 2, True) | column("countries.tsv", 3, True)
    tmp = tempfile.mkdtemp(prefix="newsgraph-nsi-")
    try:
        pkg = npm_fetch(tmp, *NPM_NSI)
        with open(os.path.join(pkg, "dist", "json", "nsi.json"), encoding="utf-8") as f:
            nsi = json.load(f)["nsi"]
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    rows = {}
    for path, group in nsi.items():
        kind = path.split("/")[0]
        if kind not in ("brands", "operators", "transit"):
            continue
        for item in group["items"]:
            tags = item.get("tags", {})
            qid = next((tags[t] for t in ID_TAGS if tags.get(t)), "")
            if not qid:
                continue
            for t in NAME_TAGS:
                name = (tags.get(t) or "").strip()
                if len(name) < 2 or not is_latin_text(name) or not any(c.isupper() for c in name):
                    continue
                if " " not in name and (name.lower() in words or name in given or name in places):
                    continue
                rows.setdefault(name, set()).add(qid)
    write_tsv(
        "brands.tsv",
        f"Companies, brands and operators with Wikidata ids (one-word names that are English words, given names or places dropped). source: npm {NPM_NSI[0]}@{NPM_NSI[1]} (OpenStreetMap name-suggestion-index); licence: BSD-3-Clause",
        ["name", "wikidata"],
        [(n, "|".join(sorted(q))) for n, q in rows.items()],
    )


if __name__ == "__main__":
    main()
