#!/usr/bin/env python3
"""Validate the newsgraph lexicon files.

Usage:  python3 ontology/lexicons/check.py          # validate, exit 1 on error
        python3 ontology/lexicons/check.py --fix    # sort + dedupe rows first

Each *.tsv here must be UTF-8 and have:
  line 1  '# <what>. source: <...>; licence: <SPDX>'
  line 2  optional '# columns: c1<TAB>c2...' (must match the expected columns)
  rows    tab-separated, exact column count, first column non-empty,
          sorted by the UTF-8 bytes of the first column then the rest,
          no duplicate rows, no blank lines, no leading/trailing spaces.
"""

from __future__ import annotations

import glob
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))

COLUMNS = {
    "countries.tsv": ["name", "iso2", "demonyms", "capitals", "aliases"],
    "cities.tsv": ["name", "iso2", "population", "ascii"],
    "regions.tsv": ["name", "iso2", "kind"],
    "given_names.tsv": ["name"],
    "words.tsv": ["word"],
    "titles.tsv": ["title", "kind"],
    "org_cues.tsv": ["word", "position"],
    "club_words.tsv": ["word", "position"],
    "place_words.tsv": ["word", "position"],
    "agencies.tsv": ["name", "aliases"],
    "intl_orgs.tsv": ["name", "aliases"],
    "brands.tsv": ["name", "wikidata"],
    "platforms.tsv": ["name", "aliases"],
    "metonyms.tsv": ["name", "iso2", "kind"],
    "triggers.tsv": ["word", "type"],
    "count_nouns.tsv": ["noun", "class"],
    "quantity_words.tsv": ["list", "word"],
    "time_words.tsv": ["list", "word", "value"],
    "links_countries.tsv": ["iso2", "wikidata", "geonames", "name"],
    "links_regions.tsv": ["name", "wikidata", "geonames", "iso2", "admin1"],
    "links_cities.tsv": ["geonames", "name", "iso2", "admin1", "population", "latitude", "longitude", "alternates"],
    "legal_forms.tsv": ["form"],
}

ENUMS = {
    ("quantity_words.tsv", 0): {"casualty_verb", "collective", "compound_idiom", "id_word", "noun_exception", "np_stop", "of_det", "trail_drop", "year_prev"},
    ("time_words.tsv", 0): {"decade_word", "forward_prep", "future_cue", "holiday", "mod", "month_context", "number", "ordinal", "part_of_day", "past_cue",
                            "point_mod", "ref", "ref_adjective", "ref_compared", "ref_follow", "season", "season_verb_next", "set", "unit",
                            "weekday_name", "clause_start"},
    ("titles.tsv", 1): {"head", "minister", "official", "honorific"},
    ("org_cues.tsv", 1): {"head", "start", "both"},
    ("club_words.tsv", 1): {"before", "after"},
    ("place_words.tsv", 1): {"after", "of"},
    ("metonyms.tsv", 2): {"institution"},
    ("triggers.tsv", 1): {"Meeting", "PrisonerExchange", "RemainsRepatriation",
                          "Ceasefire", "Attack", "Invasion", "Proposal",
                          "Sanctions", "Deportation", "Election"},
}
ISO2_COL = {"countries.tsv": 1, "cities.tsv": 1, "regions.tsv": 1,
            "metonyms.tsv": 1}
LOWERCASE_COL0 = {"titles.tsv", "triggers.tsv", "words.tsv", "count_nouns.tsv", "place_words.tsv"}

HEADER_RE = re.compile(r"^# .+\. source: .+; licence: [A-Za-z0-9.+\-() ]+\S$")


def sort_key(row):
    return tuple(c.encode("utf-8") for c in row)


