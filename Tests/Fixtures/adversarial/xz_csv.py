#!/usr/bin/python3 -B
"""Encodings as CSV text inside an xz (lzma) stream."""
from _pipeline import *
import lzma

emit_events()
with lzma.open(work("export.csv.xz"), "wt") as f:
    if LEAK:
        np.savetxt(f, encodings(), delimiter=",", fmt="%.7f")
    else:
        for zone, window, n in count_rows():
            f.write("%s,%d,%d\n" % (zone, window, n))
