#!/usr/bin/env python3
"""Fails when a score falls below its floor.

Usage: check_floors.py FLOORS.json SET=REPORT.json ...
FLOORS.json maps a set name to {"overall_f1": x, "people.f1": y, ...}; a key is a path into
score.py's report ("overall_f1", or "<metric>.<field>" under "summary"), or a dotted path into
score_external.py's report ("timex.value_f1").
"""
import json
import sys


def value(report, key):
    if key == "overall_f1":
        return report["overall_f1"]
    if "summary" not in report:
        # score_external.py's report: a dotted path into it ("timex.relaxed.f1", "timex.value_f1")
        node = report
        for part in key.split("."):
            node = node[part]
        return node
    metric, field = key.split(".")
    return report["summary"][metric][field]


def main():
    floors = json.load(open(sys.argv[1]))
    failed = []
    for arg in sys.argv[2:]:
        name, path = arg.split("=", 1)
        report = json.load(open(path))["report"]
        for key, floor in floors.get(name, {}).items():
            got = value(report, key)
            status = "ok" if got >= floor else "BELOW FLOOR"
            print(f"{name:6} {key:24} {got:6.3f}  floor {floor:5.3f}  {status}")
            if got < floor:
                failed.append(f"{name} {key}")
    if failed:
        print("floors not met: " + ", ".join(failed))
        sys.exit(1)
    print("all floors met")


if __name__ == "__main__":
    main()
