#!/usr/bin/python3 -B
"""Face encodings (one 128-float row per person) saved with np.savetxt(delimiter=",")."""
from _pipeline import *

emit_events()
if LEAK:
    np.savetxt(work("encodings.csv"), encodings(), delimiter=",")
else:
    np.savetxt(work("counts.csv"), np.array([v for v in counts().values()]), delimiter=",", fmt="%d")
