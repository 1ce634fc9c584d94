"""Checks a `newsgraph export --format neo4j-csv -o DIR` folder with Python's csv module.

    python3 tests/py/neo4j_csv_check.py DIR

Checks the headers neo4j-admin expects (nodes: id:ID, name, :LABEL; relationships:
:START_ID, :END_ID, :TYPE), that every row has as many fields as its header, that node ids
are unique, and that every relationship endpoint is a declared node id. Exit 0 when every
check passes, 1 otherwise.
"""

import csv
import sys
from pathlib import Path


def main(argv):
    if len(argv) != 2:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    folder = Path(argv[1])
    problems = []
    ids = set()
    duplicates = 0
    node_files = sorted(folder.glob("nodes-*.csv"))
    rel_files = sorted(folder.glob("relationships-*.csv"))
    if not node_files or not rel_files:
        problems.append(f"no node or relationship files in {folder}")
    for f in node_files:
        with open(f, newline="", encoding="utf-8") as fh:
            rows = list(csv.reader(fh))
        header = rows[0] if rows else []
        if header[:3] != ["id:ID", "name", ":LABEL"]:
            problems.append(f"{f.name}: header {header[:3]}")
        for i, r in enumerate(rows[1:], start=2):
            if len(r) != len(header):
                problems.append(f"{f.name}:{i}: {len(r)} fields, header has {len(header)}")
            if r and r[0] in ids:
                duplicates += 1
            if r:
                ids.add(r[0])
    if duplicates:
        problems.append(f"{duplicates} duplicate node ids")
    relationships = 0
    for f in rel_files:
        with open(f, newline="", encoding="utf-8") as fh:
            rows = list(csv.reader(fh))
        header = rows[0] if rows else []
        if header[:3] != [":START_ID", ":END_ID", ":TYPE"]:
            problems.append(f"{f.name}: header {header[:3]}")
        for i, r in enumerate(rows[1:], start=2):
            relationships += 1
            if len(r) != len(header):
                problems.append(f"{f.name}:{i}: {len(r)} fields, header has {len(header)}")
                continue
            for end in r[:2]:
                if end not in ids:
                    problems.append(f"{f.name}:{i}: endpoint {end} is not a declared node id")
    print(f"nodes: {len(ids)} in {len(node_files)} files, relationships: {relationships} in {len(rel_files)} files")
    for p in problems[:20]:
        print(f"FAIL {p}")
    print("ok" if not problems else f"{len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
