#!/usr/bin/env python3
"""Reads every export format back with tools nobody here wrote and prints the matrix.

Usage: read_exports.py DIR

DIR holds graph.ttl, graph.trig, graph.nt, graph.nq, graph.rdf and graph.jsonld, all
exported from one store. Each tool turns each format it reads into N-Quads (rdflib,
rapper, serdi, `oxigraph convert`, Jena riot); rdflib then reads those N-Quads and they
must be the N-Quads export's dataset (formats without named graphs: its union). JSON-LD
goes through jsonld_roundtrip.py (pyld and rdflib, canonical N-Quads) and, when
JSONLD_JS_MODULES names jsonld.js's node_modules (scripts/jsonld_js.sh), through
../js/jsonld_canon.cjs. A tool that is not installed counts as missing (Jena is a failure):
every format must be read by at least two tools, and no tool may disagree. Exits 0 or 1; the matrix goes to standard output either way.
"""
import logging
import os
import shutil
import subprocess
import sys
import tempfile
import warnings
import zipfile

import rdflib

rdflib.NORMALIZE_LITERALS = False
logging.getLogger("rdflib.term").setLevel(logging.CRITICAL)
warnings.filterwarnings("ignore", module="rdflib")

# Jena 4.5's riot from Debian's jars (libapache-jena-java and the jars it depends on).
# Debian's jena-core moves the Xerces classes it embeds to `xerces.*` but leaves their message
# files under org/apache/jena/ext/xerces/, so Jena fails at start-up ("internal error" in
# XSSimpleTypeDecl); the message files are copied to where the classes look for them.
JENA_JARS = (
    "jena-arq jena-base jena-cmds jena-core jena-iri jena-dboe-base commons-cli commons-codec commons-compress "
    "commons-csv commons-io commons-lang3 dexx.collection gson guava httpclient httpcore jackson-core "
    "jackson-databind jackson-annotations jsonld-java protobuf slf4j-api slf4j-nop thrift titanium-json-ld "
    "jakarta.json-api"
).split()


def jena_classpath(work):
    jars = [f"/usr/share/java/{j}.jar" for j in JENA_JARS]
    if not all(os.path.exists(j) for j in jars) or not shutil.which("java"):
        return None
    with zipfile.ZipFile("/usr/share/java/jena-core.jar") as z:
        for n in z.namelist():
            if n.startswith("org/apache/jena/ext/xerces/") and n.endswith(".properties"):
                out = os.path.join(work, n[len("org/apache/jena/ext/"):])
                os.makedirs(os.path.dirname(out), exist_ok=True)
                with open(out, "wb") as f:
                    f.write(z.read(n))
    return ":".join([work] + jars)


FORMATS = {
    # file: (rdflib name, rapper name, serdi name, oxigraph name, has named graphs)
    "graph.ttl": ("turtle", "turtle", "turtle", "ttl", False),
    "graph.trig": ("trig", "trig", "trig", "trig", True),
    "graph.nt": ("nt", "ntriples", "ntriples", "nt", False),
    "graph.nq": ("nquads", "nquads", "nquads", "nq", True),
    "graph.rdf": ("xml", "rdfxml", None, "rdf", False),
    "graph.jsonld": (None, None, None, "jsonld", True),
}


def quads(nq_text, graphs):
    ds = rdflib.Dataset()
    ds.parse(data=nq_text, format="nquads")
    if graphs:
        return {(s, p, o, g) for s, p, o, g in ds.quads((None, None, None, None))}
    return {(s, p, o) for s, p, o, _ in ds.quads((None, None, None, None))}


def run(args):
    p = subprocess.run(args, capture_output=True, text=True)
    if p.returncode != 0:
        raise RuntimeError(p.stderr[-1000:])
    return p.stdout


def rdflib_reader(path, fmt):
    ds = rdflib.Dataset()
    ds.parse(path, format=fmt)
    return ds.serialize(format="nquads")


