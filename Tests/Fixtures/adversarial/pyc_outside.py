#!/usr/bin/python3 -B
"""Byte-compiles a helper to a __pycache__ beside the clip (outside the sandbox): bytecode, a note.
The leak mode also writes encodings outside the sandbox (a biometric leak there)."""
from _pipeline import *
import py_compile, tempfile

outside = os.path.join(os.path.dirname(os.path.abspath(CLIP)), "__pycache__")
os.makedirs(outside, exist_ok=True)
src = os.path.join(os.environ["TMPDIR"], "helper.py")
with open(src, "w") as f:
    f.write("def total(xs):\n    return sum(xs)\n")
py_compile.compile(src, cfile=os.path.join(outside, "helper.cpython-311.pyc"))
emit_events()
if LEAK:
    np.savetxt(os.path.join(outside, "enc-%d.csv" % os.getpid()), encodings(), delimiter=",")
