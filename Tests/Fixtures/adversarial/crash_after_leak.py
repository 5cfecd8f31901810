#!/usr/bin/python3 -B
"""Writes templates, then crashes (exit 3) — a crash must not hide the leak."""
from _pipeline import *

np.savetxt(work("partial.csv"), encodings() if LEAK else np.array(list(counts().values())), delimiter=",")
emit_events()
os._exit(3)
