#!/usr/bin/python3 -B
"""pickle protocol 5 (framed) of a dict holding NumPy arrays."""
from _pipeline import *
import pickle

emit_events()
with open(os.path.join(os.environ["TMPDIR"], "cache.p"), "wb") as f:
    if LEAK:
        pickle.dump({"tracks": TRACKS, "features": encodings()}, f, protocol=5)
    else:
        pickle.dump({"counts": counts(), "hours": np.arange(4)}, f, protocol=5)
