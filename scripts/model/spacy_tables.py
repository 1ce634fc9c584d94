#!/usr/bin/env python3
"""Writes the two tables of spaCy's own code that the Rust port needs beside the model
package's data: the symbol ids (strings spaCy numbers instead of hashing) and the base
norm exceptions. Run once with Python spaCy installed (MIT licence, (c) ExplosionAI GmbH):

    python3 scripts/model/spacy_tables.py crates/newsgraph-extract/src/ner
"""
import sys
from pathlib import Path

import spacy
from spacy.lang.norm_exceptions import BASE_NORMS
from spacy.symbols import IDS

out = Path(sys.argv[1])
head = f"# spaCy {spacy.__version__}, MIT licence, (c) ExplosionAI GmbH. Written by scripts/model/spacy_tables.py.\n"
with open(out / "spacy_symbols.tsv", "w", encoding="utf-8") as f:
    f.write(head + "# spacy/symbols.pyx: strings whose id is this number instead of their hash.\n")
    for name, number in sorted(IDS.items(), key=lambda kv: kv[1]):
        if name:
            f.write(f"{name}\t{number}\n")
with open(out / "spacy_base_norms.tsv", "w", encoding="utf-8") as f:
    f.write(head + "# spacy/lang/norm_exceptions.py: norms every language gets, after the package's own.\n")
    for word, norm in BASE_NORMS.items():
        f.write(f"{word}\t{norm}\n")
