#!/usr/bin/env python3
"""Follows owl:sameAs in newsgraph's export with rdflib.

Usage: links_check.py EXPORT.nq CASES.tsv

Each line of CASES.tsv is `IRI<TAB>IRI IRI ...`: the owl:sameAs closure (symmetric and
transitive, over every graph of the export) of the first IRI must be exactly the IRIs listed
(the first included). Prints each closure; exits 1 on the first that differs.
"""
import sys

import rdflib
from rdflib.namespace import OWL


def closure(ds, start):
    seen, todo = {start}, [start]
    while todo:
        node = todo.pop()
        for _, _, o, _ in ds.quads((node, OWL.sameAs, None, None)):
            if o not in seen:
                seen.add(o)
                todo.append(o)
        for s, _, _, _ in ds.quads((None, OWL.sameAs, node, None)):
            if s not in seen:
                seen.add(s)
                todo.append(s)
    return seen


def main():
    nq, cases = sys.argv[1:3]
    ds = rdflib.Dataset()
    ds.parse(nq, format="nquads")
    for line in open(cases, encoding="utf-8"):
        if not line.strip():
            continue
        start, want = line.rstrip("\n").split("\t")
        start = rdflib.URIRef(start)
        want = {rdflib.URIRef(w) for w in want.split()}
        got = closure(ds, start)
        print(start, "->", " ".join(sorted(str(g) for g in got)))
        if got != want:
            print(f"owl:sameAs closure of {start}: expected {sorted(want)}, got {sorted(got)}")
            sys.exit(1)


if __name__ == "__main__":
    main()
