#!/usr/bin/env python3
"""Asks a SPARQL endpoint who led each delegation, with a client nobody here wrote.

Usage: sparql_client.py ENDPOINT_URL   (e.g. http://127.0.0.1:7878/query)

SPARQLWrapper runs queries/delegations.rq by GET and by POST (form-encoded), asking for
JSON, XML and CSV results, and each answer must say that Vladimir Medinsky led Russia's
delegation and Rustem Umerov Ukraine's. Run by tests/serve.rs against `newsgraph serve`.
"""
import csv
import io
import os
import sys

from SPARQLWrapper import CSV, GET, JSON, POST, XML, SPARQLWrapper

EXPECTED = {("Russia", "Vladimir Medinsky"), ("Ukraine", "Rustem Umerov")}
RESULTS_NS = "http://www.w3.org/2005/sparql-results#"


def pairs_from_json(results):
    return {(b["side"]["value"], b["leader"]["value"]) for b in results["results"]["bindings"]}


def pairs_from_xml(doc):
    pairs = set()
    for result in doc.getElementsByTagNameNS(RESULTS_NS, "result"):
        row = {}
        for binding in result.getElementsByTagNameNS(RESULTS_NS, "binding"):
            term = next(n for n in binding.childNodes if n.nodeType == n.ELEMENT_NODE)
            row[binding.getAttribute("name")] = "".join(t.data for t in term.childNodes if t.nodeType == t.TEXT_NODE)
        pairs.add((row["side"], row["leader"]))
    return pairs


def pairs_from_csv(data):
    text = data.decode("utf-8") if isinstance(data, bytes) else data
    return {(r["side"], r["leader"]) for r in csv.DictReader(io.StringIO(text))}


def main():
    url = sys.argv[1]
    here = os.path.dirname(os.path.abspath(__file__))
    with open(os.path.join(here, "..", "..", "queries", "delegations.rq"), encoding="utf-8") as f:
        query = f.read()
    for method in (GET, POST):
        for fmt, read in ((JSON, pairs_from_json), (XML, pairs_from_xml), (CSV, pairs_from_csv)):
            client = SPARQLWrapper(url)
            client.setMethod(method)
            client.setQuery(query)
            client.setReturnFormat(fmt)
            pairs = read(client.query().convert())
            assert EXPECTED <= pairs, f"{method} {fmt}: expected {EXPECTED}, got {pairs}"
            sides = {side for side, _ in pairs}
            assert sides <= {"Russia", "Ukraine"}, f"{method} {fmt}: unexpected delegations {pairs}"
            print(f"ok: {method} {fmt}: {sorted(pairs)}")


if __name__ == "__main__":
    main()
