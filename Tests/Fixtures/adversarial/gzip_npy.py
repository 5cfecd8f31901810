#!/usr/bin/python3 -B
"""np.save into a gzip stream (gallery.npy.gz)."""
from _pipeline import *
import gzip

emit_events()
if LEAK:
    with gzip.open(work("gallery.npy.gz"), "wb") as f:
        np.save(f, encodings().astype(np.float32))
else:
    with gzip.open(work("counts.json.gz"), "wt") as f:
        json.dump(counts(), f)
