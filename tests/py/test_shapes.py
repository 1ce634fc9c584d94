"""ontology/shapes.ttl accepts tests/data/sample.ttl and rejects broken copies of it.

Run with pytest, or as a script: python3 tests/py/test_shapes.py (exit 0 when all pass).
Needs rdflib and pyshacl (pip install rdflib pyshacl).
"""

import sys
from pathlib import Path

import pyshacl
import rdflib
from rdflib import Literal, Namespace, URIRef
from rdflib.namespace import RDF, XSD

ROOT = Path(__file__).resolve().parents[2]
SHAPES = ROOT / "ontology" / "shapes.ttl"
ONTOLOGY = ROOT / "ontology" / "newsgraph.ttl"
SAMPLE = ROOT / "tests" / "data" / "sample.ttl"

ID = Namespace("https://w3id.org/newsgraph/id/")
NG = Namespace("https://w3id.org/newsgraph/ns#")
SCHEMA = Namespace("http://schema.org/")
SEM = Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")
NIF = Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")
ORG = Namespace("http://www.w3.org/ns/org#")
PROV = Namespace("http://www.w3.org/ns/prov#")
ART = "https://w3id.org/newsgraph/id/article/001_2387ca89bc2683d1"
QTY = URIRef(ART + "#char=216,238")
SENT = URIRef(ART + "#char=173,285")
MEETING = ID["event/Meeting/2025-06-02/istanbul"]
DELEGATION = ID["delegation/001_2387ca89bc2683d1/ukraine"]
UMEROV = ID["person/rustem-umerov"]


def sample():
    return rdflib.Graph().parse(SAMPLE, format="turtle")


def conforms(g, ontology=False):
    shapes = rdflib.Graph().parse(SHAPES, format="turtle")
    kw = {"ont_graph": rdflib.Graph().parse(ONTOLOGY, format="turtle"), "inference": "rdfs"} if ontology else {}
    ok, _, text = pyshacl.validate(g, shacl_graph=shapes, **kw)
    return ok, text


def drop(g, s, p, o=None):
    g.remove((s, p, o))
    return g


def replace(g, s, p, o):
    g.set((s, p, o))
    return g


BROKEN = {
    "quantity without schema:value": lambda g: drop(g, QTY, SCHEMA.value),
    "quantity value not a decimal": lambda g: replace(g, QTY, SCHEMA.value, Literal("1,000")),
    "two values": lambda g: g.add((QTY, SCHEMA.value, Literal("2", datatype=XSD.decimal))) or g,
    "event without status": lambda g: drop(g, MEETING, NG.status),
    "event with two statuses": lambda g: g.add((MEETING, NG.status, NG.Planned)) or g,
    "status outside the list": lambda g: replace(g, MEETING, NG.status, NG.Rumoured),
    "timestamp as dateTime": lambda g: replace(g, MEETING, SEM.hasTimeStamp, Literal("2025-06-02T10:00:00", datatype=XSD.dateTime)),
    "timestamp as plain string": lambda g: replace(g, MEETING, SEM.hasTimeStamp, Literal("2025-06-02")),
    "event without provenance": lambda g: drop(g, MEETING, PROV.wasDerivedFrom),
    "sentence begins after it ends": lambda g: replace(g, SENT, NIF.beginIndex, Literal("300", datatype=XSD.integer)),
    "mention without anchorOf": lambda g: drop(g, URIRef(ART + "#char=56,69"), NIF.anchorOf),
    "delegation without head": lambda g: drop(g, UMEROV, ORG.headOf),
    "delegation represents nothing": lambda g: drop(g, DELEGATION, NG.represents),
    "person without name": lambda g: drop(g, UMEROV, SCHEMA.name),
    "post held by a non-person": lambda g: drop(g, UMEROV, RDF.type),
    "quotation without text": lambda g: drop(g, URIRef(ART + "#char=286,317"), SCHEMA.text),
    "bad iso code": lambda g: replace(g, ID["country/ukraine"], NG.isoCode, Literal("UKR")),
}


def test_sample_conforms():
    ok, text = conforms(sample())
    assert ok, text


def test_sample_conforms_with_ontology_and_rdfs_inference():
    ok, text = conforms(sample(), ontology=True)
    assert ok, text


def test_broken_copies_do_not_conform():
    accepted = [name for name, breaker in BROKEN.items() if conforms(breaker(sample()))[0]]
    assert not accepted, f"accepted broken graphs: {accepted}"


if __name__ == "__main__":
    failed = 0
    for name, t in list(globals().items()):
        if name.startswith("test_") and callable(t):
            try:
                t()
                print(f"ok   {name}")
            except AssertionError as e:
                failed += 1
                print(f"FAIL {name}: {e}")
    n = sum(1 for k in globals() if k.startswith("test_"))
    print(f"{n - failed} passed, {failed} failed")
    sys.exit(1 if failed else 0)
