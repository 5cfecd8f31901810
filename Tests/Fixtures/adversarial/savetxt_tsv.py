#!/usr/bin/python3 -B
"""Encodings as TSV with a header comment, np.savetxt(delimiter="\t", fmt="%.6f")."""
from _pipeline import *

emit_events()
if LEAK:
    np.savetxt(home("enc.tsv"), encodings(), delimiter="\t", fmt="%.6f", header="person features")
else:
    np.savetxt(home("counts.tsv"), np.array([[w, n] for w, n in enumerate(counts()["door"])]), delimiter="\t", fmt="%d",
               header="window count")
