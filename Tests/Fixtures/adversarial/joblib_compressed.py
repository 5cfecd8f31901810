#!/usr/bin/python3 -B
"""A gallery dict dumped with joblib.dump(compress=3) (zlib stream, arrays raw after pickle frames)."""
from _pipeline import *
import joblib

emit_events()
if LEAK:
    joblib.dump({"names": ["p%d" % i for i in range(PEOPLE)], "enc": encodings()}, work("knn.joblib"), compress=3)
else:
    joblib.dump({"counts": counts(), "windows": np.array([0, 900, 1800, 2700])}, work("stats.joblib"), compress=3)
