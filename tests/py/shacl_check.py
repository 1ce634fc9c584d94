"""Validates a newsgraph export against SHACL shapes with pySHACL, one named graph at a time.

    python3 tests/py/shacl_check.py DATA SHAPES

DATA is TriG or N-Quads (by extension: .trig, .nq/.nquads; anything else is read as Turtle,
a single graph). Each article's named graph is validated on its own, as ontology/shapes.ttl
asks: in the union two outlets may legitimately give one event two statuses.

Prints `conforms: true` or `conforms: false`, then one line per violation:
`GRAPH<TAB>FOCUS<TAB>PATH<TAB>MESSAGE`. Exit status 0 when every graph conforms, 1 when one
does not, 2 on bad arguments.
"""

import sys

import pyshacl
import rdflib
from rdflib.namespace import SH


def graphs(path):
    """Yields (name, rdflib.Graph) for each named graph of the file (or the one graph)."""
    low = path.lower()
    if low.endswith(".trig") or low.endswith(".nq") or low.endswith(".nquads"):
        ds = rdflib.Dataset()
        ds.parse(path, format="trig" if low.endswith(".trig") else "nquads")
        for g in ds.graphs():
            if len(g) == 0:
                continue
            plain = rdflib.Graph()
            for t in g:
                plain.add(t)
            yield str(g.identifier), plain
    else:
        yield "", rdflib.Graph().parse(path, format="turtle")


def path_text(report, path):
    """A result path as text: an IRI, or ^IRI for an inverse path."""
    if path is None:
        return ""
    inverse = report.value(path, SH.inversePath)
    if inverse is not None:
        return f"^{inverse}"
    return str(path)


def main(argv):
    if len(argv) != 3:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    data, shapes_path = argv[1], argv[2]
    shapes = rdflib.Graph().parse(shapes_path, format="turtle")
    rows = []
    for name, g in graphs(data):
        ok, report, _ = pyshacl.validate(g, shacl_graph=shapes)
        if ok:
            continue
        for result in report.subjects(rdflib.RDF.type, SH.ValidationResult):
            focus = report.value(result, SH.focusNode)
            path = report.value(result, SH.resultPath)
            msg = report.value(result, SH.resultMessage)
            rows.append((name, str(focus), path_text(report, path), "" if msg is None else str(msg)))
    print(f"conforms: {'false' if rows else 'true'}")
    for r in sorted(set(rows)):
        print("\t".join(r))
    return 1 if rows else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