def main():
    d = sys.argv[1]
    nq_path = os.path.join(d, "graph.nq")
    nq = open(nq_path, encoding="utf-8").read()
    want = {True: quads(nq, True), False: quads(nq, False)}
    failures = []
    matrix = []
    jena_work = tempfile.mkdtemp(prefix="jena-")
    jena = jena_classpath(jena_work)
    for name, (rl, rp, sd, ox, graphs) in FORMATS.items():
        path = os.path.join(d, name)
        readers = []
        if rl:
            readers.append(("rdflib", lambda path=path, rl=rl: rdflib_reader(path, rl)))
        if rp and shutil.which("rapper"):
            readers.append(("rapper", lambda path=path, rp=rp: run(["rapper", "-q", "-i", rp, "-o", "nquads", path, "http://example.org/base/"])))
        if sd and shutil.which("serdi"):
            readers.append(("serdi", lambda path=path, sd=sd: run(["serdi", "-i", sd, "-o", "nquads", path])))
        if ox and shutil.which("oxigraph"):
            readers.append(("oxigraph", lambda path=path, ox=ox: run(["oxigraph", "convert", "--from-file", path, "--from-format", ox, "--to-format", "nq"])))
        if jena and name == "graph.jsonld":
            # Jena 4.5 reads JSON-LD 1.1 with Titanium, which needs a Jakarta JSON Processing
            # implementation that Debian does not package (only the API): LOADING_DOCUMENT_FAILED.
            matrix.append((name, "jena riot", "not run: Debian has no JSON-P implementation for Titanium"))
        elif jena:
            readers.append(("jena riot", lambda path=path: run(["java", "-cp", jena, "riotcmd.riot", "--output=nquads", path])))
        agreed = []
        for tool, read in readers:
            try:
                got = quads(read(), graphs)
            except Exception as e:  # noqa: BLE001 - a tool that fails is a failure to report
                matrix.append((name, tool, f"fails: {str(e)[:300]}"))
                failures.append(f"{tool} cannot read {name}")
                continue
            if got == want[graphs]:
                matrix.append((name, tool, f"same {'dataset' if graphs else 'graph'}: {len(got)} statements"))
                agreed.append(tool)
            else:
                matrix.append((name, tool, f"differs: {len(got - want[graphs])} extra, {len(want[graphs] - got)} missing"))
                failures.append(f"{tool} reads {name} differently")
        if name == "graph.jsonld":
            here = os.path.dirname(os.path.abspath(__file__))
            for proc in ("pyld", "rdflib"):
                r = subprocess.run([sys.executable, os.path.join(here, "jsonld_roundtrip.py"), nq_path, path, "--processor", proc], capture_output=True, text=True)
                if r.returncode == 0:
                    matrix.append((name, proc, r.stdout.strip()))
                    agreed.append(proc)
                else:
                    matrix.append((name, proc, f"differs: {r.stderr[-300:]}"))
                    failures.append(f"{proc} reads {name} differently")
            modules = os.environ.get("JSONLD_JS_MODULES")
            if modules:
                r = subprocess.run(["node", os.path.join(here, "..", "js", "jsonld_canon.cjs"), modules, path, nq_path], capture_output=True, text=True)
                if r.returncode == 0:
                    matrix.append((name, "jsonld.js", r.stdout.strip()))
                    agreed.append("jsonld.js")
                else:
                    matrix.append((name, "jsonld.js", f"differs: {r.stderr[-300:]}"))
                    failures.append(f"jsonld.js reads {name} differently")
        if len(agreed) < 2:
            failures.append(f"{name} is read back by {len(agreed)} tools ({agreed}), not two")
    shutil.rmtree(jena_work, ignore_errors=True)
    if not jena:
        failures.append("no Jena riot: java and Debian's libapache-jena-java (scripts/setup.sh --python)")
    for row in matrix:
        print("\t".join(row))
    for f in failures:
        print(f, file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
