#!/usr/bin/env -S python3 -B
"""Writes a PNG into TMPDIR; stdout is clean."""
from _leaky import *  # noqa: F401,F403  (clip, event, emit, unit_vector, JPEG, rng, TRACKS)
import base64, json, os, struct, sys  # noqa: E401

import tempfile, zlib
def chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)) + chunk(b"IDAT", zlib.compress(b"\x00\x80")) + chunk(b"IEND", b"")
for i in range(4):
    emit(event(i))
with open(os.path.join(tempfile.gettempdir(), "face_0001.png"), "wb") as f:
    f.write(png)
