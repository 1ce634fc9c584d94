#!/usr/bin/env python3
"""Reads the SPARQL 1.1 Service Description of an endpoint with rdflib and checks its triples.

Usage: service_description.py ENDPOINT_URL WRITABLE(0|1) GRAPH_IRI...

GETs ENDPOINT_URL without a query, once per RDF format (Turtle by default, then each one
asked for by Accept), parses each answer with rdflib by its Content-Type, and checks that
every format gives the same graph, and that it says: one sd:Service whose sd:endpoint is
ENDPOINT_URL; sd:SPARQL11Query, and sd:SPARQL11Update exactly when WRITABLE; every result
format the endpoint offers; sd:UnionDefaultGraph; a default dataset with a default graph
and exactly the named graphs GRAPH_IRI. Run by tests/serve.rs against `newsgraph serve`.
"""
import sys
import urllib.request

from rdflib import Graph, Namespace, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import RDF

SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
FORMATS = Namespace("http://www.w3.org/ns/formats/")
RESULT_FORMATS = {
    FORMATS[f]
    for f in [
        "SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_CSV", "SPARQL_Results_TSV",
        "Turtle", "N-Triples", "N-Quads", "TriG", "RDF_XML", "JSON-LD",
    ]
}
# Accept header -> rdflib parser; None: no Accept header (Turtle is the default).
ASKS = [
    (None, "turtle"),
    ("text/turtle", "turtle"),
    ("application/n-triples", "nt"),
    ("application/rdf+xml", "xml"),
    ("application/ld+json", "json-ld"),
    ("application/n-quads", "nquads"),
    ("application/trig", "trig"),
]


def fetch(url, accept):
    req = urllib.request.Request(url, headers={"Accept": accept} if accept else {})
    with urllib.request.urlopen(req, timeout=30) as r:
        return r.status, r.headers.get("Content-Type", ""), r.read()


def check(g, url, writable, graphs, what):
    services = list(g.subjects(RDF.type, SD.Service))
    assert len(services) == 1, f"{what}: {len(services)} sd:Service"
    s = services[0]
    assert set(g.objects(s, SD.endpoint)) == {URIRef(url)}, f"{what}: endpoint {set(g.objects(s, SD.endpoint))}"
    languages = set(g.objects(s, SD.supportedLanguage))
    expected = {SD.SPARQL11Query, SD.SPARQL11Update} if writable else {SD.SPARQL11Query}
    assert languages == expected, f"{what}: languages {languages}"
    assert set(g.objects(s, SD.resultFormat)) == RESULT_FORMATS, f"{what}: formats {set(g.objects(s, SD.resultFormat))}"
    assert set(g.objects(s, SD.feature)) == {SD.UnionDefaultGraph}, f"{what}: features"
    datasets = list(g.objects(s, SD.defaultDataset))
    assert len(datasets) == 1 and (datasets[0], RDF.type, SD.Dataset) in g, f"{what}: default dataset"
    ds = datasets[0]
    defaults = list(g.objects(ds, SD.defaultGraph))
    assert len(defaults) == 1 and (defaults[0], RDF.type, SD.Graph) in g, f"{what}: default graph"
    named = list(g.objects(ds, SD.namedGraph))
    assert all((n, RDF.type, SD.NamedGraph) in g for n in named), f"{what}: a named graph without its type"
    names = [name for n in named for name in g.objects(n, SD.name)]
    assert sorted(names) == sorted(URIRef(i) for i in graphs), f"{what}: named graphs {sorted(names)} != {sorted(graphs)}"


def main():
    url, writable, graphs = sys.argv[1], sys.argv[2] == "1", sys.argv[3:]
    assert graphs, "give the graph IRIs the store holds"
    first = None
    for accept, parser in ASKS:
        status, content_type, body = fetch(url, accept)
        what = f"Accept {accept or '(none)'}"
        assert status == 200, f"{what}: status {status}"
        expected_type = accept or "text/turtle"
        assert content_type.startswith(expected_type), f"{what}: Content-Type {content_type}"
        g = Graph()
        g.parse(data=body, format=parser, publicID=url)
        check(g, url, writable, graphs, what)
        if first is None:
            first = g
        else:
            assert isomorphic(first, g), f"{what}: another graph than Turtle's"
    print(f"service description: {len(first)} triples, the same in {len(ASKS)} formats")


if __name__ == "__main__":
    main()
