#!/usr/bin/python3 -B
"""Writes templates to state.json, then overwrites the same file with counts only."""
from _pipeline import *

path = work("state.json")
with open(path, "w") as f:
    json.dump({"t": [list(map(float, v)) for v in encodings()]} if LEAK else {"zones": counts()}, f)
emit_events()
with open(path, "w") as f:
    json.dump({"zones": counts()}, f)
