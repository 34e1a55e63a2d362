#!/usr/bin/env python3
"""Writes the seed corpus of the `nip44_decrypt` fuzz target from the official
vectors: each file is the 32-byte conversation key followed by a payload, for every
`valid.encrypt_decrypt` and `invalid.decrypt` entry.

Run from the repository root: python3 nostr-nip44/tests/data/make_fuzz_corpus.py
"""
import json, os

here = os.path.dirname(os.path.abspath(__file__))
out = os.path.join(here, "..", "..", "..", "fuzz", "corpus", "nip44_decrypt")
os.makedirs(out, exist_ok=True)
v = json.load(open(os.path.join(here, "nip44.vectors.json")))["v2"]
cases = [("valid", c) for c in v["valid"]["encrypt_decrypt"]]
cases += [("invalid", c) for c in v["invalid"]["decrypt"]]
for i, (kind, c) in enumerate(cases):
    data = bytes.fromhex(c["conversation_key"]) + c["payload"].encode("utf-8")
    with open(os.path.join(out, f"{kind}-{i:02}"), "wb") as f:
        f.write(data)
print(len(cases), "seeds")
