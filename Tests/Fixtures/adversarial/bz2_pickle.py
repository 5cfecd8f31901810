#!/usr/bin/python3 -B
"""A pickled dict of NumPy arrays in a bz2 stream."""
from _pipeline import *
import bz2, pickle

emit_events()
if LEAK:
    with bz2.open(home("state.bz2"), "wb") as f:
        pickle.dump({TRACKS[i]: v for i, v in enumerate(encodings())}, f, protocol=4)
else:
    with bz2.open(home("state.bz2"), "wb") as f:
        pickle.dump({"counts": counts(), "total": sum(map(sum, counts().values()))}, f, protocol=4)
