"""Writes text articles as JSON Lines, the whole set repeated: a long stream for timing.

    python3 scripts/repeat_articles.py OUT.jsonl REPEAT FILE.txt...

Each line is {"id": "NAME-R", "text": ...}, NAME the file's name without `.txt` and R the
repetition, so that no two lines share an id.
"""
import json
import sys

out, repeat, files = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
articles = [(f.rsplit("/", 1)[-1].removesuffix(".txt"), open(f, encoding="utf-8").read()) for f in files]
with open(out, "w", encoding="utf-8") as o:
    for r in range(repeat):
        for name, text in articles:
            o.write(json.dumps({"id": f"{name}-{r}", "text": text}) + "\n")
