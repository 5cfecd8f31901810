#!/usr/bin/python3 -B
"""Prints contract events; the leak mode adds a face's 68 landmarks as a flat list under an
innocent key in stderr JSON diagnostics; the clean mode prints bbox-only diagnostics."""
from _pipeline import *

emit_events()
if LEAK:
    pts = landmarks68()[0]
    print(json.dumps({"diag": [int(c) for c in pts.flatten()], "frame": 3}), file=sys.stderr)
else:
    print(json.dumps({"diag": [10, 20, 40, 110], "frame": 3}), file=sys.stderr)
