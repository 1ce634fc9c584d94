"""Reads a newsgraph GraphML export with networkx and checks what a user of it would expect.

    python3 tests/py/graphml_check.py FILE

Checks: nodes and edges are there; every node has a label and a type; a node labelled
"Rustem Umerov" of type Person has a headOf edge to a Delegation node whose represents edge
points to "Ukraine". Prints what it found; exit 0 when every check passes, 1 otherwise.
"""

import sys

import networkx as nx


def main(argv):
    if len(argv) != 2:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    g = nx.read_graphml(argv[1])
    problems = []
    print(f"nodes: {g.number_of_nodes()}, edges: {g.number_of_edges()}")
    if g.number_of_nodes() == 0 or g.number_of_edges() == 0:
        problems.append("no nodes or no edges")
    unlabelled = [n for n, d in g.nodes(data=True) if not d.get("label") or not d.get("type")]
    if unlabelled:
        problems.append(f"nodes without label or type: {unlabelled[:5]}")
    untyped = [(u, v) for u, v, d in g.edges(data=True) if not d.get("label")]
    if untyped:
        problems.append(f"edges without label: {untyped[:5]}")

    def edges(node, label):
        return [v for _, v, d in g.out_edges(node, data=True) if d.get("label") == label]

    umerov = [n for n, d in g.nodes(data=True) if d.get("label") == "Rustem Umerov" and d.get("type") == "Person"]
    if not umerov:
        problems.append('no Person node labelled "Rustem Umerov"')
    found = False
    for p in umerov:
        for deleg in edges(p, "headOf"):
            if g.nodes[deleg].get("type") != "Delegation":
                continue
            sides = [g.nodes[s].get("label") for s in edges(deleg, "represents")]
            print(f"{p} headOf {deleg} represents {sides}")
            if "Ukraine" in sides:
                found = True
    if umerov and not found:
        problems.append('"Rustem Umerov" heads no Delegation that represents "Ukraine"')
    for p in problems:
        print(f"FAIL {p}")
    print("ok" if not problems else f"{len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
