#!/usr/bin/python3 -B
"""np.savez_compressed gallery (deflated zip of .npy)."""
from _pipeline import *

emit_events()
if LEAK:
    np.savez_compressed(home("g.npz"), enc=encodings().astype(np.float32), ids=np.arange(PEOPLE))
else:
    np.savez_compressed(home("g.npz"), door=np.array(counts()["door"]), aisle=np.array(counts()["aisle-2"]))
