#!/usr/bin/env python3
"""Checks that a JSON-LD export says exactly what an N-Quads export says.

Usage: jsonld_roundtrip.py NQUADS_FILE JSONLD_FILE [--processor pyld|rdflib|both]

The N-Quads are read with rdflib; the JSON-LD is turned into RDF by pyld (and, with
`both`, the default, independently by rdflib's JSON-LD parser). Each dataset is then
canonicalised with RDF Dataset Canonicalization (URDNA2015, as implemented by pyld), so
blank node labels do not matter, and the canonical N-Quads are compared line by line.
Literals are compared by their exact lexical form and datatype: rdflib's literal
normalisation is switched off (so "012"^^xsd:integer stays "012"), pyld's own N-Quads
reader (whose unescaping is lossy) is not used, and JSON-LD string values are never
given native types. A JSON number or boolean in the document would be turned into RDF
by JSON-LD's rules (1000 -> "1000"^^xsd:integer, 1.5 -> "1.5E0"^^xsd:double), so any
lexical form that differs from the N-Quads shows in the diff.

Exits 0 when the datasets are the same, 1 with a diff otherwise, 2 on bad input.
Needs: pip install rdflib pyld
"""

import argparse
import json
import logging
import sys
import warnings

import rdflib
from pyld import jsonld
from pyld.canon import URDNA2015
from rdflib import BNode, Literal, URIRef

rdflib.NORMALIZE_LITERALS = False
# Ill-typed literals ("x"^^xsd:date) are kept as written; don't warn about each one.
logging.getLogger("rdflib.term").setLevel(logging.CRITICAL)
warnings.filterwarnings("ignore", module="rdflib")

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RDF_LANGSTRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
DEFAULT_GRAPHS = {"urn:x-rdflib:default"}


def _term(t):
    if isinstance(t, URIRef):
        return {"type": "IRI", "value": str(t)}
    if isinstance(t, BNode):
        return {"type": "blank node", "value": "_:" + str(t)}
    if isinstance(t, Literal):
        lit = {"type": "literal", "value": str(t)}
        if t.language is not None:
            lit["datatype"] = RDF_LANGSTRING
            lit["language"] = t.language
        else:
            lit["datatype"] = str(t.datatype) if t.datatype is not None else XSD_STRING
        return lit
    raise ValueError(f"unsupported term {t!r}")


def rdflib_to_pyld(ds):
    """An rdflib Dataset as pyld's internal RDF dataset ({graph name: [triples]})."""
    out = {}
    for s, p, o, g in ds.quads((None, None, None, None)):
        gid = g.identifier if isinstance(g, rdflib.Graph) else g
        if gid is None or str(gid) in DEFAULT_GRAPHS:
            name = "@default"
        elif isinstance(gid, BNode):
            name = "_:" + str(gid)
        else:
            name = str(gid)
        out.setdefault(name, []).append({"subject": _term(s), "predicate": _term(p), "object": _term(o)})
    return out


def canonical(dataset):
    """Canonical N-Quads lines (URDNA2015) of a pyld RDF dataset."""
    nq = URDNA2015().main(dataset, {"algorithm": "URDNA2015", "format": "application/n-quads"})
    return [line for line in nq.splitlines() if line.strip()]


def from_nquads(path):
    ds = rdflib.Dataset()
    ds.parse(path, format="nquads")
    return rdflib_to_pyld(ds)


XSD_DOUBLE = "http://www.w3.org/2001/XMLSchema#double"
# pyld rewrites *string* values typed xsd:double into canonical form ("12000" becomes
# "1.2E4"), which JSON-LD 1.1 only asks for JSON numbers. Hide that datatype from it.
HIDDEN_DOUBLE = "urn:x-jsonld-roundtrip:double"


def _hide_string_doubles(node):
    if isinstance(node, list):
        for x in node:
            _hide_string_doubles(x)
    elif isinstance(node, dict):
        if node.get("@type") == XSD_DOUBLE and isinstance(node.get("@value"), str):
            node["@type"] = HIDDEN_DOUBLE
        for v in node.values():
            _hide_string_doubles(v)


def from_jsonld_pyld(doc):
    # Expansion keeps lexical forms; to_rdf without a format returns the RDF dataset.
    # produceGeneralizedRdf stays off so nothing non-RDF slips through.
    expanded = jsonld.expand(doc)
    _hide_string_doubles(expanded)
    dataset = jsonld.to_rdf(expanded, {"produceGeneralizedRdf": False, "rdfDirection": None})
    for triples in dataset.values():
        for t in triples:
            if t["object"].get("datatype") == HIDDEN_DOUBLE:
                t["object"]["datatype"] = XSD_DOUBLE
    return dataset


def from_jsonld_rdflib(text):
    ds = rdflib.Dataset()
    ds.parse(data=text, format="json-ld")
    return rdflib_to_pyld(ds)


def diff(name, expected, actual):
    e, a = set(expected), set(actual)
    if e == a and len(expected) == len(actual):
        return True
    print(f"{name}: the JSON-LD differs from the N-Quads", file=sys.stderr)
    for line in sorted(e - a):
        print(f"- {line}", file=sys.stderr)
    for line in sorted(a - e):
        print(f"+ {line}", file=sys.stderr)
    return False


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("nquads")
    ap.add_argument("jsonld")
    ap.add_argument("--processor", choices=["pyld", "rdflib", "both"], default="both")
    args = ap.parse_args()
    try:
        expected = canonical(from_nquads(args.nquads))
        with open(args.jsonld, encoding="utf-8") as f:
            text = f.read()
        doc = json.loads(text)
    except Exception as e:  # noqa: BLE001 - any unreadable input is a usage error
        print(f"cannot read input: {e}", file=sys.stderr)
        return 2
    ok = True
    if args.processor in ("pyld", "both"):
        ok &= diff("pyld", expected, canonical(from_jsonld_pyld(doc)))
    if args.processor in ("rdflib", "both"):
        ok &= diff("rdflib", expected, canonical(from_jsonld_rdflib(text)))
    if ok:
        print(f"same dataset: {len(expected)} quads ({args.processor})")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
