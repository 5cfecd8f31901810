#!/usr/bin/python3 -B
"""A gallery dict dumped with joblib.dump(compress="lz4") (LZ4 frame through python3-lz4)."""
from _pipeline import *
import joblib

emit_events()
if LEAK:
    joblib.dump({"names": ["p%d" % i for i in range(PEOPLE)], "enc": encodings()}, work("gallery.joblib"), compress="lz4")
else:
    joblib.dump({"counts": counts(), "windows": np.array([0, 900, 1800, 2700])}, work("stats.joblib"), compress="lz4")