def check_file(path: str, fix: bool) -> list[str]:
    fname = os.path.basename(path)
    errs: list[str] = []
    try:
        with open(path, encoding="utf-8", newline="") as f:
            text = f.read()
    except UnicodeDecodeError as e:
        return [f"{fname}: not UTF-8: {e}"]
    if "\r" in text:
        errs.append(f"{fname}: contains CR characters")
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    else:
        errs.append(f"{fname}: missing final newline")
    if not lines:
        return errs + [f"{fname}: empty"]
    header = lines[0]
    if not HEADER_RE.match(header):
        errs.append(f"{fname}: bad header line: {header[:120]!r}")
    for needle in ("source:", "licence:"):
        if needle not in header:
            errs.append(f"{fname}: header lacks {needle!r}")
    expected = COLUMNS.get(fname)
    if expected is None:
        errs.append(f"{fname}: unknown lexicon file (add it to COLUMNS)")
        return errs
    body_start = 1
    if len(lines) > 1 and lines[1].startswith("# columns:"):
        cols = lines[1][len("# columns:"):].strip().split("\t")
        if cols != expected:
            errs.append(f"{fname}: columns comment {cols} != {expected}")
        body_start = 2
    rows = []
    for i, line in enumerate(lines[body_start:], start=body_start + 1):
        if line.startswith("#"):
            errs.append(f"{fname}:{i}: comment after the header")
            continue
        if not line:
            errs.append(f"{fname}:{i}: blank line")
            continue
        row = tuple(line.split("\t"))
        if len(row) != len(expected):
            errs.append(f"{fname}:{i}: {len(row)} columns, want "
                        f"{len(expected)}: {line[:80]!r}")
            continue
        if not row[0]:
            errs.append(f"{fname}:{i}: empty first column")
        for j, cell in enumerate(row):
            if cell != cell.strip():
                errs.append(f"{fname}:{i}: stray space in column {j + 1}")
            if "||" in cell or cell.startswith("|") or cell.endswith("|"):
                errs.append(f"{fname}:{i}: empty value in multi-valued cell")
        for (fn, col), allowed in ENUMS.items():
            if fn == fname and row[col] not in allowed:
                errs.append(f"{fname}:{i}: {row[col]!r} not in {sorted(allowed)}")
        if fname in ISO2_COL and not re.fullmatch(r"[A-Z]{2}",
                                                  row[ISO2_COL[fname]]):
            errs.append(f"{fname}:{i}: bad iso2 {row[ISO2_COL[fname]]!r}")
        if fname == "cities.tsv" and not row[2].isdigit():
            errs.append(f"{fname}:{i}: population not an integer")
        if fname in LOWERCASE_COL0 and row[0] != row[0].lower():
            errs.append(f"{fname}:{i}: first column must be lowercase")
        rows.append(row)
    if fix:
        fixed = sorted(set(rows), key=sort_key)
        if fixed != rows:
            with open(path, "w", encoding="utf-8", newline="\n") as f:
                for line in lines[:body_start]:
                    f.write(line + "\n")
                for r in fixed:
                    f.write("\t".join(r) + "\n")
            print(f"fixed order/duplicates in {fname}")
            rows = fixed
    seen = set()
    for a, b in zip(rows, rows[1:]):
        if sort_key(a) > sort_key(b):
            errs.append(f"{fname}: not sorted at {a[0]!r} > {b[0]!r}")
            break
    for r in rows:
        if r in seen:
            errs.append(f"{fname}: duplicate row {r!r}")
        seen.add(r)
    if not rows:
        errs.append(f"{fname}: no data rows")
    return errs


def main() -> int:
    fix = "--fix" in sys.argv
    files = sorted(glob.glob(os.path.join(HERE, "*.tsv")))
    errs = []
    present = {os.path.basename(p) for p in files}
    for missing in sorted(set(COLUMNS) - present):
        errs.append(f"missing file {missing}")
    total = 0
    for p in files:
        e = check_file(p, fix)
        errs += e
        with open(p, encoding="utf-8", errors="replace") as f:
            n = sum(1 for line in f if line and not line.startswith("#"))
        total += os.path.getsize(p)
        print(f"{'ok ' if not e else 'ERR'} {os.path.basename(p):16} "
              f"{n:7} rows {os.path.getsize(p):9} bytes")
    print(f"total {total} bytes")
    for e in errs[:200]:
        print("error:", e, file=sys.stderr)
    return 1 if errs else 0


if __name__ == "__main__":
    sys.exit(main())
