#!/usr/bin/env python3
"""Reads newsgraph's exports with tools nobody here wrote.

Usage: check_exports.py GRAPH.ttl GRAPH.jsonld GRAPH.nq

- rdflib parses the Turtle and the N-Quads, and the Turtle holds the union of the N-Quads graphs;
- pyld expands the JSON-LD and turns it into N-Quads, which must be the same dataset as the
  N-Quads export (tests/py/jsonld_roundtrip.py);
- rapper (raptor2) and serdi parse the Turtle, where they are installed.
"""
import os
import shutil
import subprocess
import sys

import rdflib


def main():
    ttl, jsonld, nq = sys.argv[1:4]
    g = rdflib.Graph()
    g.parse(ttl, format="turtle")
    ds = rdflib.Dataset()
    ds.parse(nq, format="nquads")
    union = {(s, p, o) for s, p, o, _ in ds.quads((None, None, None, None))}
    turtle = set(g)
    if turtle != union:
        print(f"Turtle has {len(turtle)} triples, the N-Quads union {len(union)}")
        print("only in Turtle:", list(turtle - union)[:5])
        print("only in N-Quads:", list(union - turtle)[:5])
        sys.exit(1)
    print(f"rdflib: Turtle and N-Quads agree on {len(turtle)} triples")
    here = os.path.dirname(os.path.abspath(__file__))
    r = subprocess.run([sys.executable, os.path.join(here, "jsonld_roundtrip.py"), nq, jsonld])
    if r.returncode != 0:
        sys.exit(r.returncode)
    for tool, args in (("rapper", ["-q", "-i", "turtle", "-c", ttl]), ("serdi", ["-i", "turtle", "-o", "ntriples", ttl])):
        if shutil.which(tool):
            p = subprocess.run([tool] + args, capture_output=True, text=True)
            if p.returncode != 0:
                print(f"{tool} rejected the Turtle export: {p.stderr[-2000:]}")
                sys.exit(1)
            print(f"{tool}: Turtle parses")


if __name__ == "__main__":
    main()
