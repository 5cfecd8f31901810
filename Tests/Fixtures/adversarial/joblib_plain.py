#!/usr/bin/python3 -B
"""joblib.dump without compression: pickle frames with the array bytes written raw after them."""
from _pipeline import *
import joblib

emit_events()
if LEAK:
    joblib.dump(encodings().astype(np.float32), home("model", "gallery.pkl"))
else:
    joblib.dump(np.array(list(counts().values()), dtype=np.int64), home("model", "counts.pkl"))
